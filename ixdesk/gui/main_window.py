"""The ixdesk main window: navigation, the views, menus, toolbar and status bar."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import QListWidgetItem, QMainWindow, QMessageBox, QWidget

from ixdesk import __version__
from ixdesk.db import Database
from ixdesk.gui.assignment_actions import install_assignments
from ixdesk.gui.dialogs import DialogService
from ixdesk.gui.export_actions import install_exports
from ixdesk.gui.generated.ui_main_window import Ui_MainWindow
from ixdesk.gui.home import HomePage
from ixdesk.gui.icons import icon
from ixdesk.gui.import_wizard import install_imports
from ixdesk.gui.pages import (
    build_instructor_view,
    build_workspace,
    install_page_actions,
    scrolling_page,
)
from ixdesk.gui.record_view import RecordView
from ixdesk.gui.settings import app_settings
from ixdesk.gui.workbench import Workbench
from ixdesk.services.editing import choices

HOME = "dashboard"
NAVIGATION = (
    (HOME, "Dashboard", "dashboard"),
    ("cohorts", "Cohorts", "cohort"),
    ("groups", "Groups", "group"),
    ("students", "Students", "student"),
    ("instructors", "Instructors", "instructor"),
    ("companies", "Partner companies", "company"),
    ("problems", "Business problems", "problem"),
)
KEY_ROLE = Qt.ItemDataRole.UserRole
NAVIGATION_WIDTH = 190


def _soften_selection(widget: QWidget) -> None:
    """A light tint of the highlight colour behind the chosen entry, with normal
    text, so the coloured icons stay readable (in light and dark palettes)."""
    palette = widget.palette()
    highlight = palette.color(QPalette.ColorRole.Highlight)
    base = palette.color(QPalette.ColorRole.Base)
    share = 0.3
    tint = QColor.fromRgbF(
        base.redF() + (highlight.redF() - base.redF()) * share,
        base.greenF() + (highlight.greenF() - base.greenF()) * share,
        base.blueF() + (highlight.blueF() - base.blueF()) * share,
    )
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, tint)
        palette.setColor(
            group, QPalette.ColorRole.HighlightedText, palette.color(QPalette.ColorRole.Text)
        )
    widget.setPalette(palette)


def show_about(parent: QWidget, database: Database) -> None:
    QMessageBox.about(
        parent,
        "About ixdesk",
        f"<b>ixdesk {__version__}</b><p>Run micro-internship cohorts: partner companies, "
        "business problems, student groups and industry-pro instructors.</p>"
        f"<p>Database: {database.location}</p>",
    )


def _nav_row(key: str) -> int:
    return next(i for i, (k, _l, _i) in enumerate(NAVIGATION) if k == key)


class MainWindow(QMainWindow):
    database_requested = Signal(str)  # "demo" or "default"

    def __init__(
        self,
        database: Database,
        dialogs: DialogService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.database = database
        self.workbench = Workbench(
            database, dialogs or DialogService(self), status=self._show_status, parent=self
        )
        self.dialogs = self.workbench.dialogs
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowIcon(icon("ixdesk"))
        self.setWindowTitle(f"ixdesk — {database.location}")
        self._build_pages()
        self._build_actions()
        install_exports(self)
        install_imports(self)
        self.assignment_panels = install_assignments(self)
        install_page_actions(self)
        self._restore_state()

    # --- construction ---
    def _build_pages(self) -> None:
        self.home = HomePage(self.workbench)
        self.home.open_view.connect(self.show_view)
        self.home.open_list.connect(self.open_list)
        self.home.open_record.connect(self._open_from_home)
        self.home.create_cohort.connect(self._create_first_cohort)
        self.home.open_demo.connect(lambda: self.database_requested.emit("demo"))
        self.views: dict[str, RecordView] = {}
        self.ui.pages.addWidget(self.home)
        for key, label, icon_name in NAVIGATION:
            item = QListWidgetItem(icon(icon_name), label)
            item.setData(KEY_ROLE, key)
            self.ui.navigation.addItem(item)
            if key == HOME:
                continue
            view = RecordView(key, self.workbench)
            view.open_record.connect(self.open_record)
            self.views[key] = view
            self.ui.pages.addWidget(view)
        self.cohort_workspace = build_workspace(self)
        self.instructor_view = build_instructor_view(self)
        self.workspace_page = scrolling_page(self.cohort_workspace)
        self.ui.pages.addWidget(self.workspace_page)
        self.instructor_page = scrolling_page(self.instructor_view)
        self.ui.pages.addWidget(self.instructor_page)
        companies = self.views["companies"].editor
        companies.add_contact.connect(lambda: self._edit_contact(None))
        companies.edit_contact.connect(self._edit_contact)
        _soften_selection(self.ui.navigation)
        self.ui.navigation.currentRowChanged.connect(self._navigate)
        self.ui.navigation.itemClicked.connect(self._nav_clicked)
        self.ui.mainSplitter.setStretchFactor(1, 1)

    def _build_actions(self) -> None:
        ui = self.ui
        for action, icon_name in (
            (ui.actionNew, "new"),
            (ui.actionSave, "save"),
            (ui.actionDelete, "delete"),
            (ui.actionCopy, "copy"),
            (ui.actionRefresh, "refresh"),
            (ui.actionFind, "search"),
            (ui.actionAbout, "help"),
        ):
            action.setIcon(icon(icon_name))
        stack = self.workbench.undo_stack
        assert stack is not None
        undo = stack.createUndoAction(self, "&Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        undo.setIcon(icon("undo"))
        redo = stack.createRedoAction(self, "&Redo")
        redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        redo.setIcon(icon("redo"))
        self.undo_action, self.redo_action = undo, redo
        first = ui.menuEdit.actions()[0]
        ui.menuEdit.insertActions(first, [undo, redo])
        ui.menuEdit.insertSeparator(first)
        ui.toolBar.insertActions(ui.toolBar.actions()[3], [undo, redo])
        ui.actionNew.triggered.connect(lambda: self._on_view("new_record"))
        ui.actionSave.triggered.connect(lambda: self._on_view("save"))
        ui.actionDelete.triggered.connect(lambda: self._on_view("delete_selected"))
        ui.actionCopy.triggered.connect(lambda: self._on_view("copy_selection"))
        ui.actionFind.triggered.connect(lambda: self._on_view("focus_search"))
        ui.actionRefresh.triggered.connect(self.refresh)
        ui.actionOpenDemo.triggered.connect(lambda: self.database_requested.emit("demo"))
        ui.actionOpenOwn.triggered.connect(lambda: self.database_requested.emit("default"))
        ui.actionQuit.triggered.connect(self.close)
        ui.actionAbout.triggered.connect(self.show_about)
        self.view_actions: list[QAction] = []
        for index, (key, label, icon_name) in enumerate(NAVIGATION, start=1):
            action = QAction(icon(icon_name), label, self)
            action.setShortcut(QKeySequence(f"Ctrl+{index}"))
            action.triggered.connect(lambda _=False, k=key: self.show_view(k))
            ui.menuView.addAction(action)
            self.view_actions.append(action)
        self._update_actions()

    # --- navigation ---
    def current_view(self) -> RecordView | None:
        page = self.ui.pages.currentWidget()
        return page if isinstance(page, RecordView) else None

    def show_view(self, key: str) -> None:
        row = _nav_row(key)
        if self.ui.navigation.currentRow() == row:
            self._back_to_view(row)
        else:
            self.ui.navigation.setCurrentRow(row)

    def _nav_clicked(self, item: QListWidgetItem) -> None:
        self._back_to_view(self.ui.navigation.row(item))

    def _back_to_view(self, row: int) -> None:
        """The lit side-bar entry asked for again while one of its pages (the cohort
        workspace, the instructor view) shows: back to the entry's own view."""
        key = NAVIGATION[row][0]
        if key != HOME and self.ui.pages.currentWidget() is not self.views[key]:
            self._navigate(row)

    def _open_from_home(self, kind: str, record_id: str) -> None:
        if kind == "cohorts":
            self.open_cohort(record_id)
        else:
            self.open_record(kind, record_id)

    def _navigate(self, row: int) -> None:
        key = NAVIGATION[row][0]
        current = self.current_view()
        if current is not None and current.kind != key and not current.editor.maybe_leave():
            self.ui.navigation.blockSignals(True)
            self.ui.navigation.setCurrentRow(_nav_row(current.kind))
            self.ui.navigation.blockSignals(False)
            return
        if key == HOME:
            self.ui.pages.setCurrentWidget(self.home)
        else:
            view = self.views[key]
            view.ensure_loaded()
            self.ui.pages.setCurrentWidget(view)
        self._update_actions()

    def _show_page(self, page: QWidget, nav_key: str) -> bool:
        """Show a page that is not a record view, with ``nav_key`` lit in the side bar."""
        current = self.current_view()
        if current is not None and not current.editor.maybe_leave():
            return False
        self.ui.navigation.blockSignals(True)
        self.ui.navigation.setCurrentRow(_nav_row(nav_key))
        self.ui.navigation.blockSignals(False)
        self.ui.pages.setCurrentWidget(page)
        self._update_actions()
        return True

    def open_cohort(self, cohort_id: str | None = None) -> bool:
        """The cohort workspace on ``cohort_id`` (asked for when None)."""
        if cohort_id is None:
            cohort_id = self._ask_record("cohorts", "Open a cohort", "Which cohort?")
            if cohort_id is None:
                return False
        if not self._show_page(self.workspace_page, "cohorts"):
            return False
        self.cohort_workspace.set_cohort(cohort_id)
        return True

    def open_instructor(self, instructor_id: str | None = None) -> bool:
        """The read-only instructor view, on ``instructor_id`` when given."""
        if not self._show_page(self.instructor_page, "instructors"):
            return False
        if instructor_id is not None:
            self.instructor_view.set_instructor(instructor_id)
        return True

    def _ask_record(self, source: str, title: str, text: str) -> str | None:
        options = choices(self.database, source)
        if not options:
            self.dialogs.info(title, f"There are no {self.views[source].spec.plural} yet.")
            return None
        return self.dialogs.choose(title, text, options)

    def open_list(self, kind: str, hint: object) -> None:
        """A view with the dashboard's hint applied: a status, or a list of ids."""
        self.show_view(kind)
        view = self.views.get(kind)
        if view is None or self.current_view() is not view or not isinstance(hint, dict):
            return
        view.apply_hint(hint)

    def open_record(self, kind: str, record_id: str) -> None:
        if kind == "workspace":
            self.open_cohort(record_id)
            return
        if kind not in self.views:
            return
        self.show_view(kind)
        if self.current_view() is self.views[kind]:
            self.views[kind].select_record(record_id)

    def _edit_contact(self, contact_id: str | None) -> None:
        from ixdesk.gui.contact_dialog import ContactDialog

        editor = self.views["companies"].editor
        if editor.loaded.id is None:
            self.dialogs.info("Save the company first", "Save the partner company first.")
            return
        dialog = ContactDialog(self.workbench, editor.loaded.id, contact_id, self)
        dialog.exec()

    def _create_first_cohort(self) -> None:
        self.show_view("cohorts")
        self.views["cohorts"].new_record()

    def _on_view(self, method: str) -> None:
        view = self.current_view()
        if view is not None:
            getattr(view, method)()

    def _update_actions(self) -> None:
        on_view = self.current_view() is not None
        for action in (
            self.ui.actionNew,
            self.ui.actionSave,
            self.ui.actionDelete,
            self.ui.actionCopy,
            self.ui.actionFind,
        ):
            action.setEnabled(on_view)

    def refresh(self) -> None:
        view = self.current_view()
        if view is None:
            self.home.refresh()
        else:
            view.reload()
        self.workbench.status("Reloaded from the database.", 3000)

    def show_about(self) -> None:
        show_about(self, self.database)

    # --- settings and closing ---
    def _restore_state(self) -> None:
        settings = app_settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.ui.mainSplitter.restoreState(splitter)
        else:  # a narrow side bar leaves the tables their room
            self.ui.mainSplitter.setSizes(
                [NAVIGATION_WIDTH, max(self.width() - NAVIGATION_WIDTH, 1)]
            )
        for view in self.views.values():
            view.restore_state()
        last = str(settings.value("window/view", ""))
        if self.home.is_empty() or last not in self.views:
            last = HOME
        self.show_view(last)

    def save_state(self) -> None:
        settings = app_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.ui.mainSplitter.saveState())
        view = self.current_view()
        settings.setValue("window/view", view.kind if view else HOME)
        for each in self.views.values():
            each.save_state()
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        view = self.current_view()
        if view is not None and not view.editor.maybe_leave():
            event.ignore()
            return
        self.save_state()
        self.workbench.detach()
        event.accept()

    def _show_status(self, text: str, milliseconds: int) -> None:
        self.statusBar().showMessage(text, milliseconds)
