"""The organisation's settings, stored in the database.

They travel with the file (and are shared by everyone on a database server),
unlike the window's own preferences (size, theme), which stay on each
computer. Each is a row of the ``settings`` table; a setting never made
falls back to the computer (the environment, the locale), as before settings
existed.

========================  ======================================  ==========================
key                       what                                    written as
========================  ======================================  ==========================
``organisation_name``     the organisation's name (on rosters)    any text
``country``               country of phone numbers written        two letters: ``ZA``
                          without a country code
``paper_size``            paper rosters print on                  ``a4`` or ``letter``
``date_order``            how dates written in numbers are read   ``day-first``, ``month-first``
``logo``                  an image on rosters                     a PNG or JPEG file
``default_group_size``    students per group when a cohort has    2 to 50
                          no size of its own
========================  ======================================  ==========================

``ixdesk settings`` (``commands/settings.py``) and the Settings dialog
(``gui/settings_dialog.py``) both go through :func:`parse_setting` and
:func:`save_settings`, so the same value is refused with the same sentence.
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import phonenumbers
from sqlalchemy import select
from sqlalchemy.orm import Session

from ixdesk.db import models as m
from ixdesk.db.engine import Database
from ixdesk.errors import ValidationError
from ixdesk.services.operations import ChangeHub, OperationContext, run_operation
from ixdesk.services.reads import reads
from ixdesk.services.setting_keys import GROUP_SIZE_RANGE, KEYS, PAPER_SIZES
from ixdesk.services.validation import default_day_first, default_region, quoted
from ixdesk.services.validation.dates import DATE_ORDERS
from ixdesk.services.validation.regional import Regional

MAX_LOGO_BYTES = 2_000_000
MAX_NAME = 200
FALLBACK_GROUP_SIZE = 5


@dataclass(frozen=True)
class OrganisationSettings:
    """Every setting; None where the organisation has made no choice."""

    organisation_name: str | None = None
    country: str | None = None
    paper_size: str | None = None
    date_order: str | None = None
    logo: bytes | None = None
    default_group_size: int | None = None

    # What the program uses: the setting, else what the computer says.
    @property
    def region(self) -> str:
        return default_region(self.country)

    @property
    def day_first(self) -> bool:
        return default_day_first(self.date_order)

    @property
    def paper(self) -> str:
        from ixdesk.services.export.target import default_paper

        return default_paper(self.paper_size)

    @property
    def group_size(self) -> int:
        return self.default_group_size or FALLBACK_GROUP_SIZE

    def regional(self) -> Regional:
        return Regional(self.country, self.date_order, self.paper_size)


def _unknown_key(key: str) -> ValidationError:
    return ValidationError(f"{quoted(key)} is not a setting; the settings are {', '.join(KEYS)}.")


def parse_setting(key: str, text: str) -> Any:
    """The value of ``key`` written as ``text`` (the logo: a file's path), checked.

    Refused with one sentence saying what is allowed.
    """
    if key not in KEYS:
        raise _unknown_key(key)
    word = text.strip()
    if key == "organisation_name":
        name = " ".join(word.split())
        if not name or len(name) > MAX_NAME:
            raise ValidationError(f"The organisation name must be 1 to {MAX_NAME} characters.")
        return name
    if key == "country":
        code = word.upper()
        if code not in phonenumbers.SUPPORTED_REGIONS:
            raise ValidationError(
                f"{quoted(text)} is not a country code; use two letters such as GB, US or ZA."
            )
        return code
    if key == "paper_size":
        return _one_of(text, PAPER_SIZES, "paper size")
    if key == "date_order":
        return _one_of(text, DATE_ORDERS, "date order")
    if key == "default_group_size":
        low, high = GROUP_SIZE_RANGE
        try:
            size = int(word)
        except ValueError:
            size = 0
        if not low <= size <= high:
            raise ValidationError(
                f"{quoted(text)} is not a group size; use a whole number from {low} to {high}."
            )
        return size
    return read_logo(Path(word).expanduser())


def _one_of(text: str, allowed: tuple[str, ...], what: str) -> str:
    word = text.strip().lower()
    if word not in allowed:
        raise ValidationError(f"{quoted(text)} is not a {what}; use {' or '.join(allowed)}.")
    return word


def read_logo(path: Path) -> bytes:
    """The bytes of an image file fit to be a logo: a PNG or JPEG of at most 2 MB."""
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or "it cannot be read"
        raise ValidationError(f"The logo {path} could not be read ({reason}).") from None
    return check_logo(data, path.name)


def check_logo(data: bytes, name: str = "The image") -> bytes:
    if len(data) > MAX_LOGO_BYTES:
        raise ValidationError(f"{name} is larger than 2 MB; choose a smaller image.")
    if logo_kind(data) is None:
        raise ValidationError(f"{name} is not a PNG or JPEG image; choose one that is.")
    return data


def logo_kind(data: bytes) -> str | None:
    """ "png" or "jpeg" when ``data`` is such an image whose size a workbook can read."""
    from xlsxwriter.image import Image

    try:
        kind = Image(io.BytesIO(data)).image_type.lower()
    except Exception:  # the library says "not an image" in several ways
        return None
    return {"png": "png", "jpeg": "jpeg", "jpg": "jpeg"}.get(kind)


def text_of(settings: OrganisationSettings, key: str) -> str:
    """A setting as ``ixdesk settings`` shows it ("" when not set)."""
    value = getattr(settings, key)
    if value is None:
        return ""
    if key == "logo":
        return f"{logo_kind(value) or 'image'} image, {len(value):,} bytes"
    return str(value)


def in_effect(settings: OrganisationSettings, key: str) -> str:
    """What is used where a setting is not made: "not set; ZA from this computer"."""
    if key == "default_group_size":
        return f"not set; {settings.group_size} is used"
    effective = {
        "country": settings.region,
        "paper_size": settings.paper,
        "date_order": "day-first" if settings.day_first else "month-first",
    }.get(key)
    return f"not set; {effective} from this computer" if effective else "not set"


# --- reading and writing ---
@reads("settings")
def load_settings(database: Database) -> OrganisationSettings:
    with database.read() as session:
        return settings_in(session)


def settings_in(session: Session) -> OrganisationSettings:
    """The settings as ``session`` sees them (inside a caller's transaction)."""
    values: dict[str, Any] = {}
    for row in session.scalars(select(m.Setting).where(m.Setting.key.in_(KEYS))):
        if row.key == "logo":
            values["logo"] = row.data
        elif row.key == "default_group_size":
            values[row.key] = int(row.value) if row.value and row.value.isdigit() else None
        else:
            values[row.key] = row.value
    return OrganisationSettings(**values)


def save_settings(
    database: Database, changes: Mapping[str, Any], *, hub: ChangeHub | None = None
) -> OrganisationSettings:
    """Set (or, with None, clear) settings; returns the settings from before, for undo.

    Values are the checked ones :func:`parse_setting` gives (the logo as bytes).
    """
    for key in changes:
        if key not in KEYS:
            raise _unknown_key(key)

    def work(context: OperationContext) -> OrganisationSettings:
        session = context.session
        before = settings_in(session)
        for key, value in changes.items():
            row = session.get(m.Setting, key)
            if value is None:
                if row is not None:
                    session.delete(row)
                continue
            if row is None:
                row = m.Setting(key=key)
                session.add(row)
            if key == "logo":
                row.value, row.data = logo_kind(value), check_logo(value)
            else:
                row.value, row.data = str(value), None
        context.changed(["settings"])
        return before

    return run_operation(database, work, hub=hub)


def changed_between(before: OrganisationSettings, after: OrganisationSettings) -> dict[str, Any]:
    """The settings whose value differs, with their value in ``after``."""
    return {key: getattr(after, key) for key in KEYS if getattr(before, key) != getattr(after, key)}
