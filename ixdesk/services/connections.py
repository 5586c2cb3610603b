"""Connections to shared PostgreSQL servers that this computer remembers.

What is remembered (host, port, database, user, TLS setting) is kept in
``connections.json`` in the user's data folder; the password never is. It
goes to the operating system's keyring (:mod:`ixdesk.services.keyring_store`);
where there is none, nothing is kept and the person types the password each time.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from ixdesk.paths import user_data_dir
from ixdesk.services import keyring_store

log = logging.getLogger(__name__)

FILE_NAME = "connections.json"
DEFAULT_PORT = 5432
# libpq's sslmode values, most lenient first.
SSL_MODES = ("disable", "allow", "prefer", "require", "verify-ca", "verify-full")
DEFAULT_SSL_MODE = "prefer"


@dataclass(frozen=True)
class ServerConnection:
    host: str
    database: str
    user: str
    port: int = DEFAULT_PORT
    sslmode: str = DEFAULT_SSL_MODE

    @property
    def label(self) -> str:
        return f"{self.user} @ {self.host}:{self.port}/{self.database}"

    @property
    def keyring_name(self) -> str:
        """The entry's name in the keyring: one password per user on one database."""
        return f"{self.user}@{self.host}:{self.port}/{self.database}"

    def url(self, password: str | None) -> URL:
        return URL.create(
            "postgresql+psycopg",
            username=self.user,
            password=password or None,
            host=self.host,
            port=self.port,
            database=self.database,
            query={"sslmode": self.sslmode},
        )


def _file() -> Path:
    return user_data_dir() / FILE_NAME


def remembered() -> list[ServerConnection]:
    """The connections made before, the last one used first."""
    try:
        rows = json.loads(_file().read_text(encoding="utf-8"))
        return [ServerConnection(**row) for row in rows]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, TypeError) as error:
        log.warning("remembered connections unreadable (%s)", type(error).__name__)
        return []


def remember(connection: ServerConnection) -> None:
    """Put ``connection`` first in the remembered list (no password is written)."""
    kept = [connection, *(other for other in remembered() if other != connection)]
    path = _file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([asdict(each) for each in kept], indent=2), encoding="utf-8")


def forget(connection: ServerConnection) -> None:
    """Drop ``connection`` from the list and its password from the keyring."""
    kept = [other for other in remembered() if other != connection]
    _file().write_text(json.dumps([asdict(each) for each in kept], indent=2), encoding="utf-8")
    drop_password(connection)


def drop_password(connection: ServerConnection) -> None:
    """Remove this connection's password from the keyring, if it is there."""
    keyring_store.drop(connection.keyring_name)


def saved_password(connection: ServerConnection) -> str | None:
    """The password in the keyring for this connection, if any (None without a keyring)."""
    return keyring_store.saved(connection.keyring_name)


def save_password(connection: ServerConnection, password: str) -> str | None:
    """Keep the password in the keyring; a sentence when it could not be kept."""
    return keyring_store.save(connection.keyring_name, password)
