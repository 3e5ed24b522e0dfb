"""The unlock screen of an existing profile: its password, or its recovery key.

The key derivation (Argon2id) takes a noticeable time, so the unlock runs on the
application's :class:`TaskRunner` while a busy bar moves.  A wrong password or
key shows the translated error beside the field and puts the focus back in it,
its text selected; nothing else changes.

Once the profile is open its clock check runs (``Workspace.clock_warning``): when
the laptop's clock reads earlier than the last server time the profile saw, the
warning is shown and :attr:`UnlockPage.opened` is emitted only after the user
presses "I understand".
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.models import ProfileSummary
from desktop.services.profiles import ProfileService
from desktop.services.workspace import Workspace
from desktop.ui.form_fields import WARNING_STYLE, error_label, issue_text
from desktop.ui.start_parts import (
    WARNING_FRAME_STYLE,
    FieldErrors,
    busy_bar,
    error_text,
    heading,
    set_enabled,
)
from desktop.ui.tasks import TaskRunner
from desktop.ui.thai_wrap import wrap_label
from sync.records.errors import Issue

UNLOCK_KEY = "unlock"
FIELD_WIDTH = 320


def unlock_and_check(service: ProfileService, name: str, password: str | None,
                     recovery_key: str | None) -> tuple[Workspace, Issue | None]:
    """Open the profile and check its clock (runs off the GUI thread)."""
    workspace = service.unlock(name, password=password, recovery_key=recovery_key)
    try:
        return workspace, workspace.clock_warning()
    except BaseException:
        workspace.close()
        raise


class UnlockPage(QWidget):
    """Password or recovery key, Unlock, Back; then the clock warning if there is one."""

    opened = Signal(object)  # the open Workspace
    back_requested = Signal()

    def __init__(self, service: ProfileService, tasks: TaskRunner,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("unlock_page")
        self.service, self.tasks = service, tasks
        self.profile: ProfileSummary | None = None
        self.workspace: Workspace | None = None  # open, waiting for the warning's OK
        self.clock_issue: Issue | None = None
        self.busy = False
        self.heading = heading("unlock_heading")
        self.profile_name = QLabel(objectName="profile_name")
        self.secret_label = QLabel(objectName="secret_label")
        self.secret = QLineEdit(objectName="secret", echoMode=QLineEdit.EchoMode.Password)
        self.secret.setMinimumWidth(FIELD_WIDTH)
        self.secret_label.setBuddy(self.secret)
        self.secret.returnPressed.connect(self.unlock)
        self.use_recovery = QCheckBox(objectName="use_recovery")
        self.use_recovery.toggled.connect(self._switch_secret)
        self.errors = FieldErrors({"secret": error_label("secret")})
        self.busy_bar = busy_bar()
        self.unlock_button = QPushButton(objectName="unlock_button", default=True)
        self.unlock_button.clicked.connect(self.unlock)
        self.back_button = QPushButton(objectName="back_button")
        self.back_button.clicked.connect(self.back_requested)
        self.warning_frame, self.warning_heading, self.warning_text = self._warning()
        self.acknowledge_button = QPushButton(objectName="acknowledge_button")
        self.acknowledge_button.clicked.connect(self.acknowledge)
        self.warning_frame.layout().addWidget(self.acknowledge_button, 0,
                                              Qt.AlignmentFlag.AlignRight)
        self._layout()
        self.retranslate()

    def _warning(self) -> tuple[QFrame, QLabel, QLabel]:
        frame = QFrame(objectName="clock_warning")
        frame.setStyleSheet(WARNING_FRAME_STYLE)
        title = heading("clock_warning_heading", 1.15)
        title.setStyleSheet(WARNING_STYLE)
        text = QLabel(objectName="clock_warning_text", wordWrap=True)
        column = QVBoxLayout(frame)
        column.addWidget(title)
        column.addWidget(text)
        frame.hide()
        return frame, title, text

    def _layout(self) -> None:
        self.form = QWidget(objectName="unlock_form")
        fields = QVBoxLayout(self.form)
        fields.setContentsMargins(0, 0, 0, 0)
        fields.addWidget(self.secret_label)
        row = QHBoxLayout()
        row.addWidget(self.secret)
        row.addWidget(self.errors.labels["secret"], 1)
        fields.addLayout(row)
        fields.addWidget(self.use_recovery)
        fields.addWidget(self.busy_bar)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        fields.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.profile_name)
        layout.addSpacing(12)
        layout.addWidget(self.form)
        layout.addWidget(self.warning_frame)
        layout.addStretch(1)

    # -- the flow ---------------------------------------------------------------------
    def set_profile(self, profile: ProfileSummary) -> None:
        """Ask for ``profile``'s password, from a clean form."""
        self.profile = profile
        self.workspace, self.clock_issue = None, None
        self.warning_frame.hide()
        self.form.show()
        self.use_recovery.setChecked(False)
        self.secret.clear()
        self.errors.clear()
        self.retranslate()
        self.secret.setFocus(Qt.FocusReason.OtherFocusReason)

    def unlock(self) -> None:
        if self.busy or self.profile is None or self.workspace is not None:
            return
        self.errors.clear()
        text = self.secret.text()
        recovery = self.use_recovery.isChecked()
        self._set_busy(True)
        self.tasks.submit(unlock_and_check, self.service, self.profile.name,
                          None if recovery else text, text if recovery else None,
                          key=UNLOCK_KEY, on_done=self._unlocked, on_error=self._refused)

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_bar.setVisible(busy)
        set_enabled([self.secret, self.use_recovery, self.unlock_button, self.back_button],
                    not busy)

    def _refused(self, error: BaseException) -> None:
        self._set_busy(False)
        self.errors.show("secret", error_text(error))
        self.secret.setFocus(Qt.FocusReason.OtherFocusReason)
        self.secret.selectAll()

    def _unlocked(self, result: tuple[Workspace, Issue | None]) -> None:
        self._set_busy(False)
        workspace, issue = result
        if issue is None:
            self.secret.clear()
            self.opened.emit(workspace)
            return
        self.workspace = workspace
        self.show_clock_warning(issue)

    def show_clock_warning(self, issue: Issue) -> None:
        """The clock warning in place of the form, until "I understand" is pressed."""
        self.clock_issue = issue
        self.secret.clear()
        self.form.hide()
        self.warning_frame.show()
        self.retranslate()
        self.acknowledge_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def acknowledge(self) -> None:
        workspace, self.workspace = self.workspace, None
        self.clock_issue = None
        self.warning_frame.hide()
        self.form.show()
        if workspace is not None:
            self.opened.emit(workspace)

    def _switch_secret(self, recovery: bool) -> None:
        self.secret.clear()
        self.errors.clear()
        self.secret.setEchoMode(QLineEdit.EchoMode.Normal if recovery
                                else QLineEdit.EchoMode.Password)
        self.retranslate()
        self.secret.setFocus(Qt.FocusReason.OtherFocusReason)

    def cancel(self) -> None:
        """Drop an unlock still running, and close a profile waiting for the warning."""
        self.tasks.cancel(UNLOCK_KEY)
        self._set_busy(False)
        if self.workspace is not None:
            self.workspace.close()
            self.workspace = None

    # -- texts ------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        profile = self.profile
        self.heading.setText(profile.display_name if profile else self.tr("Open a profile"))
        self.profile_name.setText(self.tr("Profile: {name}").format(name=profile.name)
                                  if profile else "")
        recovery = self.use_recovery.isChecked()
        self.secret_label.setText(self.tr("Recovery key") if recovery else self.tr("Password"))
        self.secret.setPlaceholderText(self.tr("XXXX-XXXX-…") if recovery else "")
        self.use_recovery.setText(self.tr("I forgot the password: use the recovery key"))
        self.unlock_button.setText(self.tr("Unlock"))
        self.back_button.setText(self.tr("Back"))
        self.warning_heading.setText(self.tr("Check the date and time of this laptop"))
        if self.clock_issue is not None:
            wrap_label(self.warning_text, issue_text(self.clock_issue))
        self.acknowledge_button.setText(self.tr("I understand"))
        self.errors.retranslate()
