"""Cohort roster, instructor roster, sign-in sheet and partner brief, read back with openpyxl."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import select

from ixdesk.db import Database
from ixdesk.db import models as m
from ixdesk.errors import IxdeskError
from ixdesk.services import export as ex
from ixdesk.services.operations import run_operation

# Names a person could type that Excel must never run or reinterpret.
NASTY_NAMES = [
    '=HYPERLINK("http://x","y")',
    "@SUM(1)",
    "-1+2",
    "#N/A",
    "+44 7700",
    "00123",
    "<r><t>x</t></r>",
    "tab\there",
]


def fill(database: Database) -> dict[str, Any]:
    """Two cohorts, three groups, an assistant, a withdrawn, an ungrouped and a deleted student."""
    ids: dict[str, Any] = {}

    def work(context: Any) -> None:
        session = context.session

        def add(record: Any) -> Any:
            session.add(record)
            session.flush()
            return record

        ux = add(m.Track(name="UX design"))
        acme = add(m.PartnerCompany(name="Acme & Sons", sector="Retail", city="Leeds"))
        globex = add(m.PartnerCompany(name="Globex", notes="partner notes"))
        sponsor = add(m.Contact(company_id=acme.id, name="Pat Sponsor", email="pat@acme.test"))
        checkout = add(
            m.BusinessProblem(
                company_id=acme.id,
                title="Checkout redesign",
                track_id=ux.id,
                effort_hours=20,
                status="assigned",
                sponsor_contact_id=sponsor.id,
                confidential=True,
                problem_statement="Make checkout faster",
            )
        )
        add(m.BusinessProblem(company_id=acme.id, title="Stock forecast", status="approved"))
        churn = add(m.BusinessProblem(company_id=globex.id, title="Globex churn"))
        spring = add(
            m.Cohort(
                name="Spring Data 2025",
                track_id=ux.id,
                starts_on=date(2025, 3, 3),
                ends_on=date(2025, 3, 28),
                status="running",
                location="Leeds Hub",
            )
        )
        winter = add(m.Cohort(name="Winter 2023", status="archived"))
        lead = add(
            m.Instructor(
                first_name="Ravi", last_name="Shah", email="Ravi@Example.com", phone="+44 111"
            )
        )
        other = add(m.Instructor(first_name="Mia", last_name="Berg", email="mia@example.com"))
        add(m.Instructor(first_name="Idle", last_name="One", email="idle@example.com"))
        g2 = add(
            m.StudentGroup(
                cohort_id=spring.id,
                name="Group 2",
                business_problem_id=checkout.id,
                lead_instructor_id=lead.id,
                meeting_slot="Tue 16:00",
            )
        )
        g10 = add(
            m.StudentGroup(
                cohort_id=spring.id,
                name="Group 10: [A/B]?",
                business_problem_id=churn.id,
                lead_instructor_id=other.id,
            )
        )
        old = add(
            m.StudentGroup(
                cohort_id=winter.id,
                name="Old group",
                business_problem_id=checkout.id,
                lead_instructor_id=lead.id,
            )
        )
        add(m.GroupAssistant(group_id=g10.id, instructor_id=lead.id))
        students = []
        for n, first in enumerate(["Zoë", "Sam", "Ana", "Olu", *NASTY_NAMES]):
            students.append(
                add(
                    m.Student(
                        first_name=first,
                        last_name=f"Last{n:02d}",
                        preferred_name="Zo" if n == 0 else None,
                        email=f"s{n}@school.test",
                        phone=f"0770090{n:04d}",
                        school="Leeds High",
                        grade=10 + n % 3,
                        date_of_birth=date(2008, 1 + n % 12, 1 + n),
                        guardian_name=f"Guardian Person{n}",
                        guardian_email=f"guardian{n}@home.test",
                        guardian_phone=f"+44 999 {n:04d}",
                        guardian_consent_by=f"Guardian Person{n}",
                        guardian_consent_at=datetime(2025, 1, 2, 3, 4, tzinfo=UTC),
                        notes=f"private note {n}",
                    )
                )
            )
        gone = add(
            m.Student(
                first_name="Deleted",
                last_name="Person",
                deleted_at=datetime(2025, 1, 1, tzinfo=UTC),
            )
        )
        for index, student in enumerate(students):
            status = "withdrawn" if index == 2 else "enrolled"
            add(m.Enrolment(student_id=student.id, cohort_id=spring.id, status=status))
            group = g2 if index < 3 else g10 if index < len(students) - 1 else None
            if group is not None:
                add(
                    m.GroupMembership(group_id=group.id, cohort_id=spring.id, student_id=student.id)
                )
        add(m.Enrolment(student_id=gone.id, cohort_id=spring.id, status="enrolled"))
        add(m.GroupMembership(group_id=g2.id, cohort_id=spring.id, student_id=gone.id))
        add(m.Enrolment(student_id=students[0].id, cohort_id=winter.id, status="completed"))
        add(m.GroupMembership(group_id=old.id, cohort_id=winter.id, student_id=students[0].id))
        kickoff = add(
            m.CohortSession(
                cohort_id=spring.id,
                title="Kick-off",
                starts_at=datetime(2025, 3, 3, 12, tzinfo=UTC),
                location="Room 1",
            )
        )
        ids.update(
            spring=spring.id,
            winter=winter.id,
            acme=acme.id,
            lead=lead.id,
            other=other.id,
            kickoff=kickoff.id,
        )

    run_operation(database, work)
    return ids


def rows_of(sheet: Any) -> list[list[Any]]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def table(sheet: Any) -> tuple[list[Any], list[list[Any]]]:
    """(header, data rows) below the frozen header row."""
    header_row = int(sheet.freeze_panes[1:]) - 1
    rows = rows_of(sheet)
    return rows[header_row - 1], rows[header_row:]


def check_layout(sheet: Any, landscape: bool = True) -> None:
    header_row = int(sheet.freeze_panes[1:]) - 1
    assert sheet.freeze_panes == f"A{header_row + 1}"
    assert sheet.auto_filter.ref.startswith(f"A{header_row}:")
    assert sheet.print_title_rows == f"${header_row}:${header_row}"
    assert all(cell.font.b for cell in sheet[header_row] if cell.value is not None)
    assert sheet.page_setup.orientation == ("landscape" if landscape else "portrait")
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.page_setup.fitToWidth in (None, 1)  # 1 is the default, left out of the file
    assert sheet.page_setup.fitToHeight == 0
    assert "Page &P of &N" in sheet.oddFooter.right.text
    for letter, dimension in sheet.column_dimensions.items():
        if letter != "A" or dimension.width > 6:  # the sign-in "#" column is narrow on purpose
            assert 8 <= dimension.width <= 51, (sheet.title, letter, dimension.width)


@pytest.fixture
def filled(database: Database) -> dict[str, Any]:
    return fill(database)


def test_cohort_roster_has_an_overview_one_sheet_per_group_and_the_ungrouped(
    database: Database, filled: dict[str, Any], tmp_path: Path
) -> None:
    path = ex.export_cohort_roster(database, filled["spring"], tmp_path / "roster.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Overview", "Group 2", "Group 10 A B", "Not in a group"]
    assert book.properties.title == "Spring Data 2025: roster"
    assert book.properties.creator == "ixdesk"
    assert ex.workbook.__version__ in (book.properties.description or "")
    for sheet in book.worksheets:
        check_layout(sheet)
        assert sheet.oddHeader.left.text.endswith("Spring Data 2025")

    overview = book["Overview"]
    assert rows_of(overview)[0][:2] == ["Cohort", "Spring Data 2025"]
    starts = next(row for row in rows_of(overview) if row[0] == "Starts")
    assert starts[1] == datetime(2025, 3, 3)
    starts_cell = next(row for row in overview.iter_rows() if row[0].value == "Starts")[1]
    assert starts_cell.is_date and starts_cell.number_format == "d mmm yyyy"
    header, groups = table(overview)
    assert header == [
        "Group", "Status", "Business problem", "Partner company", "Lead instructor",
        "Assistants", "Meeting slot", "Members", "Sheet",
    ]  # fmt: skip
    assert groups[0] == [
        "Group 2", "Forming", "Checkout redesign", "Acme & Sons", "Ravi Shah", None,
        "Tue 16:00", 2, "Group 2",
    ]  # fmt: skip
    assert groups[1][0] == "Group 10: [A/B]?" and groups[1][5] == "Ravi Shah"
    assert groups[2][0] == "Not in a group" and groups[2][7] == 1

    header, members = table(book["Group 2"])
    assert header == [
        "Last name",
        "First name",
        "Preferred name",
        "School",
        "Grade",
        "Email",
        "Phone",
        "Guardian consent",
    ]
    # The withdrawn student (Ana) and the deleted one are left out.
    assert [row[:3] for row in members] == [["Last00", "Zoë", "Zo"], ["Last01", "Sam", None]]
    assert members[0][4] == 10 and members[0][6] == "07700900000"
    sheet = book["Group 2"]
    assert rows_of(sheet)[2][:2] == ["Business problem", "Checkout redesign"]
    assert rows_of(sheet)[4][:2] == ["Lead instructor", "Ravi Shah"]
    _, loose = table(book["Not in a group"])
    assert [row[1] for row in loose] == ["tab\there"]


def test_names_people_typed_come_back_as_the_same_text_never_formulas(
    database: Database, filled: dict[str, Any], tmp_path: Path
) -> None:
    path = ex.export_cohort_roster(database, filled["spring"], tmp_path / "roster.xlsx")
    book = openpyxl.load_workbook(path)
    cells = {row[1].value: row[1] for row in book["Group 10 A B"].iter_rows() if row[1].value}
    cells.update({row[1].value: row[1] for row in book["Not in a group"].iter_rows()})
    for name in NASTY_NAMES:
        assert cells[name].data_type == "s", name
        assert cells[name].value == name
    for risky in ('=HYPERLINK("http://x","y")', "@SUM(1)", "-1+2", "#N/A", "+44 7700", "00123"):
        assert cells[risky].quotePrefix, risky  # stays text even when edited in Excel
    raw = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Group 10 A B").to_python()
    assert {row[1] for row in raw} >= set(NASTY_NAMES[:-1])


def test_instructor_roster_shows_only_their_groups_and_no_private_fields(
    database: Database, filled: dict[str, Any], tmp_path: Path
) -> None:
    path = ex.export_instructor_roster(database, filled["lead"], tmp_path / "ravi.xlsx")
    book = openpyxl.load_workbook(path)
    # Lead of Group 2, assistant of Group 10; the archived cohort's group is left out.
    assert book.sheetnames == ["My groups", "Group 2", "Group 10 A B"]
    for sheet in book.worksheets:
        check_layout(sheet)
    header, groups = table(book["My groups"])
    assert [row[:3] for row in groups] == [
        ["Spring Data 2025", "Group 2", "Lead"],
        ["Spring Data 2025", "Group 10: [A/B]?", "Assistant"],
    ]
    assert groups[0][header.index("Starts")] == datetime(2025, 3, 3)
    header, members = table(book["Group 10 A B"])
    assert header == ["Last name", "First name", "Preferred name", "School", "Grade", "Email"]
    assert len(members) == 8

    with database.read() as session:
        private = session.execute(
            select(
                m.Student.guardian_name,
                m.Student.guardian_email,
                m.Student.guardian_phone,
                m.Student.date_of_birth,
                m.Student.phone,
                m.Student.notes,
            )
        ).all()
    forbidden_text = {value for row in private for value in row if isinstance(value, str)}
    forbidden_dates = {datetime(d.year, d.month, d.day) for *_, d, _, _ in private if d}
    words = ("guardian", "birth", "phone", "note", "consent")
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.value not in forbidden_text, (sheet.title, cell.coordinate)
                assert cell.value not in forbidden_dates, (sheet.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert not any(word in cell.value.lower() for word in words), cell.value

    everything = ex.export_instructor_roster(
        database, filled["lead"], tmp_path / "all.xlsx", include_archived=True
    )
    assert "Old group" in openpyxl.load_workbook(everything).sheetnames


def test_an_instructor_without_groups_gets_a_sentence_not_an_empty_workbook(
    database: Database, filled: dict[str, Any], tmp_path: Path
) -> None:
    idle = ex.find_instructor(database, "IDLE@example.com")
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(IxdeskError, match="Idle One leads or assists no groups"):
        ex.export_instructor_roster(database, idle, out / "idle.xlsx")
    assert not list(out.iterdir())


def test_signin_sheet_groups_names_and_adds_numbered_blank_rows(
    database: Database, filled: dict[str, Any], tmp_path: Path
) -> None:
    path = ex.export_signin_sheet(
        database, filled["spring"], tmp_path / "signin.xlsx", session_id=filled["kickoff"]
    )
    book = openpyxl.load_workbook(path)
    (sheet,) = book.worksheets
    check_layout(sheet, landscape=False)
    assert rows_of(sheet)[1][:2] == ["Session", "Kick-off"]
    assert rows_of(sheet)[2][1] == datetime(2025, 3, 3)
    header, rows = table(sheet)
    assert header == ["#", "Group", "Last name", "First name", "Signature"]
    named = [row for row in rows if row[2]]
    assert [row[1] for row in named] == ["Group 2"] * 2 + ["Group 10: [A/B]?"] * 8 + [
        "Not in a group"
    ]
    assert named[0][3] == "Zoë (Zo)"
    assert all(row[4] is None for row in rows)  # the signature column is blank
    blank = rows[len(named) :]
    assert [row[0] for row in blank] == list(range(12, 22))
    assert all(value is None for row in blank for value in row[1:])
    # The boxes to sign in are borders of the table's cells; no grid is printed over the
    # empty cells around it.
    assert not sheet.print_options.gridLines
    assert all(not cell.border.left.style for row in sheet.iter_rows(max_row=4) for cell in row)
    last = sheet.cell(row=sheet.max_row, column=5)
    assert last.border.left.style == "thin"  # blank rows have borders to sign on
    assert sheet.row_dimensions[sheet.max_row].height == 24
    assert sheet.row_dimensions[1].height is None  # the heading keeps its normal height

    fewer = ex.export_signin_sheet(database, filled["spring"], tmp_path / "b.xlsx", blank_rows=0)
    _, rows = table(openpyxl.load_workbook(fewer).active)
    assert len(rows) == 11


def test_partner_brief_shows_problems_and_groups_with_first_names_and_initials(
    database: Database, filled: dict[str, Any], tmp_path: Path
) -> None:
    path = ex.export_partner_brief(database, filled["acme"], tmp_path / "acme.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Business problems", "Groups"]
    for sheet in book.worksheets:
        check_layout(sheet)
    _, problems = table(book["Business problems"])
    assert [row[0] for row in problems] == ["Checkout redesign", "Stock forecast"]
    assert problems[0][7] == "Yes" and problems[0][8] == "Pat Sponsor"
    header, groups = table(book["Groups"])
    assert [row[5] for row in groups] == ["Group 2", "Old group"]
    assert groups[0][header.index("Members")] == 2
    assert groups[0][header.index("Students (first name, last initial)")] == "Zo L., Sam L."
    text = " ".join(str(value) for row in rows_of(book["Groups"]) for value in row)
    assert "Last00" not in text and "s0@school.test" not in text


def test_lookups_match_any_case_and_suggest_close_names(
    database: Database, filled: dict[str, Any]
) -> None:
    assert ex.find_cohort(database, "  spring DATA 2025 ") == filled["spring"]
    assert ex.find_company(database, "ACME & SONS") == filled["acme"]
    assert ex.find_instructor(database, "ravi@example.COM") == filled["lead"]
    with pytest.raises(IxdeskError, match=r"No cohort is called 'Sprng Data'\. Did you mean "):
        ex.find_cohort(database, "Sprng Data")
    with pytest.raises(IxdeskError, match=r"Did you mean 'Ravi@Example.com \(Ravi Shah\)'"):
        ex.find_instructor(database, "ravi shah")
    with pytest.raises(IxdeskError, match="ixdesk list companies"):
        ex.find_company(database, "Zzyzx")
    with pytest.raises(IxdeskError, match=r"no session called 'Finale'.*'Kick-off'"):
        ex.find_session(database, filled["spring"], "Finale")


def test_rosters_of_demo_data_on_both_databases(database: Database, tmp_path: Path) -> None:
    from ixdesk.services.demo import generate_demo

    generate_demo(database, students=120, seed=3, today=date(2025, 5, 1))
    with database.read() as session:
        cohort_id, cohort = session.execute(
            select(m.Cohort.id, m.Cohort.name)
            .join(m.StudentGroup, m.StudentGroup.cohort_id == m.Cohort.id)
            .where(m.StudentGroup.lead_instructor_id.is_not(None))
            .limit(1)
        ).one()
        lead = session.scalar(
            select(m.StudentGroup.lead_instructor_id)
            .where(
                m.StudentGroup.cohort_id == cohort_id,
                m.StudentGroup.lead_instructor_id.is_not(None),
            )
            .limit(1)
        )
    roster = openpyxl.load_workbook(
        ex.export_cohort_roster(database, cohort_id, tmp_path / "r.xlsx")
    )
    _, groups = table(roster["Overview"])
    assert len(roster.sheetnames) >= 2 and groups
    assert all(row[-1] in roster.sheetnames for row in groups)
    assert sum(len(table(roster[row[-1]])[1]) for row in groups) == sum(row[7] for row in groups)
    assert ex.find_cohort(database, cohort.upper()) == cohort_id
    instructor = openpyxl.load_workbook(
        ex.export_instructor_roster(database, lead, tmp_path / "i.xlsx")
    )
    assert instructor.sheetnames[0] == "My groups"


def test_names_that_differ_only_in_non_ascii_case_are_told_apart(
    sqlite_database: Database,
) -> None:
    def work(context: Any) -> None:
        context.session.add_all([m.Cohort(name="Zoë Cohort"), m.Cohort(name="ZOË COHORT")])

    run_operation(sqlite_database, work)  # SQLite's lower() only folds ASCII: both may exist
    first = ex.find_cohort(sqlite_database, "Zoë Cohort")
    assert ex.find_cohort(sqlite_database, "ZOË COHORT") != first
    with pytest.raises(IxdeskError, match="type the name exactly as listed"):
        ex.find_cohort(sqlite_database, "zoë cohort")
