"""Compile every ui/*.ui Designer file into ixdesk/gui/generated/ui_<name>.py.

Run after editing a form: ``python scripts/compile_ui.py``. The generated
modules are committed, so a checkout, a wheel and the frozen bundle all use
the same code; tests/test_ui_generated.py fails when they are out of date.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI_DIR = ROOT / "ui"
OUT_DIR = ROOT / "ixdesk" / "gui" / "generated"


def uic_command() -> list[str]:
    uic = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent)) or shutil.which(
        "pyside6-uic"
    )
    if uic is None:
        raise SystemExit("pyside6-uic was not found; install PySide6-Essentials.")
    return [uic]


def compile_form(form: Path) -> str:
    """The Python code for one form, as pyside6-uic writes it."""
    result = subprocess.run(
        [*uic_command(), "--from-imports", str(form)],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.replace(str(form), form.name)


def generated_path(form: Path) -> Path:
    return OUT_DIR / f"ui_{form.stem}.py"


def main() -> int:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    (OUT_DIR / "__init__.py").write_text('"""Code generated from ui/*.ui: do not edit."""\n')
    for form in sorted(UI_DIR.glob("*.ui")):
        generated_path(form).write_text(compile_form(form), encoding="utf-8")
        print(f"{form.relative_to(ROOT)} -> {generated_path(form).relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
