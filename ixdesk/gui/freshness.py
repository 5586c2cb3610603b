"""How a view stays up to date with the database: one small helper every view uses.

A view gives :class:`Freshness` its refresh function and the tables its
queries read (asked of the queries: ``reads_of(loader)``, ``tables_read(query)``)::

    self.freshness = Freshness(self, workbench, self._catch_up,
                               reads=reads_of(dashboard_figures, record_counts))

From then on the helper

* listens to the workbench's change signal and ignores changes to tables the
  view does not read;
* while the view is hidden only notes that it is stale (adding up what changed),
  and refreshes it once when it is shown again;
* while it is shown, turns a burst of changes into one refresh: a short wait
  after the first change, or at once when the operation runner says the change
  is done (``Workbench.settle``);
* hands the refresh what changed since the last one (a :class:`Burst`: the
  tables and ids, and who made the changes) so a table can update just those
  rows; ``None`` asks for everything;
* is a child of the view: its subscriptions end when the view is destroyed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from ixdesk.gui.workbench import Workbench
from ixdesk.services.operations import Changes

DELAY_MS = 100


@dataclass(frozen=True)
class Burst:
    """The changes a view has not caught up with yet, together."""

    changes: Changes
    sources: tuple[object, ...]  # who started each (None: nobody in this window)

    def only_from(self, source: object) -> bool:
        """True when ``source`` started every one of these changes."""
        return all(each is source for each in self.sources)


Refresh = Callable[[Burst | None], object]


class Freshness(QObject):
    """Keeps one widget fresh; see the module text."""

    def __init__(
        self,
        widget: QWidget,
        workbench: Workbench,
        refresh: Refresh,
        *,
        reads: Iterable[str] | None = None,
        stale: bool = False,
        delay_ms: int = DELAY_MS,
    ) -> None:
        super().__init__(widget)
        self.widget = widget
        self.reads = None if reads is None else frozenset(reads)
        self._refresh = refresh
        self._everything = stale  # nothing shown yet, or a full reload asked for
        self._tables: set[str] = set()
        self._ids: set[str] = set()
        self._sources: list[object] = []
        self.refreshes = 0  # how often the view was refreshed (for tests and curiosity)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        workbench.changed.connect(self._arrived)
        workbench.settling.connect(self.flush)
        widget.installEventFilter(self)

    @property
    def stale(self) -> bool:
        return self._everything or bool(self._sources)

    # --- arriving changes ---
    def _arrived(self, changes: Changes, source: object) -> None:
        if self.reads is not None and not changes.touches(*self.reads):
            return
        self._tables.update(changes.tables)
        self._ids.update(changes.ids)
        self._sources.append(source)
        if self.widget.isVisible() and not self._timer.isActive():
            self._timer.start()

    def clear(self) -> None:
        """The widget has just reloaded everything itself: nothing is pending."""
        self._timer.stop()
        self._everything = False
        self._tables, self._ids, self._sources = set(), set(), []

    # --- refreshing ---
    def flush(self) -> None:
        """Refresh now if the widget is shown and something is pending."""
        if self.stale and self.widget.isVisible():
            self._run()

    def refresh_now(self) -> None:
        """Reload everything now, shown or not."""
        self._everything = True
        self._run()

    def _run(self) -> None:
        burst = None
        if not self._everything:
            changes = Changes(frozenset(self._tables), frozenset(self._ids))
            burst = Burst(changes, tuple(self._sources))
        self.clear()
        self.refreshes += 1
        self._refresh(burst)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Show and self.stale:
            self._run()
        return False
