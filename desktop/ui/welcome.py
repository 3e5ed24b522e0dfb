"""The welcome screen: the profiles of this laptop, and three ways to start.

- **Try the demo** opens the demo profile (invented households, no password, never
  syncs), made and filled the first time.
- **Create a profile** opens :class:`~desktop.ui.profile_dialogs.CreateProfileDialog`.
- **Enrol with a server** opens :class:`~desktop.ui.profile_dialogs.EnrolDialog`.

When the laptop has profiles they are listed; picking one (double-click, Enter or
"Open") asks for its password on the unlock screen.  The page only shows and
signals; :class:`~desktop.ui.start.StartWindow` does the work.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.models import ProfileSummary
from desktop.ui.form_fields import error_label
from desktop.ui.start_parts import FieldErrors, busy_bar, heading
from desktop.ui.thai_wrap import wrap_label

CHOICES = ("demo", "create", "enrol")
CHOICE_BUTTON_WIDTH = 200
LIST_HEIGHT = 150


class WelcomePage(QWidget):
    """The profiles to pick from, and the three choices."""

    profile_chosen = Signal(object)  # a ProfileSummary
    choice_made = Signal(str)  # one of CHOICES

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcome_page")
        self.heading = heading("welcome_heading", 1.6)
        self.summary = QLabel(objectName="welcome_summary", wordWrap=True)
        self.profiles: list[ProfileSummary] = []
        self.profile_box = QGroupBox(objectName="profile_box")
        self.profile_list = QListWidget(objectName="profile_list")
        self.profile_list.setMaximumHeight(LIST_HEIGHT)
        self.profile_list.itemActivated.connect(self._activated)
        self.open_button = QPushButton(objectName="open_button", default=True)
        self.open_button.clicked.connect(self.open_selected)
        self.choices_box = QGroupBox(objectName="choices_box")
        self.buttons = {name: QPushButton(objectName=f"{name}_button") for name in CHOICES}
        self.descriptions = {name: QLabel(objectName=f"{name}_description", wordWrap=True)
                             for name in CHOICES}
        for name, button in self.buttons.items():
            button.setMinimumWidth(CHOICE_BUTTON_WIDTH)
            button.clicked.connect(lambda _=False, n=name: self.choice_made.emit(n))
        self.busy_bar = busy_bar()
        self.errors = FieldErrors({"general": error_label("welcome_error")})
        self._layout()
        self.retranslate()

    def _layout(self) -> None:
        box = QVBoxLayout(self.profile_box)
        box.addWidget(self.profile_list)
        box.addWidget(self.open_button, 0, Qt.AlignmentFlag.AlignRight)
        grid = QGridLayout(self.choices_box)
        grid.setColumnStretch(1, 1)
        for row, name in enumerate(CHOICES):
            grid.addWidget(self.buttons[name], row, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.descriptions[name], row, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.addWidget(self.heading)
        layout.addWidget(self.summary)
        layout.addSpacing(8)
        layout.addWidget(self.profile_box)
        layout.addWidget(self.choices_box)
        layout.addWidget(self.errors.labels["general"])
        layout.addWidget(self.busy_bar)
        layout.addStretch(1)

    def set_profiles(self, profiles: list[ProfileSummary], selected: str | None = None) -> None:
        """List ``profiles`` (the box hides when there are none); select ``selected``."""
        self.profiles = list(profiles)
        self.profile_list.clear()
        for profile in self.profiles:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, profile.name)
            self.profile_list.addItem(item)
        names = [profile.name for profile in self.profiles]
        self.profile_list.setCurrentRow(names.index(selected) if selected in names else 0)
        self.profile_box.setVisible(bool(self.profiles))
        self.retranslate()

    def selected(self) -> ProfileSummary | None:
        row = self.profile_list.currentRow()
        return self.profiles[row] if 0 <= row < len(self.profiles) else None

    def open_selected(self) -> None:
        profile = self.selected()
        if profile is not None:
            self.profile_chosen.emit(profile)

    def _activated(self, item: QListWidgetItem) -> None:
        self.profile_list.setCurrentItem(item)
        self.open_selected()

    def set_busy(self, busy: bool) -> None:
        if busy:
            self.errors.clear()
        self.busy_bar.setVisible(busy)
        for widget in (self.profile_list, self.open_button, *self.buttons.values()):
            widget.setEnabled(not busy)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def profile_text(self, profile: ProfileSummary) -> str:
        if profile.demo:
            return self.tr("{display} — demo, never syncs").format(display=profile.display_name)
        return self.tr("{display} (profile {name})").format(display=profile.display_name,
                                                            name=profile.name)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Welcome to Porpiang"))
        wrap_label(self.summary, self.tr(
            "Surveys, repair projects and reviews for the Baan Por Piang programme. "
            "Your work stays on this laptop and is sent to the server when there is a "
            "connection."))
        self.profile_box.setTitle(self.tr("Profiles on this laptop"))
        for row, profile in enumerate(self.profiles):
            self.profile_list.item(row).setText(self.profile_text(profile))
        self.open_button.setText(self.tr("Open"))
        self.choices_box.setTitle(self.tr("Start"))
        self.buttons["demo"].setText(self.tr("Try the demo"))
        self.buttons["create"].setText(self.tr("Create a profile"))
        self.buttons["enrol"].setText(self.tr("Enrol with a server"))
        texts = {
            "demo": self.tr("Invented households of one tambon, to learn the program. "
                            "No password; it never syncs."),
            "create": self.tr("A profile protected by your password, for work on this "
                              "laptop without a server account."),
            "enrol": self.tr("Use the server account your coordinator gave you, so your "
                             "work reaches the server."),
        }
        for name, text in texts.items():
            wrap_label(self.descriptions[name], text)
        self.errors.retranslate()
