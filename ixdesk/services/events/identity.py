"""Which database this is: its id, and whether (and of what) it is an event copy.

Every database has one identity row, made once (schema 0005). An event copy's
row names the database it was made from, the event, when it was packed, the
PIN that guards event mode (kept as a salted hash, never as typed) and the
status its sign-ups' enrolments get.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.db.enums import EnrolmentStatus
from ixdesk.errors import IxdeskError, ValidationError
from ixdesk.services.reads import reads

PIN_DIGITS = (4, 12)
_ITERATIONS = 120_000
_SCHEME = "pbkdf2-sha256"


@dataclass(frozen=True)
class Identity:
    """A database's id and, for an event copy, what the copy was made for."""

    id: str
    made_at: datetime
    origin_id: str | None = None
    event_name: str | None = None
    packed_at: datetime | None = None
    pin_hash: str | None = None
    enrolment_status: str = EnrolmentStatus.APPLIED.value

    @property
    def is_event_copy(self) -> bool:
        return self.origin_id is not None

    @property
    def has_pin(self) -> bool:
        return bool(self.pin_hash)

    def pin_matches(self, pin: str) -> bool:
        """True when ``pin`` is this copy's PIN (always, for a copy made without one)."""
        return self.pin_hash is None or pin_matches(self.pin_hash, pin)


def identity_in(session: Session) -> Identity:
    row = session.scalars(select(m.DatabaseIdentity).limit(1)).first()
    if row is None:  # schema 0005 makes the row; a database without one was tampered with
        raise IxdeskError("This database has no identity; run ixdesk check on it.")
    return Identity(
        id=str(row.id),
        made_at=row.made_at,
        origin_id=None if row.event_origin_id is None else str(row.event_origin_id),
        event_name=row.event_name,
        packed_at=row.event_packed_at,
        pin_hash=row.event_pin,
        enrolment_status=row.event_enrolment_status or EnrolmentStatus.APPLIED.value,
    )


@reads("database_identity")
def load_identity(database: Database) -> Identity:
    with database.read() as session:
        return identity_in(session)


def check_pin(pin: str) -> str:
    """A PIN as typed, checked: 4 to 12 digits."""
    digits = pin.strip()
    low, high = PIN_DIGITS
    if not digits.isascii() or not digits.isdigit() or not low <= len(digits) <= high:
        raise ValidationError(f"A PIN is {low} to {high} digits, with nothing else in it.")
    return digits


def hash_pin(pin: str) -> str:
    """A salted hash of ``pin`` to keep in the copy: the PIN itself is never stored."""
    salt = secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", check_pin(pin).encode(), salt, _ITERATIONS)
    return f"{_SCHEME}${_ITERATIONS}${salt.hex()}${digest.hex()}"


def pin_matches(stored: str, pin: str) -> bool:
    try:
        scheme, iterations, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            return False
        again = hashlib.pbkdf2_hmac(
            "sha256", pin.strip().encode(), bytes.fromhex(salt), int(iterations)
        )
    except ValueError:
        return False
    return hmac.compare_digest(again.hex(), digest)


def made_up_pin() -> str:
    """A random four-digit PIN, for a copy made without one."""
    return f"{secrets.randbelow(10_000):04d}"
