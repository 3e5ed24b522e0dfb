"""Pieces the start-up screens share: headings, the busy bar, and error texts that
follow the interface language.

An error beside a field is kept as a function that makes its text, not as the
text: when the language changes, :meth:`FieldErrors.retranslate` makes every
shown error again in the new language.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QProgressBar, QWidget

from desktop.services import ServiceError
from desktop.text.thai_breaks import breakable
from desktop.ui.form_fields import ERROR_STYLE, issue_text

WARNING_FRAME_STYLE = ("QFrame#clock_warning, QFrame#recovery_warning { "
                       "background: #fff3e0; border: 1px solid #ef6c00; border-radius: 4px; }")
MIN_FORM_WIDTH = 600


def heading(name: str, scale: float = 1.5) -> QLabel:
    """A bold label ``scale`` times the normal size."""
    label = QLabel(objectName=name, wordWrap=True)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def busy_bar(name: str = "busy") -> QProgressBar:
    """An indeterminate progress bar, hidden until work starts."""
    bar = QProgressBar(objectName=name)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.hide()
    return bar


def error_text(error: BaseException) -> Callable[[], str]:
    """A maker of ``error``'s text in the current language (coded errors translated)."""
    if isinstance(error, ServiceError):
        issue = error.issue
        return lambda: issue_text(issue)
    return lambda: str(error) or type(error).__name__


class FieldErrors:
    """Error labels by field name; each shown text is made again on a language change."""

    def __init__(self, labels: dict[str, QLabel]) -> None:
        self.labels = labels
        self._texts: dict[str, Callable[[], str]] = {}
        for label in labels.values():
            label.setStyleSheet(ERROR_STYLE)
            label.setWordWrap(True)

    def show(self, name: str, text: Callable[[], str]) -> None:
        self._texts[name] = text
        self.labels[name].setText(breakable(text()))

    def clear(self) -> None:
        self._texts.clear()
        for label in self.labels.values():
            label.clear()

    def text(self, name: str) -> str:
        """The shown text of ``name``'s error, without word-break marks."""
        return self.labels[name].text().replace("\u200b", "")

    def retranslate(self) -> None:
        for name, text in self._texts.items():
            self.labels[name].setText(breakable(text()))


def set_enabled(widgets: list[QWidget], enabled: bool) -> None:
    for widget in widgets:
        widget.setEnabled(enabled)
