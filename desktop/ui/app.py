"""Start the desktop application: the QApplication, the Thai font, the language,
then the start window (welcome or unlock) until a profile opens in the main window.

Order matters: the font is registered and made the application font before the
first widget exists, and the translator is installed before the windows are built.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import QByteArray, QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from desktop import __version__
from desktop.paths import AppPaths
from desktop.services.profiles import ProfileService
from desktop.services.workspace import Workspace
from desktop.ui.fonts import use_thai_font
from desktop.ui.i18n import UiLanguage
from desktop.ui.main_window import MainWindow
from desktop.ui.preferences import Preferences
from desktop.ui.start import StartWindow
from desktop.ui.tasks import TaskRunner

APP_NAME = "porpiang"
APP_DISPLAY_NAME = "Porpiang"


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The process's QApplication (made once; later calls return the same one)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else [sys.argv[0]])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("CODI")
    return app


class GeometryKeeper(QObject):
    """Restores a window's geometry from the preferences, and saves it when it closes."""

    def __init__(self, window: QWidget, preferences: Preferences) -> None:
        super().__init__(window)
        self.window, self.preferences = window, preferences
        saved = preferences.window_geometry
        if saved:
            window.restoreGeometry(QByteArray(saved))
        window.installEventFilter(self)

    def save(self) -> None:
        self.preferences.window_geometry = bytes(self.window.saveGeometry().data())
        self.preferences.sync()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close:
            self.save()
        return False


class DesktopApp:
    """The running application: its language, its windows and the open profile.

    Without ``profiles`` there is no start window (tests of the main window alone)."""

    def __init__(self, app: QApplication, preferences: Preferences, *,
                 profiles: ProfileService | None = None,
                 open_demo: Callable[[], Workspace] | None = None) -> None:
        self.app = app
        self.preferences = preferences
        self.font_family = use_thai_font(app)
        self.language = UiLanguage(app)
        self.language.switch(preferences.language)
        self.tasks = TaskRunner(app)
        self.window = MainWindow(tasks=self.tasks)
        self.window.mark_language(preferences.language)
        self.window.language_chosen.connect(self.change_language)
        self.window.switch_profile_requested.connect(self.switch_profile)
        self.geometry = GeometryKeeper(self.window, preferences)
        self.workspace: Workspace | None = None
        self.start_window: StartWindow | None = None
        if profiles is not None:
            self.start_window = StartWindow(profiles, self.tasks,
                                            open_demo=open_demo or _no_demo)
            self.start_window.mark_language(preferences.language)
            self.start_window.opened.connect(self.open_workspace)
            self.start_window.language_chosen.connect(self.change_language)

    def change_language(self, code: str) -> None:
        self.language.switch(code)
        self.window.mark_language(code)
        if self.start_window is not None:
            self.start_window.mark_language(code)
        self.preferences.language = code
        self.preferences.sync()

    def show_start(self) -> StartWindow:
        """The start window, on the last profile's unlock screen or the welcome."""
        if self.start_window is None:
            raise RuntimeError("this application was made without profiles")
        self.start_window.start(self.preferences.last_profile)
        self.start_window.show()
        return self.start_window

    def open_workspace(self, workspace: Workspace) -> None:
        """Show ``workspace`` in the main window, remember it, hide the start window."""
        if self.workspace is not None:
            self.close_workspace()
        info = workspace.profile
        self.window.show_profile(info.display_name, demo=info.demo,
                                 households=workspace.count_households())
        self.window.open_workspace(workspace)
        self.workspace = workspace
        self.preferences.last_profile = info.name
        self.preferences.sync()
        self.window.show()
        if self.start_window is not None:
            self.start_window.hide()

    def close_workspace(self) -> None:
        """Wait for the window's reads, then close the profile."""
        self.window.close_workspace()
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None

    def switch_profile(self) -> None:
        """File → Switch profile: close the profile, back to the start window."""
        if self.start_window is None:
            return
        self.geometry.save()
        self.close_workspace()
        self.start_window.show_welcome(selected=self.preferences.last_profile)
        self.start_window.show()
        self.window.hide()

    def shut_down(self) -> None:
        """At exit: the open profile closed, and one still waiting on the start window."""
        if self.start_window is not None:
            self.start_window.unlock.cancel()
        self.close_workspace()


def _no_demo() -> Workspace:
    raise RuntimeError("no demo profile in this application")


def run_app(paths: AppPaths, argv: Sequence[str] | None = None, *,
            demo: bool = False) -> int:
    """Show the start window (or, with ``demo``, the demo profile at once) and run
    the event loop until the last window closes."""
    app = create_application(argv)
    paths.ensure()
    running = DesktopApp(app, Preferences(paths.preferences_file),
                         profiles=ProfileService(paths.profiles_dir),
                         open_demo=lambda: open_demo(paths))
    if demo:
        running.open_workspace(open_demo(paths))
    else:
        running.show_start()
    try:
        return app.exec()
    finally:
        running.shut_down()


def open_demo(paths: AppPaths):
    """The demo profile, made and filled with sample households when it is empty."""
    from desktop.services.demo import DEMO_HOUSEHOLDS, open_demo_workspace

    return open_demo_workspace(paths.profiles_dir, households=DEMO_HOUSEHOLDS)
