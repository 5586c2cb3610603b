"""What went wrong reaching a PostgreSQL server, in one sentence a person can act on.

Connection failures are told apart by PostgreSQL's SQLSTATE where the server
sent one (a wrong password, a missing database) and otherwise by libpq's
message, which at that stage carries only the host, port and user, never a
row's values. Unknown failures still say which server and what libpq said.
"""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError, OperationalError

from ixdesk.db.location import describe
from ixdesk.errors import DatabaseOpenError

OLDEST_SERVER = 130000  # PostgreSQL 13
CONNECT_TIMEOUT_SECONDS = 8

UNREACHABLE = (
    "The server {server} cannot be reached: check the host name and port, that the server "
    "is running, and that this network may reach it."
)
WRONG_PASSWORD = (
    "The server {server} refused the user name or password for {user}: check both and try "
    "again (the administrator can set a new password)."
)
NOT_LET_IN = (
    "The server {server} does not let {user} in from this computer: the administrator "
    "allows it in the server's pg_hba.conf."
)
MISSING_DATABASE = (
    "The server {server} has no database called {database}: check its name (the "
    "administrator creates it and runs ixdesk server init)."
)
TLS_REQUIRED = (
    "The server {server} accepts only encrypted (TLS) connections: choose the TLS setting "
    "'require' (or stricter) and connect again."
)
TLS_REFUSED = (
    "The server {server} does not offer encrypted (TLS) connections, but this connection "
    "requires them (sslmode={sslmode}): ask the administrator to turn TLS on, or choose "
    "'prefer'."
)
TLS_UNTRUSTED = (
    "The server {server}'s TLS certificate could not be checked (sslmode={sslmode}): the "
    "certificate or the authority that signed it is not trusted by this computer."
)
TOO_OLD = (
    "The server {server} runs PostgreSQL {version}; ixdesk needs PostgreSQL 13 or newer. "
    "Nothing was changed."
)


def server_of(url: URL) -> str:
    return f"{url.host or 'localhost'}:{url.port or 5432}"


def explain_connection(url: URL, sqlstate: str | None, message: str) -> str:
    """The sentence for a failed connection to ``url``."""
    facts = {
        "server": server_of(url),
        "user": url.username or "(no user)",
        "database": url.database or "(none)",
        "sslmode": str(url.query.get("sslmode", "prefer")),
    }
    text = message.lower()
    if sqlstate == "28P01" or "password authentication failed" in text:
        return WRONG_PASSWORD.format(**facts)
    if sqlstate == "3D000" or ("database" in text and "does not exist" in text):
        return MISSING_DATABASE.format(**facts)
    if "ssl off" in text or "no encryption" in text:
        return TLS_REQUIRED.format(**facts)
    if "server does not support ssl" in text:
        return TLS_REFUSED.format(**facts)
    if "certificate" in text or "root cert" in text:
        return TLS_UNTRUSTED.format(**facts)
    if sqlstate == "28000" or "pg_hba.conf" in text:
        return NOT_LET_IN.format(**facts)
    if sqlstate is None and any(
        words in text
        for words in (
            "connection refused",
            "could not translate host",
            "name or service not known",
            "timeout expired",
            "no route to host",
            "network is unreachable",
            "connection timed out",
            "could not connect",
            "connection to server",
        )
    ):
        return UNREACHABLE.format(**facts)
    first = message.strip().splitlines()[0] if message.strip() else "no reason given"
    return f"Could not connect to the PostgreSQL database {describe(url)}: {first}."


def explain_postgresql(url: URL, error: DBAPIError) -> str:
    """The sentence for a driver error met while opening a PostgreSQL database."""
    orig = error.orig
    if isinstance(error, OperationalError):
        return explain_connection(url, getattr(orig, "sqlstate", None), str(orig or error))
    reason = str(orig).strip().splitlines()[0] if orig else str(error)
    return f"Could not open the database {describe(url)}: {reason}."


def check_server_version(url: URL, version: int) -> None:
    """Refuse a server older than PostgreSQL 13 (``version`` as server_version_num)."""
    if version < OLDEST_SERVER:
        major = (
            version // 10000 if version >= 100000 else f"{version // 10000}.{version // 100 % 100}"
        )
        raise DatabaseOpenError(TOO_OLD.format(server=server_of(url), version=major))


def checked_server(engine: Engine) -> None:
    """Connect once and refuse a server too old for ixdesk's schema and security rules."""
    with engine.connect() as connection:
        raw = connection.connection.driver_connection
        version = int(getattr(getattr(raw, "info", None), "server_version", OLDEST_SERVER))
    check_server_version(engine.url, version)


def with_timeout(url: URL) -> URL:
    """A server that does not answer is given up on after a few seconds."""
    if "connect_timeout" in url.query:
        return url
    return url.update_query_dict({"connect_timeout": str(CONNECT_TIMEOUT_SECONDS)})
