"""The main window: a navigation list on the left, the chosen page on the right.

Every text is set in :meth:`retranslate`, which runs again whenever the
application's language changes, so switching language needs no restart.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.workspace import Workspace
from desktop.ui.about import AboutDialog
from desktop.ui.changes import ChangeBus
from desktop.ui.form_fields import heading_label
from desktop.ui.households import HouseholdsPage
from desktop.ui.i18n import ENGLISH, THAI
from desktop.ui.repairs_page import RepairsPage
from desktop.ui.review_page import ReviewPage
from desktop.ui.status_bar import SyncStatus
from desktop.ui.sync_controller import SyncController
from desktop.ui.sync_page import SyncPage
from desktop.ui.tasks import TaskRunner
from desktop.ui.ui_script import start_from_environment

PAGE_NAMES = ("households", "repairs", "review", "sync")
NAVIGATION_WIDTH = 200
NAVIGATION_STYLE = "QListWidget#navigation { border: none; } " \
    "QListWidget#navigation::item { padding: 8px 12px; }"


class PlaceholderPage(QWidget):
    """A page that a later version fills: its name, what it is for, and a notice."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page_{name}")
        self.heading = heading_label()
        self.purpose = QLabel(objectName="purpose", wordWrap=True)
        self.notice = QLabel(objectName="notice", wordWrap=True)
        self.notice.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        for label in (self.heading, self.purpose, self.notice):
            layout.addWidget(label)
        layout.addStretch(1)

    def set_texts(self, heading: str, purpose: str, notice: str) -> None:
        self.heading.setText(heading)
        self.purpose.setText(purpose)
        self.notice.setText(notice)


