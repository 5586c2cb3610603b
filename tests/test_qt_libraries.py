"""The set-up's check that Qt can open a window: missing system libraries named by package,
installed as root with apt-get, otherwise the exact command printed."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from ixdesk import qt_libraries as ql

# What ldd said of PySide6's xcb plugin on a fresh Debian 12 desktop (shortened).
FRESH_DESKTOP = """\
\tlinux-vdso.so.1 (0x00007ffd5e7f2000)
\tlibQt6XcbQpa.so.6 => /venv/PySide6/Qt/lib/libQt6XcbQpa.so.6 (0x00007f0c1c600000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-cursor.so.0 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f0c1c5d0000)
\tlibglib-2.0.so.0 => not found
\tlibxcb-icccm.so.4 => not found
\tlibfoo_bar-baz.so.3 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0c1c200000)
"""
ALL_FOUND = "\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f0c1c5d0000)\n"
PLUGIN = Path("/venv/PySide6/Qt/plugins/platforms/libqxcb.so")
BOOKWORM = {"libglib2.0-0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0"}


def test_missing_libraries_are_read_from_ldd_once_each() -> None:
    assert ql.missing_libraries(FRESH_DESKTOP) == [
        "libxcb-icccm.so.4",
        "libxcb-keysyms.so.1",
        "libxcb-cursor.so.0",
        "libglib-2.0.so.0",
        "libfoo_bar-baz.so.3",
    ]
    assert ql.missing_libraries(ALL_FOUND) == []


def test_each_library_is_named_by_the_package_this_systems_apt_knows() -> None:
    libraries = ql.missing_libraries(FRESH_DESKTOP)
    assert ql.packages_for(libraries, BOOKWORM.__contains__) == [
        "libxcb-icccm4",
        "libxcb-keysyms1",
        "libxcb-cursor0",
        "libglib2.0-0",
        "libfoo-bar-baz3",  # unknown to the table: Debian's naming rule
    ]
    trixie = {"libglib2.0-0t64"}  # renamed for 64-bit time
    assert ql.package_for("libglib-2.0.so.0", trixie.__contains__) == "libglib2.0-0t64"


def test_without_root_the_exact_packages_are_printed_and_the_set_up_stops(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status = ql.check(
        "xcb",
        files=[PLUGIN],
        ldd=lambda _path: FRESH_DESKTOP,
        known=BOOKWORM.__contains__,
        may_install=False,
        fonts=False,
        display=False,
    )
    out, err = capsys.readouterr()
    assert status == 1 and out == ""
    assert "Qt needs system libraries this computer lacks to open its window." in err
    assert (
        "sudo apt-get install libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libglib2.0-0 "
        "libfoo-bar-baz3 fonts-dejavu-core\n"
    ) in err


def test_as_root_they_are_installed_and_checked_again(
    capsys: pytest.CaptureFixture[str],
) -> None:
    installed: list[Sequence[str]] = []
    answers = iter([FRESH_DESKTOP, ALL_FOUND])

    def installer(packages: Sequence[str]) -> bool:
        installed.append(list(packages))
        return True

    status = ql.check(
        "xcb",
        files=[PLUGIN],
        ldd=lambda _path: next(answers),
        known=BOOKWORM.__contains__,
        installer=installer,
        may_install=True,
        fonts=True,
        display=False,
    )
    out, err = capsys.readouterr()
    assert status == 0 and err == ""
    assert installed == [
        ["libxcb-icccm4", "libxcb-keysyms1", "libxcb-cursor0", "libglib2.0-0", "libfoo-bar-baz3"]
    ]
    assert out.startswith("Installing the system libraries Qt needs: libxcb-icccm4 ")


def test_nothing_missing_means_nothing_said(capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        ql.check(
            "offscreen",
            files=[PLUGIN],
            ldd=lambda _path: ALL_FOUND,
            may_install=False,
            fonts=True,
            display=False,
        )
        == 0
    )
    assert capsys.readouterr() == ("", "")


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ldd is Linux's")
def test_the_offscreen_platform_the_tests_use_loads_here() -> None:
    files = ql.qt_files("offscreen")
    assert any(path.name == "libqoffscreen.so" for path in files)
    assert any(path.name.startswith("QtWidgets") for path in files)
    assert ql.needed_packages(files) == []
    done = subprocess.run(
        [sys.executable, "-m", "ixdesk.qt_libraries", "--platform", "offscreen"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
