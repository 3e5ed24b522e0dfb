"""The start window: the welcome screen and the unlock screen, until a profile opens.

:meth:`StartWindow.start` shows the unlock screen of the profile used last when
it still exists (and is not the demo), otherwise the welcome screen.  Whichever
way a profile is opened — unlocked, the demo, created, enrolled — the window
emits :attr:`StartWindow.opened` with the open ``Workspace``; the application
then shows it in the main window and hides this one.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.models import ProfileSummary
from desktop.services.profiles import ProfileService
from desktop.services.workspace import Workspace
from desktop.ui.i18n import ENGLISH, THAI
from desktop.ui.profile_dialogs import CreateProfileDialog, EnrolDialog
from desktop.ui.start_parts import error_text
from desktop.ui.tasks import TaskRunner
from desktop.ui.unlock import UnlockPage
from desktop.ui.welcome import WelcomePage

DEMO_KEY = "open-demo"
START_SIZE = (760, 620)


class StartWindow(QWidget):
    """Welcome → (unlock | demo | create | enrol) → :attr:`opened`."""

    opened = Signal(object)  # the open Workspace
    language_chosen = Signal(str)  # the user picked a language in the header

    def __init__(self, service: ProfileService, tasks: TaskRunner, *,
                 open_demo: Callable[[], Workspace],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("start_window")
        self.service, self.tasks, self._open_demo = service, tasks, open_demo
        self.welcome = WelcomePage()
        self.unlock = UnlockPage(service, tasks)
        self.stack = QStackedWidget(objectName="start_pages")
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.unlock)
        self.language_label = QLabel(objectName="language_label")
        self.language_combo = QComboBox(objectName="language_combo")
        for code in (THAI, ENGLISH):
            self.language_combo.addItem("", code)
        self.language_combo.activated.connect(
            lambda row: self.language_chosen.emit(self.language_combo.itemData(row)))
        self.language_label.setBuddy(self.language_combo)
        self.welcome.profile_chosen.connect(self.choose)
        self.welcome.choice_made.connect(self._choice)
        self.unlock.opened.connect(self._opened)
        self.unlock.back_requested.connect(lambda: self.show_welcome())
        self.dialog: QDialog | None = None  # the create or enrol dialog, while open
        self._layout()
        self.retranslate()
        self.resize(*START_SIZE)

    def _layout(self) -> None:
        header = QHBoxLayout()
        header.setContentsMargins(12, 8, 12, 0)
        header.addStretch(1)
        header.addWidget(self.language_label)
        header.addWidget(self.language_combo)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(header)
        layout.addWidget(self.stack, 1)

    # -- the flow ---------------------------------------------------------------------
    def start(self, last_profile: str | None = None) -> None:
        """The unlock screen of ``last_profile`` if it is there, else the welcome."""
        profiles = {profile.name: profile for profile in self.service.list_profiles()}
        last = profiles.get(last_profile or "")
        if last is not None and not last.demo:
            self.welcome.set_profiles(list(profiles.values()), selected=last.name)
            self.choose(last)
        else:
            self.show_welcome(selected=last_profile)

    def show_welcome(self, selected: str | None = None) -> None:
        self.unlock.cancel()
        chosen = self.welcome.selected()
        self.welcome.set_profiles(self.service.list_profiles(),
                                  selected=selected or (chosen.name if chosen else None))
        self.stack.setCurrentWidget(self.welcome)
        target = self.welcome.profile_list if self.welcome.profiles \
            else self.welcome.buttons["demo"]
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def choose(self, profile: ProfileSummary) -> None:
        """Open ``profile``: the demo at once, any other through the unlock screen."""
        if profile.demo:
            self.open_demo()
            return
        self.unlock.set_profile(profile)
        self.stack.setCurrentWidget(self.unlock)
        self.unlock.secret.setFocus(Qt.FocusReason.OtherFocusReason)

    def _choice(self, name: str) -> None:
        {"demo": self.open_demo, "create": self.create_profile,
         "enrol": self.enrol}[name]()

    def open_demo(self) -> None:
        """The demo profile (made and filled with households the first time)."""
        self.welcome.set_busy(True)
        self.tasks.submit(self._open_demo, key=DEMO_KEY, on_done=self._demo_opened,
                          on_error=self._demo_failed)

    def _demo_opened(self, workspace: Workspace) -> None:
        self.welcome.set_busy(False)
        self._opened(workspace)

    def _demo_failed(self, error: BaseException) -> None:
        self.welcome.set_busy(False)
        self.welcome.errors.show("general", error_text(error))

    def create_profile(self) -> CreateProfileDialog:
        return self._open_dialog(CreateProfileDialog(self.service, self.tasks, self))

    def enrol(self) -> EnrolDialog:
        return self._open_dialog(EnrolDialog(self.service, self.tasks, self))

    def _open_dialog(self, dialog):
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._opened(dialog.workspace))
        dialog.finished.connect(lambda _: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def _opened(self, workspace: Workspace | None) -> None:
        if workspace is not None:
            self.opened.emit(workspace)

    def mark_language(self, code: str) -> None:
        """Show ``code`` in the language box (does not change the language)."""
        self.language_combo.setCurrentIndex(self.language_combo.findData(code))

    # -- events -----------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self.unlock.cancel()
        self.tasks.cancel(DEMO_KEY)
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Porpiang — Baan Por Piang house repair"))
        self.language_label.setText(self.tr("Language"))
        self.language_combo.setItemText(0, self.tr("Thai"))
        self.language_combo.setItemText(1, self.tr("English"))
