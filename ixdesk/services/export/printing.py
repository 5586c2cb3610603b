"""How a sheet goes on paper: readable type, labels that fit, a logo, the organisation's paper.

Excel prints a sheet "fit to one page wide" by scaling it down, and a wide
table scaled down far enough is unreadable. So before a sheet is finished,
:func:`plan_page` decides, from the columns' natural widths and the paper:

1. the table fits the width at a scale that keeps the type at 10 pt or more:
   fit to width, as it is;
2. else long text columns (names, titles, places) are narrowed, never below
   their longest word nor 16 characters, and their text wraps onto more lines,
   until it fits at 10 pt; it is then fit to width if the type stays at 8 pt
   or more;
3. else the table is split: printed at 10 pt across as many pages as it takes,
   left to right then down, its first columns repeated on each page so every
   row is still known.

Sizes follow Excel's own: the default font is 11 pt Calibri, and a column
``w`` characters wide is ``7 w + 5`` pixels at 96 pixels an inch.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date
from typing import Any

from ixdesk import __version__
from ixdesk.services.export.cells import FORBIDDEN

MIN_WIDTH, MAX_WIDTH = 8, 50  # characters: a column's width from its content
FONT_POINTS = 11
COMFORTABLE_POINTS = 10
SMALLEST_POINTS = 8
WRAP_FLOOR = 16  # characters: a wrapped column is never narrower than this
REPEATED_COLUMNS = 2  # of a split table, on every page
MARGIN_INCHES = 0.4  # left and right
PIXELS_PER_INCH = 96
# (short side, long side) in inches
PAPER_INCHES = {"a4": (8.27, 11.69), "letter": (8.5, 11.0)}
LINE_POINTS = 15  # one line of 11 pt type
CHARS_PER_WIDTH = 1.3  # letters are narrower than the '0' a column's width counts
LOGO_HEIGHT = 56  # pixels: about 15 mm
LOGO_MAX_WIDTH = 220


@dataclass(frozen=True)
class PagePlan:
    """Column widths (characters) and how the table goes on paper."""

    widths: list[float]
    fit_width: bool  # scaled to one page wide
    scale: int  # percent, when not fit to width
    repeated: int  # columns repeated on every page across (a split table)

    @property
    def points(self) -> float:
        """The size of the type on paper when not fit to width."""
        return FONT_POINTS * self.scale / 100


def pixels(widths: list[float]) -> float:
    return sum(7 * width + 5 for width in widths)


def printable_pixels(paper: str, landscape: bool) -> float:
    short, long = PAPER_INCHES[paper]
    return ((long if landscape else short) - 2 * MARGIN_INCHES) * PIXELS_PER_INCH


def plan_page(natural: list[float], floors: list[float], paper: str, landscape: bool) -> PagePlan:
    """Widths and print set-up for a table whose columns want ``natural`` widths and
    may wrap down to ``floors`` (a floor at or above the natural width: never narrowed)."""
    room = printable_pixels(paper, landscape)
    comfortable = COMFORTABLE_POINTS / FONT_POINTS
    widths = list(natural)
    if room / pixels(widths) >= comfortable:
        return PagePlan(widths, fit_width=True, scale=100, repeated=0)
    floors = [
        min(max(floor, WRAP_FLOOR), width) for floor, width in zip(floors, widths, strict=True)
    ]
    while room / pixels(widths) < comfortable:
        slack = [width - floor for width, floor in zip(widths, floors, strict=True)]
        widest = max(range(len(widths)), key=slack.__getitem__)
        if slack[widest] <= 0:
            break
        widths[widest] -= min(slack[widest], 1.0)
    if room / pixels(widths) >= SMALLEST_POINTS / FONT_POINTS:
        return PagePlan(widths, fit_width=True, scale=100, repeated=0)
    scale = round(100 * comfortable)
    return PagePlan(widths, fit_width=False, scale=scale, repeated=REPEATED_COLUMNS)


def sheet_plan(
    fixed: list[int | None],
    seen: list[int],
    words: list[int],
    labels: float,
    paper: str | None,
    landscape: bool,
) -> PagePlan:
    """The plan of a finished sheet: its columns as wide as their content (``seen``:
    the longest line of each; ``fixed`` widths stay), the first one as wide as the
    heading's ``labels``. With ``paper`` the plan fits that paper (:func:`plan_page`);
    without (a data export), every column keeps its width, fit to one page wide."""
    natural = [
        float(width or min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))
        for width, longest in zip(fixed, seen, strict=True)
    ]
    if natural:  # the heading's labels are in the first column: they fit
        natural[0] = max(natural[0], labels)
    if paper is None:
        return PagePlan(natural, fit_width=True, scale=100, repeated=0)
    floors = [
        width if stays else word + 2.0
        for stays, width, word in zip(fixed, natural, words, strict=True)
    ]
    return plan_page(natural, floors, paper, landscape)


def bold_width(label: str) -> float:
    """Characters a bold heading label needs (bold letters are wider than '0')."""
    return len(label) * 1.1 + 1


def line_count(text: str, width: float) -> int:
    """Lines ``text`` takes, wrapped at word boundaries in a column ``width`` wide.

    Counted with a little room to spare: a row too tall wastes a little paper, a row
    too short hides a line of text.
    """
    room = max(width * CHARS_PER_WIDTH - 1, 1)
    lines = 0
    for paragraph in text.split("\n"):
        used, count = 0.0, 1
        for word in paragraph.split():
            size = len(word)
            if used and used + 1 + size > room:
                count, used = count + 1, 0.0
            if size > room:  # a word longer than the line is broken where the line ends
                count += int(size // room)
                size = int(size % room)
            used = used + 1 + size if used else size
        lines += count
    return lines


def row_height(cells: list[Any], widths: list[float], least: float | None) -> float | None:
    """The height (points) of a held row whose text wraps in columns ``widths`` wide;
    None when one line does (and no height ``least`` is asked for)."""
    lines = max(
        (
            line_count(payload, width)
            for (kind, payload, _style), width in zip(cells, widths, strict=True)
            if isinstance(payload, str)
        ),
        default=1,
    )
    if lines <= 1:
        return least
    return max(lines * LINE_POINTS + 2, least or 0)


def set_up_page(
    sheet: Any,
    plan: PagePlan,
    *,
    header_row: int,
    last_row: int,
    columns: int,
    landscape: bool,
    paper: int,
    grid: bool,
    header: tuple[str, str | None, str],
    logo: bytes | None,
) -> None:
    """Widths, frozen header row, filter and print set-up of a finished worksheet.

    ``header`` is (title, organisation, sheet name): the print header's left, centre
    and right; ``grid`` prints the gridlines (a data export), else only the screen
    shows them.
    """
    for index, width in enumerate(plan.widths):
        sheet.set_column(index, index, width)
    sheet.freeze_panes(header_row + 1, 0)
    sheet.autofilter(header_row, 0, last_row, max(columns - 1, 0))
    sheet.repeat_rows(header_row)
    sheet.ignore_errors({"number_stored_as_text": "A1:XFD1048576"})
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.set_paper(paper)
    if plan.fit_width:
        sheet.fit_to_pages(1, 0)
    else:  # split across pages at readable type, the first columns on each
        sheet.set_print_scale(plan.scale)
        sheet.repeat_columns(0, min(plan.repeated, columns) - 1)
        sheet.print_across()
    sheet.set_margins(left=MARGIN_INCHES, right=MARGIN_INCHES, top=0.75, bottom=0.75)
    sheet.hide_gridlines(0 if grid else 1)
    title, organisation, name = header
    left = f'&L&"-,Bold"{_header_text(title, 80)}'
    if organisation:  # on a line of its own: a long title leaves no room beside it
        left += f'\n&"-,Regular"{_header_text(organisation, 80)}'
    sheet.set_header(f"{left}&R{_header_text(name, 40)}")
    stamp = f"Written by ixdesk {__version__} on {date.today():%d %b %Y}"
    sheet.set_footer(f"&L{stamp}&RPage &P of &N")
    if logo is not None:
        sheet.insert_image(0, 0, "logo", logo_options(logo, pixels(plan.widths)))


def _header_text(text: str, limit: int) -> str:
    """Text for a print header: '&' doubled (it starts codes there), length bounded."""
    text = " ".join(FORBIDDEN.sub("", text).split())
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text.replace("&", "&&")


def logo_size(width: float, height: float) -> tuple[float, float]:
    """The scale (x, y) that shows a logo ``LOGO_HEIGHT`` pixels tall, at most
    ``LOGO_MAX_WIDTH`` wide."""
    scale = min(LOGO_HEIGHT / max(height, 1), LOGO_MAX_WIDTH / max(width, 1))
    return scale, scale


def logo_options(logo: bytes, right_edge: float) -> dict[str, Any]:
    """``insert_image`` options putting ``logo`` at the top right of a table whose right
    edge is ``right_edge`` pixels from the sheet's left."""
    from xlsxwriter.image import Image

    image = Image(io.BytesIO(logo))
    x_scale, y_scale = logo_size(image.width, image.height)
    shown = image.width * x_scale
    return {
        "image_data": io.BytesIO(logo),
        "x_scale": x_scale,
        "y_scale": y_scale,
        "x_offset": max(int(right_edge - shown), 0),
        "y_offset": 2,
        "object_position": 3,  # stays where it is when columns are resized
        "description": "Organisation logo",
    }
