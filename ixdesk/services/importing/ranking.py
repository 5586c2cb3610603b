"""Students' rankings of business problems, in the three shapes sign-up forms write them.

* **One column, choices in order** (Microsoft Forms' ranking question): a
  header such as "Rank the projects" holding "Footfall forecasting;Churn
  dashboard;…" (separated by ";" or line breaks).
* **A column per place**: "1st choice", "2nd choice" …, "Choice 1",
  "First preference", each holding a problem's name.
* **A grid** (Google Forms): a column per problem, "Rank the projects
  [Footfall forecasting]", holding "1st choice", "2nd choice" … (or 1, 2 …).

All such columns of a file go to the one field ``problem_choices``; each
row's names are put in order and matched to the business problems like any
typed value (:mod:`.values`: the same name exactly, or a mapping the
coordinator confirmed). A name that matches nothing is left out of that
student's ranking with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process

from ixdesk.services.folding import fold

PROBLEM_CHOICES = "problem_choices"
PROBLEM_SCORE = 85.0  # rapidfuzz WRatio from which a typed name is offered as a problem
_WORDS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
          "tenth")  # fmt: skip
_PLACE = r"(\d{1,2})\s*(?:st|nd|rd|th)?|" + "|".join(_WORDS)
_KIND = r"(?:choice|preference|option|priority|pick|rank(?:ing)?)"
_BEFORE = re.compile(rf"(?:my\s+)?({_PLACE})\s+(?:most\s+preferred\s+)?{_KIND}")
_AFTER = re.compile(rf"{_KIND}\s*(?:no\.?|number|#)?\s*({_PLACE})")
_GRID = re.compile(r"(.*?)\s*\[\s*(.+?)\s*\]\s*")
_LIST_WORDS = ("rank", "ranking", "order of preference", "preferences", "preferred")
_TOPIC_WORDS = ("project", "problem", "topic", "challenge", "brief", "case")
_SPLIT = re.compile(r"\s*(?:;|\n|\r)+\s*")


@dataclass(frozen=True)
class Shape:
    """How one column holds a ranking: ``place`` (it is the Nth choice), ``problem`` (a grid
    column: the rank of that problem), or neither (a list of names in order)."""

    place: int | None = None
    problem: str | None = None


def _place(text: str) -> int | None:
    text = text.strip()
    if text in _WORDS:
        return _WORDS.index(text) + 1
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else None


def _plain(header: str) -> str:
    return " ".join(re.sub(r"[^\w#\[\]]+", " ", fold(header)).split())


def column_shape(header: str) -> Shape | None:
    """The ranking shape a header announces, or None when it is no ranking column."""
    grid = _GRID.fullmatch(header.strip())
    if grid and any(
        word in _plain(grid.group(1)) for word in ("rank", "choice", "prefer", "priorit")
    ):
        return Shape(problem=grid.group(2))
    plain = _plain(header)
    for pattern in (_BEFORE, _AFTER):
        found = pattern.fullmatch(plain)
        if found and (place := _place(found.group(1))) is not None and place > 0:
            return Shape(place=place)
    if any(w in plain for w in _LIST_WORDS) and any(w in plain for w in _TOPIC_WORDS):
        return Shape()
    return None


def cell_place(cell: Any) -> int | None:
    """The rank a grid cell gives: "1st choice", "First", "Rank 2", 3 (None: not ranked)."""
    if isinstance(cell, bool) or cell is None:
        return None
    if isinstance(cell, int | float):
        return int(cell) if cell >= 1 else None
    plain = _plain(str(cell))
    for pattern in (_BEFORE, _AFTER):
        found = pattern.fullmatch(plain)
        if found:
            return _place(found.group(1))
    return _place(plain) if re.fullmatch(rf"(?:{_PLACE})", plain) else None


def row_rankings(
    headers: Sequence[str], columns: Sequence[Sequence[Any]]
) -> list[tuple[str, ...] | None]:
    """Each row's problem names, first choice first (None: the row ranks nothing)."""
    shapes = [column_shape(header) or Shape() for header in headers]
    found: list[tuple[str, ...] | None] = []
    for cells in zip(*columns, strict=True):
        placed: list[tuple[float, int, str]] = []
        for position, (shape, cell) in enumerate(zip(shapes, cells, strict=True)):
            if shape.problem is not None:
                rank = cell_place(cell)
                if rank is not None:
                    placed.append((rank, position, shape.problem))
            elif isinstance(cell, str) and cell.strip():
                names = _SPLIT.split(cell.strip())
                base = shape.place if shape.place is not None else 1
                for offset, name in enumerate(n for n in names if n):
                    placed.append((base + offset / 100, position, name))
        names = []
        for _rank, _position, name in sorted(placed):
            if fold(name) not in {fold(n) for n in names}:
                names.append(name)
        found.append(tuple(names) or None)
    return found


def typed_names(headers: Sequence[str], columns: Sequence[Sequence[Any]]) -> list[str]:
    """Every distinct name the ranking columns use, in the order first seen."""
    seen: dict[str, str] = {}
    for ranking in row_rankings(headers, columns):
        for name in ranking or ():
            seen.setdefault(" ".join(fold(name).split()), name)
    return list(seen.values())


def nearest_problem(name: str, titles: Sequence[str]) -> tuple[str | None, bool]:
    """(the problem title a typed name means, sure?): the same title folded is sure, a close
    one (rapidfuzz WRatio ≥ 85) is only a suggestion."""
    key = " ".join(fold(name).split())
    keys = [" ".join(fold(title).split()) for title in titles]
    if key in keys:
        return titles[keys.index(key)], True
    found = process.extractOne(key, keys, scorer=fuzz.WRatio, score_cutoff=PROBLEM_SCORE)
    return (None, False) if found is None else (titles[found[2]], False)
