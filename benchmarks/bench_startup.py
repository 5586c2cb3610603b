"""How soon ixdesk's window appears, against an empty PySide6 window, under Xvfb.

    .venv/bin/python benchmarks/bench_startup.py [--students 2000] [--repeat 7]
        [--database FILE]   # reuse a database instead of making a demo one

Whole processes, alternately, in the same run, on a real X server (Xvfb,
installed with apt-get when missing and this runs as root):

* baseline: ``python -c ...`` showing an empty ``QMainWindow`` (1280x800), the
  time from starting the process to the end of its first paint;
* ixdesk: ``python -m ixdesk --database FILE`` with the last view being the
  students view, the time to the end of the window's first paint (the frame:
  menus, toolbar, side bar, the last view's page) and to the window being
  ready (database opened, checked and backed up, the students view loaded).
  The app reports both through ``IXDESK_REPORT_FIRST_PAINT``.

Target: ixdesk's first paint within 2x the empty window's (medians).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TARGET_RATIO = 2.0
TIMEOUT = 60.0
EMPTY_WINDOW = """
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


class Window(QMainWindow):
    was_painted = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.was_painted:
            self.was_painted = True
            QTimer.singleShot(0, self.report)

    def report(self):
        with open(sys.argv[1], "a", encoding="utf-8") as file:
            file.write(f"painted {time.time():.6f}\\n")
        QApplication.quit()


app = QApplication(sys.argv[:1])
window = Window()
window.resize(1280, 800)
window.show()
app.exec()
"""


# Xvfb, and the X libraries Qt's xcb platform plugin loads (Debian's names).
X_PACKAGES = [
    *("xvfb", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0"),
    *("libxcb-render-util0", "libxcb-shape0", "libxcb-randr0", "libxcb-xkb1"),
    "libxkbcommon-x11-0",
]
XCB_CHECK = "from PySide6.QtWidgets import QApplication; QApplication(['x'])"


def ensure_x(display: str | None = None) -> bool:
    """Whether Qt's xcb plugin starts (on ``display``); without one, only that Xvfb exists."""
    if display is None:
        return shutil.which("Xvfb") is not None
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    done = subprocess.run([sys.executable, "-c", XCB_CHECK], env=env, capture_output=True)
    return done.returncode == 0


def install_x() -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        raise SystemExit(f"Install Xvfb and Qt's X libraries first: {' '.join(X_PACKAGES)}.")
    print(f"installing {' '.join(X_PACKAGES)} with apt-get...", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "install", "-y", "-qq", *X_PACKAGES], check=True, env=env)


def start_xvfb(xvfb: str) -> tuple[subprocess.Popen[bytes], str]:
    """An X server on a free display, and that display's name (":N")."""
    read, write = os.pipe()
    server = subprocess.Popen(
        [xvfb, "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        raise SystemExit("Xvfb did not start.")
    return server, f":{number}"


def timed_launch(command: list[str], env: dict[str, str], report: Path, wait_for: str) -> dict:
    """Seconds from starting ``command`` to each event it reports, up to ``wait_for``."""
    report.unlink(missing_ok=True)
    started = time.time()
    process = subprocess.Popen(
        command, env=env | {"IXDESK_REPORT_FIRST_PAINT": str(report)}, stderr=subprocess.DEVNULL
    )
    events: dict[str, float] = {}
    try:
        while wait_for not in events:
            if time.time() - started > TIMEOUT or process.poll() not in (None, 0):
                raise SystemExit(f"{command[:3]} reported no {wait_for!r} in time.")
            if report.exists():
                for line in report.read_text().splitlines():
                    event, _, stamp = line.partition(" ")
                    events[event] = float(stamp) - started
            time.sleep(0.005)
    finally:
        if process.poll() is None:
            process.terminate()
        process.wait(timeout=30)
    return events


def make_database(path: Path, students: int) -> None:
    from ixdesk.db import open_database
    from ixdesk.services.demo import generate_demo

    database = open_database(path)
    try:
        generate_demo(database, students=students, seed=1)
    finally:
        database.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--database", type=Path, help="an existing database to open")
    args = parser.parse_args()

    if not ensure_x():
        install_x()
    server, display = start_xvfb(shutil.which("Xvfb") or "Xvfb")
    if not ensure_x(display):
        install_x()
    try:
        with tempfile.TemporaryDirectory(prefix="ixdesk-startup-") as name:
            folder = Path(name)
            database = args.database or folder / "school.db"
            if args.database is None:
                make_database(database, args.students)
            data = folder / "data"
            data.mkdir()
            (data / "ixdesk-window.ini").write_text("[window]\nview=students\n")
            env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
            env |= {"DISPLAY": display, "IXDESK_DATA_DIR": str(data), "QT_QPA_PLATFORM": "xcb"}
            env["PYTHONPATH"] = str(ROOT)
            report = folder / "report.txt"
            empty_cmd = [sys.executable, "-c", EMPTY_WINDOW, str(report)]
            ixdesk_cmd = [sys.executable, "-m", "ixdesk", "--database", str(database)]
            timed_launch(ixdesk_cmd, env, report, "ready")  # a first open's backup, caches
            empty, painted, ready = [], [], []
            for _ in range(args.repeat):
                empty.append(timed_launch(empty_cmd, env, report, "painted")["painted"])
                events = timed_launch(ixdesk_cmd, env, report, "ready")
                painted.append(events["painted"])
                ready.append(events["ready"])
    finally:
        server.terminate()
        server.wait(timeout=30)

    def line(values: list[float]) -> str:
        shown = ", ".join(f"{value:.2f}" for value in values)
        return f"median {statistics.median(values):.3f} s ({shown})"

    print(f"database: {database} ({args.students:,} demo students unless given); Xvfb {display}")
    print(f"empty QMainWindow, first paint:      {line(empty)}")
    print(f"ixdesk window, first paint (frame):  {line(painted)}")
    print(f"ixdesk window, ready (data shown):   {line(ready)}")
    ratio = statistics.median(painted) / statistics.median(empty)
    verdict = "meets" if ratio <= TARGET_RATIO else "MISSES"
    print(f"ratio first paint / empty window: {ratio:.2f}x ({verdict} the {TARGET_RATIO}x target)")
    ready_ratio = statistics.median(ready) / statistics.median(empty)
    print(f"ratio ready / empty window: {ready_ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
