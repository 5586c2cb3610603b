"""Checks of a whole column at once, for the values that mostly differ from row to row.

Emails, phone numbers and text cells are checked a column at a time: one
regular-expression pass over the column's values joined by line breaks (one
match per line) instead of one call per cell, and for emails the domain,
which repeats, checked once per distinct domain. Each check gives a cell's
value only where the one-cell check (:mod:`ixdesk.services.validation`, the
converters) would give exactly that, without a warning; None leaves the cell
to the one-cell check, which stays the authority (tests compare both).
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Sequence
from functools import lru_cache, partial
from itertools import compress, count
from typing import Any

import phonenumbers

from ixdesk.services.importing.fields import EMAIL, PHONE, TEXT, FieldSpec
from ixdesk.services.validation.email import DOMAIN_LABEL, SPECIAL_DOMAINS
from ixdesk.services.validation.phone import (
    CALLING_CODES,
    PHONE_PUNCTUATION,
    RegionRules,
    fast_international_e164,
    international_rules,
    region_rules,
    type_rules,
)

ColumnCheck = Callable[[Sequence[Any]], list[Any]]


def column_check(spec: FieldSpec, region: str) -> ColumnCheck | None:
    """The check of a whole column at once for this field's type, if it has one."""
    if spec.type == EMAIL:
        return lambda cells: simple_emails(_texts(cells))
    if spec.type == PHONE:
        return lambda cells: simple_e164s(_texts(cells), region)
    if spec.type == TEXT:
        return partial(tidy_texts, spec.max_length)
    return None


# --- email -------------------------------------------------------------------------

_SIMPLE_EMAIL_LINES = re.compile(
    r"^(?=.{1,254}$)(?=[^@\n]{1,64}@)[A-Za-z0-9_+-]++(?:\.[A-Za-z0-9_+-]++)*+@([A-Za-z0-9.-]++)$"
    r"|^.*$",
    re.MULTILINE,
)
_SIMPLE_DOMAIN = re.compile(rf"(?:{DOMAIN_LABEL}\.)+[A-Za-z]{{2,63}}")


def _lines(texts: Sequence[str], pattern: re.Pattern[str], joined: str) -> list[Any] | None:
    """One ``findall`` result per text, or None when a text holds a line break."""
    if joined.count("\n") != len(texts) - 1:
        return None
    found = pattern.findall(joined)
    return found if len(found) == len(texts) else None


def simple_emails(texts: Sequence[str]) -> list[str | None]:
    """What ``check_email`` gives each plainly valid ASCII address of a column; None
    for any other text (empty, unusual or wrong: check those one by one)."""
    domains = _lines(texts, _SIMPLE_EMAIL_LINES, "\n".join(texts)) if texts else []
    if domains is None:
        return [None] * len(texts)
    distinct = set(domains)
    tidy = {domain: _plain_domain(domain) for domain in distinct if domain}
    as_is = {domain for domain, lower in tidy.items() if lower == domain}
    if "" not in distinct and len(as_is) == len(tidy):
        return list(texts)  # every address plainly valid, every domain in lower case
    out = [text if domain in as_is else None for text, domain in zip(texts, domains, strict=True)]
    if len(as_is) < len(tidy):  # domains written with capitals: lower-case them
        for index, domain in enumerate(domains):
            lower = tidy.get(domain)
            if lower is not None and lower != domain:
                text = texts[index]
                out[index] = text[: len(text) - len(domain)] + lower
    return out


def _plain_domain(domain: str) -> str | None:
    if _SIMPLE_DOMAIN.fullmatch(domain) is None:
        return None
    lower = domain.lower()
    labels = lower.split(".")
    if "--" in lower or labels[-1] in SPECIAL_DOMAINS or labels[-2] in SPECIAL_DOMAINS:
        return None
    return lower


# --- phone -------------------------------------------------------------------------


def _digit_lengths(lengths: frozenset[int]) -> str:
    """A pattern for that many ASCII digits (-1, "no such number", is none)."""
    return "|".join(f"[0-9]{{{length}}}" for length in sorted(lengths) if length > 0) or "(?!)"


