"""Open Badges 3.0 credentials: an ``OpenBadgeCredential`` signed as a VC-JWT.

The credential follows the W3C Verifiable Credentials data model 2.0 and
Open Badges 3.0 (section 8.2, "JSON Web Token proof format"): the JWT's
payload *is* the credential, with the registered claims ``iss`` (issuer id),
``jti`` (credential id), ``nbf`` (``validFrom``) beside it, signed RS256 by
:mod:`joserfc` with the organisation's key, whose public half travels in the
header (``jwk``). The file is the compact JWT, one line.

* The issuer's id is the RFC 9278 thumbprint URI of its public key, so the
  id itself names the key that must have signed.
* The credential's id is derived from the enrolment (``urn:uuid``, version
  5): issuing a student's certificate again gives the same id.
* The student is named (``identityType`` "name", as the certificate does);
  an email address is present only as a salted SHA-256 hash, the Open Badges
  way of letting a student prove it is theirs without publishing it.

:func:`verify` checks the signature against a trusted public key (the
organisation's own, or one given by the person checking), then the shape:
contexts, types, and that the claims repeat the credential's own fields.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from joserfc import jws
from joserfc.errors import JoseError
from joserfc.jwk import RSAKey

from ixdesk.services.certificates.keys import ALGORITHM, public_jwk

CONTEXTS = (
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
)
TYPES = ("VerifiableCredential", "OpenBadgeCredential")
THUMBPRINT_URI = "urn:ietf:params:oauth:jwk-thumbprint:sha-256:"
# The header carries the public key (a 3072-bit modulus), past joserfc's default 512 bytes.
REGISTRY = jws.JWSRegistry(algorithms=[ALGORITHM])
REGISTRY.max_header_length = 2048
# Names credential ids: uuid5(this, enrolment id).
_ID_NAMESPACE = uuid.UUID("6a1f3f5e-2c0b-4c55-9d0e-6f1b8a3c2d41")


@dataclass(frozen=True)
class Achievement:
    """What every completing student of one group achieved."""

    name: str
    description: str
    criteria: str
    skills: tuple[str, ...]


@dataclass(frozen=True)
class Recipient:
    enrolment_id: str
    name: str
    email: str | None
    summary: str  # one sentence: what this student did, hours included


@dataclass(frozen=True)
class Verified:
    """A credential that passed every check."""

    credential: dict[str, Any]

    @property
    def holder(self) -> str:
        for identity in self.credential["credentialSubject"].get("identifier", []):
            if identity.get("identityType") == "name" and not identity.get("hashed"):
                return str(identity["identityHash"])
        return "its holder"

    @property
    def issuer(self) -> str:
        return str(self.credential["issuer"].get("name") or self.credential["issuer"]["id"])

    @property
    def achievement(self) -> str:
        return str(self.credential["credentialSubject"]["achievement"]["name"])

    @property
    def valid_from(self) -> str:
        return str(self.credential["validFrom"])[:10]


class CredentialInvalid(Exception):
    """Why a credential is not valid, in one sentence."""


def issuer_id(key: RSAKey) -> str:
    return THUMBPRINT_URI + key.thumbprint()


def credential_id(enrolment_id: str) -> str:
    return f"urn:uuid:{uuid.uuid5(_ID_NAMESPACE, enrolment_id)}"


def hashed_email(email: str) -> dict[str, Any]:
    """An ``IdentityObject`` for an email address: salted SHA-256, as Open Badges hash it."""
    salt = secrets.token_hex(8)
    digest = hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()
    return {
        "type": "IdentityObject",
        "identityType": "emailAddress",
        "hashed": True,
        "identityHash": f"sha256${digest}",
        "salt": salt,
    }


def build(
    recipient: Recipient,
    achievement: Achievement,
    *,
    organisation: str,
    key: RSAKey,
    issued: datetime,
) -> dict[str, Any]:
    """The unsigned ``OpenBadgeCredential`` for one student."""
    identifier: list[dict[str, Any]] = [
        {
            "type": "IdentityObject",
            "identityType": "name",
            "hashed": False,
            "identityHash": recipient.name,
        }
    ]
    if recipient.email:
        identifier.append(hashed_email(recipient.email))
    credential_achievement: dict[str, Any] = {
        "id": f"{credential_id(recipient.enrolment_id)}#achievement",
        "type": ["Achievement"],
        "achievementType": "CertificateOfCompletion",
        "name": achievement.name,
        "description": achievement.description,
        "criteria": {"narrative": achievement.criteria},
    }
    if achievement.skills:
        credential_achievement["tag"] = list(achievement.skills)
    return {
        "@context": list(CONTEXTS),
        "id": credential_id(recipient.enrolment_id),
        "type": list(TYPES),
        "name": achievement.name,
        "description": recipient.summary,
        "issuer": {"id": issuer_id(key), "type": ["Profile"], "name": organisation},
        "validFrom": issued.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "credentialSubject": {
            "type": ["AchievementSubject"],
            "identifier": identifier,
            "achievement": credential_achievement,
        },
    }


def sign(credential: Mapping[str, Any], key: RSAKey) -> str:
    """The credential as a compact VC-JWT signed with ``key``."""
    issued = datetime.strptime(credential["validFrom"], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    claims = {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(issued.timestamp()),
    }
    header = {"alg": ALGORITHM, "typ": "JWT", "kid": key.thumbprint(), "jwk": _header_jwk(key)}
    payload = json.dumps(claims, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return jws.serialize_compact(header, payload, key, registry=REGISTRY)


def _header_jwk(key: RSAKey) -> dict[str, str]:
    jwk = public_jwk(key)
    return {name: jwk[name] for name in ("kty", "n", "e", "kid", "alg", "use")}


def verify(token: str, trusted: RSAKey) -> Verified:
    """The credential in ``token`` when ``trusted`` signed it and it is well formed.

    Raises :class:`CredentialInvalid` saying why not.
    """
    data = token.strip().encode("utf-8", "replace")
    try:
        header = jws.extract_compact(data, registry=REGISTRY).protected
    except (JoseError, ValueError):
        raise CredentialInvalid("It is not a signed credential (a VC-JWT).") from None
    if header.get("alg") != ALGORITHM:
        raise CredentialInvalid(f"It is not signed with {ALGORITHM}, as ixdesk signs.")
    signer = header.get("jwk")
    if isinstance(signer, dict) and signer.get("n") != trusted.as_dict(private=False)["n"]:
        raise CredentialInvalid("It was signed with another key, not the organisation's.")
    try:
        signed = jws.deserialize_compact(data, trusted, registry=REGISTRY)
    except (JoseError, ValueError):
        raise CredentialInvalid(
            "Its signature does not match its contents: it was changed after signing."
        ) from None
    try:
        claims = json.loads(signed.payload)
    except ValueError:
        raise CredentialInvalid("Its contents are not a credential.") from None
    _check_shape(claims, trusted)
    return Verified({k: v for k, v in claims.items() if k not in ("iss", "jti", "nbf")})


def _check_shape(claims: Any, trusted: RSAKey) -> None:
    if not isinstance(claims, dict):
        raise CredentialInvalid("Its contents are not a credential.")
    contexts = claims.get("@context")
    if not isinstance(contexts, list) or list(contexts[:2]) != list(CONTEXTS):
        raise CredentialInvalid("It is not an Open Badges 3.0 credential (its contexts differ).")
    if not set(TYPES) <= set(claims.get("type") or ()):
        raise CredentialInvalid("It is not an OpenBadgeCredential.")
    issuer = claims.get("issuer")
    if not isinstance(issuer, dict) or issuer.get("id") != issuer_id(trusted):
        raise CredentialInvalid("Its issuer is not the owner of the key it was checked with.")
    subject = claims.get("credentialSubject")
    if not isinstance(subject, dict) or not isinstance(subject.get("achievement"), dict):
        raise CredentialInvalid("It names no achievement.")
    if claims.get("iss") != issuer["id"] or claims.get("jti") != claims.get("id"):
        raise CredentialInvalid("Its signed claims do not match the credential.")
    try:
        valid_from = datetime.strptime(str(claims.get("validFrom")), "%Y-%m-%dT%H:%M:%SZ")
    except ValueError:
        raise CredentialInvalid("Its date of issue is not a date.") from None
    if claims.get("nbf") != int(valid_from.replace(tzinfo=UTC).timestamp()):
        raise CredentialInvalid("Its signed claims do not match the credential.")
