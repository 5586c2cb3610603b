"""A column of phone numbers checked in one regular-expression pass, whatever their countries.

The column's numbers, joined by line breaks with their punctuation taken
out, are matched by one pattern made of the fast path's rules
(:mod:`ixdesk.services.validation.phone`): the default region's national
numbers and its own ``+`` numbers, and the ``+`` numbers of every other
country code the column holds, each checked by the code's main region (the
one the library tries first). The ``+`` numbers left, of a code several
regions share (Canada's and the Caribbean's +1, Jersey's +44), are matched
once more by a pattern holding every region of their code, as the library
decides between them: the pattern of the first pass stays small, which
makes it quick to build. A line a pattern calls plainly valid is its E.164
form; any other line is left to ``normalise_phone`` (which asks the library
when unsure), so the library stays the authority (tests compare both).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import phonenumbers

from ixdesk.services.validation.phone import (
    PHONE_PUNCTUATION,
    RegionRules,
    calling_code,
    international_rules,
    region_rules,
    type_rules,
)

_FLAGS = re.MULTILINE | re.ASCII  # ASCII: \d is 0-9, as the fast path asks of the digits


def simple_e164s(texts: Sequence[str], region: str) -> list[str | None]:
    """What ``normalise_phone`` gives each plainly valid number of a column (national,
    or with any country's ``+`` code); None for any other text (check those one by one)."""
    if not texts:
        return []
    joined = "\n".join(texts).translate(PHONE_PUNCTUATION)
    if joined.count("\n") != len(texts) - 1:  # a line break in a cell: one by one
        return [None] * len(texts)
    found = _e164_lines(joined, len(texts), region, every_region=False)
    if found is None:
        return [None] * len(texts)
    if None in found:  # + numbers of another region sharing the code, read again
        lines = joined.split("\n")
        left = [i for i, value in enumerate(found) if value is None and lines[i][:1] == "+"]
        again = _e164_lines(
            "\n".join(map(lines.__getitem__, left)), len(left), region, every_region=True
        )
        if again is not None:
            for index, value in zip(left, again, strict=True):
                found[index] = value
    return found


def _e164_lines(
    joined: str, count: int, region: str, *, every_region: bool
) -> list[str | None] | None:
    """E.164 for each of ``count`` lines the pattern calls plainly valid (None for the
    others), or None when the lines cannot be matched this way."""
    codes = _calling_codes(joined) if count else frozenset()
    if every_region:
        codes = frozenset(code for code in codes if len(_regions(code)) > 1)
        if not codes:
            return None
    lines = _phone_lines(region, codes, every_region)
    if lines is None:
        return None
    found = lines.pattern.findall(joined)
    if len(found) != count:
        return None
    own = f"+{lines.code}"
    if lines.prefix_rule is None:
        return [own + national if national else (other or None) for national, other in found]
    rule = lines.prefix_rule  # the region's prefix rule, asked number by number
    return [
        (own + national if _prefix_read(rule, prefix, national) else None)
        if national
        else (other or None)
        for prefix, national, other in found
    ]


def _regions(code: str) -> tuple[str, ...]:
    """The regions sharing a calling code, in the order the library tries them."""
    return tuple(phonenumbers.COUNTRY_CODE_TO_REGION_CODE.get(int(code), ()))


def _calling_codes(joined: str) -> frozenset[str]:
    """The country calling codes the column's ``+`` numbers start with."""
    starts = {line[:3] for line in ("\n" + joined).split("\n+")[1:]}
    return frozenset(code for start in starts if (code := calling_code(start)) is not None)


@dataclass(frozen=True)
class _PhoneLines:
    """One pattern over a column's lines; each line's findall groups are the national
    prefix read (only when the region's ``prefix_rule`` must be asked), the default
    region's national number, and a whole ``+`` number of another country code (its
    last alternative takes any other line: every group is empty there)."""

    pattern: re.Pattern[str]
    code: str  # the default region's calling code ("": no fast path for its numbers)
    prefix_rule: re.Pattern[str] | None


@lru_cache(maxsize=64)
def _phone_lines(region: str, codes: frozenset[str], every_region: bool) -> _PhoneLines | None:
    """The pattern for a column's lines: ``+`` numbers of these codes checked by the
    code's main region only, or by ``every_region`` sharing it."""
    home, code, prefix_rule = _home_numbers(region) or ("(?!)(?P<national>)", "", None)
    others = [
        f"{other}(?:{body})"
        for other in sorted(codes - {code})
        if (body := _code_numbers(other, every_region)) is not None
    ]
    if not code and not others:
        return None
    abroad = f"(?P<e164>\\+(?:{'|'.join(others)}))" if others else "(?!)(?P<e164>)"
    names = ["national", "e164"] if prefix_rule is None else ["prefix", "national", "e164"]
    try:
        pattern = re.compile(f"^(?:{home})|^{abroad}|^.*$", _FLAGS)
    except re.error:
        return None
    if list(pattern.groupindex) != names or pattern.groups != len(names):
        return None  # the rules had groups of their own
    return _PhoneLines(pattern, code, prefix_rule)


@lru_cache(maxsize=64)
def _home_numbers(region: str) -> tuple[str, str, re.Pattern[str] | None] | None:
    """The default region's national numbers and its own ``+`` numbers, as a pattern
    whose ``national`` group is the national number when it is plainly valid.

    Numbers of the other regions sharing the country code (Jersey, Guernsey
    and the Isle of Man with GB) count too: the library gives them the same
    international form. When the region's rule for reading the national prefix
    must still be asked number by number, that rule is returned too and the
    pattern's ``prefix`` group is the prefix the line starts with.
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
    dialling_out = (
        rf"(?!00)(?!(?:{_without_groups(rules.call_abroad.pattern)}))"
        if rules.call_abroad
        else "(?!00)"
    )
    national_prefix = rf"{dialling_out}{re.escape(prefix)}" if prefix else "(?!)"
    if not plain:
        national_prefix = f"(?P<prefix>{national_prefix})"
    home = rf"(?:{own}|{national_prefix})(?P<national>(?:{_valid_for_code(rules)}))"
    return home, rules.country_code, None if plain else prefix_rule


@lru_cache(maxsize=512)
def _code_numbers(code: str, every_region: bool) -> str | None:
    """A pattern for the national part of a plainly valid ``+code`` number (valid for the
    code's main region, or for ``every_region`` sharing the code), or None to leave that
    code's numbers to the one-number check."""
    rules = international_rules(code)
    if rules is None:
        return None
    left_alone = rf"(?!{re.escape(rules.national_prefix)})" if rules.national_prefix else ""
    prefix_rule = rules.prefix_pattern
    if prefix_rule is not None:  # a number the prefix rule reads goes to the library
        if prefix_rule.match(""):
            return None
        left_alone += f"(?!(?:{_without_groups(prefix_rule.pattern)}))"
    return f"{left_alone}(?:{_valid_for_code(rules, every_region)})"


def _without_groups(pattern: str) -> str:
    """The pattern with its groups made non-capturing: it matches the same text."""
    return re.sub(r"(?<!\\)\((?!\?)", "(?:", pattern)


def _prefix_read(rule: re.Pattern[str], prefix: str, national: str) -> bool:
    """Whether the region's prefix rule reads exactly this prefix (as the fast path asks)."""
    if not prefix:
        return True
    match = rule.match(prefix + national)
    return match is not None and match.end() == len(prefix) and not any(match.groups())


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


def _valid_for_code(rules: RegionRules, every_region: bool = True) -> str:
    """A pattern for a national number valid for any region of the country code, as the
    library decides it: the regions in its order, a region whose leading digits match
    claiming the number for itself (the main region has none, or there is no fast path).
    Without ``every_region``, the main region's numbers only: the library, trying it
    first, gives them to it."""
    regions = _regions(rules.country_code)
    choices: list[str] = []
    claimed_earlier = ""
    for region in regions if every_region else regions[:1]:
        meta = phonenumbers.PhoneMetadata.metadata_for_region(region)
        valid = None if meta is None else _valid_national(meta)
        if meta is None or valid is None:
            continue
        claims = f"(?=(?:{meta.leading_digits}))" if meta.leading_digits else ""
        choices.append(f"{claimed_earlier}{claims}(?:{valid})")
        if meta.leading_digits:
            claimed_earlier += f"(?!(?:{meta.leading_digits}))"
    return "|".join(choices)
