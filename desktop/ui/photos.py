"""The photo strip: one owner's photos (a household, a repair item…) in a row per kind
(before, during, after), with "Add photos…", drag and drop, a caption, delete, and a
full-size viewer on double-click.

Imports, lists, captions, deletes and thumbnail decoding run on the given task runner;
the GUI thread only turns decoded ``QImage`` values into tiles.  Each tile shows a
"photo pending" badge while its bytes have not reached the server.  ``changed`` is
emitted after each write (import, caption, delete), so the embedding editor can
announce the change.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QIcon,
    QImage,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services import ServiceError, photos
from desktop.services.photos import PhotoView
from desktop.ui.form_fields import ERROR_STYLE, ui_language
from desktop.ui.photo_import import PhotoDrops, PhotoImportQueue
from desktop.ui.photo_tiles import (
    PICTURE_SUFFIXES,
    TILE,
    kind_label,
    photo_list,
    taken_text,
    thumbnail_image,
    tile_pixmap,
)
from desktop.ui.photo_viewer import PhotoViewer
from desktop.ui.tasks import TaskRunner
from desktop.ui.thai_wrap import wrap_label

log = logging.getLogger("porpiang.ui")

ID_ROLE = Qt.ItemDataRole.UserRole
PENDING_ROLE = Qt.ItemDataRole.UserRole + 1


class PhotoStrip(QWidget):
    """The photos of one owner, grouped by kind; ``reload()`` reads them again."""

    changed = Signal()

    def __init__(self, workspace, tasks: TaskRunner, *, household_id: str, owner_type: str,
                 owner_id: str, kinds: Sequence[str] = ("before", "during", "after"),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="photo_strip")
        self.workspace, self.tasks = workspace, tasks
        self.household_id, self.owner_type, self.owner_id = household_id, owner_type, owner_id
        self.kinds = tuple(kinds)
        self.photos: list[PhotoView] = []
        self.selected_id: str | None = None
        self.viewer: PhotoViewer | None = None
        self._images: dict[str, QImage] = {}
        self._loading: set[str] = set()
        self._unshown: set[str] = set()  # thumbnails that failed to decode
        self._tickets: set[int] = set()
        self._errors: list[Callable[[], str]] = []
        self._dragging = False
        self._key = f"photo-strip:{id(self)}"
        self.setAcceptDrops(True)
        self.installEventFilter(PhotoDrops(self))
        tasks.task_finished.connect(self._finished)
        self.imports = PhotoImportQueue(workspace, tasks, household_id=household_id,
                                        owner_type=owner_type, owner_id=owner_id, parent=self)
        self.imports.imported.connect(self._imported)
        self.imports.failed.connect(self._show_error)
        self.imports.progress.connect(self._retranslate_progress)
        self._build()
        self.retranslate()
        self.reload()

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.add_button = QPushButton(objectName="photo_add")
        self.add_button.clicked.connect(self.choose_files)
        self.kind_caption = QLabel(objectName="photo_kind_label")
        self.kind_choice = QComboBox(objectName="photo_kind")
        for kind in self.kinds:
            self.kind_choice.addItem("", kind)
        self.kind_caption.setBuddy(self.kind_choice)
        self.progress = QLabel(objectName="photo_progress")
        self.hint = QLabel(objectName="photo_hint", styleSheet="color: #607d8b;")
        self.errors = QLabel(objectName="photo_errors", styleSheet=ERROR_STYLE, wordWrap=True)
        self.errors.hide()
        top = QHBoxLayout()
        for widget in (self.add_button, self.kind_caption, self.kind_choice, self.progress):
            top.addWidget(widget)
        top.addStretch(1)
        rows = QGridLayout()
        self.headings: dict[str, QLabel] = {}
        self.lists: dict[str, QListWidget] = {}
        for row, kind in enumerate(self.kinds):
            self.headings[kind] = QLabel(objectName=f"photos_{kind}_heading", wordWrap=True)
            self.headings[kind].setFixedWidth(120)
            self.lists[kind] = self._make_list(kind)
            rows.addWidget(self.headings[kind], row, 0, Qt.AlignmentFlag.AlignTop)
            rows.addWidget(self.lists[kind], row, 1)
        rows.setColumnStretch(1, 1)
        self.caption_label = QLabel(objectName="photo_caption_label")
        self.caption = QLineEdit(objectName="photo_caption", maxLength=500)
        self.caption_label.setBuddy(self.caption)
        self.caption.returnPressed.connect(self.save_caption)
        self.save_caption_button = QPushButton(objectName="photo_save_caption")
        self.save_caption_button.clicked.connect(self.save_caption)
        self.delete_button = QPushButton(objectName="photo_delete")
        self.delete_button.clicked.connect(self.delete_selected)
        bottom = QHBoxLayout()
        for widget in (self.caption_label, self.caption, self.save_caption_button,
                       self.delete_button):
            bottom.addWidget(widget, 1 if widget is self.caption else 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.hint)
        layout.addWidget(self.errors)
        layout.addLayout(rows)
        layout.addLayout(bottom)
        self._select(None)

    def _make_list(self, kind: str) -> QListWidget:
        view = photo_list(f"photos_{kind}")
        view.itemSelectionChanged.connect(partial(self._selection_changed, kind))
        view.itemDoubleClicked.connect(lambda item: self.open_viewer(item.data(ID_ROLE)))
        delete = QAction(view, shortcut=QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self.delete_selected)
        view.addAction(delete)
        return view

    # -- running work -----------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while an import, a list, a thumbnail or a write has not reported back."""
        return bool(self._tickets) or self.imports.remaining > 0

    def _submit(self, fn: Callable[..., Any], *args: Any, key: str | None = None,
                on_done: Callable[[Any], None] | None = None,
                on_error: Callable[[BaseException], None] | None = None) -> None:
        def alive(callback: Callable[[Any], None] | None) -> Callable[[Any], None]:
            def call(value: Any) -> None:
                if shiboken6.isValid(self) and callback is not None:
                    callback(value)
            return call
        ticket = self.tasks.submit(fn, *args, key=key, on_done=alive(on_done),
                                   on_error=alive(on_error or self._work_failed))
        self._tickets.add(ticket)

    def _finished(self, ticket: int) -> None:
        self._tickets.discard(ticket)

    def _work_failed(self, error: BaseException) -> None:
        log.warning("photo work failed: %s", type(error).__name__)
        self._show_error(error)

    # -- reading ------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read the owner's photos again (off the GUI thread)."""
        self._submit(partial(photos.list_photos, kinds=self.kinds), self.workspace,
                     self.household_id, self.owner_type, self.owner_id,
                     key=f"{self._key}:list", on_done=self._show)

    def _show(self, found: list[PhotoView]) -> None:
        self.photos = list(found)
        for kind, view in self.lists.items():
            view.blockSignals(True)
            view.clear()
            for photo in (p for p in self.photos if p.kind == kind):
                item = QListWidgetItem()
                item.setData(ID_ROLE, photo.id)
                item.setData(PENDING_ROLE, photo.pending)
                view.addItem(item)
                if photo.id == self.selected_id:
                    item.setSelected(True)
            view.blockSignals(False)
        if self.photo(self.selected_id) is None:
            self._select(None)
        self._paint_items()
        self._retranslate_rows()
        ratio = self.devicePixelRatioF()
        for photo in self.photos:
            sha = photo.sha256
            if (photo.local and sha not in self._images and sha not in self._loading
                    and sha not in self._unshown):
                self._loading.add(sha)
                self._submit(thumbnail_image, self.workspace, sha, round(TILE * ratio),
                             on_done=partial(self._thumbnail_arrived, sha),
                             on_error=partial(self._thumbnail_arrived, sha))

    def _thumbnail_arrived(self, sha: str, image: QImage | BaseException) -> None:
        self._loading.discard(sha)
        if isinstance(image, QImage):
            self._images[sha] = image
        else:  # the bytes are missing or damaged: the tile says so
            log.warning("thumbnail failed: %s", type(image).__name__)
            self._unshown.add(sha)
        self._paint_items(sha)

    def photo(self, photo_id: str | None) -> PhotoView | None:
        return next((p for p in self.photos if p.id == photo_id), None)

    def item_for(self, photo_id: str) -> QListWidgetItem | None:
        for view in self.lists.values():
            for row in range(view.count()):
                if view.item(row).data(ID_ROLE) == photo_id:
                    return view.item(row)
        return None

    def _paint_items(self, only_sha: str | None = None) -> None:
        """Tiles, texts and tooltips of the items (of one picture's, when given)."""
        ratio, font = self.devicePixelRatioF(), self.font()
        for view in self.lists.values():
            for row in range(view.count()):
                item = view.item(row)
                photo = self.photo(item.data(ID_ROLE))
                if photo is None or (only_sha is not None and photo.sha256 != only_sha):
                    continue
                badge = self.tr("Photo pending") if photo.pending else None
                item.setIcon(QIcon(tile_pixmap(self._images.get(photo.sha256), size=TILE,
                                               ratio=ratio, badge=badge, font=font,
                                               placeholder=self._placeholder(photo))))
                item.setText(photo.caption)
                tip = [photo.caption or self.tr("(no caption)")]
                if taken_text(photo.taken_at):
                    tip.append(self.tr("taken %1").replace("%1", taken_text(photo.taken_at)))
                if photo.pending:
                    tip.append(self.tr("Photo pending: not yet sent to the server"))
                item.setToolTip("\n".join(tip))

    def _placeholder(self, photo: PhotoView) -> str:
        if not photo.local:
            return self.tr("Not on this laptop")
        if photo.sha256 in self._unshown:
            return self.tr("Cannot show")
        return self.tr("Loading…")

    # -- adding ---------------------------------------------------------------------------------
    def choose_files(self) -> None:
        """"Add photos…": pick several pictures; they are added as the chosen kind."""
        patterns = " ".join(f"*{suffix}" for suffix in PICTURE_SUFFIXES)
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Add photos"), "",
            self.tr("Pictures (%1)").replace("%1", patterns) + ";;" + self.tr("All files (*)"))
        if paths:
            self.add_files(paths)

    def add_files(self, paths: Iterable[str], kind: str | None = None) -> None:
        """Import each file as a photo of ``kind`` (else the kind chosen), one after
        another off the GUI thread; files that are not pictures are named in red."""
        self._errors.clear()
        self._retranslate_errors()
        self.imports.add(paths, kind or self.kind_choice.currentData())

    def _imported(self, _record: Any) -> None:
        self.changed.emit()
        self.reload()

    def _show_error(self, error: BaseException) -> None:
        if isinstance(error, ServiceError):
            issue = error.issue
            self._errors.append(lambda: photos.message(issue.code, ui_language(),
                                                       **issue.params))
        else:
            self._errors.append(lambda: self.tr("Something went wrong: %1")
                                .replace("%1", str(error) or type(error).__name__))
        self._retranslate_errors()

    # -- drag and drop ----------------------------------------------------------------------------
    def set_dragging(self, dragging: bool) -> None:
        """Files are being dragged over the strip: the hint says where to drop them."""
        self._dragging = dragging
        self._retranslate_hint()

    def kind_at(self, point: QPoint) -> str | None:
        """The kind of the row under ``point`` (the strip's coordinates), if any."""
        for kind in self.kinds:
            for widget in (self.headings[kind], self.lists[kind]):
                if QRect(widget.mapTo(self, QPoint(0, 0)), widget.size()).contains(point):
                    return kind
        return None

    # -- choosing, captions, deleting, viewing -------------------------------------------------
    def _selection_changed(self, kind: str) -> None:
        chosen = self.lists[kind].selectedItems()
        if not chosen:
            if not any(v.selectedItems() for v in self.lists.values()):
                self._select(None)
            return
        for other, view in self.lists.items():
            if other != kind:
                view.blockSignals(True)
                view.clearSelection()
                view.blockSignals(False)
        self._select(chosen[0].data(ID_ROLE))

    def _select(self, photo_id: str | None) -> None:
        photo = self.photo(photo_id)
        self.selected_id = photo.id if photo else None
        self.caption.setText(photo.caption if photo else "")
        for widget in (self.caption, self.save_caption_button, self.delete_button):
            widget.setEnabled(photo is not None)

    def select_photo(self, photo_id: str) -> None:
        item = self.item_for(photo_id)
        if item is not None:
            item.listWidget().setCurrentItem(item)
            item.setSelected(True)

    def save_caption(self) -> None:
        photo = self.photo(self.selected_id)
        text = self.caption.text().strip()
        if photo is None or text == photo.caption:
            return
        self._submit(photos.set_caption, self.workspace, photo.id, text,
                     on_done=self._written)

    def delete_selected(self) -> None:
        photo = self.photo(self.selected_id)
        if photo is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Delete photo"),
            self.tr("Delete this photo? It is removed from the record here and, after the "
                    "next sync, on the server."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._submit(photos.delete_photo, self.workspace, photo.id, on_done=self._written)

    def _written(self, _result: Any) -> None:
        self.changed.emit()
        self.reload()

    def open_viewer(self, photo_id: str) -> PhotoViewer | None:
        """The full-size viewer on ``photo_id``, stepping through the photos of its kind."""
        photo = self.photo(photo_id)
        if photo is None:
            return None
        same_kind = [p for p in self.photos if p.kind == photo.kind]
        if self.viewer is not None and shiboken6.isValid(self.viewer):
            self.viewer.close()
        self.viewer = PhotoViewer(self.workspace, self.tasks, same_kind,
                                  same_kind.index(photo), self)
        self.viewer.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.viewer.open()
        return self.viewer

    # -- words ------------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.add_button.setText(self.tr("Add photos…"))
        self.kind_caption.setText(self.tr("Add as:"))
        for row, kind in enumerate(self.kinds):
            self.kind_choice.setItemText(row, kind_label(kind))
        self.caption_label.setText(self.tr("Caption:"))
        self.caption.setPlaceholderText(self.tr("Select a photo to write its caption"))
        self.save_caption_button.setText(self.tr("Save caption"))
        self.delete_button.setText(self.tr("Delete photo…"))
        self._retranslate_hint()
        self._retranslate_progress()
        self._retranslate_errors()
        self._retranslate_rows()
        self._paint_items()

    def _retranslate_rows(self) -> None:
        for kind, heading in self.headings.items():
            count = sum(1 for p in self.photos if p.kind == kind)
            heading.setText(f"{kind_label(kind)} ({count})")

    def _retranslate_hint(self) -> None:
        wrap_label(self.hint, self.tr("Drop the pictures to add them") if self._dragging
                   else self.tr("Drag pictures onto a row to add them as that kind."))

    def _retranslate_progress(self, *_: Any) -> None:
        left = self.imports.remaining
        self.progress.setText(self.tr("Adding %n photo(s)…", "", left) if left else "")

    def _retranslate_errors(self) -> None:
        texts = [make() for make in self._errors]
        wrap_label(self.errors, "\n".join(texts))
        self.errors.setVisible(bool(texts))
