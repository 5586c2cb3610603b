"""The record types by name, with nothing else imported: the command line builds its
choices from them before any database library loads."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal


class Kind(StrEnum):
    """A record type with a view of its own; its value is its key everywhere (navigation,
    window settings, ``ixdesk list``, imports, links), so it compares equal to that text."""

    COHORTS = "cohorts"
    GROUPS = "groups"
    STUDENTS = "students"
    INSTRUCTORS = "instructors"
    COMPANIES = "companies"
    PROBLEMS = "problems"


# A partner company's contacts: checked and linked like a kind, edited in their own dialog.
Contacts = Literal["contacts"]
CONTACTS: Contacts = "contacts"

# What ``ixdesk list`` offers, in the order its help names them.
LISTED = (
    Kind.COMPANIES,
    Kind.PROBLEMS,
    Kind.COHORTS,
    Kind.GROUPS,
    Kind.STUDENTS,
    Kind.INSTRUCTORS,
)
