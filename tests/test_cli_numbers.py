"""Whole-number options: one shared check, with or without an upper bound."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from ixdesk.cli import EXIT_USAGE, main
from ixdesk.commands import whole_number


def test_a_whole_number_without_an_upper_bound() -> None:
    at_least_one = whole_number(1)
    assert at_least_one("1") == 1
    assert at_least_one("1000000") == 1_000_000
    with pytest.raises(argparse.ArgumentTypeError, match=r"^must be 1 or more$"):
        at_least_one("0")
    with pytest.raises(argparse.ArgumentTypeError, match=r"^'many' is not a whole number$"):
        at_least_one("many")
    with pytest.raises(argparse.ArgumentTypeError, match=r"^must be between 0 and 1000$"):
        whole_number(0, 1000)("1001")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["demo", "--students", "0"], "argument --students: must be 1 or more"),
        (["list", "students", "--limit", "ten"], "argument --limit: 'ten' is not a whole number"),
        (["list", "students", "--limit", "-3"], "argument --limit: must be 1 or more"),
    ],
)
def test_the_commands_own_numbers_are_checked_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    path = tmp_path / "ixdesk.db"
    with pytest.raises(SystemExit) as raised:
        main(["--database", str(path), *args])
    assert raised.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"ixdesk: error: {said}" in err and "Traceback" not in err
    assert not path.exists()  # refused before anything was opened
