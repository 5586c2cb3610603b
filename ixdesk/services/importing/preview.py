"""The words the import preview shows: a row's name, problems, matches and choice.

Made from the file's own cells (an invalid row has no checked values to
show) and from the plan; nothing here touches Qt, so the sentences a
coordinator reads are tested without a window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ixdesk.services.folding import fold
from ixdesk.services.importing import Duplicate, ImportPlan, PlannedRow
from ixdesk.services.importing.fields import FIELD_BY_NAME
from ixdesk.services.importing.result import joining
from ixdesk.services.importing.session import CHOICE_LABELS, NOUNS, counted
from ixdesk.services.record_kinds import Kind
from ixdesk.services.validation import ERROR, quoted, shown


@dataclass(frozen=True)
class ComparedField:
    """One line of a duplicate shown side by side."""

    label: str
    existing: str
    incoming: str
    differs: bool


def shown_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, tuple | list):
        return ", ".join(shown_value(each) for each in value)
    return shown(value)


class PreviewText:
    """The words the preview shows for one plan's rows, from the file's own cells."""

    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        columns = {header: index for index, header in enumerate(plan.table.headers)}

        def column(name: str) -> int | None:
            header = plan.mapping.header_for(name)
            return columns.get(header) if header is not None else None

        if plan.kind == Kind.COMPANIES:
            names = [column("name"), column("contact_name")]
            self._separator = " · "
        elif column("full_name") is not None:
            names, self._separator = [column("full_name")], " "
        else:
            names, self._separator = [column("first_name"), column("last_name")], " "
        self._names = [index for index in names if index is not None]
        self._email = column("contact_email" if plan.kind == Kind.COMPANIES else "email")
        self.specs = FIELD_BY_NAME[plan.kind]

    def _cells(self, row: PlannedRow) -> list[Any]:
        return self.plan.table.rows[row.index]

    def name(self, row: PlannedRow) -> str:
        cells = self._cells(row)
        parts = [shown(cells[index]) for index in self._names if cells[index] not in ("", None)]
        return self._separator.join(parts)

    def email(self, row: PlannedRow) -> str:
        if self._email is None:
            return ""
        value = self._cells(row)[self._email]
        return "" if value in ("", None) else shown(value)

    @staticmethod
    def problems(row: PlannedRow) -> str:
        return "; ".join(
            f"{problem.column}: {problem.message}" if problem.column else problem.message
            for problem in row.all_problems
        )

    @staticmethod
    def has_errors(row: PlannedRow) -> bool:
        return any(problem.severity == ERROR for problem in row.problems)

    @staticmethod
    def has_warnings(row: PlannedRow) -> bool:
        return any(problem.severity != ERROR for problem in row.all_problems)

    @staticmethod
    def near_duplicate(row: PlannedRow) -> bool:
        """Flagged for a look: probably the same person or company under another key."""
        return bool(row.warnings)

    def duplicate(self, row: PlannedRow) -> str:
        """What the row matches, in a few words ("" when nothing)."""
        parts = [self.describe_duplicate(duplicate) for duplicate in row.duplicates]
        if self.near_duplicate(row):
            parts.append("looks like another record: check")
        return "; ".join(parts)

    def describe_duplicate(self, duplicate: Duplicate) -> str:
        if duplicate.matched == "file":
            text = f"same {duplicate.record} as row {duplicate.other_row}"
        else:
            text = f"{duplicate.record} already in ixdesk"
        if duplicate.differences:
            labels = [self.label(name).lower() for name in duplicate.differences]
            text += f", differs in {', '.join(labels)}"
        else:
            text += ", same values"
        return text[0].upper() + text[1:]

    def choice(self, row: PlannedRow) -> str:
        """The choice that decides a differing duplicate row ("" when none applies)."""
        if not any(duplicate.differences for duplicate in row.duplicates):
            return ""
        if row.choice is not None:
            return CHOICE_LABELS[row.choice]
        return f"{CHOICE_LABELS[self.plan.on_duplicate]} (for all)"

    def label(self, name: str) -> str:
        spec = self.specs.get(name)
        return spec.label if spec is not None else name.replace("_", " ").capitalize()

    def compare(self, duplicate: Duplicate) -> list[ComparedField]:
        names = list(duplicate.incoming)
        names += [name for name in duplicate.existing if name not in duplicate.incoming]
        differs = set(duplicate.differences)
        return [
            ComparedField(
                self.label(name),
                shown_value(duplicate.existing.get(name)),
                shown_value(duplicate.incoming.get(name)),
                name in differs,
            )
            for name in names
        ]

    def search_texts(self) -> list[str]:
        """One folded text per row (its cells and problems) for the preview's search box."""
        rows = self.plan.table.rows
        texts: list[str] = []
        for row in self.plan.rows:
            cells = " ".join(shown(cell) for cell in rows[row.index] if cell not in ("", None))
            problems = " ".join(problem.message for problem in row.problems)
            texts.append(fold(f"{row.row_number} {cells} {problems}"))
        return texts


def blocked_reason(plan: ImportPlan, skip_invalid: bool) -> str | None:
    """Why Import cannot go ahead yet, in a sentence; None when it can."""
    invalid = plan.counts["invalid"]
    if invalid and not skip_invalid:
        return (
            f"{counted(invalid, 'row is', 'rows are')} invalid, so nothing can be imported "
            "yet. Fix the file and read it again, save the invalid rows to fix them later, or "
            "import the valid rows and leave out the invalid ones."
        )
    if not plan.has_changes:
        if invalid and invalid == len(plan.rows):
            return "Nothing to import: every row is invalid."
        return "Nothing to import: every valid row is already in ixdesk as it is."
    return None


def what_will_happen(plan: ImportPlan, skip_invalid: bool) -> list[str]:
    """The lines the confirmation page shows before anything is written."""
    one, many = NOUNS[plan.kind]
    counts = plan.counts
    lines = [f"From {plan.table.path.name} ({plan.table.describe().partition(': ')[2]}):"]
    if counts["new"]:
        lines.append(f"{counted(counts['new'], 'new ' + one, 'new ' + many)} will be added.")
    if counts["updated"]:
        lines.append(f"{counted(counts['updated'], one, many)} will be updated.")
    kept = counts["unchanged"] + counts["skipped"]
    if kept:
        lines.append(
            f"{counted(kept, 'row matches', 'rows match')} a record that stays as it is "
            f"({counts['unchanged']:,} unchanged, {counts['skipped']:,} skipped)."
        )
    if counts["repeated"]:
        lines.append(
            f"{counted(counts['repeated'], 'row repeats', 'rows repeat')} an earlier row of "
            f"the file (repeated), so no {one} is added twice."
        )
    if counts["invalid"] and skip_invalid:
        lines.append(f"{counted(counts['invalid'], 'invalid row')} will be left out.")
    if plan.enrolments:
        lines.append(
            f"{counted(len(plan.enrolments), 'student')} will be added to "
            f"{joining(plan.cohort_name, plan.enrolment_status)}."
        )
    if plan.tracks_to_create:
        names = ", ".join(sorted(plan.tracks_to_create.values()))
        lines.append(f"New tracks: {names}.")
    answered = len(plan.answers_to_add())
    if answered:
        whose = counted(answered, "student's", "students'")
        where = f" for {quoted(plan.cohort_name)}" if plan.cohort_name else ""
        lines.append(f"{whose} application answers will be kept{where}.")
    ranked = len(plan.choices_to_add())
    if ranked:
        whose = counted(ranked, "student's", "students'")
        lines.append(
            f"{whose} rankings of business problems will be kept for “{plan.cohort_name}”."
        )
    return lines
