"""Match checked rows to records: new, or a duplicate of a record or an earlier row.

A row fills one record (a student, an instructor) or two (a partner company
and, when the row names one, a contact of it). Each record is found by its
key (lower-cased email; the company's name; a contact without email by name
within its company) first among the records this file already claimed, then
in the database. Pure Python over the plan's data: no queries, so changing a
duplicate choice re-runs this in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Iterable
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from ixdesk.services import validation
from ixdesk.services.importing import existing as ex
from ixdesk.services.importing.duplicates import Duplicate
from ixdesk.services.importing.ids import new_ids
from ixdesk.services.importing.nearby import Likeness
from ixdesk.services.importing.parts import Part, Target
from ixdesk.services.importing.rows import CONSENT_NOW, PlannedRow, Problem

if TYPE_CHECKING:
    from ixdesk.services.importing.plan import ImportPlan


_RANK = {"new": 0, "updated": 1, "skipped": 2, "unchanged": 3, "repeated": 4}


_KEY_COLUMNS = frozenset({"email", "name"})


def _same(column: str, old: Any, new: Any) -> bool:
    if old is None:
        return new is None
    if new is CONSENT_NOW:
        return True
    if column in _KEY_COLUMNS and isinstance(old, str) and isinstance(new, str):
        return old.casefold() == new.casefold()  # what records are matched on ignores case
    if isinstance(new, tuple):
        return set(new) <= set(old)
    return bool(old == new)


def _merged(old: Any, new: Any) -> Any:
    if isinstance(new, tuple) and isinstance(old, tuple):
        return tuple(sorted(set(old) | set(new)))
    return new


def _empty(value: Any) -> bool:
    return value is None or value == () or value == ""


def _new_by_row(target: Target) -> int:
    return -1 if target.version is not None else target.row_index or 0


class _Matcher:
    def __init__(self, plan: ImportPlan) -> None:
        self.plan = plan
        self.claims: dict[str, dict[Any, Target]] = {p.record: {} for p in plan.parts}
        self.targets: dict[str, list[Target]] = {p.record: [] for p in plan.parts}
        # New records still exactly their row: the row's index (claims hold it too, until a
        # later row changes the record and it becomes a Target).
        self.from_rows: dict[str, list[int]] = {p.record: [] for p in plan.parts}
        self.promoted: set[int] = set()
        self.warn_column: str | None = None  # the column near-duplicate warnings name

    def match(self, part: Part, row: PlannedRow, values: dict[str, Any], choice: str) -> Target:
        """Match a record whose values were taken out of the row (companies, contacts)."""
        key = part.key(values)
        target = self._claimed(part, key)
        if target is None:
            target = self._new(part, row, key, dict(values), None)
            if part.record == "partner company":
                self._like_company(row, values.get("name") or "")
            return target
        row.status = self._merge(part, target, row, values, choice)
        return target

    def _claimed(self, part: Part, key: Any) -> Target | None:
        if key is None:
            return None
        claims = self.claims[part.record]
        target = claims.get(key)
        if target is None:
            target = self._existing(part, key)
            if target is not None:
                claims[key] = target
        return target

    def _new(
        self,
        part: Part,
        row: PlannedRow,
        key: Any,
        values: dict[str, Any],
        index: int | None,
    ) -> Target:
        record_id = self.ids(part)[row.index]
        target = Target(part, record_id, values, None, row.row_number, index)
        if key is not None:
            self.claims[part.record][key] = target
        self.targets[part.record].append(target)
        row.status = "new"
        return target

    def ids(self, part: Part) -> list[str]:
        """The id each row's new record gets: kept across choices, so a preview is stable."""
        ids = self.plan.row_ids.get(part.record)
        if ids is None or len(ids) != len(self.plan.rows):
            ids = self.plan.row_ids[part.record] = new_ids(len(self.plan.rows))
        return ids

    def promote(self, part: Part, index: int, key: Any) -> Target:
        """The Target of a new record so far exactly row ``index``, which a later row of
        the file matches (and may change)."""
        row = self.plan.rows[index]
        target = Target(part, self.ids(part)[index], row.values, None, row.row_number, index)
        self.claims[part.record][key] = target
        self.targets[part.record].append(target)
        self.promoted.add(index)
        return target

    def finish(self) -> None:
        """Records that became Targets leave ``from_rows``; new Targets in file order."""
        if not self.promoted:
            return
        for record, indexes in self.from_rows.items():
            indexes[:] = [index for index in indexes if index not in self.promoted]
            # (a stable sort: matched records first, as they were; new ones by their row)
            self.targets[record].sort(key=_new_by_row)

    def _existing(self, part: Part, key: Any) -> Target | None:
        found = self.plan.existing[part.record]
        record_id = found.index.get(key)
        if record_id is None or record_id not in found.records:
            return None
        version, stored = found.records[record_id]
        values = dict(stored)
        if "expertise" in part.pseudo:
            values["expertise"] = tuple(sorted(found.expertise.get(record_id, ())))
        target = Target(part, record_id, values, version, None)
        self.targets[part.record].append(target)
        return target

    def _merge(
        self, part: Part, target: Target, row: PlannedRow, values: dict[str, Any], choice: str
    ) -> str:
        before = {column: target.values.get(column) for column in values}
        differences = [c for c, value in values.items() if not _same(c, before[c], value)]
        if not differences:  # the same as an earlier row of the file, or as ixdesk has it
            status = "repeated" if target.created_by is not None else "unchanged"
        elif choice == "skip":
            status = "skipped"
        else:
            changes = {
                c: _merged(before[c], values[c])
                for c in differences
                if choice == "update" or _empty(before[c])
            }
            target.values.update(changes)
            if not target.is_new:
                target.changes.update(changes)
            status = "updated" if changes else "skipped"
        names = {column: name for name, column in part.fields.items()}
        shown = self.plan.tracks.display
        duplicate = Duplicate(
            row=row.row_number,
            record=part.record,
            record_id=target.id,
            matched="file" if target.created_by is not None else "existing",
            other_row=target.created_by,
            existing={names[c]: shown(before[c]) for c in values if c in names},
            incoming={names[c]: shown(values[c]) for c in values if c in names},
            differences=[names[c] for c in differences if c in names],
        )
        row.duplicates = [*row.duplicates, duplicate]
        return status

    def warn(self, row: PlannedRow, message: str) -> None:
        if self.warn_column is None:
            mapping = self.plan.mapping
            self.warn_column = mapping.header_for("email") or mapping.header_for("last_name")
        problem = Problem(row.row_number, self.warn_column, message, validation.WARNING)
        row.warnings = [*row.warnings, problem]

    def _like_company(self, row: PlannedRow, name: str) -> None:
        known = self.plan.existing["partner company"].likeness.get(ex.company_likeness(name))
        if known is None or ex.company_key(known[1]) == ex.company_key(name):
            return
        message = (
            f"{validation.quoted(name)} looks like the partner company "
            f"{validation.quoted(known[1])} already in ixdesk; "
            "check it is not the same company under another spelling."
        )
        problem = Problem(row.row_number, self.plan.mapping.header_for("name"), message, "warning")
        row.warnings = [*row.warnings, problem]


