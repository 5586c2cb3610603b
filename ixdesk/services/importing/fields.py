"""The fields each kind of import fills, and how spreadsheet headers name them.

Headers arrive in many wordings and languages ("E-mail address", "Courriel",
"Family name", "Date de naissance", "Parent or guardian cell"). A header is
folded (case, accents, punctuation and filler words such as "your" or
"student" removed) and looked up among exact synonyms first, then matched by
keywords, so a question such as "Can we send you updates by SMS and email?"
lands on messaging opt-in and not on email.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ixdesk.db import models as m
from ixdesk.db.base import Record
from ixdesk.services.folding import fold
from ixdesk.services.record_kinds import Kind

# What can be imported, in the order the wizard and ``ixdesk import`` offer them.
KINDS = (Kind.STUDENTS, Kind.INSTRUCTORS, Kind.COMPANIES)

TEXT, EMAIL, PHONE, DATE, PAST_DATE, GRADE = "text", "email", "phone", "date", "past_date", "grade"
YES_NO, CONSENT, TRACK, TRACKS, CHOICE, FULL_NAME = (
    "yes_no",
    "consent",
    "track",
    "tracks",
    "choice",
    "full_name",
)


@dataclass(frozen=True)
class FieldSpec:
    """One field an import can fill: its canonical name, label and value type."""

    name: str
    label: str
    type: str = TEXT
    required: bool = False
    max_length: int | None = None
    choices: tuple[tuple[str, str], ...] = ()  # (word a file may use, stored value)
    column: str = ""  # key of the checked value (the database column); the name when empty

    @property
    def key(self) -> str:
        return self.column or self.name


def _length(model: type[Record], column: str) -> int | None:
    return getattr(model.__table__.c[column].type, "length", None)


def _required(model: type[Record], name: str, label: str) -> FieldSpec:
    return FieldSpec(name, label, TEXT, required=True, max_length=_length(model, name))


def _text(model: type[Record], name: str, label: str, column: str | None = None) -> FieldSpec:
    return FieldSpec(name, label, TEXT, max_length=_length(model, column or name))


_SAFEGUARDING = (
    *(("cleared", "cleared"), ("yes", "cleared"), ("passed", "cleared"), ("valid", "cleared")),
    *(("done", "cleared"), ("ok", "cleared"), ("pending", "pending"), ("in progress", "pending")),
    *(("applied", "pending"), ("submitted", "pending"), ("expired", "expired")),
    *(("not started", "not_started"), ("no", "not_started"), ("none", "not_started")),
    ("not_started", "not_started"),
)
_INSTRUCTOR_STATUS = (("invited", "invited"), ("active", "active"), ("inactive", "inactive"))
_COMPANY_STATUS = (
    *(("prospect", "prospect"), ("lead", "prospect"), ("active", "active")),
    *(("current", "active"), ("past", "past"), ("former", "past"), ("inactive", "past")),
)


def _person_names(model: type[Record], email_required: bool) -> tuple[FieldSpec, ...]:
    return (
        FieldSpec("full_name", "Full name (split into first and last name)", FULL_NAME),
        _required(model, "first_name", "First name"),
        _required(model, "last_name", "Last name"),
        _text(model, "preferred_name", "Preferred name"),
        FieldSpec("email", "Email", EMAIL, required=email_required),
        FieldSpec("phone", "Phone", PHONE),
    )


FIELDS: dict[Kind, tuple[FieldSpec, ...]] = {
    Kind.STUDENTS: (
        *_person_names(m.Student, email_required=False),
        _text(m.Student, "school", "School"),
        FieldSpec("grade", "Grade", GRADE),
        FieldSpec("date_of_birth", "Date of birth", PAST_DATE),
        FieldSpec("track_interest", "Track interest", TRACK, column="track_interest_id"),
        _text(m.Student, "guardian_name", "Guardian name"),
        FieldSpec("guardian_email", "Guardian email", EMAIL),
        FieldSpec("guardian_phone", "Guardian phone", PHONE),
        _text(m.Student, "guardian_consent_by", "Guardian consent given by"),
        FieldSpec("guardian_consent_at", "Guardian consent (date, or yes/no)", CONSENT),
        FieldSpec("messaging_opt_in", "Messaging opt-in", YES_NO),
        FieldSpec("notes", "Notes"),
    ),
    Kind.INSTRUCTORS: (
        *_person_names(m.Instructor, email_required=True),
        _text(m.Instructor, "employer", "Employer"),
        _text(m.Instructor, "job_title", "Job title"),
        FieldSpec("expertise", "Expertise (tracks)", TRACKS),
        FieldSpec("bio", "Short bio"),
        FieldSpec("availability", "Availability"),
        FieldSpec("safeguarding_status", "Safeguarding check", CHOICE, choices=_SAFEGUARDING),
        FieldSpec("safeguarding_expires_on", "Safeguarding check expires on", DATE),
        FieldSpec("status", "Status", CHOICE, choices=_INSTRUCTOR_STATUS),
        FieldSpec("notes", "Notes"),
    ),
    Kind.COMPANIES: (
        _required(m.PartnerCompany, "name", "Partner company"),
        _text(m.PartnerCompany, "sector", "Sector"),
        _text(m.PartnerCompany, "website", "Website"),
        _text(m.PartnerCompany, "city", "City"),
        _text(m.PartnerCompany, "country", "Country"),
        FieldSpec("status", "Status", CHOICE, choices=_COMPANY_STATUS),
        FieldSpec("notes", "Notes"),
        _text(m.Contact, "contact_name", "Contact name", "name"),
        _text(m.Contact, "contact_role", "Contact role", "role"),
        FieldSpec("contact_email", "Contact email", EMAIL),
        FieldSpec("contact_phone", "Contact phone", PHONE),
    ),
}
FIELD_BY_NAME = {kind: {spec.name: spec for spec in specs} for kind, specs in FIELDS.items()}
RECORD_WORDS = {
    Kind.STUDENTS: "student",
    Kind.INSTRUCTORS: "instructor",
    Kind.COMPANIES: "partner company",
}

IGNORED_HEADERS = frozenset({"ixdesk problems", "original row", "timestamp", "horodateur"})

_FILLER = frozenset(
    {
        *("your", "the", "of", "a", "an", "s", "please", "enter", "what", "is", "votre"),
        *("student", "students", "pupil", "pupils", "learner", "eleve", "participant"),
        *("participants", "applicant", "instructor", "instructors", "tutor", "trainer"),
        *("mentor", "de", "du", "la", "le", "l", "d", "des"),
    }
)


_NON_WORD = re.compile(r"[^a-z0-9]+")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def header_words(header: str) -> list[str]:
    """The words of a header that carry meaning, folded."""
    text = _PARENTHESES.sub(" ", fold(header))
    text = text.replace("e-mail", "email").replace("e mail", "email")
    return [word for word in _NON_WORD.sub(" ", text).split() if word not in _FILLER]


def header_key(header: str) -> str:
    return " ".join(header_words(header))


def _synonyms(table: dict[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for field, words in table.items():
        for synonym in words.split("|"):
            found[header_key(synonym)] = field
    return found


_PERSON = {
    "first_name": "first name|firstname|first|given name|given names|forename|forenames|"
    "prenom|prénom|vorname|nombre|christian name",
    "last_name": "last name|lastname|surname|family name|nom|nom de famille|nachname|"
    "familienname|apellido|apellidos",
    "full_name": "full name|name|nom complet|name and surname|names|nom et prenom",
    "preferred_name": "preferred name|nickname|known as|goes by|prefers to be called|surnom",
    "email": "email|email address|emailaddress|mail|courriel|adresse courriel|adresse email|"
    "adresse e-mail|correo|correo electronico|e-mail address",
    "phone": "phone|phone number|telephone|tel|cell|cell phone|cellphone|mobile|mobile phone|"
    "mobile number|portable|telephone portable|handy|telefon|telefono|gsm|whatsapp",
}
SYNONYMS: dict[Kind, dict[str, str]] = {
    Kind.STUDENTS: _synonyms(
        {
            **_PERSON,
            "school": "school|high school|school name|college|university|ecole|école|lycee|lycée|"
            "etablissement|schule|escuela|institution|school or university",
            "grade": "grade|school grade|year|school year|year group|class|niveau|classe|"
            "klasse|curso|grade level|year of study",
            "date_of_birth": "date of birth|dob|birthday|birth date|birthdate|born|born on|"
            "date de naissance|né le|geburtsdatum|fecha de nacimiento",
            "track_interest": "track|programme|program|track interest|interest|interested in|"
            "course|filiere|filière|parcours|pathway|stream",
            "guardian_name": "guardian|guardian name|parent|parent name|parent or guardian|"
            "parent/guardian|parent guardian name|responsable legal|nom du parent",
            "guardian_email": "guardian email|parent email|parent/guardian email|"
            "courriel du parent",
            "guardian_phone": "guardian phone|parent phone|parent/guardian phone|guardian cell|"
            "parent cell|parent mobile|telephone du parent|emergency contact number",
            "guardian_consent_by": "consent given by|consent by|consented by",
            "guardian_consent_at": "consent|guardian consent|parental consent|consent date|"
            "parent consent|consentement|autorisation parentale",
            "messaging_opt_in": "messaging opt in|opt in|sms opt in|messaging|newsletter|"
            "marketing consent|updates|contact consent",
            "notes": "notes|note|comments|comment|remarks|remarques|commentaires",
        }
    ),
    Kind.INSTRUCTORS: _synonyms(
        {
            **_PERSON,
            "employer": "employer|company|organisation|organization|works at|entreprise|"
            "employeur|firm|workplace",
            "job_title": "job title|title|position|role|job|poste|fonction|occupation",
            "expertise": "expertise|tracks|track|skills|subjects|teaches|topics|domaines|"
            "specialty|specialism|areas of expertise",
            "bio": "bio|biography|short bio|about|profile",
            "availability": "availability|available|disponibilite|disponibilités",
            "safeguarding_status": "safeguarding|safeguarding status|safeguarding check|dbs|"
            "dbs check|background check|vetting|clearance",
            "safeguarding_expires_on": "safeguarding expires|safeguarding expiry|"
            "safeguarding expires on|dbs expiry|dbs expires|background check expires|"
            "clearance expires|check expires",
            "status": "status|statut",
            "notes": "notes|note|comments|remarks|remarques",
        }
    ),
    Kind.COMPANIES: _synonyms(
        {
            "name": "company|company name|partner|partner company|organisation|organization|"
            "name|entreprise|societe|société|raison sociale|nom de l entreprise|business|firm",
            "sector": "sector|industry|secteur|branche|field",
            "website": "website|web site|web|url|site|site web|homepage|www",
            "city": "city|town|ville|stadt|ciudad|location",
            "country": "country|pays|land|pais",
            "status": "status|stage|statut",
            "notes": "notes|note|comments|remarks|remarques",
            "contact_name": "contact|contact name|contact person|person|representative|"
            "interlocuteur|nom du contact|sponsor",
            "contact_role": "contact role|role|job title|position|contact title|fonction|poste",
            "contact_email": "contact email|email|email address|courriel|mail",
            "contact_phone": "contact phone|phone|telephone|tel|mobile|cell",
        }
    ),
}

_EMAIL_WORDS = {"email", "mail", "courriel", "correo", "emailaddress"}
_PHONE_WORDS = {"phone", "telephone", "tel", "cell", "cellphone", "mobile", "portable", "handy"}
_PHONE_WORDS |= {"telefon", "telefono", "gsm", "whatsapp", "number"}
_GUARDIAN_WORDS = {"parent", "parents", "guardian", "guardians", "mother", "father", "mum"}
_GUARDIAN_WORDS |= {"mom", "dad", "tuteur", "tutrice", "responsable", "parental", "carer"}
_OPT_IN_WORDS = {"sms", "updates", "newsletter", "news", "messages", "messaging", "marketing"}
_OPT_IN_WORDS |= {"texts", "notifications", "optin", "opt"}
_CONTACT_WORDS = {"contact", "person", "representative", "interlocuteur", "sponsor"}

_PERSON_RULES: tuple[tuple[frozenset[str], str], ...] = tuple(
    (frozenset(words.split()), field)
    for words, field in (
        ("preferred nickname known usual surnom", "preferred_name"),
        ("first given forename forenames firstname prenom vorname nombre", "first_name"),
        ("last surname family lastname nom nachname apellido apellidos", "last_name"),
        ("name names", "full_name"),
    )
)
_RULES: dict[Kind, tuple[tuple[frozenset[str], str], ...]] = {
    kind: tuple((frozenset(words.split()), field) for words, field in rules)
    for kind, rules in {
        Kind.STUDENTS: (
            ("birth birthday dob born naissance geburtsdatum birthdate", "date_of_birth"),
            ("school college university ecole lycee schule universite escuela academy", "school"),
            ("grade year class niveau classe klasse curso", "grade"),
            ("programme program track interest interested course filiere", "track_interest"),
            ("notes note comments comment remarks remarques commentaires", "notes"),
        ),
        Kind.INSTRUCTORS: (
            ("employer company organisation organization entreprise employeur firm", "employer"),
            ("job title position role poste fonction occupation", "job_title"),
            ("expertise tracks track skills subjects teaches topics specialty", "expertise"),
            ("bio biography about profile", "bio"),
            ("availability available disponibilite disponibilites", "availability"),
            ("status statut", "status"),
            ("notes note comments remarks remarques", "notes"),
        ),
        Kind.COMPANIES: (
            ("role position title job poste fonction", "contact_role"),
            ("sector industry secteur branche", "sector"),
            ("website web url site homepage www", "website"),
            ("city town ville stadt ciudad location", "city"),
            ("country pays pais", "country"),
            ("status stage statut", "status"),
            ("notes note comments remarks remarques", "notes"),
            ("company organisation organization partner entreprise societe business name", "name"),
        ),
    }.items()
}
_SAFEGUARDING_WORDS = {"safeguarding", "dbs", "background", "vetting", "clearance", "wwcc"}
_EXPIRY_WORDS = {"expiry", "expires", "expiration", "until", "valid", "renewal", "expire"}


def _keyword_field(kind: Kind, words: set[str]) -> str | None:
    if not words:
        return None
    guardian = bool(words & _GUARDIAN_WORDS)
    if kind == Kind.STUDENTS:
        if words & {"consent", "permission", "consentement", "autorisation"}:
            by = words & {"by", "who", "name", "par"}
            return "guardian_consent_by" if by else "guardian_consent_at"
        if words & _OPT_IN_WORDS:
            return "messaging_opt_in"
        if guardian:
            if words & _EMAIL_WORDS:
                return "guardian_email"
            if words & _PHONE_WORDS:
                return "guardian_phone"
            return "guardian_name"
    if kind == Kind.INSTRUCTORS and words & _SAFEGUARDING_WORDS:
        return "safeguarding_expires_on" if words & _EXPIRY_WORDS else "safeguarding_status"
    if kind == Kind.COMPANIES:
        if words & _EMAIL_WORDS:
            return "contact_email"
        if words & _PHONE_WORDS:
            return "contact_phone"
        if words & _CONTACT_WORDS:
            roles = {"role", "title", "position", "job"}
            return "contact_role" if words & roles else "contact_name"
    else:
        if words & _EMAIL_WORDS:
            return "email"
        if words & (_PHONE_WORDS - {"number"}):
            return "phone"
        for rule_words, field in _PERSON_RULES:
            if words & rule_words:
                return field
    for rule_words, field in _RULES[kind]:
        if words & rule_words:
            return field
    return None


def guess_field(kind: Kind, header: str) -> str | None:
    """The field a header most likely names for this kind of import, or None."""
    key = header_key(header)
    if not key or key in IGNORED_HEADERS or fold(header).strip() in IGNORED_HEADERS:
        return None
    exact = SYNONYMS[kind].get(key)
    if exact is not None:
        return exact
    return _keyword_field(kind, set(key.split()))


def is_known_header(header: str) -> bool:
    """Whether any kind of import recognises this header (used to find the header row)."""
    key = header_key(header)
    return any(key in SYNONYMS[kind] for kind in KINDS) or any(
        _keyword_field(kind, set(key.split())) for kind in KINDS
    )
