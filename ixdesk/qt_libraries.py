"""Can Qt open a window here? The system libraries it needs on Linux, and how to get them.

``scripts/setup`` runs this once ixdesk is installed (``python -m
ixdesk.qt_libraries --platform xcb``; ``scripts/test`` asks for the
``offscreen`` platform the tests use). PySide6's wheels bring Qt, but not the
system libraries Qt's platform plugin loads: a fresh Debian or Ubuntu desktop
lacks ``libxcb-icccm4``, ``libxcb-keysyms1``, ``libxcb-cursor0``…, and Qt then
aborts when the window opens. So:

1. ``ldd`` lists what PySide6's widgets module and the platform plugin
   (``plugins/platforms/libqxcb.so``) cannot find, and each missing library is
   named by its Debian/Ubuntu package;
2. as root with ``apt-get``, those packages are installed (quietly); otherwise
   the exact ``apt-get install`` line is printed and the exit status is 1;
3. with a display, a small program then really loads the platform plugin, so
   anything ``ldd`` cannot see is found before the window is started.

No Qt module is imported here: this must work where Qt cannot load.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

# Library (soname) -> Debian/Ubuntu packages, newest name first (Debian 13 and Ubuntu
# 24.04 renamed some for 64-bit time: libglib2.0-0t64).
PACKAGES: dict[str, tuple[str, ...]] = {
    "libEGL.so.1": ("libegl1",),
    "libGL.so.1": ("libgl1",),
    "libGLX.so.0": ("libglx0",),
    "libOpenGL.so.0": ("libopengl0",),
    "libfontconfig.so.1": ("libfontconfig1",),
    "libfreetype.so.6": ("libfreetype6",),
    "libdbus-1.so.3": ("libdbus-1-3",),
    "libglib-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
    "libgobject-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
    "libgthread-2.0.so.0": ("libglib2.0-0t64", "libglib2.0-0"),
    "libpng16.so.16": ("libpng16-16t64", "libpng16-16"),
    "libharfbuzz.so.0": ("libharfbuzz0b",),
    "libz.so.1": ("zlib1g",),
    "libxkbcommon.so.0": ("libxkbcommon0",),
    "libxkbcommon-x11.so.0": ("libxkbcommon-x11-0",),
    "libX11.so.6": ("libx11-6",),
    "libX11-xcb.so.1": ("libx11-xcb1",),
    "libXau.so.6": ("libxau6",),
    "libXdmcp.so.6": ("libxdmcp6",),
    "libSM.so.6": ("libsm6",),
    "libICE.so.6": ("libice6",),
    "libxcb.so.1": ("libxcb1",),
    "libxcb-cursor.so.0": ("libxcb-cursor0",),
    "libxcb-glx.so.0": ("libxcb-glx0",),
    "libxcb-icccm.so.4": ("libxcb-icccm4",),
    "libxcb-image.so.0": ("libxcb-image0",),
    "libxcb-keysyms.so.1": ("libxcb-keysyms1",),
    "libxcb-randr.so.0": ("libxcb-randr0",),
    "libxcb-render.so.0": ("libxcb-render0",),
    "libxcb-render-util.so.0": ("libxcb-render-util0",),
    "libxcb-shape.so.0": ("libxcb-shape0",),
    "libxcb-shm.so.0": ("libxcb-shm0",),
    "libxcb-sync.so.1": ("libxcb-sync1",),
    "libxcb-util.so.1": ("libxcb-util1",),
    "libxcb-xfixes.so.0": ("libxcb-xfixes0",),
    "libxcb-xinerama.so.0": ("libxcb-xinerama0",),
    "libxcb-xinput.so.0": ("libxcb-xinput0",),
    "libxcb-xkb.so.1": ("libxcb-xkb1",),
    "libwayland-client.so.0": ("libwayland-client0",),
    "libwayland-cursor.so.0": ("libwayland-cursor0",),
    "libwayland-egl.so.1": ("libwayland-egl1",),
}
FONTS = "fonts-dejavu-core"  # Qt draws no text without one font
NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)
CANNOT_OPEN = re.compile(r"(lib[\w.+-]+\.so[\d.]*): cannot open shared object file")
LOAD_CHECK = "from PySide6.QtWidgets import QApplication; QApplication([]).platformName()"

Ldd = Callable[[Path], str]
Known = Callable[[str], bool]


def qt_files(platform: str) -> list[Path]:
    """PySide6's widgets module and ``platform``'s plugin, found without importing Qt."""
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return []
    package = Path(spec.origin).parent
    widgets = sorted(package.glob("QtWidgets*.so"))
    plugin = package / "Qt" / "plugins" / "platforms" / f"libq{platform}.so"
    return [*widgets, *([plugin] if plugin.exists() else [])]


def run_ldd(path: Path) -> str:
    found = subprocess.run(["ldd", str(path)], capture_output=True, text=True, check=False)
    return found.stdout


def missing_libraries(ldd_output: str) -> list[str]:
    """The libraries ``ldd`` says it cannot find, in order, once each."""
    return list(dict.fromkeys(NOT_FOUND.findall(ldd_output)))


def apt_knows(package: str) -> bool:
    """True when apt has ``package`` to install (it knows only one of old and new names)."""
    if shutil.which("apt-cache") is None:
        return False
    shown = subprocess.run(
        ["apt-cache", "show", "--no-all-versions", package],
        capture_output=True,
        text=True,
        check=False,
    )
    return shown.returncode == 0 and "Package:" in shown.stdout


def package_for(library: str, known: Known = apt_knows) -> str:
    """The Debian/Ubuntu package that holds ``library``: the name this system's apt knows."""
    candidates = PACKAGES.get(library)
    if candidates is None:  # libfoo-bar.so.3 is in libfoo-bar3, by Debian's naming rule
        stem, _, version = library.partition(".so")
        name = stem.lower() + version.strip(".").split(".")[0]
        candidates = (name.replace("_", "-"),)
    for candidate in candidates:
        if known(candidate):
            return candidate
    return candidates[-1]


