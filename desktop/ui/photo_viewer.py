"""A photo at full size: scaled to fit the screen, its caption below (Thai wrapped at
word boundaries), its kind, when it was taken and whether it still waits to be sent.
Left and Right (or the buttons) step through the photos it was opened with.  The
picture is read and decoded on the task runner, never on the GUI thread."""

from __future__ import annotations

import logging

import shiboken6
from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QGuiApplication, QImage, QKeyEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.services.photos import PhotoView
from desktop.ui.photo_tiles import full_image, kind_label, taken_text
from desktop.ui.tasks import TaskRunner
from desktop.ui.thai_wrap import wrap_label

log = logging.getLogger("porpiang.ui")

SCREEN_SHARE = 0.9  # the most of the screen's free area the dialog takes at first


class PhotoViewer(QDialog):
    """Shows ``photos[index]``; ``image`` is the decoded picture once it has arrived."""

    def __init__(self, workspace, tasks: TaskRunner, photos: list[PhotoView], index: int = 0,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="photo_viewer")
        self.workspace, self.tasks = workspace, tasks
        self.photos, self.index = list(photos), index
        self.image: QImage | None = None
        self.failed = False
        self.loading = False
        self.picture = QLabel(objectName="photo_picture", alignment=Qt.AlignmentFlag.AlignCenter)
        self.picture.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.picture.setMinimumSize(200, 150)
        self.picture.setStyleSheet("background: #263238; color: #eceff1;")
        self.caption = QLabel(objectName="photo_viewer_caption")
        self.caption.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        big = self.caption.font()
        big.setPointSizeF(big.pointSizeF() * 1.2)
        self.caption.setFont(big)
        self.details = QLabel(objectName="photo_viewer_details", wordWrap=True)
        self.previous = QPushButton(objectName="photo_previous")
        self.next = QPushButton(objectName="photo_next")
        self.close_button = QPushButton(objectName="photo_close")
        self.previous.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.previous)
        buttons.addWidget(self.next)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.picture, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.details)
        layout.addLayout(buttons)
        self.resize(self._first_size())
        self.retranslate()
        self.load()

    @property
    def photo(self) -> PhotoView:
        return self.photos[self.index]

    def _first_size(self) -> QSize:
        screen = (self.parentWidget().screen() if self.parentWidget() is not None
                  else QGuiApplication.primaryScreen())
        free = screen.availableGeometry().size() if screen is not None else QSize(1024, 768)
        return QSize(round(free.width() * SCREEN_SHARE), round(free.height() * SCREEN_SHARE))

    # -- the picture ----------------------------------------------------------------------
    def load(self) -> None:
        self.image, self.failed, self.loading = None, False, True
        self.picture.setPixmap(QPixmap())
        self.retranslate()
        self.tasks.submit(full_image, self.workspace, self.photo.sha256,
                          key=f"photo-viewer:{id(self)}", on_done=self._arrived,
                          on_error=self._failed)

    def _arrived(self, image: QImage) -> None:
        if not shiboken6.isValid(self):
            return
        self.image, self.loading = image, False
        self._fit()
        self.retranslate()

    def _failed(self, error: BaseException) -> None:
        if not shiboken6.isValid(self):
            return
        log.warning("photo did not open: %s", type(error).__name__)
        self.failed, self.loading = True, False
        self.retranslate()

    def _fit(self) -> None:
        if self.image is None:
            return
        area = self.picture.contentsRect().size()
        pixmap = QPixmap.fromImage(self.image)
        if pixmap.width() > area.width() or pixmap.height() > area.height():
            pixmap = pixmap.scaled(area, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        self.picture.setPixmap(pixmap)

    def shown_size(self) -> QSize:
        """The size the picture is drawn at (for tests and screenshots)."""
        pixmap = self.picture.pixmap()
        return QSize() if pixmap is None or pixmap.isNull() else pixmap.size()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    # -- moving -----------------------------------------------------------------------------
    def step(self, by: int) -> None:
        target = self.index + by
        if 0 <= target < len(self.photos) and target != self.index:
            self.index = target
            self.load()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Left:
            self.step(-1)
        elif event.key() == Qt.Key.Key_Right:
            self.step(1)
        else:
            super().keyPressEvent(event)

    # -- words ------------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        photo = self.photo
        self.setWindowTitle(self.tr("Photo %1 of %2").replace("%1", str(self.index + 1))
                            .replace("%2", str(len(self.photos))))
        wrap_label(self.caption, photo.caption or self.tr("(no caption)"))
        parts = [kind_label(photo.kind)]
        taken = taken_text(photo.taken_at)
        parts.append(self.tr("taken %1").replace("%1", taken) if taken
                     else self.tr("time taken unknown"))
        if photo.pending:
            parts.append(self.tr("Photo pending: not yet sent to the server"))
        wrap_label(self.details, " · ".join(parts))
        if self.loading:
            self.picture.setText(self.tr("Opening the photo…"))
        elif self.failed:
            self.picture.setText(self.tr("This photo's file is not on this laptop or "
                                         "cannot be read."))
        self.previous.setText(self.tr("Previous"))
        self.next.setText(self.tr("Next"))
        self.close_button.setText(self.tr("Close"))
        self.previous.setEnabled(self.index > 0)
        self.next.setEnabled(self.index < len(self.photos) - 1)
