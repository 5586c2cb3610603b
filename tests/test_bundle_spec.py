"""The bundle's spec leaves out nothing that ixdesk loads (build_installer.spec).

Building the bundle takes minutes (scripts/build_bundle); this catches the
cheapest mistake early: a module in the spec's ``excludes`` that ixdesk or one
of its libraries imports, such as numpy under OR-Tools' CP-SAT.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "build_installer.spec"

# Imports every ixdesk module (the migrations are files Alembic loads, not
# modules) and prints the names of all modules then loaded.
LOAD_ALL = """
import importlib, json, os, sys
from pathlib import Path
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
root = Path(sys.argv[1])
for path in sorted((root / "ixdesk").rglob("*.py")):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[:3] == ["ixdesk", "db", "migrations"] or parts[-1] == "__main__":
        continue
    if parts[-1] == "__init__":
        parts.pop()
    importlib.import_module(".".join(parts))
print(json.dumps(sorted(sys.modules)))
"""


def spec_list(name: str) -> list[str]:
    """The literal list assigned to ``name`` at the top level of the spec."""
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return [str(item) for item in value]
    raise AssertionError(f"{SPEC.name} assigns no {name} list")


def test_the_spec_excludes_no_module_that_ixdesk_loads() -> None:
    excludes = spec_list("excludes")
    assert "tkinter" in excludes  # the list was found and read
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", LOAD_ALL, str(ROOT)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
    )
    assert "ortools.sat.python.cp_model" in loaded
    wrongly_excluded = sorted(
        {
            excluded
            for excluded in excludes
            for module in loaded
            if module == excluded or module.startswith(excluded + ".")
        }
    )
    assert wrongly_excluded == []


def spec_names(name: str) -> set[str]:
    """The module names written out in the list assigned to ``name`` in the spec (not
    those its helpers such as ``collect_submodules`` add)."""
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == name for target in node.targets
        ):
            return {
                item.value
                for item in ast.walk(node.value)
                if isinstance(item, ast.Constant) and isinstance(item.value, str)
            }
    raise AssertionError(f"{SPEC.name} assigns no {name} list")


# Loads SQLCipher's driver as opening an encrypted file does, and prints the modules of
# the driver's package then loaded.
LOAD_CIPHER = """
import json, sys
from ixdesk.db import cipher
connection = cipher.driver().connect(":memory:")
connection.execute("PRAGMA key = 'x'")
assert connection.execute("PRAGMA cipher_version").fetchone()[0]
print(json.dumps(sorted(name for name in sys.modules if name.startswith("sqlcipher3"))))
"""


def test_the_spec_names_every_module_of_the_encryption_driver() -> None:
    loaded = json.loads(
        subprocess.run(
            [sys.executable, "-c", LOAD_CIPHER],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        ).stdout
    )
    assert "sqlcipher3._sqlite3" in loaded  # the compiled extension with SQLCipher in it
    hidden = spec_names("hiddenimports")
    assert "PySide6.QtWidgets" in hidden  # the list was found and read
    assert sorted(set(loaded) - hidden) == []
    assert not any(name.startswith("sqlcipher3") for name in spec_list("excludes"))
