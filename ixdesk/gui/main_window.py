"""The ixdesk main window: its pages, and where it places what its features offer.

The window builds the workbench every part of it shares, one page per view
(the dashboard, a record view per kind, the cohort workspace, the instructor
view) and the side bar; the features (exports, import, assignments, the pages'
actions) hand it actions, menus and panels, which it places in the menus,
the toolbar, the views' context menus and the docks. It is the navigator's
host: it shows the place the navigator asks for (``show_place``) and says
where it is (``current_place``), so Back and Forward work from anywhere.

At start-up the window is first its frame (:mod:`ixdesk.gui.window_frame`):
shown and painted before the database libraries load, then filled in
(:meth:`MainWindow.fill`) once the database is open.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QWidget

from ixdesk.gui.icons import icon
from ixdesk.gui.places import HOME, TEACHING, WORKSPACE, Place
from ixdesk.gui.remember import save_sizes
from ixdesk.gui.window_actions import place_back_forward, place_undo_redo
from ixdesk.gui.window_frame import NAVIGATION, VIEW_ACTIONS, WindowFrame, report
from ixdesk.gui.window_parts import dock, place_above_quit, show_about
from ixdesk.services.record_kinds import Kind

if TYPE_CHECKING:
    from ixdesk.db import Database
    from ixdesk.gui.dialogs import DialogService
    from ixdesk.gui.home import HomePage
    from ixdesk.gui.navigator import Navigator
    from ixdesk.gui.pages import TeachingPage, WorkspacePage
    from ixdesk.gui.record_view import RecordView
    from ixdesk.gui.workbench import Workbench


class MainWindow(WindowFrame):
    database_requested = Signal(str)  # "demo", "default" or "server"

    # The window's parts, made by fill() once the database is open.
    database: Database
    workbench: Workbench
    dialogs: DialogService
    navigator: Navigator
    home: HomePage
    views: dict[str, RecordView]
    cohort_workspace: WorkspacePage
    instructor_view: TeachingPage

    def __init__(
        self,
        database: Database | None = None,
        dialogs: DialogService | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """The whole window on ``database``; without one, its frame, to :meth:`fill` later."""
        super().__init__(parent)
        if database is not None:
            self.fill(database, dialogs)

    def fill(self, database: Database, dialogs: DialogService | None = None) -> None:
        """Make the frame the whole window on ``database``: the workbench, the pages, the
        features, and the views as they were left. (The views' modules, and the database
        libraries behind them, load here: after the frame has painted.)"""
        from ixdesk.gui.dialogs import DialogService
        from ixdesk.gui.workbench import Workbench

        self.database = database
        self.workbench = Workbench(
            database, dialogs or DialogService(self), status=self._show_status, parent=self
        )
        self.dialogs = self.workbench.dialogs
        self.navigator = self.workbench.navigator
        self.setWindowTitle(f"ixdesk — {database.location}")
        self._build_pages()
        self._build_actions()
        self._place_features()
        self.navigator.attach(self)
        self._restore_state()
        self.workbench.listen_to_server()
        self.ui.actionRefresh.setEnabled(True)
        self.ui.pages.removeWidget(self.opening)
        self.opening.deleteLater()
        self.filled = True
        report("ready")

    # --- construction ---
    def _build_pages(self) -> None:
        from ixdesk.gui.home import HomePage
        from ixdesk.gui.pages import TeachingPage, WorkspacePage, scrolling_page
        from ixdesk.gui.record_view import RecordView

        navigator = self.navigator
        self.home = HomePage(self.workbench)
        self.home.open_view.connect(navigator.show_view)
        self.home.open_list.connect(self._list_from_home)
        self.home.open_record.connect(self._open_from_home)
        self.home.create_cohort.connect(self._create_first_cohort)
        self.home.open_demo.connect(lambda: self.database_requested.emit("demo"))
        self.views: dict[Kind, RecordView] = {}
        self.ui.pages.addWidget(self.home)
        for key, _label, _icon in NAVIGATION:
            if key == HOME:
                continue
            kind = Kind(key)
            view = RecordView(kind, self.workbench)
            view.open_record.connect(navigator.follow)
            self.views[kind] = view
            self.ui.pages.addWidget(view)
        self.cohort_workspace = WorkspacePage(self.workbench)
        self.instructor_view = TeachingPage(self.workbench)
        self.workspace_page = scrolling_page(self.cohort_workspace)
        self.ui.pages.addWidget(self.workspace_page)
        self.instructor_page = scrolling_page(self.instructor_view)
        self.ui.pages.addWidget(self.instructor_page)
        companies = self.views[Kind.COMPANIES].editor
        companies.add_contact.connect(lambda: self._edit_contact(None))
        companies.edit_contact.connect(self._edit_contact)
        self.ui.navigation.currentRowChanged.connect(self._nav_row_chosen)
        self.ui.navigation.itemClicked.connect(
            lambda item: self._nav_row_chosen(self.ui.navigation.row(item))
        )

    def _build_actions(self) -> None:
        ui = self.ui
        stack = self.workbench.undo_stack
        assert stack is not None
        self.undo_action, self.redo_action = place_undo_redo(self, ui, stack)
        self.back_action, self.forward_action = self.navigator.actions()
        place_back_forward(self, ui, self.back_action, self.forward_action)
        ui.actionNew.triggered.connect(lambda: self._on_view("new_record"))
        ui.actionSave.triggered.connect(lambda: self._on_view("save"))
        ui.actionDelete.triggered.connect(lambda: self._on_view("delete_selected"))
        ui.actionCopy.triggered.connect(lambda: self._on_view("copy_selection"))
        ui.actionFind.triggered.connect(lambda: self._on_view("focus_search"))
        ui.actionRefresh.triggered.connect(self.refresh)
        ui.actionOpenDemo.triggered.connect(lambda: self.database_requested.emit("demo"))
        ui.actionOpenOwn.triggered.connect(lambda: self.database_requested.emit("default"))
        from ixdesk.gui.connect_dialog import connect_action

        self.connect_action = connect_action(ui.menuFile, ui.actionOpenOwn)
        self.connect_action.triggered.connect(lambda: self.database_requested.emit("server"))
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
        from ixdesk.gui import export_actions
        from ixdesk.gui.assignment_actions import assignments
        from ixdesk.gui.audit_view import AuditLogView
        from ixdesk.gui.event_actions import EventActions
        from ixdesk.gui.import_wizard import ImportLauncher
        from ixdesk.gui.pages import page_actions
        from ixdesk.gui.privacy_actions import purge_action
        from ixdesk.gui.settings_actions import SettingsActions

        ui, bench, views = self.ui, self.workbench, self.views
        launcher = ImportLauncher(bench, self)
        self.home.import_sheet.connect(lambda: launcher.open_wizard())
        menu = export_actions.export_menu(bench, ui.menuFile)
        place_above_quit(ui.menuFile, ui.actionQuit, [launcher.action, menu.menuAction()])
        self.events = EventActions(bench, self)
        place_above_quit(ui.menuFile, ui.actionQuit, self.events.actions)
        self.settings = SettingsActions(bench, self)
        self.purge_action = purge_action(bench, self)
        place_above_quit(
            ui.menuFile, ui.actionQuit, [self.settings.settings_action, self.purge_action]
        )
        button = export_actions.toolbar_button(menu)
        button.setToolButtonStyle(ui.toolBar.toolButtonStyle())
        ui.toolBar.toolButtonStyleChanged.connect(button.setToolButtonStyle)
        ui.toolBar.addSeparator()
        ui.toolBar.addAction(launcher.action)
        ui.toolBar.addWidget(button)
        for view in views.values():
            view.extra_actions.extend(export_actions.view_export_actions(bench, view))

        groups = views[Kind.GROUPS]
        self.assignments = assignments(bench, groups)
        groups.addAction(self.assignments.assign_action)
        groups.extra_actions.append(self.assignments.assign_action)
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
        self.audit_dock = dock(
            self, ui.menuView, AuditLogView(bench), "Audit log", "auditLogDock", "edit"
        )
        self.tabifyDockWidget(self.attention_dock, self.audit_dock)
        self.attention_dock.raise_()

        cohorts, instructors = views[Kind.COHORTS], views[Kind.INSTRUCTORS]
        self.workspace_action, self.teaching_action = page_actions(
            bench, cohorts, instructors, self
        )
        cohorts.extra_actions.insert(0, self.workspace_action)
        instructors.extra_actions.insert(0, self.teaching_action)
        actions = ui.menuView.actions()  # after Refresh, before the views
        after_refresh = actions[actions.index(ui.actionRefresh) + 1]
        ui.menuView.insertActions(
            after_refresh,
            [self.workspace_action, self.teaching_action, self.settings.tracks_action],
        )
        ui.toolBar.addSeparator()
        ui.toolBar.addAction(self.workspace_action)
        workspace_button = ui.toolBar.widgetForAction(self.workspace_action)
        if workspace_button is not None:
            workspace_button.setAccessibleName("Open cohort workspace")

    # --- places: what the navigator asks of its host ---
    def current_view(self) -> RecordView | None:
        return self._view_of(self.ui.pages.currentWidget())

    def _view_of(self, page: QWidget | None) -> RecordView | None:
        """The record view ``page`` is, or None (the dashboard, the workspace, ...)."""
        return next((view for view in self.views.values() if view is page), None)

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
            shown = self._show_page(self.workspace_page, Kind.COHORTS)
            if shown and place.record_id is not None:
                self.cohort_workspace.set_cohort(place.record_id)
        elif place.view == TEACHING:
            shown = self._show_page(self.instructor_page, Kind.INSTRUCTORS)
            if shown and place.record_id is not None:
                self.instructor_view.set_instructor(place.record_id)
        elif place.view == HOME or place.view in self.views:
            view = self.views.get(place.view)
            shown = self._show_page(self.home if view is None else view, place.view)
            if shown and place.record_id is not None and view is not None:
                view.select_record(place.record_id)
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
        view = self._view_of(page)
        if view is not None:
            view.ensure_loaded()
        self.ui.pages.setCurrentWidget(page)
        self._update_actions()
        return True

    def _light(self, key: str) -> None:
        """Light ``key`` in the side bar (a page's own view: its entry)."""
        self.light({WORKSPACE: "cohorts", TEACHING: "instructors"}.get(key, key))

    def _nav_row_chosen(self, row: int) -> None:
        """A side-bar entry was chosen (or the lit one again: back to its own view)."""
        self.navigator.show_view(NAVIGATION[row][0])

    # --- opening things (for the window's own parts and for tests) ---
    def show_view(self, key: str) -> bool:
        return self.navigator.show_view(key)

    def open_record(self, kind: Kind, record_id: str) -> bool:
        return self.navigator.open_record(kind, record_id)

    def open_cohort(self, cohort_id: str | None = None) -> bool:
        return self.navigator.open_cohort(cohort_id)

    def open_instructor(self, instructor_id: str | None = None) -> bool:
        return self.navigator.open_instructor(instructor_id)

    def open_list(self, kind: Kind, hint: object) -> None:
        """A view with the dashboard's hint applied: a status, or a list of ids."""
        if not self.show_view(kind) or not isinstance(hint, dict):
            return
        self.views[kind].apply_hint(hint)

    def _list_from_home(self, key: str, hint: object) -> None:
        self.open_list(Kind(key), hint)

    def _open_from_home(self, key: str, record_id: str) -> None:
        if key == Kind.COHORTS:
            self.open_cohort(record_id)
        else:
            self.navigator.follow(key, record_id)

    def _edit_contact(self, contact_id: str | None) -> None:
        from ixdesk.gui.contact_dialog import ContactDialog

        editor = self.views[Kind.COMPANIES].editor
        if editor.loaded.id is None:
            self.dialogs.info("Save the company first", "Save the partner company first.")
            return
        dialog = ContactDialog(self.workbench, editor.loaded.id, contact_id, self)
        dialog.exec()

    def _create_first_cohort(self) -> None:
        if self.show_view(Kind.COHORTS):
            self.views[Kind.COHORTS].new_record()

    def _on_view(self, method: str) -> None:
        view = self.current_view()
        if view is not None:
            getattr(view, method)()

    def _update_actions(self) -> None:
        on_view = self.current_view() is not None
        for name in VIEW_ACTIONS:
            getattr(self.ui, name).setEnabled(on_view)

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
        """The docks and the views as they were left (the frame has its size already)."""
        settings = self.workbench.settings()
        state = settings.value("window/state")
        if isinstance(state, QByteArray):
            self.restoreState(state)
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
        if not self.filled:
            super().closeEvent(event)
            return
        view = self.current_view()
        if view is not None and not view.editor.maybe_leave():
            event.ignore()
            return
        self.save_state()
        self.workbench.detach()
        event.accept()

    def _show_status(self, text: str, milliseconds: int) -> None:
        self.statusBar().showMessage(text, milliseconds)
