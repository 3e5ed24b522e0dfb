"""The workflow buttons of a repair case: one per command the user's role may give
in the case's state (a field worker submits a draft; coordinators and supervisors
give the later stages), and a comment box while one of them needs a comment.

A command that needs a comment is not asked for without one: the error shows
beside the box.  ``command_chosen(command, comment)`` asks the editor to give it.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.text.thai_breaks import breakable
from desktop.ui.form_fields import error_label, show_issue, ui_language
from sync.records.errors import Issue
from sync.records.workflow import Transition

# Commands that end or turn back a case: drawn apart from the ones that move it on.
TURNING_BACK = frozenset({"return", "reject", "cancel"})


class CommandBar(QWidget):
    """Buttons for the commands allowed now, and the comment some of them need."""

    command_chosen = Signal(str, str)  # command, comment

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("command_bar")
        self.title = QLabel(objectName="commands_title")
        self.none_label = QLabel(objectName="no_commands", wordWrap=True)
        self.comment_label = QLabel(objectName="label_comment", wordWrap=True)
        self.comment = QPlainTextEdit(objectName="comment")
        self.comment.setTabChangesFocus(True)
        self.comment.setFixedHeight(52)
        self.comment_error = error_label("comment")
        self.comment_label.setBuddy(self.comment)
        self.buttons: dict[str, QPushButton] = {}
        self.transitions: tuple[Transition, ...] = ()
        self.button_box = QWidget(objectName="command_buttons")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.none_label)
        layout.addWidget(self.comment_label)
        layout.addWidget(self.comment)
        layout.addWidget(self.comment_error)
        layout.addWidget(self.button_box)
        self.layout_ = layout

    def show_commands(self, transitions: tuple[Transition, ...]) -> None:
        """One button per command (the ones moving the case on first)."""
        old, self.button_box = self.button_box, QWidget(objectName="command_buttons")
        self.layout_.replaceWidget(old, self.button_box)
        old.hide()
        old.deleteLater()
        grid = QGridLayout(self.button_box)  # two a row: the column stays narrow
        grid.setContentsMargins(0, 0, 0, 0)
        self.buttons = {}
        ordered = sorted(transitions, key=lambda t: t.command in TURNING_BACK)
        self.transitions = tuple(ordered)
        for position, transition in enumerate(ordered):
            button = QPushButton(objectName=f"command_{transition.command}", autoDefault=False)
            button.clicked.connect(lambda _=False, t=transition: self._chosen(t))
            self.buttons[transition.command] = button
            grid.addWidget(button, position // 2, position % 2)
        needs_comment = any(t.comment_required for t in ordered)
        for widget in (self.comment_label, self.comment):
            widget.setVisible(needs_comment)
        self.none_label.setVisible(not ordered)
        show_issue(self.comment_error, None)
        self.retranslate()

    def _chosen(self, transition: Transition) -> None:
        comment = self.comment.toPlainText().strip()
        if transition.comment_required and not comment:
            show_issue(self.comment_error, Issue("workflow.comment_required", "comment",
                                                 {"command": self.label(transition)}))
            self.comment.setFocus()
            return
        show_issue(self.comment_error, None)
        self.command_chosen.emit(transition.command, comment)

    def set_busy(self, busy: bool) -> None:
        for button in self.buttons.values():
            button.setEnabled(not busy)

    def command_done(self) -> None:
        self.comment.clear()

    @staticmethod
    def label(transition: Transition) -> str:
        """The command's name from the workflow, in the interface language."""
        return transition.th if ui_language() == "th" else transition.en

    def retranslate(self) -> None:
        self.title.setText(self.tr("Workflow"))
        self.none_label.setText(breakable(
            self.tr("Your role gives no command to a case in this state.")))
        self.comment_label.setText(self.tr("Comment (needed to return, reject or cancel)"))
        for transition in self.transitions:
            self.buttons[transition.command].setText(self.label(transition))
