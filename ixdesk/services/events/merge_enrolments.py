"""Merging enrolments and application answers made at an event (see :mod:`.merge`)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select

from ixdesk.db import models as m
from ixdesk.services.events.copyfile import CopyContents
from ixdesk.services.events.journal import (
    ANSWERS,
    CHUNK,
    ENROLMENTS,
    STUDENTS,
    TABLES,
)
from ixdesk.services.events.merge_base import MergeBase
from ixdesk.services.events.report import CopyReport
from ixdesk.services.events.state import DELETED_HERE
from ixdesk.services.events.values import (
    ANSWER_FIELDS,
    DELETED,
    ENROLMENT_FIELDS,
    typed_row,
)


class EnrolmentMerge(MergeBase):
    """Enrolments and application answers: new ones come in with their student."""

    # --- enrolments and application answers ---
    def _enrolments(self, copy: CopyContents, counts: CopyReport) -> None:
        rows = copy.enrolments
        table = TABLES[ENROLMENTS]
        main = self._main_rows(table, [str(row["id"]) for row in rows])
        students = self._students_here({str(row["student_id"]) for row in rows})
        cohorts = self._deleted_cohorts()
        enrolled = self._live_enrolments(set(students))
        for row in rows:
            record_id = str(row["id"])
            ledger = self.ledger.get((copy.copy_id, record_id))
            if ledger is not None and ledger["copy_version"] == row["version"]:
                continue
            values = self._laptop_values(ENROLMENTS, row)
            here = main.get(record_id)
            if here is None:
                student_id, cohort_id = str(row["student_id"]), str(row["cohort_id"])
                if row[DELETED]:
                    pass
                elif (student_id, cohort_id) in enrolled:
                    counts.counts["already_enrolled"] += 1
                elif self._enrol(copy, record_id, row, values, students, cohorts):
                    enrolled.add((student_id, cohort_id))
                    counts.counts["enrolments"] += 1
            elif ledger is not None:
                base, known = dict(ledger["merged"]), frozenset(ENROLMENT_FIELDS)
                self._three_way(copy, ENROLMENTS, here, values, row[DELETED], base, known, counts)
            self._note(
                copy,
                ENROLMENTS,
                record_id,
                row["version"],
                {**values, DELETED: row[DELETED]},
                ledger,
            )

    def _enrol(
        self,
        copy: CopyContents,
        record_id: str,
        row: dict[str, Any],
        values: dict[str, Any],
        students: dict[str, datetime | None],
        cohorts: dict[str, datetime],
    ) -> bool:
        student_id, cohort_id = str(row["student_id"]), str(row["cohort_id"])
        if student_id not in students:
            return False  # its student never came in (removed at the event before a merge)
        deleted_at = students[student_id] or cohorts.get(cohort_id)
        if students[student_id] is not None and student_id not in self.held:
            change = {"enrolment": cohort_id}
            self.reviews.deleted(
                DELETED_HERE, STUDENTS, student_id, copy.copy_id, copy.name, change
            )
        self.pending.rows[ENROLMENTS][record_id] = {
            **typed_row(TABLES[ENROLMENTS], values),
            "id": record_id,
            "student_id": student_id,
            "cohort_id": cohort_id,
            "status_changed_at": self.now,
            **self._new_stamp(deleted_at),
        }
        return True

    def _students_here(self, ids: set[str]) -> dict[str, datetime | None]:
        """Each of these students' deletion stamp here (None: live), pending ones too."""
        found = {i: row["deleted_at"] for i, row in self.pending.rows[STUDENTS].items() if i in ids}
        missing = sorted(ids - set(found))
        s = TABLES[STUDENTS]
        for start in range(0, len(missing), CHUNK):
            chunk = missing[start : start + CHUNK]
            for record_id, deleted_at in self.connection.execute(
                select(s.c.id, s.c.deleted_at).where(s.c.id.in_(chunk))
            ):
                found[str(record_id)] = deleted_at
        return found

    def _deleted_cohorts(self) -> dict[str, datetime]:
        c = m.Cohort.__table__
        rows = self.connection.execute(
            select(c.c.id, c.c.deleted_at).where(c.c.deleted_at.is_not(None))
        )
        return {str(cohort_id): deleted_at for cohort_id, deleted_at in rows}

    def _live_enrolments(self, student_ids: set[str]) -> set[tuple[str, str]]:
        e = TABLES[ENROLMENTS]
        found = {
            (str(r["student_id"]), str(r["cohort_id"]))
            for r in self.pending.rows[ENROLMENTS].values()
            if r["deleted_at"] is None
        }
        wanted = sorted(student_ids - set(self.pending.rows[STUDENTS]))
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            statement = select(e.c.student_id, e.c.cohort_id).where(
                e.c.student_id.in_(chunk), e.c.deleted_at.is_(None)
            )
            found.update((str(a), str(b)) for a, b in self.connection.execute(statement))
        return found

    def _answers(self, copy: CopyContents, counts: CopyReport) -> None:
        """Application answers made at the event come in with their student (never changed)."""
        rows = [row for row in copy.answers if not row[DELETED]]
        main = self._main_rows(TABLES[ANSWERS], [str(row["id"]) for row in rows])
        students = self._students_here({str(row["student_id"]) for row in rows})
        for row in rows:
            record_id, student_id = str(row["id"]), str(row["student_id"])
            if record_id in main or student_id not in students:
                continue
            self.pending.rows[ANSWERS][record_id] = {
                **typed_row(TABLES[ANSWERS], {n: row[n] for n in ANSWER_FIELDS}),
                "id": record_id,
                "student_id": student_id,
                "cohort_id": row["cohort_id"],
                **self._new_stamp(students[student_id]),
            }
            counts.counts["answers"] += 1
