"""The organisation's signing key: made once, kept private, its public half given out.

The private key is an RSA key (3072 bits; Open Badges 3.0 asks every
verifier to support RS256) in ``signing-key.pem`` in the user's data folder,
readable by its owner only (mode 0600; on Windows the folder is in the
user's own profile). It is created the first time a credential is signed,
never replaced by ixdesk, and never leaves the computer unless the person
copies it: losing it means credentials issued with it can no longer be
matched to a new key (docs/certificates.md says to back it up).

The public key goes into every credential's header (``jwk``) and is exported
with ``ixdesk certificates key --export FILE`` so others can check
credentials offline against the organisation's key.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from joserfc.jwk import RSAKey

from ixdesk.errors import IxdeskError
from ixdesk.paths import user_data_dir
from ixdesk.services.atomic import write_atomically

KEY_FILE = "signing-key.pem"
KEY_BITS = 3072
ALGORITHM = "RS256"


class SigningKeyError(IxdeskError):
    """The signing key could not be made, read or written."""


def key_path() -> Path:
    """Where this computer keeps the organisation's private signing key."""
    return user_data_dir() / KEY_FILE


def signing_key(path: Path | None = None) -> RSAKey:
    """The organisation's private key, made (and saved, owner-only) the first time."""
    path = path or key_path()
    if not path.exists():
        _create(path)
    return _read_private(path)


def public_key(key: RSAKey) -> RSAKey:
    """``key`` without its private part."""
    return RSAKey.import_key(key.as_dict(private=False))


def public_jwk(key: RSAKey) -> dict[str, str]:
    """The public key as a JSON Web Key, named by its thumbprint (``kid``)."""
    jwk = {str(k): str(v) for k, v in key.as_dict(private=False).items()}
    return {**jwk, "kid": key.thumbprint(), "alg": ALGORITHM, "use": "sig"}


def export_public_key(key: RSAKey, target: Path) -> Path:
    """Write the public key to ``target``: PEM for a ``.pem`` name, else a JWK (JSON)."""
    if target.suffix.lower() == ".pem":
        text = public_key(key).as_pem(private=False).decode("ascii")
    else:
        text = json.dumps(public_jwk(key), indent=2) + "\n"
    try:
        return write_atomically(target, text)
    except OSError as error:
        reason = error.strerror or "it cannot be written"
        raise SigningKeyError(
            f"The public key could not be written to {target} ({reason})."
        ) from None


def read_public_key(path: Path) -> RSAKey:
    """A public key exported by :func:`export_public_key` (PEM or JWK), or a PEM private key."""
    data = _read(path, "The key file")
    try:
        text = data.decode("utf-8").strip()
        imported = RSAKey.import_key(json.loads(text) if text.startswith("{") else data)
    except Exception:  # the library refuses damaged keys in many ways
        raise SigningKeyError(f"{path} is not an RSA public key in PEM or JWK form.") from None
    return public_key(imported)


def _read(path: Path, what: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        reason = error.strerror or "it cannot be read"
        raise SigningKeyError(f"{what} {path} could not be read ({reason}).") from None


def _read_private(path: Path) -> RSAKey:
    data = _read(path, "The signing key")
    try:
        key = RSAKey.import_key(data)
    except Exception:  # the library refuses damaged keys in many ways
        key = None
    if key is None or not key.is_private:
        raise SigningKeyError(
            f"The signing key {path} is damaged; restore it from a backup "
            "(a new key cannot vouch for credentials already issued)."
        )
    return key


def _create(path: Path) -> None:
    """Write a new private key to ``path``, owner-only, unless another process just did."""
    key = RSAKey.generate_key(KEY_BITS, private=True)
    pem = key.as_pem(private=True)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # mkstemp creates the file readable and writable by its owner only.
        handle, temporary = tempfile.mkstemp(prefix=".signing-key-", dir=path.parent)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(pem)
                stream.flush()
                os.fsync(stream.fileno())
            try:
                os.link(temporary, path)  # never replaces a key made meanwhile
            except FileExistsError:
                pass
            except OSError:  # a file system without hard links
                if not path.exists():
                    os.replace(temporary, path)
        finally:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    except OSError as error:
        reason = error.strerror or "it cannot be written"
        raise SigningKeyError(
            f"The signing key could not be saved in {path.parent} ({reason})."
        ) from None
