"""The repair editor's Photos tab: the photo strip of the project (before, during and
after pictures of the house) beside the strip of the item selected in the checklist.

A strip needs a saved owner: until the project (or the item) is saved its box says
so.  Strips are made only while the tab is shown (``set_active``), and the item's
strip is made again when another item is selected.  ``changed`` follows every
strip's writes, for the editor to announce.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from desktop.services.workspace import Workspace
from desktop.text.thai_breaks import breakable
from desktop.ui.photos import PhotoStrip
from desktop.ui.tasks import TaskRunner


class PhotoBox(QGroupBox):
    """A box holding one owner's strip, or a note while there is no owner."""

    def __init__(self, name: str, owner_type: str) -> None:
        super().__init__(objectName=name)
        self.owner_type = owner_type
        self.note = QLabel(objectName=f"{name}_note", wordWrap=True)
        self.strip: PhotoStrip | None = None
        self.wanted: str | None = None  # the owner whose photos should show
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)

    def show_owner(self, workspace: Workspace, tasks: TaskRunner, household_id: str,
                   changed: object) -> None:
        """Make the strip of ``wanted`` (or drop the strip when there is none)."""
        if self.strip is not None and self.strip.owner_id == self.wanted:
            return
        if self.strip is not None:
            self.layout().removeWidget(self.strip)
            self.strip.hide()
            self.strip.deleteLater()
            self.strip = None
        self.note.setVisible(self.wanted is None)
        if self.wanted is not None:
            self.strip = PhotoStrip(workspace, tasks, household_id=household_id,
                                    owner_type=self.owner_type, owner_id=self.wanted,
                                    parent=self)
            self.strip.changed.connect(changed)
            self.layout().addWidget(self.strip, 1)


class RepairPhotos(QWidget):
    """The project's photos and the selected item's, side by side."""

    changed = Signal()

    def __init__(self, workspace: Workspace, tasks: TaskRunner, household_id: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("repair_photos")
        self.workspace, self.tasks, self.household_id = workspace, tasks, household_id
        self.project_photos_box = PhotoBox("project_photos_box", "repair_project")
        self.item_photos_box = PhotoBox("item_photos_box", "repair_item")
        self.active = False
        layout = QHBoxLayout(self)
        layout.addWidget(self.project_photos_box, 1)
        layout.addWidget(self.item_photos_box, 1)

    def set_active(self, active: bool) -> None:
        """Strips are made (and kept in step) only while the tab is shown."""
        self.active = active
        self._sync()

    def show_project(self, project_id: str | None) -> None:
        self.project_photos_box.wanted = project_id
        self._sync()

    def show_item(self, item_id: str | None) -> None:
        self.item_photos_box.wanted = item_id
        self._sync()

    def _sync(self) -> None:
        if not self.active:
            return
        for box in (self.project_photos_box, self.item_photos_box):
            box.show_owner(self.workspace, self.tasks, self.household_id, self.changed)

    def retranslate(self) -> None:
        self.project_photos_box.setTitle(self.tr("Photos of the house"))
        self.item_photos_box.setTitle(self.tr("Photos of the item selected"))
        self.project_photos_box.note.setText(breakable(
            self.tr("Save the checklist first: photos belong to a saved repair project.")))
        self.item_photos_box.note.setText(breakable(
            self.tr("Select a saved item in the checklist to see and add its photos.")))
