"""The ixdesk main window: its pages, and where it places what its features offer.

The window builds the workbench every part of it shares, one page per view
(the dashboard, a record view per kind, the cohort workspace, the instructor
view) and the side bar; the features (exports, import, assignments, the pages'
actions) hand it actions, menus and panels, which it places in the menus,
the toolbar, the views' context menus and the docks. It is the navigator's
host: it shows the place the navigator asks for (``show_place``) and says
where it is (``current_place``), so Back and Forward work from anywhere.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QListWidgetItem, QMainWindow, QWidget

from ixdesk.db import Database
from ixdesk.gui import export_actions
from ixdesk.gui.assignment_actions import assignments
from ixdesk.gui.dialogs import DialogService
from ixdesk.gui.generated.ui_main_window import Ui_MainWindow
from ixdesk.gui.home import HomePage
from ixdesk.gui.icons import icon
from ixdesk.gui.import_wizard import ImportLauncher
from ixdesk.gui.navigator import HOME, TEACHING, WORKSPACE, Place
from ixdesk.gui.pages import TeachingPage, WorkspacePage, page_actions, scrolling_page
from ixdesk.gui.record_view import RecordView
from ixdesk.gui.remember import restore_sizes, save_sizes
from ixdesk.gui.window_parts import (
    NAVIGATION,
    NAVIGATION_WIDTH,
    dock,
    nav_row,
    place_above_quit,
    short_label,
    show_about,
    soften_selection,
)
from ixdesk.gui.workbench import Workbench

KEY_ROLE = Qt.ItemDataRole.UserRole


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
        self.navigator = self.workbench.navigator
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setWindowIcon(icon("ixdesk"))
        self.setWindowTitle(f"ixdesk — {database.location}")
        self._build_pages()
        self._build_actions()
        self._place_features()
        self.navigator.attach(self)
        self._restore_state()

    # --- construction ---
    def _build_pages(self) -> None:
        navigator = self.navigator
        self.home = HomePage(self.workbench)
        self.home.open_view.connect(navigator.show_view)
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
            view.open_record.connect(navigator.open_record)
            self.views[key] = view
            self.ui.pages.addWidget(view)
        self.cohort_workspace = WorkspacePage(self.workbench)
        self.instructor_view = TeachingPage(self.workbench)
        self.workspace_page = scrolling_page(self.cohort_workspace)
        self.ui.pages.addWidget(self.workspace_page)
        self.instructor_page = scrolling_page(self.instructor_view)
        self.ui.pages.addWidget(self.instructor_page)
        companies = self.views["companies"].editor
        companies.add_contact.connect(lambda: self._edit_contact(None))
        companies.edit_contact.connect(self._edit_contact)
        soften_selection(self.ui.navigation)
        self.ui.navigation.currentRowChanged.connect(self._nav_row_chosen)
        self.ui.navigation.itemClicked.connect(
            lambda item: self._nav_row_chosen(self.ui.navigation.row(item))
        )
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
        short_label(undo, "Undo")
        short_label(redo, "Redo")
        first = ui.menuEdit.actions()[0]
        ui.menuEdit.insertActions(first, [undo, redo])
        ui.menuEdit.insertSeparator(first)
        ui.toolBar.insertActions(ui.toolBar.actions()[3], [undo, redo])
        self.back_action, self.forward_action = self.navigator.actions()
        self.addActions([self.back_action, self.forward_action])
        ui.menuView.insertActions(ui.actionRefresh, [self.back_action, self.forward_action])
        ui.menuView.insertSeparator(ui.actionRefresh)
        ui.toolBar.insertActions(ui.toolBar.actions()[0], [self.back_action, self.forward_action])
        ui.toolBar.insertSeparator(ui.actionNew)
        for action in (self.back_action, self.forward_action):  # arrows need no words
            button = ui.toolBar.widgetForAction(action)
            if button is not None:
                button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
                button.setAccessibleName(action.text().replace("&", ""))
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

    def _place_features(self) -> None:
        """Place what the features offer: import and export, assignments, the pages."""
        ui, bench, views = self.ui, self.workbench, self.views
        launcher = ImportLauncher(bench, self)
        self.home.import_sheet.connect(lambda: launcher.open_wizard())
        menu = export_actions.export_menu(bench, ui.menuFile)
        place_above_quit(ui.menuFile, ui.actionQuit, [launcher.action, menu.menuAction()])
        button = export_actions.toolbar_button(menu)
        button.setToolButtonStyle(ui.toolBar.toolButtonStyle())
        ui.toolBar.toolButtonStyleChanged.connect(button.setToolButtonStyle)
        ui.toolBar.addSeparator()
        ui.toolBar.addAction(launcher.action)
        ui.toolBar.addWidget(button)
        for view in views.values():
            view.extra_actions.extend(export_actions.view_export_actions(bench, view))

        self.assignments = assignments(bench, views["groups"])
        views["groups"].addAction(self.assignments.assign_action)
        views["groups"].extra_actions.append(self.assignments.assign_action)
        self.attention_dock = dock(
            self, ui.menuView, self.assignments.attention, "Needs attention", "attentionDock",
            "warning",
        )  # fmt: skip
        self.attention_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+W"))
        self.load_dock = dock(
            self, ui.menuView, self.assignments.load, "Instructor load", "instructorLoadDock",
            "instructor",
        )  # fmt: skip
        self.load_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+L"))
        self.tabifyDockWidget(self.attention_dock, self.load_dock)
        self.attention_dock.raise_()

        cohorts, instructors = views["cohorts"], views["instructors"]
        self.workspace_action, self.teaching_action = page_actions(
            bench, cohorts, instructors, self
        )
        cohorts.extra_actions.insert(0, self.workspace_action)
        instructors.extra_actions.insert(0, self.teaching_action)
        actions = ui.menuView.actions()  # after Refresh, before the views
        after_refresh = actions[actions.index(ui.actionRefresh) + 1]
        ui.menuView.insertActions(after_refresh, [self.workspace_action, self.teaching_action])
        ui.toolBar.addSeparator()
        ui.toolBar.addAction(self.workspace_action)
        workspace_button = ui.toolBar.widgetForAction(self.workspace_action)
        if workspace_button is not None:
            workspace_button.setAccessibleName("Open cohort workspace")

    # --- places: what the navigator asks of its host ---
    def current_view(self) -> RecordView | None:
        page = self.ui.pages.currentWidget()
        return page if isinstance(page, RecordView) else None

    def current_place(self) -> Place:
        page = self.ui.pages.currentWidget()
        if page is self.workspace_page:
            return Place(WORKSPACE, self.cohort_workspace.cohort_id)
        if page is self.instructor_page:
            return Place(TEACHING, self.instructor_view.instructor_id)
        view = self.current_view()
        return Place(HOME) if view is None else Place(view.kind, view.current_id)

    def show_place(self, place: Place) -> bool:
        if place.view == WORKSPACE:
            shown = self._show_page(self.workspace_page, "cohorts")
            if shown and place.record_id is not None:
                self.cohort_workspace.set_cohort(place.record_id)
        elif place.view == TEACHING:
            shown = self._show_page(self.instructor_page, "instructors")
            if shown and place.record_id is not None:
                self.instructor_view.set_instructor(place.record_id)
        elif place.view == HOME or place.view in self.views:
            target = self.home if place.view == HOME else self.views[place.view]
            shown = self._show_page(target, place.view)
            if shown and place.record_id is not None and isinstance(target, RecordView):
                target.select_record(place.record_id)
        else:
            return False
        return shown

    def _show_page(self, page: QWidget, nav_key: str) -> bool:
        """Show ``page`` with ``nav_key`` lit in the side bar; False (and nothing changes)
        when the record being edited has unsaved changes the person keeps."""
        current = self.current_view()
        if current is not None and current is not page and not current.editor.maybe_leave():
            self._light(self.current_place().view)
            return False
        self._light(nav_key)
        if isinstance(page, RecordView):
            page.ensure_loaded()
        self.ui.pages.setCurrentWidget(page)
        self._update_actions()
        return True

    def _light(self, key: str) -> None:
        """Light ``key`` in the side bar (a page's own view: its entry)."""
        key = {WORKSPACE: "cohorts", TEACHING: "instructors"}.get(key, key)
        self.ui.navigation.blockSignals(True)
        self.ui.navigation.setCurrentRow(nav_row(key))
        self.ui.navigation.blockSignals(False)

    def _nav_row_chosen(self, row: int) -> None:
        """A side-bar entry was chosen (or the lit one again: back to its own view)."""
        self.navigator.show_view(NAVIGATION[row][0])

    # --- opening things (for the window's own parts and for tests) ---
    def show_view(self, key: str) -> bool:
        return self.navigator.show_view(key)

    def open_record(self, kind: str, record_id: str) -> bool:
        return self.navigator.open_record(kind, record_id)

    def open_cohort(self, cohort_id: str | None = None) -> bool:
        return self.navigator.open_cohort(cohort_id)

    def open_instructor(self, instructor_id: str | None = None) -> bool:
        return self.navigator.open_instructor(instructor_id)

    def open_list(self, kind: str, hint: object) -> None:
        """A view with the dashboard's hint applied: a status, or a list of ids."""
        view = self.views.get(kind)
        if view is None or not self.show_view(kind) or not isinstance(hint, dict):
            return
        view.apply_hint(hint)

    def _open_from_home(self, kind: str, record_id: str) -> None:
        if kind == "cohorts":
            self.open_cohort(record_id)
        else:
            self.open_record(kind, record_id)

    def _edit_contact(self, contact_id: str | None) -> None:
        from ixdesk.gui.contact_dialog import ContactDialog

        editor = self.views["companies"].editor
        if editor.loaded.id is None:
            self.dialogs.info("Save the company first", "Save the partner company first.")
            return
        dialog = ContactDialog(self.workbench, editor.loaded.id, contact_id, self)
        dialog.exec()

    def _create_first_cohort(self) -> None:
        if self.show_view("cohorts"):
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
        settings = self.workbench.settings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        if not restore_sizes(
            settings, "window/splitter", self.ui.mainSplitter
        ):  # a narrow side bar leaves the tables their room
            self.ui.mainSplitter.setSizes(
                [NAVIGATION_WIDTH, max(self.width() - NAVIGATION_WIDTH, 1)]
            )
        for view in self.views.values():
            view.restore_state()
        last = str(settings.value("window/view", ""))
        if self.home.is_empty() or last not in self.views:
            last = HOME
        self.show_place(Place(last))  # where the window opens: not a step to go back to

    def save_state(self) -> None:
        settings = self.workbench.settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        save_sizes(settings, "window/splitter", self.ui.mainSplitter)
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
