"""What a student's card on the enrolment board says beyond its two lines: the tag in
its corner (when they applied, no group), why it has a warning icon (no guardian's
consent), the tooltip with the application answers, and the text the board's search
looks in."""

from __future__ import annotations

import html

from ixdesk.db.enums import ConsentPurpose
from ixdesk.db.enums import EnrolmentStatus as ES
from ixdesk.gui.record_model import display_text
from ixdesk.services.enrolment import BoardRow
from ixdesk.services.folding import fold
from ixdesk.services.kinds import DATE
from ixdesk.services.privacy.consent import WITHDRAWN, gap_sentence


def card_tag(row: BoardRow, long: bool = False) -> str:
    """What the column needs to know at a glance: when they applied, or no group; said in
    full (``long``), also a minor without a valid consent to take part."""
    parts = []
    if row.consent is not None and long:  # on the card itself: a warning icon
        parts.append("consent withdrawn" if row.consent == WITHDRAWN else "no consent yet")
    if row.status in (ES.APPLIED, ES.ACCEPTED) and row.applied_on is not None:
        day = display_text(row.applied_on, DATE)
        parts.append(f"applied {day}" if long else day.rsplit(" ", 1)[0])
    elif row.status == ES.ENROLLED and not row.in_group:
        parts.append("no group yet" if long else "no group")
    return " · ".join(parts)


def why_marked(row: BoardRow) -> str:
    """Why the card has a warning icon, in one sentence (empty when it has none)."""
    return "" if row.consent is None else gap_sentence(ConsentPurpose.PARTICIPATION, row.consent)


def search_key(row: BoardRow) -> str:
    """What the board's search looks in: the names, school, email and application answers."""
    parts = (row.first_name, row.last_name, row.preferred_name, row.school, row.email)
    answers = (answer for _question, answer in row.answers)
    return fold(" ".join(part for part in (*parts, *answers) if part))


TOOLTIP_ANSWER = 400  # characters of each application answer a card's tooltip shows


def tooltip(summary: str, row: BoardRow) -> str:
    """A card's tooltip: who, why it is marked, then the application answers for this
    cohort, if any."""
    why = why_marked(row)
    if not row.answers:
        return f"{summary}\n{why}" if why else summary
    lines = [f"<p>{html.escape(text)}</p>" for text in (summary, why) if text]
    lines.append("<p><b>Application answers</b></p>")
    for question, answer in row.answers:
        shown = answer if len(answer) <= TOOLTIP_ANSWER else answer[:TOOLTIP_ANSWER] + "…"
        lines.append(f"<p><i>{html.escape(question)}</i><br>{html.escape(shown)}</p>")
    return "<qt>" + "".join(lines) + "</qt>"
