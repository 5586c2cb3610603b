"""The layers look down only, and importing ixdesk does nothing by itself."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import ixdesk

PACKAGE = Path(ixdesk.__file__).resolve().parent
GUI = PACKAGE / "gui"


def _modules_below_gui() -> list[Path]:
    return [path for path in PACKAGE.rglob("*.py") if GUI not in path.parents]


def _imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_nothing_below_the_gui_imports_qt_widgets() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in _modules_below_gui()
        if any(name.startswith("PySide6.QtWidgets") for name in _imported_names(path))
    ]
    assert offenders == []
    assert len(_modules_below_gui()) > 10  # the scan really looked at the package


def test_db_layer_does_not_import_services_or_gui() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "db").rglob("*.py")
        if any(name.startswith(("ixdesk.services", "ixdesk.gui")) for name in _imported_names(path))
    ]
    assert offenders == []


def test_importing_every_module_below_the_gui_loads_no_widgets_and_writes_nothing(
    tmp_path: Path,
) -> None:
    modules = sorted(
        ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
        for path in _modules_below_gui()
        if "migrations" not in path.parts and path.name != "__main__.py"
    )
    data_dir = tmp_path / "data"
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print('PySide6.QtWidgets' in sys.modules)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={"IXDESK_DATA_DIR": str(data_dir), "PATH": "/usr/bin:/bin"},
        cwd=PACKAGE.parent,
        check=True,
    )
    assert result.stdout.strip() == "False"
    assert not data_dir.exists()
