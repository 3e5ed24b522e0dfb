"""The recovery key of a new profile, shown once.

The key opens the profile when its password is forgotten; it is not stored in a
readable form anywhere, so it is shown this once, with a warning, a button that
copies it, and a check box "I have written it down" that must be ticked before
the user goes on.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QGuiApplication
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

from desktop.ui.start_parts import WARNING_FRAME_STYLE, heading
from desktop.ui.thai_wrap import wrap_label

KEY_SCALE = 1.4
KEY_PADDING = 32  # the frame and inner margins of the line edit, and some air


class RecoveryKeyPanel(QWidget):
    """The key, the warning, Copy, and a check box that unlocks Continue."""

    acknowledged = Signal()  # Continue was pressed, the check box ticked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recovery_key_panel")
        self.heading = heading("recovery_heading", 1.3)
        self.note = QLabel(objectName="recovery_note", wordWrap=True)
        self.warning = QLabel(objectName="recovery_warning_text", wordWrap=True)
        self.key = QLineEdit(objectName="recovery_key", readOnly=True)
        font = self.key.font()
        font.setPointSizeF(font.pointSizeF() * KEY_SCALE)
        font.setBold(True)
        self.key.setFont(font)
        self.key.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.copy_button = QPushButton(objectName="copy_button")
        self.copy_button.clicked.connect(self.copy)
        self.written_down = QCheckBox(objectName="written_down")
        self.written_down.toggled.connect(self._update_continue)
        self.continue_button = QPushButton(objectName="continue_button", enabled=False)
        self.continue_button.clicked.connect(self._continue)
        self.copied = False
        self._note: Callable[[], str] | None = None
        self._build()
        self.retranslate()

    def _build(self) -> None:
        frame = QFrame(objectName="recovery_warning")
        frame.setStyleSheet(WARNING_FRAME_STYLE)
        inside = QVBoxLayout(frame)
        inside.addWidget(self.warning)
        row = QHBoxLayout()
        row.addWidget(self.key, 1)
        row.addWidget(self.copy_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.continue_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.note)
        layout.addWidget(frame)
        layout.addLayout(row)
        layout.addWidget(self.written_down)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def show_key(self, key: str, note: Callable[[], str] | None = None) -> None:
        """Show ``key``, and above the warning the text ``note()`` makes (in the current
        language, again at each language change); the check box starts unticked."""
        self.key.setText(key)
        margins = self.key.textMargins()
        self.key.setMinimumWidth(self.key.fontMetrics().horizontalAdvance(key) + KEY_PADDING
                                 + margins.left() + margins.right())
        self._note = note
        self.note.setVisible(note is not None)
        self.copied = False
        self.written_down.setChecked(False)
        self.retranslate()
        self.written_down.setFocus(Qt.FocusReason.OtherFocusReason)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText(self.key.text())
        self.copied = True
        self.retranslate()

    def _update_continue(self, checked: bool) -> None:
        self.continue_button.setEnabled(checked)

    def _continue(self) -> None:
        if self.written_down.isChecked():
            self.acknowledged.emit()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Write down your recovery key"))
        if self._note is not None:
            wrap_label(self.note, self._note())
        wrap_label(self.warning, self.tr(
            "This key is shown only this once. It opens the profile when the password "
            "is forgotten. Write it on paper now and keep the paper safe, away from the "
            "laptop. Without the password or this key nobody can open the profile, not "
            "even an administrator."))
        self.key.setAccessibleName(self.tr("Recovery key"))
        self.copy_button.setText(self.tr("Copied") if self.copied else self.tr("Copy"))
        self.written_down.setText(self.tr("I have written it down"))
        self.continue_button.setText(self.tr("Continue"))
