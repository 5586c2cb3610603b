"""The sign-up form's ranking of business problems: first, second and third choice.

Three lists side by side, first choice first, each offering the business
problems the chosen cohort offers; Tab moves from one to the next, typing a
title's first letters or the arrow keys pick one. Choices are optional: a
blank one is skipped, and the same problem chosen twice is refused before
saving.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QHBoxLayout, QLabel

from ixdesk.services.events.problems import OfferedProblem

CHOICES = ("1st choice", "2nd choice", "3rd choice")
ToolTip = Qt.ItemDataRole.ToolTipRole


class ProblemRanking:
    """The choice lists side by side, first choice first, as one row of the form."""

    def __init__(self, form: QFormLayout) -> None:
        row = QHBoxLayout()
        self.lists: list[QComboBox] = []
        for number, text in enumerate(CHOICES, start=1):
            choice = QComboBox()
            choice.setObjectName(f"choice{number}")
            choice.setAccessibleName(f"Business problem, {text}")
            choice.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            choice.setMinimumContentsLength(8)
            row.addWidget(choice, 1)
            self.lists.append(choice)
        self.label = QLabel("&Business problems")
        self.label.setBuddy(self.lists[0])
        self.label.setToolTip("Optional: the student's 1st, 2nd and 3rd choice, left to right.")
        form.addRow(self.label, row)
        self.offer([])

    def offer(self, problems: Sequence[OfferedProblem]) -> None:
        """Offer these problems in every list (keeping choices still offered)."""
        kept = self.choices()
        titles = Counter(problem.title for problem in problems)
        for choice, text in zip(self.lists, CHOICES, strict=True):
            choice.clear()
            choice.addItem(f"({text})", None)
            for problem in problems:
                # The title says it; the company too when two problems share a title.
                text = problem.describe() if titles[problem.title] > 1 else problem.title
                choice.addItem(text, problem.id)
                choice.setItemData(choice.count() - 1, problem.describe(), ToolTip)
            choice.setToolTip(f"{text} (optional)")
            # The list, when open, shows whole titles however narrow the field is.
            choice.view().setMinimumWidth(choice.view().sizeHintForColumn(0) + 24)
        for widget in (self.label, *self.lists):
            widget.setVisible(bool(problems))
        self.set_choices(kept)

    def choices(self) -> list[str]:
        """The problems chosen, first choice first (blank choices skipped)."""
        return [str(each) for each in (c.currentData() for c in self.lists) if each is not None]

    def set_choices(self, problem_ids: Sequence[str]) -> None:
        wanted = [each for each in problem_ids if self.lists[0].findData(each) >= 0]
        for index, choice in enumerate(self.lists):
            found = choice.findData(wanted[index]) if index < len(wanted) else 0
            choice.setCurrentIndex(max(0, found))

    def problem(self) -> str | None:
        """A sentence when something must be put right before saving."""
        chosen = self.choices()
        if len(set(chosen)) != len(chosen):
            return "Each business problem can be chosen once; change the repeated choice."
        return None

    def first_repeat(self) -> QComboBox | None:
        seen: set[str] = set()
        for choice in self.lists:
            value = choice.currentData()
            if value is not None and value in seen:
                return choice
            if value is not None:
                seen.add(value)
        return None