def _valid_national(meta: Any) -> str | None:
    """A pattern for a national number the fast path calls valid in this metadata (a
    general rule, then the rule of one type of number), or None when it has none."""
    general = meta.general_desc
    if general is None or not general.national_number_pattern:
        return None
    types = [
        f"(?=(?:{_digit_lengths(lengths)})$)(?:{pattern})" for lengths, pattern in type_rules(meta)
    ]
    return (
        f"(?=(?:{_digit_lengths(frozenset(general.possible_length))})$)"
        f"(?=(?:{general.national_number_pattern})$)(?:{'|'.join(types) or '(?!)'})$"
    )


def _valid_for_code(rules: RegionRules) -> str:
    """A pattern for a national number valid for any region of the country code, as the
    library decides it: the regions in its order, a region whose leading digits match
    claiming the number for itself (the main region has none, or there is no fast path)."""
    code = int(rules.country_code)
    choices: list[str] = []
    claimed_earlier = ""
    for region in phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(code, ()):
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        valid = None if meta is None else _valid_national(meta)
        if meta is None or valid is None:
            continue
        claims = f"(?=(?:{meta.leading_digits}))" if meta.leading_digits else ""
        choices.append(f"{claimed_earlier}{claims}(?:{valid})")
        if meta.leading_digits:
            claimed_earlier += f"(?!(?:{meta.leading_digits}))"
    return "|".join(choices)


@lru_cache(maxsize=64)
def _phone_lines(region: str) -> tuple[re.Pattern[str], str, re.Pattern[str] | None] | None:
    """The fast path's rules as one pattern over lines of punctuation-free numbers.

    Its last group is the national number when the line is a plainly valid
    number (empty otherwise). Numbers of the other regions sharing the country
    code (Jersey, Guernsey and the Isle of Man with GB) count too: the library
    gives them the same international form. When the region's rule for reading
    the national prefix must still be asked number by number, that rule is
    returned too and the pattern's first group is the prefix the line starts with.
    """
    rules = region_rules(region)
    if rules is None:
        return None
    prefix = rules.national_prefix
    prefix_rule = rules.prefix_pattern
    # A rule whose first alternative is the prefix itself always matches just the prefix.
    plain = prefix_rule is None or (
        bool(prefix and prefix.isdigit())
        and (prefix_rule.pattern == prefix or prefix_rule.pattern.startswith(f"{prefix}|"))
    )
    own = rf"\+{rules.country_code}" + (rf"(?!{re.escape(prefix)})" if prefix else "")
    national_prefix = rf"(?!00){re.escape(prefix)}" if prefix else "(?!)"
    if not plain:
        national_prefix = f"({national_prefix})"
    # ASCII: \d is 0-9, as the fast path asks of the digits; every choice starts by
    # asking for a number of them, up to the end of the line.
    try:
        pattern = re.compile(
            rf"^(?:{own}|{national_prefix})((?:{_valid_for_code(rules)}))|^.*$",
            re.MULTILINE | re.ASCII,
        )
    except re.error:
        return None
    if pattern.groups != (1 if plain else 2):  # a rule with groups of its own
        return None
    return pattern, rules.country_code, None if plain else prefix_rule


def simple_e164s(texts: Sequence[str], region: str) -> list[str | None]:
    """What ``normalise_phone`` gives each plainly valid number of a column (national,
    or with any country's ``+`` code); None for any other text (check those one by one)."""
    out = _region_e164s(texts, region)
    others = [index for index, value in enumerate(out) if value is None and texts[index][:1] == "+"]
    if others:  # numbers from other countries, each by its own country's rules
        _international_e164s([texts[index] for index in others], others, out)
    return out


# "+", a country calling code (shortest first, as the library reads them), the digits.
_CALLING_CODE_LINES = re.compile(
    rf"^\+({'|'.join(sorted(CALLING_CODES, key=len))})([0-9]*)$|^.*$", re.MULTILINE | re.ASCII
)


