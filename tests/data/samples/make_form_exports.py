"""Write the two form exports of tests/data/samples/ shaped as the form services write them.

    .venv/bin/python tests/data/samples/make_form_exports.py

``microsoft-forms-project-topics.xlsx``: Microsoft Forms' "Open results in
Excel" (bookkeeping columns ID, Start time, Completion time, Email, Name, Last
modified time; real date-time cells; a ranking question whose answers are the
topics joined by ";"). ``google-forms-university.csv``: Google Forms'
"Download responses (.csv)" (Timestamp first, every field quoted, US dates,
"Current Year of Study" answered "1st Year", "2nd Year"…, a second question
titled "Email Address" beside the collected one). Names and addresses are
made up; the shapes are the services'.
"""

from __future__ import annotations

import csv
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl

HERE = Path(__file__).parent
RANKING = (
    "Please rank the following project topics by dragging your most preferred topics at "
    "the top and your least preferred topics at the bottom."
)
TOPICS = [
    "Customer churn analysis for a telecoms retailer",
    "Redesigning the onboarding flow of a banking app",
    "Social media strategy for a youth charity",
    "Cash-flow forecasting for a small manufacturer",
    "A booking system for a community sports club",
]
FIRST = [
    "Ama",
    "Ben",
    "Cara",
    "Dineo",
    "Elias",
    "Fatima",
    "Gift",
    "Hannah",
    "Ivan",
    "Jabu",
    "Kagiso",
    "Lerato",
    "Musa",
    "Naledi",
]
LAST = [
    "Mensah",
    "Dlamini",
    "Botha",
    "Khumalo",
    "Naidoo",
    "Pillay",
    "Smit",
    "Zulu",
    "Mokoena",
    "Nel",
    "Radebe",
]
UNIVERSITIES = ["University of Cape Town", "Wits University", "Stellenbosch University"]
YEARS = ["1st Year", "2nd Year", "3rd Year", "2nd Year", "4th Year"]
WHY = [
    "I want real project experience before I graduate.",
    "To meet people working in industry and learn how teams work.",
    "I enjoy data and want to see how companies use it.",
]


OTHERS = ["Abrahams", "Fourie", "Jacobs", "Maseko", "Sithole", "Ndlovu", "Pretorius"]


def _name(index: int, last: list[str] = LAST) -> tuple[str, str]:
    return FIRST[index % len(FIRST)], last[(index * 5) % len(last)]


def microsoft_forms(path: Path, count: int = 33) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    form_columns = ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"]
    questions = ["Which university are you currently studying at?", "Current year of study"]
    questions += [RANKING, "Why do you want to join?", "Any links (LinkedIn, GitHub)?"]
    sheet.append(form_columns + questions)
    start = datetime(2026, 9, 1, 9, 0, 0)
    for index in range(count):
        first, last = _name(index)
        began = start + timedelta(hours=5 * index, minutes=index)
        order = TOPICS[index % 5 :] + TOPICS[: index % 5]
        link = f"https://github.com/{first.lower()}{index}" if index % 2 else None
        sheet.append(
            [
                *(index + 1, began, began + timedelta(minutes=4)),
                *(f"{first}.{last}{index}@uni.example", f"{first} {last}", None),
                *(UNIVERSITIES[index % 3], YEARS[index % 5], ";".join(order) + ";"),
                *(WHY[index % 3], link),
            ]
        )
    for cell in sheet["B"][1:] + sheet["C"][1:]:
        cell.number_format = "m/d/yy h:mm:ss"
    book.save(path)


def google_forms(path: Path) -> None:
    header = ["Timestamp", "Email Address", "First Name", "Last Name", "Phone Number"]
    header += ["Which university are you currently studying at?", "Current Year of Study"]
    header += ["Which track are you most interested in?"]
    header += ["Can we send you updates about future programmes?", "Why do you want to join?"]
    header += ["What is one project you are proud of?", "Email Address"]
    tracks = ["Data Analytics ", "data", "DA", "UX Design", "Data Analytics"]
    updates = ["Yes, I agree", "No thanks", "Yes", "I agree", "No"]
    rows = [header]
    for index in range(12):
        first, last = _name(index + 3, OTHERS)
        second = f"{first.lower()}{index}@mail.example" if index % 3 == 0 else ""
        rows.append(
            [
                f"9/{14 + index // 4}/2026 1{index % 10}:0{index % 6}:11",
                *(f"{first.lower()}.{last.lower()}@students.example.ac.za", first, last),
                *(f"08{index % 4 + 1}{index:03d}{2233 + index}", UNIVERSITIES[index % 3]),
                *(YEARS[index % 5], tracks[index % 5], updates[index % 5], WHY[index % 3]),
                *(f"A weather station with my brother ({index})", second),
            ]
        )
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, quoting=csv.QUOTE_ALL).writerows(rows)


if __name__ == "__main__":
    microsoft_forms(HERE / "microsoft-forms-project-topics.xlsx")
    google_forms(HERE / "google-forms-university.csv")
