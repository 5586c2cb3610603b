"""The organisation settings' keys and their words, with nothing else imported: the
command line's help names them before any database library loads. What each holds and
how it is read is in ``services/settings.py``."""

from __future__ import annotations

PAPER_SIZES = ("a4", "letter")
GROUP_SIZE_RANGE = (2, 50)

# In the order the Settings dialog and ``ixdesk settings`` show them; the fields of
# ``settings.OrganisationSettings`` (a test holds the two equal).
KEYS = (
    "organisation_name",
    "country",
    "paper_size",
    "date_order",
    "logo",
    "default_group_size",
)
LABELS = {
    "organisation_name": "Organisation name",
    "country": "Country of phone numbers",
    "paper_size": "Paper size",
    "date_order": "Date order",
    "logo": "Logo",
    "default_group_size": "Default group size",
}
HELP = {
    "organisation_name": "any text, up to 200 characters",
    "country": "two letters, such as GB, US or ZA",
    "paper_size": "a4 or letter",
    "date_order": "day-first (14/03/2027) or month-first (03/14/2027)",
    "logo": "a PNG or JPEG file, up to 2 MB",
    "default_group_size": f"a whole number from {GROUP_SIZE_RANGE[0]} to {GROUP_SIZE_RANGE[1]}",
}