def _international_e164s(texts: list[str], indices: list[int], out: list[str | None]) -> None:
    """Fill ``out`` at ``indices`` with the E.164 form of each of ``texts`` that is a
    plainly valid ``+`` number, one pass per country code found among them."""
    joined = "\n".join(texts).translate(PHONE_PUNCTUATION)
    found = _lines(texts, _CALLING_CODE_LINES, joined)
    by_code: dict[str, list[int]] = {}
    for position, (code, _national) in enumerate(found or ()):
        if code:
            by_code.setdefault(code, []).append(position)
    if found is None:  # a line break in a cell: one by one
        by_code = {"": list(range(len(texts)))}
    for code, positions in by_code.items():
        pattern = _code_lines(code) if code else None
        if pattern is None:
            for position in positions:
                out[indices[position]] = fast_international_e164(texts[position])
            continue
        assert found is not None
        valid = pattern.findall("\n".join([found[position][1] for position in positions]))
        for position, national in zip(positions, valid, strict=True):
            if national:
                out[indices[position]] = f"+{code}{national}"


@lru_cache(maxsize=512)
def _code_lines(code: str) -> re.Pattern[str] | None:
    """The fast path's rules for ``+code`` numbers as one pattern over lines of national
    numbers (its group: the number when plainly valid), or None to go number by number."""
    rules = international_rules(code)
    if rules is None:
        return None
    left_alone = rf"(?!{re.escape(rules.national_prefix)})" if rules.national_prefix else ""
    prefix_rule = rules.prefix_pattern
    if prefix_rule is not None:  # a number the prefix rule reads goes to the library
        if prefix_rule.groups or prefix_rule.match(""):
            return None
        left_alone += f"(?!(?:{prefix_rule.pattern}))"
    try:
        pattern = re.compile(
            rf"^{left_alone}((?:{_valid_for_code(rules)}))|^.*$", re.MULTILINE | re.ASCII
        )
    except re.error:
        return None
    return pattern if pattern.groups == 1 else None


def _region_e164s(texts: Sequence[str], region: str) -> list[str | None]:
    """The region's national numbers and its own ``+`` numbers, in one pass."""
    lines = _phone_lines(region) if texts else None
    joined = "\n".join(texts).translate(PHONE_PUNCTUATION) if lines else ""
    found = _lines(texts, lines[0], joined) if lines else None
    if lines is None or found is None:
        return [None] * len(texts)
    _pattern, code, prefix_rule = lines
    if prefix_rule is not None:
        found = [
            national if national and _prefix_read(prefix_rule, prefix, national) else ""
            for prefix, national in found
        ]
    out: list[str | None] = list(map(f"+{code}".__add__, found))
    for index in compress(count(), map(operator.not_, found)):
        out[index] = None
    return out


def _prefix_read(rule: re.Pattern[str], prefix: str, national: str) -> bool:
    """Whether the region's prefix rule reads exactly this prefix (as the fast path asks)."""
    if not prefix:
        return True
    match = rule.match(prefix + national)
    return match is not None and match.end() == len(prefix) and not any(match.groups())


# --- text --------------------------------------------------------------------------


def _texts(cells: Sequence[Any]) -> Sequence[str]:
    """The column's cells with "" for anything but text (the column itself when all are text)."""
    try:
        "".join(cells)
    except TypeError:
        return [cell if type(cell) is str else "" for cell in cells]
    return cells


def tidy_texts(limit: int | None, cells: Sequence[Any]) -> list[Any]:
    """Each text cell that is already tidy and short enough, as it is; None for the rest."""
    texts = _texts(cells)
    joined = "".join(texts)
    if joined.isprintable() and "  " not in joined:  # no tabs, line breaks, double spaces
        lines = "\n".join(texts)
        edges = lines.startswith(" ") or lines.endswith(" ") or "\n " in lines or " \n" in lines
        if not edges and (limit is None or max(map(len, texts), default=0) <= limit):
            return [text or None for text in texts]
    longest = len(joined) if limit is None else limit
    return [
        text
        if text
        and len(text) <= longest
        and text.isprintable()
        and "  " not in text
        and text.strip() == text
        else None
        for text in texts
    ]
