"""Instructor mode's Attendance tab: the attendance grid of one instructor's own groups.

The same grid and keys as the cohort workspace's (P, L, A, E, Delete), shown one group
at a time, chosen under Show from the groups the instructor leads or assists; nobody
else's group is ever listed. Besides marks, the one thing it changes is the rubric of
the group's students (Feedback…); sessions, the partner company's feedback and the
instructor's workbook stay the coordinator's.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QWidget

from ixdesk.gui.attendance_view import AttendanceView
from ixdesk.gui.feedback_dialog import edit_feedback
from ixdesk.gui.workbench import Workbench
from ixdesk.services.instructor_view import InstructorGroup, instructor_groups
from ixdesk.services.reads import reads_of
from ixdesk.services.running import attendance as at


class InstructorAttendance(AttendanceView):
    """Marks and rubric for the groups of one instructor, one group at a time."""

    HINT = "Keys: P present · L late · A absent · E excused · Delete clears · arrows move."

    def __init__(
        self, workbench: Workbench, instructor_id: str, parent: QWidget | None = None
    ) -> None:
        self.instructor_id = instructor_id
        self.groups: list[InstructorGroup] = []
        super().__init__(workbench, parent)
        self.scope.setAccessibleName("Show the attendance of the group")
        self.scope.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

    def reads(self) -> frozenset[str]:
        return reads_of(at.attendance_grid, instructor_groups)

    def _add_tools(self, bar: QHBoxLayout) -> None:
        self.feedback_button = self._button(bar, "&Feedback…", "edit", self.edit_feedback)
        self.feedback_button.setToolTip("The rubric of the students of the group shown")

    def load(self) -> at.AttendanceGrid | None:
        chosen = self.scope.currentData()
        self.groups = instructor_groups(self.database, self.instructor_id)
        self.scope.blockSignals(True)
        self.scope.clear()
        for mine in self.groups:
            self.scope.addItem(f"{mine.name} · {mine.cohort}", mine.group_id)
        self.scope.setCurrentIndex(max(self.scope.findData(chosen), 0))
        self.scope.blockSignals(False)
        self.feedback_button.setEnabled(bool(self.groups))
        group = self.group()
        if group is None:
            self.cohort_id = None
            return None
        self.cohort_id = group.cohort_id
        return at.attendance_grid(self.database, group.cohort_id, group.group_id)

    def group(self) -> InstructorGroup | None:
        """The group shown (None: the instructor has no group)."""
        chosen = self.scope.currentData()
        return next((group for group in self.groups if group.group_id == chosen), None)

    def edit_feedback(self) -> None:
        """The rubric of the group shown; the company's feedback is shown, not changed."""
        group = self.group()
        if group is not None:
            edit_feedback(self.workbench, group.group_id, self, company=False)
