"""Word lists and weights for the demo data, and the small helpers that read them.

Kept apart from :mod:`~ixdesk.services.demo.generate` so the generator reads as logic.
Every name here is invented; email domains use the reserved ``example`` names.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Mapping
from functools import cache
from itertools import accumulate
from typing import Any, TypeVar

from ixdesk.db.enums import (
    Audience,
    CohortFormat,
    CohortSchedule,
    CohortStatus,
    CompanyStatus,
    EnrolmentStatus,
    InstructorStatus,
    ProblemStatus,
    SafeguardingStatus,
)

FIRST_NAMES: tuple[str, ...] = (
    "Zoë", "Chloé", "José", "Siobhán", "Łukasz", "Amélie", "Björn", "Søren", "Renée", "Inès",
    "Mateo", "Sofía", "Lucía", "Joaquín", "Aoife", "Niamh", "Oisín", "Saoirse", "Seán", "Zofia",
    "Małgorzata", "Wojciech", "Agnieszka", "Jürgen", "Lena", "Jonas", "Mia", "Léa", "Noé", "Hugo",
    "Maël", "Élodie", "Raphaël", "Thảo", "Minh", "Linh", "Huy", "Priya", "Arjun", "Ananya",
    "Rohan", "Aisha", "Fatima", "Omar", "Yusuf", "Amira", "Chidi", "Ngozi", "Adaeze", "Kwame",
    "Oluwaseun", "Ama", "Kofi", "Yuki", "Haruto", "Sakura", "Mei", "Wei", "Jun", "Ji-woo",
    "Min-jun", "Seo-yeon", "Olivia", "Amelia", "Isla", "Ava", "Oliver", "George", "Noah",
    "Arthur", "Freya", "Poppy", "Harry", "Leo", "Oscar", "Charlie", "Grace", "Ella", "Emily",
    "Sophie", "Daniel", "Samuel", "Thomas", "James", "William", "Benjamin", "Alexander",
    "Elizabeth", "Katherine", "Matthew", "Christopher", "Jennifer", "Nicholas", "Gabriel",
    "Maximilian", "Anastasia", "Dmitri", "Ólafur", "Guðrún", "Çağla", "Emre", "Elif", "Zeynep",
    "Ayşe", "Giulia", "Francesco", "Lorenzo", "Chiara", "Beatriz", "João", "Inês", "Gonçalo",
    "Ana", "Carlos", "Camille", "Théo", "Anaïs", "Margaux", "Nour", "Layla", "Karim", "Tariq",
    "Sanna", "Eero", "Aleksi", "Dawit", "Selam", "Tomás", "Ciara", "Rhys", "Ffion", "Eilidh",
)  # fmt: skip

PREFERRED_NAMES: dict[str, str] = {
    "Alexander": "Alex", "Elizabeth": "Liz", "Katherine": "Kate", "Matthew": "Matt",
    "Christopher": "Chris", "Jennifer": "Jen", "Nicholas": "Nick", "Benjamin": "Ben",
    "Samuel": "Sam", "Thomas": "Tom", "William": "Will", "Daniel": "Dan", "Maximilian": "Max",
    "Anastasia": "Nastya", "Dmitri": "Dima", "Agnieszka": "Aga", "Małgorzata": "Gosia",
    "Oluwaseun": "Seun", "Adaeze": "Ada", "Wei": "David", "Ji-woo": "Jiwoo", "Gabriel": "Gabe",
    "Francesco": "Fran", "Zeynep": "Zey", "Raphaël": "Raph", "Joaquín": "Quino",
}  # fmt: skip

LAST_NAMES: tuple[str, ...] = (
    "Martin", "Dubois", "Lefèvre", "García", "Fernández", "Núñez", "Müller", "Schäfer",
    "Krüger", "Nowak", "Kowalski", "Wiśniewska", "Wójcik", "Lewandowski", "O'Connor", "Murphy",
    "Ó Súilleabháin", "Mac Giolla", "MacDonald", "Campbell", "Smith", "Jones", "Williams",
    "Taylor", "Brown", "Davies", "Evans", "Wilson", "Roberts", "Patel", "Shah", "Singh", "Kaur",
    "Gupta", "Iyer", "Khan", "Hussain", "Ahmed", "Rahman", "Nguyễn", "Trần", "Lê", "Phạm",
    "Hoàng", "Kim", "Lee", "Park", "Choi", "Chen", "Wang", "Li", "Zhang", "Liu", "Tanaka",
    "Suzuki", "Sato", "Yamamoto", "Okafor", "Adeyemi", "Mensah", "Owusu", "Nwosu", "Eze",
    "Andersson", "Johansson", "Nilsson", "Sørensen", "Jørgensen", "Hansen", "Virtanen",
    "Korhonen", "Jónsdóttir", "Rossi", "Russo", "Bianchi", "Esposito", "Ferreira", "Gonçalves",
    "Silva", "Santos", "Costa", "Yılmaz", "Kaya", "Demir", "Şahin", "Öztürk", "Novák", "Dvořák",
    "Horváth", "Kovač", "Petrović", "Jovanović", "Ivanova", "Haddad", "Mansour", "Cohen",
    "Levi", "Björk", "Lindqvist", "Fitzgerald", "Byrne", "Kelly", "Walsh", "Hughes", "Clarke",
    "Wright", "Green", "Hall", "Wood", "Harris", "Lewis", "Robinson", "Okonkwo", "Abubakar",
    "Diallo", "Traoré", "Ndiaye", "Tesfaye", "Ramírez", "Álvarez", "Mäkinen", "Łukaszewicz",
)  # fmt: skip

# (city, country, weight)
CITIES: tuple[tuple[str, str, int], ...] = (
    ("London", "United Kingdom", 14), ("Manchester", "United Kingdom", 8),
    ("Leeds", "United Kingdom", 6), ("Bristol", "United Kingdom", 5),
    ("Birmingham", "United Kingdom", 6), ("Glasgow", "United Kingdom", 5),
    ("Edinburgh", "United Kingdom", 4), ("Cardiff", "United Kingdom", 3), ("Dublin", "Ireland", 5),
    ("Cork", "Ireland", 2), ("Paris", "France", 3), ("Lyon", "France", 2),
    ("Berlin", "Germany", 3), ("München", "Germany", 2), ("Madrid", "Spain", 2),
    ("Barcelona", "Spain", 2), ("Kraków", "Poland", 2), ("Warszawa", "Poland", 2),
    ("Amsterdam", "Netherlands", 2),
)  # fmt: skip

# Mobile number ranges that pass phone validation: (E.164 prefixes, digits that follow)
MOBILE_PHONES: dict[str, tuple[tuple[str, ...], int]] = {
    "United Kingdom": (("+4471", "+4473", "+4474", "+4475", "+4478"), 8),
    "Ireland": (("+35383", "+35385", "+35386", "+35387"), 7),
    "France": (("+3361", "+3362", "+3365", "+3366", "+3367", "+3368", "+3376", "+3377"), 7),
    "Germany": (("+49152", "+49157", "+49176"), 8),
    "Spain": (("+346",), 8),
    "Poland": (("+4850", "+4851", "+4853", "+4860", "+4869", "+4879"), 7),
    "Netherlands": (("+3161", "+3162", "+3164", "+3165"), 7),
}

VENUES: tuple[str, ...] = (
    "Campus Hub", "The Foundry", "Civic Library", "Innovation Centre", "Partner office",
    "Town Hall Annexe", "Makerspace", "Youth Centre", "Business School", "Science Park",
)  # fmt: skip

HIGH_SCHOOLS: tuple[str, ...] = (
    "Hollins Park Academy", "St Brigid's College", "Lycée Victor Hugo", "Gymnasium am Stadtpark",
    "Colegio San José", "Liceum im. Marii Skłodowskiej-Curie", "Coláiste Íde",
    "Riverside High School", "Kingsmead Academy", "Oakfield Grammar School", "Ysgol Gyfun Glantaf",
    "Thornbury Sixth Form College", "Lycée Marie Curie", "Instituto Ramiro de Maeztu",
    "Greenhill School", "Harbour View College", "Bishop Challoner Catholic College",
    "Highgate Wood School", "Gesamtschule Nord", "Millbrook Community School",
    "Scoil Mhuire", "Lycée Émile Zola", "Brookfield Academy", "Westfield Girls' School",
    "Parkside Federation Academy", "Stockwell Park High", "Liceo Español Cervantes",
)  # fmt: skip

# (university, email slug)
UNIVERSITIES: tuple[tuple[str, str], ...] = (
    ("University of Leeds", "leeds"), ("University College Dublin", "ucd"),
    ("King's College London", "kcl"), ("University of Manchester", "manchester"),
    ("University of Glasgow", "gla"), ("Sorbonne Université", "sorbonne"),
    ("Universidad Complutense de Madrid", "ucm"), ("Uniwersytet Jagielloński", "uj"),
    ("Technische Universität München", "tum"), ("Universiteit van Amsterdam", "uva"),
    ("Trinity College Dublin", "tcd"), ("University of Bristol", "bristol"),
    ("University of Edinburgh", "ed"), ("Université Lumière Lyon 2", "univ-lyon2"),
    ("Humboldt-Universität zu Berlin", "hu-berlin"), ("Universitat de Barcelona", "ub"),
    ("University of Birmingham", "bham"), ("Cardiff University", "cardiff"),
)  # fmt: skip

PERSONAL_DOMAINS: tuple[str, ...] = ("example.com", "example.org", "example.net")

COMPANY_PREFIXES: tuple[str, ...] = (
    "Northwind", "Bluefin", "Kestrel", "Larkspur", "Meridian", "Harbour", "Copperleaf",
    "Juniper", "Alder", "Brightwater", "Clearpath", "Driftwood", "Emberly", "Foxglove",
    "Granite", "Heron", "Ironbridge", "Lumen", "Marlowe", "Nimbus", "Oakridge", "Pebble",
    "Quill", "Riverside", "Saffron", "Tidewater", "Vantage", "Willow", "Yarrow", "Zephyr",
    "Ashgrove", "Beacon", "Cedar", "Dovetail", "Fjord", "Gannet", "Lantern", "Mistral",
    "Orchard", "Rowan", "Solstice", "Thistle", "Verdant", "Wren", "Aurora", "Bramble",
    "Cobalt", "Evergreen", "Falcon", "Hazel", "Indigo", "Société Lumière", "Nørd", "Żagiel",
    "Ébène", "Café Müller", "Brücke", "Estrella", "Lírio", "Åsen",
)  # fmt: skip

# (suffix, sector)
COMPANY_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("Analytics", "Data & analytics"), ("Bank", "Financial services"), ("Studios", "Media"),
    ("Health", "Healthcare"), ("Energy", "Energy"), ("Logistics", "Logistics"),
    ("Foods", "Food & drink"), ("Labs", "Technology"), ("Retail", "Retail"),
    ("Travel", "Travel & hospitality"), ("Games", "Gaming"), ("Architects", "Architecture"),
    ("Publishing", "Publishing"), ("Mobility", "Transport"), ("Insurance", "Insurance"),
    ("Robotics", "Manufacturing"), ("Pharma", "Life sciences"), ("Fashion", "Fashion"),
    ("Housing", "Housing"), ("Foundation", "Non-profit"), ("Consulting", "Professional services"),
    ("Media", "Media"), ("Software", "Technology"), ("Renewables", "Sustainability"),
    ("Sports", "Sport & leisure"),
)  # fmt: skip

CONTACT_ROLES: tuple[str, ...] = (
    "Head of Data", "Talent partner", "Early careers lead", "Marketing director", "CTO",
    "Community manager", "HR business partner", "Founder", "Product lead", "Head of Design",
    "CSR manager", "Finance director",
)  # fmt: skip

COMPANY_NOTES: tuple[str, ...] = (
    "Prefers problems scoped for the summer holidays.",
    "Signed the standard NDA in March; renew yearly.",
    "Happy to host the final presentations at their office.",
    "Introduced by an instructor; warm lead.",
    "Asks for a short written summary after each cohort.",
)

# (name, description, skills, job titles, problems: (title, statement, deliverables))
TRACKS: tuple[tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[tuple[str, str, str], ...]], ...] = (  # noqa: E501
    ("Data analytics", "Cleaning, analysing and presenting data to answer business questions.",
     ("SQL", "spreadsheets", "data cleaning", "visualisation", "Python", "storytelling with data"),
     ("Senior data analyst", "Analytics engineer", "Head of insight"),
     (("Weekly sales dashboard", "Turn raw till exports into a dashboard the shop managers read every Monday.", "Dashboard, data dictionary, 5-minute presentation"),  # noqa: E501
      ("Why do customers churn?", "Find the three strongest signals that a subscriber is about to leave.", "Analysis notebook, slide deck with recommendations"),  # noqa: E501
      ("Footfall forecasting", "Predict visitor numbers per hour to plan staff rotas.", "Forecast model, accuracy report"))),  # noqa: E501
    ("UX design", "Research, wireframes and prototypes for digital products people enjoy.",
     ("user interviews", "wireframing", "Figma", "usability testing", "accessibility"),
     ("Senior UX designer", "UX researcher", "Product designer"),
     (("Redesign the booking flow", "Half of visitors abandon the booking form; find out why and fix it.", "Research findings, clickable prototype"),  # noqa: E501
      ("Accessible account settings", "Make the settings pages usable with a screen reader and keyboard only.", "Accessibility audit, redesigned screens"),  # noqa: E501
      ("First-time user onboarding", "New users do not find the key feature; design a better first run.", "Journey map, prototype, test report"))),  # noqa: E501
    ("Marketing", "Campaigns, audiences and content that reach the right people.",
     ("market research", "social media", "copywriting", "campaign planning", "analytics"),
     ("Marketing manager", "Brand strategist", "Growth lead"),
     (("Reach students on TikTok", "Plan a campaign that makes the brand known to 16–19 year olds.", "Campaign plan, three sample posts, budget"),  # noqa: E501
      ("Launch a new product line", "Position a new range against two established competitors.", "Positioning paper, launch calendar"),  # noqa: E501
      ("Newsletter that gets opened", "Open rates are falling; test new formats and subject lines.", "A/B test plan, results summary"))),  # noqa: E501
    ("Finance", "Budgets, forecasts and the numbers behind good decisions.",
     ("financial modelling", "Excel", "budgeting", "unit economics", "presenting numbers"),
     ("Financial analyst", "FP&A manager", "Investment associate"),
     (("Price a subscription tier", "Work out whether a cheaper tier would grow revenue or eat it.", "Pricing model, recommendation memo"),  # noqa: E501
      ("Cash-flow forecast for a café chain", "Build a 12-month forecast the owners can update themselves.", "Forecast workbook, user guide"),  # noqa: E501
      ("Cost of going green", "Compare the five-year cost of three ways to cut the fleet's emissions.", "Cost comparison, board slide"))),  # noqa: E501
    ("Software", "Building, testing and shipping small pieces of real software.",
     ("Python", "JavaScript", "APIs", "testing", "Git", "debugging"),
     ("Software engineer", "Staff engineer", "Engineering manager"),
     (("Stock alert bot", "Warn the warehouse team in chat when an item runs low.", "Working bot, README, demo"),  # noqa: E501
      ("Volunteer rota web app", "Replace the shared spreadsheet the charity uses for volunteer shifts.", "Web app prototype, test suite"),  # noqa: E501
      ("Open data API", "Publish the city's bike-rack data as a documented API.", "API, documentation, load test"))),  # noqa: E501
    ("Creative writing", "Stories, scripts and copy with a clear voice.",
     ("storytelling", "editing", "tone of voice", "scriptwriting", "pitching"),
     ("Senior copywriter", "Content director", "Scriptwriter"),
     (("Podcast pilot script", "Write the pilot episode of a podcast about the company's history.", "Script, episode outline for a season"),  # noqa: E501
      ("Brand voice guide", "The company sounds different on every channel; define one voice.", "Voice guide, before/after examples"),  # noqa: E501
      ("Stories from the shop floor", "Interview staff and turn their stories into a short collection.", "Five short pieces, edited anthology"))),  # noqa: E501
    ("Product management", "Deciding what to build next, and why.",
     ("prioritisation", "user stories", "roadmapping", "stakeholder interviews", "metrics"),
     ("Product manager", "Group product manager", "Product owner"),
     (("Roadmap for the mobile app", "Too many ideas, too few developers: decide the next two quarters.", "Prioritised roadmap, rationale"),  # noqa: E501
      ("Measure what matters", "Define the metrics that show whether the new feature works.", "Metrics framework, tracking plan"),  # noqa: E501
      ("Competitor teardown", "Compare our sign-up experience with four competitors.", "Teardown report, quick wins list"))),  # noqa: E501
    ("Cybersecurity", "Keeping people, systems and data safe.",
     ("threat modelling", "phishing awareness", "risk assessment", "Linux", "incident response"),
     ("Security analyst", "Penetration tester", "Head of security"),
     (("Phishing awareness campaign", "Staff keep clicking test phishing emails; design training that works.", "Training module, quiz, results plan"),  # noqa: E501
      ("Password policy review", "Review the password rules against current guidance and propose changes.", "Review, new policy draft"),  # noqa: E501
      ("Small-business security checklist", "Write a one-page checklist the shop's owners can follow.", "Checklist, short explainer video script"))),  # noqa: E501
)  # fmt: skip

GROUP_THEMES: tuple[tuple[str, ...], ...] = (
    ("Kestrels", "Otters", "Foxes", "Herons", "Badgers", "Falcons", "Hares", "Owls", "Lynxes",
     "Puffins", "Wolves", "Ravens"),
    ("Team Lovelace", "Team Turing", "Team Hopper", "Team Curie", "Team Franklin",
     "Team Noether", "Team Johnson", "Team Tesla", "Team Babbage", "Team Hamilton"),
    ("Thames", "Liffey", "Seine", "Rhine", "Vistula", "Danube", "Ebro", "Tagus", "Shannon",
     "Clyde", "Severn", "Loire"),
)  # fmt: skip

AFTER_SCHOOL_SLOTS: tuple[str, ...] = ("15:30–17:30", "16:00–18:00", "16:30–18:30", "17:00–19:00")
WEEKDAYS: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri")
HOLIDAY_SLOTS: tuple[str, ...] = (
    "Mon–Fri 10:00–15:00",
    "Mon–Thu 09:30–14:30",
    "Tue–Fri 10:00–16:00",
)

AVAILABILITY: tuple[str, ...] = (
    "Weekday evenings", "Tuesdays and Thursdays after 16:00", "School holidays only",
    "Mondays and Wednesdays", "Any afternoon, with two weeks' notice", "Online only",
)  # fmt: skip

BIO_EXTRAS: tuple[str, ...] = (
    "Started out on an apprenticeship and loves showing students the side door into the industry.",
    "Mentors first-generation university students.",
    "Has hired interns for years and knows what makes a CV stand out.",
    "Speaks at meet-ups and runs a small newsletter.",
    "Volunteers with a coding club on Saturdays.",
    "Switched careers at thirty and enjoys talking about it.",
)

STUDENT_NOTES: tuple[str, ...] = (
    "Needs step-free access to the venue.",
    "Prefers online sessions on Fridays.",
    "Sibling in another cohort.",
    "Asked for a reference letter after the programme.",
    "Met at the school fair; very keen.",
    "Has a part-time job on Saturdays.",
    "Dietary needs: vegetarian.",
)

T = TypeVar("T")
_ASCII = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae",
     "ð": "d", "þ": "th", "ı": "i", "'": "", " ": "", "’": ""}
)  # fmt: skip


@cache
def ascii_slug(text: str) -> str:
    """Lower-case ASCII for email addresses and domains ("Łukasz" -> "lukasz")."""
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return "".join(c for c in folded if c.isascii() and (c.isalnum() or c in "-.")).lower()


_UUID_KEEP = ~((0xC000 << 48) | (0xF000 << 64)) & (1 << 128) - 1
_UUID_SET = (0x8000 << 48) | (4 << 76)  # RFC 4122 variant, version 4
_cumulative: dict[int, tuple[Mapping[Any, float], tuple[Any, ...], list[float]]] = {}


def random_uuid(rng: random.Random) -> str:
    """``str(uuid.UUID(int=rng.getrandbits(128), version=4))``, three times as fast."""
    text = f"{rng.getrandbits(128) & _UUID_KEEP | _UUID_SET:032x}"
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def pick(rng: random.Random, weights: Mapping[T, float]) -> T:
    """A weighted choice; the running totals of each weight table are computed once."""
    cached = _cumulative.get(id(weights))
    if cached is None:  # the table stays in the cache, so its id is never reused
        totals = list(accumulate(weights.values()))
        cached = _cumulative[id(weights)] = (weights, tuple(weights), totals)
    choice: T = rng.choices(cached[1], cum_weights=cached[2])[0]
    return choice


# Weights of each life-cycle state: mostly the everyday state, some of every other.
COMPANY_STATUS = {CompanyStatus.ACTIVE: 78, CompanyStatus.PROSPECT: 12, CompanyStatus.PAST: 10}
PROBLEM_STATUS: dict[CompanyStatus, dict[ProblemStatus, int]] = {
    CompanyStatus.PROSPECT: {ProblemStatus.DRAFT: 60, ProblemStatus.SCOPED: 40},
    CompanyStatus.PAST: {ProblemStatus.DELIVERED: 60, ProblemStatus.APPROVED: 40},
    CompanyStatus.ACTIVE: {
        ProblemStatus.APPROVED: 62, ProblemStatus.ASSIGNED: 14, ProblemStatus.DELIVERED: 9,
        ProblemStatus.SCOPED: 9, ProblemStatus.DRAFT: 6,
    },
}  # fmt: skip
INSTRUCTOR_STATUS = {
    InstructorStatus.ACTIVE: 76, InstructorStatus.INVITED: 14, InstructorStatus.INACTIVE: 10
}  # fmt: skip
# (status, days from today the check expires: a range, or None for no date), weight
SAFEGUARDING: dict[tuple[SafeguardingStatus, tuple[int, int] | None], int] = {
    (SafeguardingStatus.CLEARED, (61, 1000)): 55,
    (SafeguardingStatus.CLEARED, (1, 60)): 10,  # running out soon
    (SafeguardingStatus.EXPIRED, (-400, -1)): 9,
    (SafeguardingStatus.PENDING, None): 12,
    (SafeguardingStatus.NOT_STARTED, None): 11,
    (SafeguardingStatus.CLEARED, None): 3,  # the expiry date was never typed in
}
COHORT_STATUS = {
    CohortStatus.PLANNING: 10, CohortStatus.RECRUITING: 15, CohortStatus.RUNNING: 25,
    CohortStatus.COMPLETED: 35, CohortStatus.ARCHIVED: 15,
}  # fmt: skip
# Days from today to a future cohort's start, or (negative) since a past cohort's end.
COHORT_DAYS_AWAY = {
    CohortStatus.PLANNING: (60, 200), CohortStatus.RECRUITING: (14, 90),
    CohortStatus.COMPLETED: (-240, -7), CohortStatus.ARCHIVED: (-900, -241),
}  # fmt: skip
COHORT_FORMAT = {CohortFormat.IN_PERSON: 45, CohortFormat.ONLINE: 30, CohortFormat.HYBRID: 25}
COHORT_SCHEDULE = {CohortSchedule.AFTER_SCHOOL: 2, CohortSchedule.HOLIDAY: 1}
AUDIENCE = {Audience.HIGH_SCHOOL: 2, Audience.UNIVERSITY: 1}
# How full each cohort gets, relative to its capacity (recruiting ones overflow to a waitlist).
COHORT_FILL = {
    CohortStatus.PLANNING: 0.25, CohortStatus.RECRUITING: 1.1, CohortStatus.RUNNING: 0.9,
    CohortStatus.COMPLETED: 0.9, CohortStatus.ARCHIVED: 0.85,
}  # fmt: skip
# Enrolment states of the students within a cohort's capacity.
ENROLMENT_STATUS: dict[CohortStatus, dict[EnrolmentStatus, int]] = {
    CohortStatus.PLANNING: {
        EnrolmentStatus.APPLIED: 75, EnrolmentStatus.ACCEPTED: 15, EnrolmentStatus.WITHDRAWN: 10
    },
    CohortStatus.RECRUITING: {
        EnrolmentStatus.APPLIED: 30, EnrolmentStatus.ACCEPTED: 30, EnrolmentStatus.ENROLLED: 32,
        EnrolmentStatus.WITHDRAWN: 8,
    },
    CohortStatus.RUNNING: {EnrolmentStatus.ENROLLED: 93, EnrolmentStatus.WITHDRAWN: 7},
    CohortStatus.COMPLETED: {EnrolmentStatus.COMPLETED: 90, EnrolmentStatus.WITHDRAWN: 10},
    CohortStatus.ARCHIVED: {EnrolmentStatus.COMPLETED: 90, EnrolmentStatus.WITHDRAWN: 10},
}  # fmt: skip
UNIVERSITY_YEAR = {1: 30, 2: 28, 3: 22, 4: 14, 5: 6}
