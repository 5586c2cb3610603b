"""The words headers are made of: folding, synonyms, and each field's words.

:mod:`.headers` decides with these what a header names; keeping the word
lists apart keeps that decision readable.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ixdesk.services.folding import fold
from ixdesk.services.record_kinds import Kind

_FILLER = frozenset(
    {
        *("your", "the", "of", "a", "an", "s", "please", "enter", "what", "is", "votre"),
        *("student", "students", "pupil", "pupils", "learner", "eleve", "participant"),
        *("participants", "applicant", "instructor", "instructors", "tutor", "trainer"),
        *("mentor", "de", "du", "la", "le", "l", "d", "des", "provide", "state", "select"),
        *("type", "write", "give", "tell", "us", "you", "are", "do", "does", "were", "was"),
        *("which", "whats", "kindly", "currently", "current", "optional", "required", "i"),
        *("my", "me", "we", "can", "could", "would", "will", "be", "this", "at", "in", "on"),
        *("to", "for", "here", "below", "ve", "re", "m"),
    }
)
# Words that join others and never decide a field alone ("parent or guardian cell").
GLUE = frozenset({"and", "or", "by", "with", "from", "if", "any", "et", "ou", "y", "und"})

_NON_WORD = re.compile(r"[^a-z0-9]+")
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NUMBERING = re.compile(
    r"^\s*(?:q|question)?\s*\d{1,3}\s*[.):\-]\s+|^\s*(?:q|question)\s*\d{1,3}\s+"
)


def header_words(header: str) -> list[str]:
    """The words of a header that carry meaning, folded."""
    text = _PARENTHESES.sub(" ", fold(header))
    text = _NUMBERING.sub("", text)
    text = text.replace("e-mail", "email").replace("e mail", "email")
    return [word for word in _NON_WORD.sub(" ", text).split() if word not in _FILLER]


def header_key(header: str) -> str:
    return " ".join(header_words(header))


def _synonyms(table: dict[str, str]) -> dict[str, str]:
    found: dict[str, str] = {}
    for field, words in table.items():
        for synonym in words.split("|"):
            found.setdefault(header_key(synonym), field)
    return found


_PERSON = {
    "first_name": "first name|firstname|first|given name|given names|forename|forenames|"
    "prenom|prénom|vorname|nombre|christian name|legal first name",
    "last_name": "last name|lastname|surname|family name|nom|nom de famille|nachname|"
    "familienname|apellido|apellidos|legal last name",
    "full_name": "full name|name|nom complet|name and surname|names|nom et prenom|"
    "first and last name|full legal name|name surname",
    "preferred_name": "preferred name|nickname|known as|goes by|prefers to be called|surnom|"
    "preferred first name|name you go by",
    "email": "email|email address|emailaddress|mail|courriel|adresse courriel|adresse email|"
    "adresse e-mail|correo|correo electronico|e-mail address|email id",
    "phone": "phone|phone number|telephone|tel|cell|cell phone|cellphone|mobile|mobile phone|"
    "mobile number|portable|telephone portable|handy|telefon|telefono|gsm|whatsapp|"
    "contact number|whatsapp number|cell number",
}
SYNONYMS: dict[Kind, dict[str, str]] = {
    Kind.STUDENTS: _synonyms(
        {
            **_PERSON,
            "school": "school|high school|school name|college|university|ecole|école|lycee|lycée|"
            "etablissement|schule|escuela|institution|school or university|college name|"
            "university name|name of school|school attending",
            "grade": "grade|school grade|year|school year|year group|class|niveau|classe|"
            "klasse|curso|grade level|year of study|year level|grade in school",
            "date_of_birth": "date of birth|dob|birthday|birth date|birthdate|born|born on|"
            "date de naissance|né le|geburtsdatum|fecha de nacimiento",
            "track_interest": "track|programme|program|track interest|interest|interested in|"
            "course|filiere|filière|parcours|pathway|stream|programme of interest",
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


def _set(words: str) -> frozenset[str]:
    return frozenset(words.split())


_EMAIL = _set("email mail courriel correo emailaddress emails")
_PHONE = _set("phone telephone tel cell cellphone mobile portable handy telefon telefono gsm")
_PHONE |= _set("whatsapp")
_GUARDIAN = _set("parent parents guardian guardians mother father mum mom dad tuteur tutrice")
_GUARDIAN |= _set("responsable parental carer caregiver")
_CONSENT = _set("consent permission consentement autorisation")
_OPT_IN = _set("sms updates newsletter news messages messaging marketing texts notifications")
_OPT_IN |= _set("optin opt")
_CONTACT = _set("contact person representative interlocuteur sponsor")
_SAFEGUARDING = _set("safeguarding dbs background vetting clearance wwcc")
_EXPIRY = _set("expiry expires expiration until valid renewal expire")
_NAME = _set("name names")


@dataclass(frozen=True)
class Rule:
    """A field named by words: one word of each group in ``needs``, every other word known."""

    field: str
    needs: tuple[frozenset[str], ...]
    also: frozenset[str] = frozenset()


def _rule(field: str, *needs: frozenset[str] | str, also: str = "") -> Rule:
    groups = tuple(_set(group) if isinstance(group, str) else group for group in needs)
    return Rule(field, groups, _set(also))


_PERSONRULES = (
    _rule("email", _EMAIL, also="address personal school university contact primary best id"),
    _rule("phone", _PHONE, also="number no contact personal home best digit digits only"),
    _rule(
        "preferred_name",
        "preferred nickname known usual surnom goes prefer prefers called",
        also="name first as be different legal",
    ),
    _rule(
        "first_name",
        "first given forename forenames firstname prenom vorname nombre",
        also="name names legal official",
    ),
    _rule(
        "last_name",
        "last surname family lastname nom nachname apellido apellidos",
        also="name names legal official",
    ),
    _rule("full_name", _NAME, also="full legal official complete first last surname"),
)
_NOTES = _rule(
    "notes",
    "notes note comments comment remarks remarques commentaires",
    also="additional other questions anything else information info",
)
RULES: dict[Kind, tuple[Rule, ...]] = {
    Kind.STUDENTS: (
        _rule("guardian_consent_by", _CONSENT, "by who name par", also="given person giving"),
        _rule(
            "guardian_consent_at",
            _CONSENT,
            also=" ".join(_GUARDIAN) + " date given signed agree form",
        ),
        _rule(
            "messaging_opt_in",
            _OPT_IN,
            also="send receive email emails text whatsapp phone information about future "
            "events programmes programs opportunities keep informed touch contact happy agree "
            "like want get",
        ),
        _rule("guardian_email", _GUARDIAN, _EMAIL, also="address name contact"),
        _rule("guardian_phone", _GUARDIAN, _PHONE | {"number"}, also="number contact emergency"),
        _rule("guardian_name", _GUARDIAN, also="name names full first last surname"),
        *_PERSONRULES,
        _rule(
            "date_of_birth",
            "birth birthday dob born naissance geburtsdatum birthdate",
            also="date day month year dd mm yyyy format",
        ),
        _rule(
            "school",
            "school college university ecole lycee schule universite escuela academy institution",
            also="name high secondary study studying attend attending campus enrolled",
        ),
        _rule(
            "grade",
            "grade year class niveau classe klasse curso",
            also="school study studying level group entering academic standing",
        ),
        _rule(
            "track_interest",
            "programme program track interest interested interests course filiere pathway stream",
            also="join apply applying area areas field choice preferred preference first option "
            "options most like",
        ),
        _NOTES,
    ),
    Kind.INSTRUCTORS: (
        _rule(
            "safeguarding_expires_on", _SAFEGUARDING, _EXPIRY, also="check date on status expires"
        ),
        _rule("safeguarding_status", _SAFEGUARDING, also="check status"),
        *_PERSONRULES,
        _rule(
            "employer",
            "employer company organisation organization entreprise employeur firm",
            also="name current works",
        ),
        _rule("job_title", "job title position role poste fonction occupation", also="current"),
        _rule(
            "expertise",
            "expertise tracks track skills subjects teaches topics specialty",
            also="areas area",
        ),
        _rule("bio", "bio biography about profile", also="short"),
        _rule("availability", "availability available disponibilite disponibilites"),
        _rule("status", "status statut"),
        _NOTES,
    ),
    Kind.COMPANIES: (
        _rule("contact_email", _EMAIL, also="address contact person"),
        _rule("contact_phone", _PHONE, also="number contact person"),
        _rule("contact_role", _CONTACT, "role title position job", also="contact person"),
        _rule("contact_name", _CONTACT, also="name person full"),
        _rule("contact_role", "role position title job poste fonction"),
        _rule("sector", "sector industry secteur branche"),
        _rule("website", "website web url site homepage www", also="address company partner"),
        _rule("city", "city town ville stadt ciudad location"),
        _rule("country", "country pays pais"),
        _rule("status", "status stage statut"),
        _NOTES,
        _rule(
            "name",
            "company organisation organization partner entreprise societe business name",
            also="partner",
        ),
    ),
}
