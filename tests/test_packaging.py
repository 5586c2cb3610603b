"""A non-editable install carries migrations, ui/ and resources/ and runs from anywhere."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("ixdesk-*.whl")
    return built


def test_the_wheel_carries_migrations_forms_and_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "ixdesk/db/migrations/env.py" in names
    assert "ixdesk/db/migrations/script.py.mako" in names
    assert any(n.startswith("ixdesk/db/migrations/versions/0001_") for n in names)
    assert "ixdesk/ui/main_window.ui" in names
    assert "ixdesk/resources/icons/ixdesk.svg" in names
    assert "ixdesk/gui/generated/ui_main_window.py" in names
    assert not any(n.startswith("tests/") for n in names)
    # Every subpackage is listed in pyproject.toml's [tool.setuptools] packages.
    for init in (ROOT / "ixdesk").rglob("__init__.py"):
        assert init.relative_to(ROOT).as_posix() in names, f"{init.parent} is not packaged"


def test_an_installed_copy_runs_from_another_folder(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import json, sys, ixdesk, ixdesk.paths as p\n"
        "from ixdesk.cli import main\n"
        "print(json.dumps({'package': ixdesk.__file__, 'icon': str(p.resource_path('icons', "
        "'ixdesk.svg')), 'form': str(p.ui_path('main_window.ui'))}))\n"
        "from ixdesk.db import open_database\n"
        "open_database('here.db').close()  # creates it, with the shipped migrations\n"
        "open_database('secret.db', password='pw').close()  # encrypted, with SQLCipher\n"
        "assert main(['--database', 'here.db', 'list', 'students']) == 0\n"
        "import os; os.environ['IXDESK_PASSWORD'] = 'pw'\n"
        "sys.exit(main(['--database', 'secret.db', 'list', 'students']))\n"
    )
    # The checkout must not be importable: only the installed copy and the
    # dependencies already on this interpreter's path.
    paths = [str(target)] + [p for p in sys.path if p and Path(p).resolve() != ROOT]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(paths), "PYTHONSAFEPATH": "1"}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    first_line, *rest = result.stdout.splitlines()
    found = json.loads(first_line)
    for key in ("package", "icon", "form"):
        assert found[key].startswith(str(target)), (key, found[key])
        assert Path(found[key]).exists()
    assert rest[-1] == "(0 rows)" and rest.count("(0 rows)") == 2
    assert (elsewhere / "here.db").exists()
    assert not (elsewhere / "secret.db").read_bytes().startswith(b"SQLite format 3")
