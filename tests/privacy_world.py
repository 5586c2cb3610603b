"""A small world for the privacy tests: a partner company, a group, minors and an adult."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.services.operations import OperationContext, run_operation

MINOR_BORN = date(date.today().year - 15, 1, 1)
ADULT_BORN = date(date.today().year - 25, 1, 1)
CONSENTED = datetime(2026, 1, 10, 9, tzinfo=UTC)


def build(database: Database) -> dict[str, Any]:
    """Acme with a problem; one group of three: Zoë (minor, partner consent), Kofi
    (minor, participation only) and Ada (adult, no consent at all)."""
    ids: dict[str, Any] = {}

    def work(context: OperationContext) -> None:
        session = context.session

        def add(record: Any) -> Any:
            session.add(record)
            session.flush()
            return record

        acme = add(m.PartnerCompany(name="Acme"))
        problem = add(m.BusinessProblem(company_id=acme.id, title="Checkout"))
        cohort = add(m.Cohort(name="Spring 2026", status="running"))
        group = add(
            m.StudentGroup(cohort_id=cohort.id, name="Group 1", business_problem_id=problem.id)
        )
        people = {
            "zoe": ("Zoë", "Okonkwo-Privat", "zoe@example.com", "+27 74 123 4567", MINOR_BORN),
            "kofi": ("Kofi", "Mensah-Privat", "kofi@example.com", "+27 74 765 4321", MINOR_BORN),
            "ada": ("Ada", "Lovelace-Privat", "ada@example.org", "+27 74 111 2222", ADULT_BORN),
        }
        for key, (first, last, email, phone, born) in people.items():
            student = add(
                m.Student(
                    first_name=first,
                    last_name=last,
                    email=email,
                    phone=phone,
                    date_of_birth=born,
                    guardian_name=f"Guardian of {first}",
                    guardian_phone="+27 82 000 0000",
                )
            )
            add(m.Enrolment(student_id=student.id, cohort_id=cohort.id, status="enrolled"))
            add(m.GroupMembership(group_id=group.id, cohort_id=cohort.id, student_id=student.id))
            ids[key] = student.id
        for key, purposes in {
            "zoe": ("participation", "partner_sharing"),
            "kofi": ("participation",),
        }.items():
            for purpose in purposes:
                add(m.Consent(student_id=ids[key], purpose=purpose, given_by="A guardian",
                              given_at=CONSENTED))  # fmt: skip
        ids.update(acme=acme.id, cohort=cohort.id, group=group.id)

    run_operation(database, work)
    return ids


def workbook_text(path: Path) -> str:
    """Every value of every sheet of a workbook written, as one text to search."""
    book = openpyxl.load_workbook(path)
    return " ".join(
        str(value) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
        for value in row if value is not None
    )  # fmt: skip
