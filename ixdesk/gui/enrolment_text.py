"""What a student's card on the enrolment board says beyond its two lines: the tooltip
with the application answers, and the text the board's search looks in."""

from __future__ import annotations

import html

from ixdesk.services.enrolment import BoardRow
from ixdesk.services.folding import fold


def search_key(row: BoardRow) -> str:
    """What the board's search looks in: the names, school, email and application answers."""
    parts = (row.first_name, row.last_name, row.preferred_name, row.school, row.email)
    answers = (answer for _question, answer in row.answers)
    return fold(" ".join(part for part in (*parts, *answers) if part))


TOOLTIP_ANSWER = 400  # characters of each application answer a card's tooltip shows


def tooltip(summary: str, row: BoardRow) -> str:
    """A card's tooltip: who, then the application answers for this cohort, if any."""
    if not row.answers:
        return summary
    lines = [f"<p>{html.escape(summary)}</p><p><b>Application answers</b></p>"]
    for question, answer in row.answers:
        shown = answer if len(answer) <= TOOLTIP_ANSWER else answer[:TOOLTIP_ANSWER] + "…"
        lines.append(f"<p><i>{html.escape(question)}</i><br>{html.escape(shown)}</p>")
    return "<qt>" + "".join(lines) + "</qt>"
