"""Headers of real sign-up sheets: each names its field, or none, never a false friend.

The headers below were seen in public exports of Google Forms, Microsoft
Forms, Typeform and Jotform sign-up forms and in spreadsheet templates
(questions as the respondents saw them, bookkeeping columns the form adds).
Each row says what a students' import must take it for: a field surely, or
none. Suggestions (a column ixdesk is not sure of) are tested apart: they are
offered, never applied.
"""

from __future__ import annotations

import pytest

from ixdesk.services.importing import fit_mapping, guess_field, propose_mapping

RANKING = (
    "Please rank the following project topics by dragging your most preferred topics at "
    "the top and your least preferred topics at the bottom."
)

# (header, field a students' import takes it for, or None), by where it was seen.
GOOGLE_FORMS = [
    ("Timestamp", None),
    ("Email Address", "email"),
    ("Score", None),
    ("Full Name", "full_name"),
    ("Your full name", "full_name"),
    ("Mobile Number (WhatsApp)", "phone"),
    ("WhatsApp number (for your pass)", "phone"),
    ("Parent's phone number", "guardian_phone"),
    ("College name", "school"),
    ("Student first name", "first_name"),
    ("Student last name", "last_name"),
    ("Grade", "grade"),
    ("Teacher's  name", None),
    ("Preferred Name (First and Last)", "preferred_name"),
    ("Preferred Pronouns", None),
    ("(optional) Hometown (format: Ann Arbor, MI or Seoul, South Korea)", None),
    ("Phone(10 digit only)", "phone"),
    ("Roll Number", None),
    ("What Trade are you recommending?", None),
    ("What do you need?", None),
    ("Current Year of Study", "grade"),
    ("Which university are you currently studying at?", "school"),
    ("Why do you want to join?", None),
    ("Any links (LinkedIn, GitHub)?", None),
    ("What is one project you are proud of?", None),
    ("Can we send you updates by SMS and email?", "messaging_opt_in"),
    ("Which programme are you interested in?", "track_interest"),
    ("Grade (9-12)", "grade"),
    ("Parent or guardian full name", "guardian_name"),
    ("Parent or guardian email", "guardian_email"),
    ("Parent or guardian cell", "guardian_phone"),
]
MICROSOFT_FORMS = [
    ("ID", None),
    ("Start time", None),
    ("Completion time", None),
    ("Email", "email"),
    ("Name", "full_name"),
    ("Last modified time", None),
    ("Total points", None),
    ("Quiz feedback", None),
    ("Grade posted time", None),
    (RANKING, None),
    ("1. What is your first name?", "first_name"),
    ("2. What is your surname?", "last_name"),
    ("3. Date of birth", "date_of_birth"),
    ("Collection name:", None),
    ("Please select gift agreement (or invoice) status:", None),
]
TYPEFORM = [
    ("#", None),
    ("Start Date (UTC)", None),
    ("Submit Date (UTC)", None),
    ("Stage Date (UTC)", None),
    ("Network ID", None),
    ("Response Type", None),
    ("Tags", None),
    ("What is your full name?", "full_name"),
    ("Date of Birth", "date_of_birth"),
    ("Mailing Address Line 1", None),
    ("Where is your nonprofit located?", None),
    ("What is your nonprofit’s name?", None),
    ("Years of Experience", None),
    ("What industries are you interested in?", None),
]
JOTFORM = [
    ("Submission Date", None),
    ("First Name (Legal)", "first_name"),
    ("Preferred First Name (if different from legal name)", "preferred_name"),
    ("Last Name (Legal)", "last_name"),
    ("Phone Number", "phone"),
    ("Program Preference Options", "track_interest"),
    ("E-mail", "email"),
    ("Submission ID", None),
]
SPREADSHEET_TEMPLATES = [
    ("Cell and Developmental Biology", None),
    ("Preferred role", None),
    ("Expected Graduation", None),
    ("Degree Name", None),
    ("Surname", "last_name"),
    ("DOB", "date_of_birth"),
    ("Cell phone", "phone"),
    ("High school", "school"),
    ("Emergency contact number", "guardian_phone"),
    ("Comments", "notes"),
    ("Year group", "grade"),
    ("Class of 2027", None),
    ("Favourite colour", None),
    ("Guardian relationship to student", None),
    ("T-shirt size", None),
]
TABLE = GOOGLE_FORMS + MICROSOFT_FORMS + TYPEFORM + JOTFORM + SPREADSHEET_TEMPLATES


def test_the_table_holds_at_least_sixty_real_headers() -> None:
    assert len({header for header, _field in TABLE}) >= 60


@pytest.mark.parametrize(("header", "field"), TABLE, ids=[h[:40] for h, _f in TABLE])
def test_real_headers_name_their_field_or_none(header: str, field: str | None) -> None:
    assert guess_field("students", header) == field


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Email adress", "email"),  # typos of a synonym: very close, taken
        ("Frist name", "first_name"),
        ("Date of brith", "date_of_birth"),
    ],
)
def test_headers_very_close_to_a_synonym_are_taken(header: str, field: str) -> None:
    from ixdesk.services.importing import match_header

    assert match_header("students", header).field == field
    assert match_header("students", header).sure


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Hebrew First Name", "first_name"),  # one word the field does not know
        ("Medical School / University", "school"),
        ("Emial adress", "email"),  # close, not very close
    ],
)
def test_uncertain_headers_are_suggestions_not_matches(header: str, field: str) -> None:
    from ixdesk.services.importing import match_header

    found = match_header("students", header)
    assert (found.field, found.sure) == (field, False)
    assert guess_field("students", header) is None


def test_thresholds_leave_room_between_sure_and_suggested() -> None:
    from ixdesk.services.importing.headers import SUGGEST_SCORE, SURE_SCORE

    assert SUGGEST_SCORE < SURE_SCORE <= 100


def test_a_saved_mapping_fills_one_field_from_one_of_two_same_headers() -> None:
    saved = propose_mapping("students", ["First name", "Last name", "Email Address"])
    headers = ["First name", "Last name", "Email Address", "Email Address (2)"]
    fitted = fit_mapping(saved, headers)
    assert fitted.columns["Email Address"] == "email"
    assert fitted.columns["Email Address (2)"] is None


def test_a_proposed_mapping_applies_no_suggestion() -> None:
    mapping = propose_mapping("students", ["Name", "Hebrew First Name", RANKING])
    assert mapping.columns == {
        "Name": "full_name",
        "Hebrew First Name": None,
        RANKING: "problem_choices",  # a ranking of business problems, not a preferred name
    }
    assert mapping.suggestions == {"Hebrew First Name": "first_name"}


def test_a_staff_sheet_topic_is_not_a_phone_and_a_role_not_a_preferred_name() -> None:
    headers = ["First name", "Last name", "Email", "Cell and Developmental Biology"]
    headers += ["Preferred role"]
    mapping = propose_mapping("instructors", headers)
    assert mapping.columns["Cell and Developmental Biology"] is None
    assert mapping.columns["Preferred role"] is None
    assert mapping.mapped() == {"first_name": "First name", "last_name": "Last name"} | {
        "email": "Email"
    }


@pytest.mark.parametrize(
    ("kind", "header", "field"),
    [
        ("instructors", "Current role", "job_title"),
        ("instructors", "Company name", "employer"),
        ("companies", "Contact person's email", "contact_email"),
        ("companies", "Company website", "website"),
    ],
)
def test_other_kinds_read_their_headers(kind: str, header: str, field: str) -> None:
    assert guess_field(kind, header) == field
