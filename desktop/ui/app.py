"""Start the desktop application: the QApplication, the Thai font, the language.

Order matters: the font is registered and made the application font before the
first widget exists, and the translator is installed before the window is built.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from PySide6.QtWidgets import QApplication

from desktop import __version__
from desktop.paths import AppPaths
from desktop.ui.fonts import use_thai_font
from desktop.ui.i18n import UiLanguage
from desktop.ui.main_window import MainWindow
from desktop.ui.preferences import Preferences

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


class DesktopApp:
    """The running application: its language and its main window."""

    def __init__(self, app: QApplication, preferences: Preferences) -> None:
        self.app = app
        self.preferences = preferences
        self.font_family = use_thai_font(app)
        self.language = UiLanguage(app)
        self.language.switch(preferences.language)
        self.window = MainWindow()
        self.window.mark_language(preferences.language)
        self.window.language_chosen.connect(self.change_language)

    def change_language(self, code: str) -> None:
        self.language.switch(code)
        self.window.mark_language(code)
        self.preferences.language = code
        self.preferences.sync()


def run_app(paths: AppPaths, argv: Sequence[str] | None = None, *,
            demo: bool = False) -> int:
    """Show the main window and run the event loop until it closes."""
    app = create_application(argv)
    paths.ensure()
    running = DesktopApp(app, Preferences(paths.preferences_file))
    workspace = open_demo(paths) if demo else None
    if workspace is not None:
        running.window.show_profile(workspace.profile.display_name, demo=True,
                                    households=workspace.count_households())
        running.window.open_workspace(workspace)
    running.window.show()
    try:
        return app.exec()
    finally:
        running.window.close_workspace()
        if workspace is not None:
            workspace.close()


def open_demo(paths: AppPaths):
    """The demo profile, made and filled with sample households when it is empty."""
    from desktop.services.demo import DEMO_HOUSEHOLDS, open_demo_workspace

    return open_demo_workspace(paths.profiles_dir, households=DEMO_HOUSEHOLDS)
