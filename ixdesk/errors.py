"""Errors a coordinator can read.

Every error that reaches a person derives from :class:`IxdeskError`; its
``str()`` is a whole sentence that says what is wrong and what to do.
"""

from __future__ import annotations


class IxdeskError(Exception):
    """An error whose message is meant for the person using ixdesk."""


class DatabaseOpenError(IxdeskError):
    """The database could not be opened (missing, damaged, not ixdesk's)."""


class WrongPasswordError(DatabaseOpenError):
    """An encrypted file refused the password given for it."""


class DatabaseTooNewError(DatabaseOpenError):
    """The database was written by a newer ixdesk than this one."""


class NotAnIxdeskDatabaseError(DatabaseOpenError):
    """The file is a database, or some other file, but not an ixdesk one."""


class DamagedDatabaseError(DatabaseOpenError):
    """SQLite's integrity check failed."""


class ChangedElsewhereError(IxdeskError):
    """The record was changed (or deleted) by someone else since it was read."""


class RecordNotFoundError(IxdeskError):
    """No live record has the given id or name."""


class ValidationError(IxdeskError):
    """The values given for a record break a rule (duplicate email, ...)."""