def resolve(plan: ImportPlan) -> None:
    """Give every row its status, duplicates and warnings; collect what the commit writes."""
    matcher = _Matcher(plan)
    plan.enrolments = []
    if len(plan.parts) == 1 and plan.parts[0].passthrough:
        _resolve_people(plan, matcher, plan.parts[0])
    else:
        _resolve_parts(plan, matcher)
    matcher.finish()
    plan.targets = matcher.targets
    plan.from_rows = matcher.from_rows
    plan.tracks_to_create = _tracks_used(plan)


def _resolve_people(plan: ImportPlan, matcher: _Matcher, part: Part) -> None:
    """Students or instructors: one record per row, its values the row's own."""
    rows = plan.rows
    if not rows:
        return
    store = rows[0].store
    keys = email_keys(store.columns.get("email"), len(rows))
    likeness = Likeness(part.record, store, plan.existing[part.record], rows, keys)
    candidates = likeness.candidates
    new_alike: list[int] = []  # new records that may be near-duplicates, checked after
    ids = matcher.ids(part)
    claims: dict[Any, Any] = matcher.claims[part.record]  # a Target, or a new record's row
    from_rows = matcher.from_rows[part.record]
    known = plan.existing[part.record].index
    if _every_row_new(rows, keys, known):  # as in a first import: no look at each row's key
        for row, record_id in zip(rows, ids, strict=True):
            row.status, row.duplicates, row.warnings, row.record_ids = "new", (), (), (record_id,)
        from_rows.extend(range(len(rows)))
        if plan.cohort_id:
            plan.enrolments.extend(ids)  # new students: none is enrolled yet
        new_alike = sorted(candidates)
    else:
        enrolling: set[str] = set()
        for row, key in zip(rows, keys, strict=True):  # keys[i] is rows[i]'s
            if row.invalid:
                row.duplicates = row.warnings = row.record_ids = ()
                row.status = "invalid"
                continue
            row.duplicates = row.warnings = ()
            found = claims.get(key) if key else None
            if found is None and key and key in known:
                found = matcher._claimed(part, key)
            if found is None:  # a new record, straight from its row
                index = row.index
                if key:
                    claims[key] = index
                from_rows.append(index)
                row.status = "new"
                record_id = ids[index]
                if index in candidates:
                    new_alike.append(index)
            else:
                target = matcher.promote(part, found, key) if type(found) is int else found
                choice = row.choice or plan.on_duplicate
                row.status = matcher._merge(part, target, row, row.values, choice)
                record_id = target.id
            row.record_ids = (record_id,)
            if plan.cohort_id and record_id not in enrolling and record_id not in plan.enrolled:
                enrolling.add(record_id)
                plan.enrolments.append(record_id)
    # Near-duplicates among the new records, in file order (a new row only ever has this warning).
    for index, warning in likeness.warnings(new_alike):
        matcher.warn(rows[index], warning)


