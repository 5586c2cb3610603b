"""``ixdesk certificates``: certificates of completion and their signed credentials.

    ixdesk certificates --cohort NAME -o DIR    # a PDF and an Open Badges credential per student
    ixdesk certificates verify FILE [--key KEY]  # is this credential genuine? (exit 0 when valid)
    ixdesk certificates key [--export FILE]      # the signing key's fingerprint; its public half

Only students whose enrolment is completed get one (docs/certificates.md).
``verify`` and ``key`` need no database.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ixdesk.commands import file_to_write

EXIT_OK = 0
EXIT_INVALID = 1


def _folder(text: str) -> Path:
    if not text.strip():
        raise argparse.ArgumentTypeError("the folder name is empty; give a folder")
    return Path(text)


def add_parsers(commands: Any) -> None:
    parser = commands.add_parser(
        "certificates",
        help="write certificates and Open Badges credentials; check a credential",
        description="Write a PDF certificate and a signed Open Badges 3.0 credential for every "
        "student who completed a cohort, check a credential, or export the public key.",
    )
    parser.add_argument("--cohort", metavar="NAME", help="the cohort whose certificates to write")
    parser.add_argument(
        "-o", "--output", type=_folder, metavar="DIR", help="the folder to write them to"
    )
    parser.add_argument("--paper", choices=["a4", "letter"], help="paper size (default: settings)")
    actions = parser.add_subparsers(dest="certificates_action", metavar="ACTION")
    verify = actions.add_parser("verify", help="check a credential (.jwt): valid, or why not")
    verify.add_argument("file", type=Path, metavar="FILE")
    verify.add_argument(
        "--key",
        type=Path,
        metavar="KEY",
        help="the issuer's public key (.pem or .jwk); default: this computer's signing key",
    )
    key = actions.add_parser(
        "key", help="show the signing key's fingerprint; export its public key"
    )
    key.add_argument(
        "--export", type=file_to_write, metavar="FILE", help="write the public key (.pem or .jwk)"
    )


def needs_database(args: argparse.Namespace) -> bool:
    """Only writing reads the database; a write missing its cohort or folder is said first."""
    return args.certificates_action is None and bool(args.cohort) and args.output is not None


def run(args: argparse.Namespace, database: Any) -> int:
    if args.certificates_action == "verify":
        return _verify(args.file, args.key)
    if args.certificates_action == "key":
        return _key(args.export)
    return _write(args, database)


def _write(args: argparse.Namespace, database: Any) -> int:
    from ixdesk.commands.exporting import Meter
    from ixdesk.errors import IxdeskError
    from ixdesk.services.certificates.issue import write_certificates
    from ixdesk.services.read.finding import find_cohort

    if not args.cohort or args.output is None:
        raise IxdeskError(
            "Name the cohort and the folder: ixdesk certificates --cohort NAME -o DIR."
        )
    cohort_id = find_cohort(database, args.cohort)
    meter = Meter()
    try:
        issued = write_certificates(
            database, cohort_id, args.output, progress=meter, paper=args.paper
        )
    finally:
        meter.close()
    others = ""
    if issued.not_completed:
        others = f" None for the {issued.not_completed} students who have not completed it."
    print(f"{issued.count} certificates written to {issued.folder}.{others}")
    return EXIT_OK


def _verify(file: Path, key_file: Path | None) -> int:
    from ixdesk.errors import IxdeskError
    from ixdesk.services.certificates import credential as vc
    from ixdesk.services.certificates import keys

    try:
        token = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or "it is not a text file"
        raise IxdeskError(f"{file} could not be read ({reason}).") from None
    if key_file is not None:
        trusted = keys.read_public_key(key_file)
    elif keys.key_path().exists():
        trusted = keys.public_key(keys.signing_key())
    else:
        raise IxdeskError(
            "This computer has no signing key to check against; give the issuer's public key "
            "with --key FILE."
        )
    try:
        verified = vc.verify(token, trusted)
    except vc.CredentialInvalid as reason:
        print(f"Not valid: {reason}")
        return EXIT_INVALID
    print(
        f"Valid: “{verified.achievement}”, issued by {verified.issuer} to {verified.holder} "
        f"on {verified.valid_from}."
    )
    return EXIT_OK


def _key(export: Path | None) -> int:
    from ixdesk.services.certificates import keys

    key = keys.signing_key()
    print(f"Signing key: {keys.key_path()} (RSA, fingerprint {key.thumbprint()})")
    if export is not None:
        written = keys.export_public_key(key, export)
        print(f"Public key written to {written}.")
    return EXIT_OK