class MainWindow(QMainWindow):
    """The application's window.  It shows; its pages read through services, on
    the task runner ``tasks`` (the application's one runner, or the window's own)."""

    language_chosen = Signal(str)  # the user picked a language in View → Language
    switch_profile_requested = Signal()  # File → Switch profile

    def __init__(self, parent: QWidget | None = None, *,
                 tasks: TaskRunner | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.tasks = tasks if tasks is not None else TaskRunner(self)
        self.changes = ChangeBus(self)  # every write's change event, for every view
        self.sync_status: SyncStatus | None = None
        self.sync_controller: SyncController | None = None
        self.sync_page: SyncPage | None = None
        self.review_page: ReviewPage | None = None
        self.repairs_page: RepairsPage | None = None
        self.workspace: Workspace | None = None
        self.households_page: HouseholdsPage | None = None
        self.navigation = QListWidget(objectName="navigation")
        self.navigation.setFixedWidth(NAVIGATION_WIDTH)
        self.navigation.setStyleSheet(NAVIGATION_STYLE)
        self.pages = QStackedWidget(objectName="pages")
        for name in PAGE_NAMES:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.navigation.addItem(item)
            self.pages.addWidget(PlaceholderPage(name))
        self.navigation.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.navigation.setCurrentRow(0)
        self._build_central()
        self.profile_label = QLabel(objectName="profile_label")
        self.open_profile: tuple[str, bool, int] | None = None  # name, demo, households
        self.statusBar().addPermanentWidget(self.profile_label)
        self._build_menus()
        self.retranslate()
        self.resize(960, 640)

    def _build_central(self) -> None:
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.pages, 1)
        self.setCentralWidget(central)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.switch_profile_action = QAction(self)
        self.switch_profile_action.triggered.connect(self.switch_profile_requested)
        self.file_menu.addAction(self.switch_profile_action)
        self.file_menu.addSeparator()
        self.quit_action = QAction(self, shortcut=QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        self.file_menu.addAction(self.quit_action)
        self.view_menu = bar.addMenu("")
        self.language_menu = self.view_menu.addMenu("")
        self.language_actions = self._language_actions()
        self.help_menu = bar.addMenu("")
        self.about_action = QAction(self)
        self.about_action.triggered.connect(self.show_about)
        self.help_menu.addAction(self.about_action)

    def _language_actions(self) -> dict[str, QAction]:
        group = QActionGroup(self)
        group.setExclusive(True)
        actions = {}
        for code in (THAI, ENGLISH):
            action = QAction(self, checkable=True)
            action.setData(code)
            action.triggered.connect(lambda _=False, c=code: self.language_chosen.emit(c))
            group.addAction(action)
            self.language_menu.addAction(action)
            actions[code] = action
        return actions

    def mark_language(self, code: str) -> None:
        """Tick ``code`` in View → Language (does not change the language)."""
        self.language_actions[code].setChecked(True)

    def show_page(self, name: str) -> None:
        self.navigation.setCurrentRow(PAGE_NAMES.index(name))

    def current_page(self) -> QWidget:
        return self.pages.currentWidget()

    def open_workspace(self, workspace: Workspace) -> HouseholdsPage:
        """Show ``workspace``'s pages in place of the placeholders."""
        self.workspace = workspace
        self.households_page = HouseholdsPage(workspace, self.tasks, changes=self.changes)
        self._put_page("households", self.households_page)
        self.sync_controller = SyncController(workspace, self.changes, self)
        self.sync_page = SyncPage(workspace, self.tasks, self.sync_controller, self.changes)
        self._put_page("sync", self.sync_page)
        self.review_page = ReviewPage(workspace, self.tasks, self.changes)
        self.repairs_page = RepairsPage(workspace, self.tasks, changes=self.changes)
        self._put_page("repairs", self.repairs_page)
        self._put_page("review", self.review_page)
        self.households_page.reopen_drafts()  # what was typed when the app last stopped
        self.ui_script = start_from_environment(self.households_page)  # crash tests only
        self.sync_status = SyncStatus(workspace, self.tasks, self.changes)
        self.sync_status.reachable.connect(self.sync_controller.server_reachable)
        self.statusBar().insertPermanentWidget(0, self.sync_status)
        self.sync_status.start()
        self.sync_controller.start_background()
        return self.households_page

    def _put_page(self, name: str, page: QWidget) -> None:
        """Put ``page`` in the stack at ``name``'s place (the old one is deleted)."""
        row = PAGE_NAMES.index(name)
        old = self.pages.widget(row)
        self.pages.removeWidget(old)
        old.deleteLater()
        self.pages.insertWidget(row, page)
        self.pages.setCurrentIndex(self.navigation.currentRow())

    def close_workspace(self) -> None:
        """Stop syncing, wait for the pages' reads to end and put the placeholders back."""
        if self.sync_controller is not None:
            self.sync_controller.stop()
            self.sync_controller.deleteLater()
            self.sync_controller = None
        if self.sync_status is not None:
            self.sync_status.stop()
            self.statusBar().removeWidget(self.sync_status)
            self.sync_status.deleteLater()
            self.sync_status = None
        self.tasks.shutdown()
        if self.workspace is None:
            return
        for name in PAGE_NAMES:
            self._put_page(name, PlaceholderPage(name))
        self.workspace, self.households_page = None, None
        self.sync_page = self.review_page = self.repairs_page = None
        self.retranslate()

    def show_about(self) -> AboutDialog:
        dialog = AboutDialog(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def page_texts(self) -> list[tuple[str, str]]:
        """(name, purpose) of each page, in the order of :data:`PAGE_NAMES`."""
        return [
            (self.tr("Households"), self.tr("Survey households, their members and their consent.")),
            (self.tr("Repairs"), self.tr("Plan repair projects, their items and their costs.")),
            (self.tr("Review"), self.tr("Check, return or approve the cases of your area.")),
            (self.tr("Sync"), self.tr("Send and receive changes with the server, or by USB.")),
        ]

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Porpiang — Baan Por Piang house repair"))
        self.navigation.setAccessibleName(self.tr("Pages"))
        notice = self.tr("This page arrives in a later version of Porpiang.")
        for row, (name, purpose) in enumerate(self.page_texts()):
            self.navigation.item(row).setText(name)
            page = self.pages.widget(row)
            if isinstance(page, PlaceholderPage):
                page.set_texts(name, purpose, notice)
        self._retranslate_menus()
        self._show_profile_label()
        self.statusBar().showMessage(self.tr("Ready"))

    def show_profile(self, name: str, *, demo: bool, households: int) -> None:
        """Name the open profile in the status bar."""
        self.open_profile = (name, demo, households)
        self._show_profile_label()

    def _show_profile_label(self) -> None:
        if self.open_profile is None:
            self.profile_label.setText(self.tr("No profile open"))
            return
        name, demo, households = self.open_profile
        text = (self.tr("Demo profile (never syncs): %n households", "", households) if demo
                else self.tr("Profile %1: %n households", "", households).replace("%1", name))
        self.profile_label.setText(text)

    def _retranslate_menus(self) -> None:
        self.file_menu.setTitle(self.tr("&File"))
        self.switch_profile_action.setText(self.tr("&Switch profile…"))
        self.quit_action.setText(self.tr("&Quit"))
        self.view_menu.setTitle(self.tr("&View"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.language_actions[THAI].setText(self.tr("Thai"))
        self.language_actions[ENGLISH].setText(self.tr("English"))
        self.help_menu.setTitle(self.tr("&Help"))
        self.about_action.setText(self.tr("&About Porpiang"))
