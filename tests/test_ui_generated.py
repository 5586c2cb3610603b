"""The committed Python code for each Designer form is what pyside6-uic makes of it today."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("compile_ui", ROOT / "scripts" / "compile_ui.py")
assert spec and spec.loader
compile_ui = importlib.util.module_from_spec(spec)
sys.modules["compile_ui"] = compile_ui
spec.loader.exec_module(compile_ui)

FORMS = sorted((ROOT / "ui").glob("*.ui"))


def test_there_are_forms() -> None:
    assert FORMS


@pytest.mark.parametrize("form", FORMS, ids=[form.stem for form in FORMS])
def test_generated_code_is_current(form: Path) -> None:
    generated = compile_ui.generated_path(form)
    assert generated.exists(), f"run scripts/compile_ui.py: {generated.name} is missing"
    assert generated.read_text(encoding="utf-8") == compile_ui.compile_form(form), (
        f"{form.name} changed since it was compiled: run python scripts/compile_ui.py"
    )