def _every_row_new(rows: list[PlannedRow], keys: list[str], known: dict[str, str]) -> bool:
    """Whether each row becomes a new record straight from its row: every row valid, and
    their keys (emails, where given) distinct and none of a record in ixdesk."""
    if any(map(_invalid, rows)):
        return False
    given = set(keys)
    given.discard("")
    return len(given) == len(keys) - keys.count("") and known.keys().isdisjoint(given)


_invalid = attrgetter("invalid")


def email_keys(emails: list[Any] | None, size: int) -> list[str]:
    """Each row's key: its email in lower case ("" for none), a whole column at once."""
    if emails is None:
        return [""] * size
    texts = [email or "" for email in emails] if None in emails else emails
    joined = "\n".join(texts)
    if joined.isascii() and joined.count("\n") == size - 1:
        lowered = joined.lower()
        return texts if lowered == joined else lowered.split("\n")  # (as a rule, all are)
    return [text.lower() for text in texts]


def _resolve_parts(plan: ImportPlan, matcher: _Matcher) -> None:
    """Partner companies and their contacts: up to two records per row."""
    for row in plan.rows:
        row.duplicates, row.warnings, row.record_ids = (), (), ()
        if row.invalid:
            row.status = "invalid"
            continue
        choice = row.choice or plan.on_duplicate
        statuses: list[str] = []
        ids: list[str] = []
        linked: str | None = None
        values = row.values
        for part in plan.parts:
            found = part.extract(values, linked)
            if not found:
                continue
            target = matcher.match(part, row, found, choice)
            statuses.append(row.status)
            ids.append(target.id)
            linked = target.id
        row.record_ids = tuple(ids)
        row.status = min(statuses, key=_RANK.__getitem__) if statuses else "unchanged"


def _tracks_used(plan: ImportPlan) -> dict[str, str]:
    if not plan.tracks.new:
        return {}
    used: set[str] = set()
    for targets in plan.targets.values():
        for target in targets:
            values = target.values if target.is_new else target.changes
            _add_tracks(used, (values.get(column) for column in ("track_interest_id", "expertise")))
    from_rows = [index for indexes in plan.from_rows.values() for index in indexes]
    if from_rows and plan.rows:  # new records still exactly their row: read the columns
        columns = plan.rows[0].store.columns
        every_row = len(from_rows) == len(plan.rows)  # each row a new record, as often
        for column in ("track_interest_id", "expertise"):
            if column in columns:
                stored = columns[column]
                _add_tracks(used, set(stored if every_row else map(stored.__getitem__, from_rows)))
    return {track_id: name for track_id, name in plan.tracks.new.items() if track_id in used}


def _add_tracks(used: set[str], values: Iterable[Any]) -> None:
    for value in values:
        if isinstance(value, str):
            used.add(value)
        elif isinstance(value, tuple):
            used.update(value)