def packages_for(libraries: Iterable[str], known: Known = apt_knows) -> list[str]:
    return list(dict.fromkeys(package_for(library, known) for library in libraries))


def has_fonts() -> bool:
    folders = [Path("/usr/share/fonts"), Path("/usr/local/share/fonts"), Path.home() / ".fonts"]
    return any(any(folder.rglob("*.[ot]tf")) for folder in folders if folder.is_dir())


def needed_packages(
    files: Sequence[Path], ldd: Ldd = run_ldd, known: Known = apt_knows, has_font: bool = True
) -> list[str]:
    """The packages to install so that ``files`` load (and Qt has a font to draw with)."""
    missing = [library for path in files for library in missing_libraries(ldd(path))]
    packages = packages_for(dict.fromkeys(missing), known)
    return packages if has_font else [*packages, FONTS]


def install(packages: Sequence[str]) -> bool:
    """``apt-get install`` them, quietly; True when apt-get says it did."""
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    done = None
    for command in (
        ["apt-get", "update", "-qq"],
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
    ):
        done = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    assert done is not None
    if done.returncode != 0:  # quiet unless something is wrong
        print(done.stderr.strip(), file=sys.stderr)
    return done.returncode == 0


def can_install() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get") is not None


def advice(packages: Sequence[str], platform: str) -> str:
    what = "open its window" if platform == "xcb" else "run"
    return (
        f"Qt needs system libraries this computer lacks to {what}. Install them "
        f"(as root), then run this again:\n\n    sudo apt-get install {' '.join(packages)}\n"
    )


def load_plugin(platform: str) -> tuple[bool, str]:
    """Really load ``platform``'s plugin in a separate program: (worked, what Qt said)."""
    environment = {**os.environ, "QT_QPA_PLATFORM": platform, "QT_DEBUG_PLUGINS": "1"}
    tried = subprocess.run(
        [sys.executable, "-c", LOAD_CHECK],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    return tried.returncode == 0, tried.stderr


def check(
    platform: str,
    *,
    files: Sequence[Path] | None = None,
    ldd: Ldd = run_ldd,
    known: Known = apt_knows,
    installer: Callable[[Sequence[str]], bool] | None = None,
    may_install: bool | None = None,
    fonts: bool | None = None,
    display: bool | None = None,
) -> int:
    """0 when Qt can start on ``platform`` here (installing what it lacks when allowed:
    ``may_install``, by default as root with apt-get); 1 after saying what to install."""
    if not sys.platform.startswith("linux"):
        return 0  # the wheels carry everything on Windows and macOS
    files = qt_files(platform) if files is None else files

    def needed() -> list[str]:
        return needed_packages(files, ldd, known, has_fonts() if fonts is None else fonts)

    packages = needed()
    if may_install is None:
        may_install = can_install()
    if packages and may_install:
        print(f"Installing the system libraries Qt needs: {' '.join(packages)}…")
        if (installer or install)(packages):
            fonts = True if fonts is not None else None
            packages = needed()
    if packages:
        print(advice(packages, platform), file=sys.stderr)
        return 1
    if display is None:
        display = platform == "xcb" and bool(os.environ.get("DISPLAY"))
    if display:
        worked, said = load_plugin(platform)
        if not worked:
            libraries = list(dict.fromkeys(CANNOT_OPEN.findall(said)))
            if libraries:
                print(advice(packages_for(libraries, known), platform), file=sys.stderr)
            else:
                lines = [line for line in said.splitlines() if "qt.qpa" in line or "Could" in line]
                print("Qt could not open a window here:", file=sys.stderr)
                print("\n".join(lines[-5:] or said.splitlines()[-5:]), file=sys.stderr)
            return 1
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ixdesk.qt_libraries", description=__doc__)
    parser.add_argument("--platform", default="xcb", help="Qt's platform: xcb (default), offscreen")
    args = parser.parse_args(argv)
    return check(args.platform)


if __name__ == "__main__":
    sys.exit(main())
