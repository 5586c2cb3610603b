"""Record kinds are an enum whose values are the keys people and files already use."""

from __future__ import annotations

import json

import pytest

from ixdesk.cli import main
from ixdesk.services.importing import KINDS as IMPORT_KINDS
from ixdesk.services.importing import propose_mapping
from ixdesk.services.kinds import KINDS
from ixdesk.services.record_kinds import LISTED, Kind


def test_a_kind_is_its_key_in_text_json_and_lookups() -> None:
    assert list(KINDS) == list(Kind)
    assert [str(kind) for kind in Kind] == [spec.name for spec in KINDS.values()]
    for kind in Kind:
        assert KINDS[kind.value] is KINDS[kind]  # a settings key or a CLI word finds it
        assert kind == kind.value and f"{kind}" == kind.value
    assert json.dumps({"kind": Kind.STUDENTS}) == '{"kind": "students"}'
    assert json.loads(json.dumps(propose_mapping(Kind.COMPANIES, ["Name"]).kind)) == "companies"
    assert IMPORT_KINDS == (Kind.STUDENTS, Kind.INSTRUCTORS, Kind.COMPANIES)


def test_ixdesk_list_offers_the_kinds_by_their_words_in_its_order(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert set(LISTED) == set(Kind)
    with pytest.raises(SystemExit):
        main(["list", "--help"])
    usage = capsys.readouterr().out
    # The kinds, then a cohort's sessions (listed with --cohort).
    assert "{companies,problems,cohorts,groups,students,instructors,sessions}" in usage
    with pytest.raises(SystemExit):
        main(["list", "pets"])
    words = "'companies', 'problems', 'cohorts', 'groups', 'students', 'instructors', 'sessions'"
    assert f"(choose from {words})" in capsys.readouterr().err
