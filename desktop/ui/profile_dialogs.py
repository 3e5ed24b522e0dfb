"""The two dialogs that make a profile: "Create a profile" and "Enrol with a server".

Both ask for their fields, do the slow part (Argon2 key derivation, the login) on
the application's :class:`TaskRunner` with a busy bar, show each error beside the
field it names, in the interface language, and on success show the new profile's
recovery key once (:class:`RecoveryKeyPanel`).  The dialog is accepted only when
the user has ticked "I have written it down"; until then Escape and the close
button do nothing.  ``workspace`` then holds the new profile, open.

Enrolment uses ``desktop.services.enrolment.enrol``: when the login fails the
profile it made is removed again, so the dialog stays open with the message and
the same profile name can be tried again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services import ServiceError
from desktop.services.enrolment import Enrolment, LoginRefused, enrol
from desktop.services.models import CreatedProfile
from desktop.services.profiles import ProfileService
from desktop.services.workspace import Workspace
from desktop.ui.form_fields import FieldGrid, error_label
from desktop.ui.recovery_key import RecoveryKeyPanel
from desktop.ui.start_parts import (
    MIN_FORM_WIDTH,
    FieldErrors,
    busy_bar,
    error_text,
    heading,
    set_enabled,
)
from desktop.ui.tasks import TaskRunner
from desktop.ui.thai_wrap import wrap_label

PASSWORD_FIELDS = ("password", "password_again", "server_password")
# Where a refused login's error is shown, by its code (the server names no field).
LOGIN_FIELDS = {"network.unreachable": "server", "network.failed": "server",
                "network.bad_answer": "server", "auth.bad_credentials": "server_password",
                "auth.locked": "username", "auth.user_inactive": "username",
                "auth.device_revoked": "username"}
SERVER_FIELD_NAMES = {"username": "username", "password": "server_password"}
INPUT_WIDTH = 280


def create_and_open(service: ProfileService, name: str, display_name: str,
                    password: str) -> tuple[CreatedProfile, Workspace]:
    """Make the profile and open it (runs off the GUI thread: two key derivations)."""
    created = service.create_profile(name, password, display_name=display_name or None)
    return created, service.unlock(name, password=password)


class ProfileFormDialog(QDialog):
    """A form page, then the recovery key page.  Subclasses name the fields, the
    work to run, and where each error goes."""

    FIELDS: tuple[str, ...] = ()

    def __init__(self, service: ProfileService, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.tasks = service, tasks
        self.workspace: Workspace | None = None
        self.busy = False
        self.inputs = {name: QLineEdit(objectName=name) for name in self.FIELDS}
        for widget in self.inputs.values():
            widget.setMinimumWidth(INPUT_WIDTH)
        for name in PASSWORD_FIELDS:
            if name in self.inputs:
                self.inputs[name].setEchoMode(QLineEdit.EchoMode.Password)
        self.heading = heading("form_heading", 1.3)
        self.intro = QLabel(objectName="intro", wordWrap=True)
        self.busy_bar = busy_bar()
        self.submit_button = QPushButton(objectName="submit_button", default=True)
        self.cancel_button = QPushButton(objectName="cancel_button", autoDefault=False)
        self.submit_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.recovery = RecoveryKeyPanel()
        self.recovery.acknowledged.connect(self.accept)
        self.stack = QStackedWidget(objectName="stack")
        self.grids = self.build_grids()
        self.errors = FieldErrors({**{n: g.errors[n] for g in self.grids for n in g.errors},
                                   "general": error_label("general")})
        self._layout()

    # -- what subclasses give ---------------------------------------------------------
    def build_grids(self) -> list[FieldGrid]:
        raise NotImplementedError

    def form_body(self) -> list[QWidget]:
        """The widgets between the intro and the buttons (the grids, in boxes or not)."""
        raise NotImplementedError

    def check(self) -> tuple[str, Callable[[], str]] | None:
        """A field and its error text when the form is not complete, else None."""
        raise NotImplementedError

    def work(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        raise NotImplementedError

    def finished(self, result: Any) -> tuple[Workspace, str, Callable[[], str] | None]:
        """The open profile, its recovery key and a note to show above it."""
        raise NotImplementedError

    def field_of(self, error: BaseException) -> str:
        raise NotImplementedError

    # -- the form ---------------------------------------------------------------------
    def _layout(self) -> None:
        form = QWidget(objectName="form_page")
        column = QVBoxLayout(form)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.intro)
        for widget in self.form_body():
            column.addWidget(widget)
        column.addWidget(self.errors.labels["general"])
        column.addStretch(1)
        column.addWidget(self.busy_bar)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.submit_button)
        buttons.addWidget(self.cancel_button)
        column.addLayout(buttons)
        self.stack.addWidget(form)
        self.stack.addWidget(self.recovery)
        self.intro.setMinimumWidth(MIN_FORM_WIDTH)  # not the stack's: its own would
        # replace what its pages need
        layout = QVBoxLayout(self)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # grows to fit
        layout.addWidget(self.stack)

    def grid(self, names: tuple[str, ...]) -> FieldGrid:
        grid = FieldGrid()
        for name in names:
            grid.add(name, self.inputs[name], self.inputs[name])
        return grid

    def submit(self) -> None:
        if self.busy or self.workspace is not None:
            return
        self.errors.clear()
        problem = self.check()
        if problem is not None:
            self._show_error(*problem)
            return
        fn, args = self.work()
        self._set_busy(True)
        self.tasks.submit(fn, *args, on_done=self._done, on_error=self._failed)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        set_enabled([*self.inputs.values(), self.submit_button, self.cancel_button], not busy)

    def _done(self, result: Any) -> None:
        self._set_busy(False)
        self.workspace, key, note = self.finished(result)
        self.stack.setCurrentWidget(self.recovery)
        self.recovery.show_key(key, note)

    def _failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._show_error(self.field_of(error), error_text(error))

    def _show_error(self, field: str, text: Callable[[], str]) -> None:
        self.errors.show(field, text)
        widget = self.inputs.get(field)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
            widget.selectAll()

    def text(self, name: str) -> str:
        return self.inputs[name].text().strip()

    def passwords_differ(self) -> tuple[str, Callable[[], str]] | None:
        if self.inputs["password"].text() != self.inputs["password_again"].text():
            return "password_again", lambda: QCoreApplication.translate(
                "ProfileFormDialog", "The two passwords are not the same")
        return None

    def reject(self) -> None:
        """Cancel, Escape and the close button: refused while the work runs and once
        the profile exists (the recovery key must be acknowledged first)."""
        if self.busy or self.workspace is not None:
            return
        super().reject()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        # Translated in this class's own context: self.tr would look the text up
        # under the subclass's name.
        self.cancel_button.setText(QCoreApplication.translate("ProfileFormDialog", "Cancel"))
        self.errors.retranslate()


class CreateProfileDialog(ProfileFormDialog):
    """A new profile on this laptop: its name, the user's name, a password twice."""

    FIELDS = ("name", "display_name", "password", "password_again")

    def __init__(self, service: ProfileService, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(service, tasks, parent)
        self.setObjectName("create_profile_dialog")
        self.retranslate()

    def build_grids(self) -> list[FieldGrid]:
        return [self.grid(self.FIELDS)]

    def form_body(self) -> list[QWidget]:
        holder = QWidget(objectName="fields")
        holder.setLayout(self.grids[0])
        return [holder]

    def check(self) -> tuple[str, Callable[[], str]] | None:
        return self.passwords_differ()

    def work(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        return create_and_open, (self.service, self.text("name"), self.text("display_name"),
                                 self.inputs["password"].text())

    def finished(self, result: Any) -> tuple[Workspace, str, Callable[[], str] | None]:
        created, workspace = result
        return workspace, created.recovery_key, None

    def field_of(self, error: BaseException) -> str:
        field = error.issue.field if isinstance(error, ServiceError) else None
        return field if field in ("name", "password") else "general"

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Create a profile"))
        self.heading.setText(self.tr("Create a profile"))
        wrap_label(self.intro, self.tr(
            "A profile keeps your work on this laptop, encrypted with your password. "
            "Each person who uses the laptop has their own profile."))
        labels = self.grids[0].labels
        labels["name"].setText(self.tr("Profile name"))
        labels["display_name"].setText(self.tr("Your name"))
        labels["password"].setText(self.tr("Password"))
        labels["password_again"].setText(self.tr("Password again"))
        self.inputs["name"].setPlaceholderText(self.tr("a–z, 0–9, for example somchai"))
        self.submit_button.setText(self.tr("Create"))
        super().retranslate()


class EnrolDialog(ProfileFormDialog):
    """A new profile logged in to a server with the user's server account."""

    FIELDS = ("server", "username", "server_password", "name", "password", "password_again")

    def __init__(self, service: ProfileService, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(service, tasks, parent)
        self.setObjectName("enrol_dialog")
        self.retranslate()

    def build_grids(self) -> list[FieldGrid]:
        return [self.grid(self.FIELDS[:3]), self.grid(self.FIELDS[3:])]

    def form_body(self) -> list[QWidget]:
        self.server_box = QGroupBox(objectName="server_box")
        self.server_box.setLayout(self.grids[0])
        self.laptop_box = QGroupBox(objectName="laptop_box")
        self.laptop_box.setLayout(self.grids[1])
        return [self.server_box, self.laptop_box]

    def check(self) -> tuple[str, Callable[[], str]] | None:
        if not self.text("server"):
            return "server", lambda: self.tr("Enter the server's address")
        if not self.text("username"):
            return "username", lambda: self.tr("Enter your username on the server")
        return self.passwords_differ()

    def work(self) -> tuple[Callable[..., Any], tuple[Any, ...]]:
        def run(service: ProfileService, name: str, password: str, server: str,
                username: str, server_password: str) -> Enrolment:
            return enrol(service, name, password, server=server, username=username,
                         server_password=server_password)
        return run, (self.service, self.text("name"), self.inputs["password"].text(),
                     self.text("server"), self.text("username"),
                     self.inputs["server_password"].text())

    def finished(self, result: Any) -> tuple[Workspace, str, Callable[[], str] | None]:
        user = result.user
        name, role = str(user.get("name") or ""), str(user.get("role") or "")
        return result.workspace, result.created.recovery_key, lambda: self.tr(
            "Logged in to the server as {name} ({role}).").format(name=name, role=role)

    def field_of(self, error: BaseException) -> str:
        if not isinstance(error, ServiceError):
            return "general"
        issue = error.issue
        if isinstance(error, LoginRefused):
            return LOGIN_FIELDS.get(issue.code) or SERVER_FIELD_NAMES.get(issue.field, "server")
        return issue.field if issue.field in ("name", "password") else "general"

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Enrol with a server"))
        self.heading.setText(self.tr("Enrol with a server"))
        wrap_label(self.intro, self.tr(
            "Log in with the account your coordinator gave you. This makes a profile on "
            "this laptop that sends and receives the work of your area."))
        self.server_box.setTitle(self.tr("Server account"))
        self.laptop_box.setTitle(self.tr("Profile on this laptop"))
        server, laptop = self.grids[0].labels, self.grids[1].labels
        server["server"].setText(self.tr("Server address"))
        server["username"].setText(self.tr("Username"))
        server["server_password"].setText(self.tr("Server password"))
        laptop["name"].setText(self.tr("Profile name"))
        laptop["password"].setText(self.tr("Password on this laptop"))
        laptop["password_again"].setText(self.tr("Password again"))
        self.inputs["server"].setPlaceholderText(self.tr("https://porpiang.example.org"))
        self.inputs["name"].setPlaceholderText(self.tr("a–z, 0–9, for example somchai"))
        self.submit_button.setText(self.tr("Enrol"))
        super().retranslate()
        width = max(label.sizeHint().width() for label in [*server.values(), *laptop.values()])
        for grid in self.grids:  # the fields of both boxes line up
            grid.setColumnMinimumWidth(0, width)
