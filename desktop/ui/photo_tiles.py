"""The photo strip's pieces that need no widget state: decoding pictures off the GUI
thread into ``QImage`` values, drawing a thumbnail tile with its "photo pending"
badge, and how a photo's time and kind read in the interface language."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import (
    QBuffer,
    QByteArray,
    QIODevice,
    QMimeData,
    QRect,
    QRectF,
    QSize,
    Qt,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetrics,
    QImage,
    QImageReader,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QStyle

from desktop.services import photos
from desktop.ui.form_fields import month_name, ui_language
from sync.records import enums as E
from sync.records.types_people import PROGRAMME_ZONE

TILE = 112  # logical pixels of a thumbnail tile (square)
BADGE_COLOUR = "#6a1b9a"  # the households list's "photo pending" colour
TILE_BACKGROUND = "#eceff1"
PICTURE_SUFFIXES = (".jpg", ".jpeg", ".jpe", ".png", ".webp", ".tif", ".tiff", ".bmp", ".gif")


# -- on a worker thread (QImage, never QPixmap) ---------------------------------------------
def thumbnail_image(workspace, sha256: str, pixels: int) -> QImage:
    """The stored photo's thumbnail, decoded (runs on the task runner)."""
    image = QImage.fromData(photos.thumbnail(workspace, sha256, pixels))
    if image.isNull():
        raise ValueError("thumbnail did not decode")
    return image


def full_image(workspace, sha256: str) -> QImage:
    """The stored photo at full size, upright (runs on the task runner)."""
    buffer = QBuffer()
    buffer.setData(QByteArray(workspace.read_file(sha256)))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)  # an attachment stored as taken may still carry EXIF
    image = reader.read()
    buffer.close()
    if image.isNull():
        raise ValueError(reader.errorString())
    return image


# -- drawing -----------------------------------------------------------------------------
def tile_pixmap(image: QImage | None, *, size: int, ratio: float, badge: str | None,
                font: QFont, placeholder: str = "") -> QPixmap:
    """A square tile: the picture fitted in the middle (or ``placeholder`` text on grey),
    and, when ``badge`` is given, that text on a purple label along the bottom."""
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(QColor(TILE_BACKGROUND))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if image is not None and not image.isNull():
        scaled = image.size().scaled(size, size, Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF((size - scaled.width()) / 2, (size - scaled.height()) / 2,
                        scaled.width(), scaled.height())
        painter.drawImage(target, image)
    elif placeholder:
        painter.setFont(font)
        painter.setPen(QColor("#546e7a"))
        painter.drawText(QRect(4, 4, size - 8, size - 8),
                         int(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap),
                         placeholder)
    if badge:
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        metrics = QFontMetrics(small)
        width = min(size - 8, metrics.horizontalAdvance(badge) + 12)
        box = QRect(4, size - metrics.height() - 8, width, metrics.height() + 4)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(BADGE_COLOUR))
        painter.drawRoundedRect(box, 4, 4)
        painter.setFont(small)
        painter.setPen(QColor("white"))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter),
                         metrics.elidedText(badge, Qt.TextElideMode.ElideRight, width - 8))
    painter.end()
    return pixmap


def photo_list(name: str) -> QListWidget:
    """One row of tiles: icons with their caption below, scrolled sideways, no drag of
    its own (drops go to the strip, which knows which row they fell on)."""
    view = QListWidget(objectName=name)
    view.setViewMode(QListView.ViewMode.IconMode)
    view.setFlow(QListView.Flow.LeftToRight)
    view.setWrapping(False)
    view.setMovement(QListView.Movement.Static)
    view.setDragDropMode(QAbstractItemView.DragDropMode.NoDragDrop)
    view.setAcceptDrops(False)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setIconSize(QSize(TILE, TILE))
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(False)
    line = view.fontMetrics().height()
    view.setGridSize(QSize(TILE + 14, TILE + line + 12))
    view.setUniformItemSizes(True)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scrollbar = view.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
    view.setFixedHeight(TILE + line + 16 + scrollbar + 2 * view.frameWidth())
    return view


def dropped_paths(mime: QMimeData | None) -> list[str]:
    """The local files a drag carries (nothing for text, web links and the like)."""
    if mime is None or not mime.hasUrls():
        return []
    return [url.toLocalFile() for url in mime.urls() if url.isLocalFile()]


# -- words -------------------------------------------------------------------------------
def kind_label(kind: str) -> str:
    """The attachment kind's name from the contract, in the interface language."""
    return E.ATTACHMENT_KIND.label(kind, ui_language())


def taken_text(taken_at: str | None) -> str:
    """When the photo was taken, in Thailand's time: "14 มีนาคม 2568 09:26" in Thai
    (Buddhist Era), "14 March 2025 09:26" in English; "" when unknown."""
    if not taken_at:
        return ""
    try:
        moment = datetime.fromisoformat(taken_at).astimezone(
            PROGRAMME_ZONE)
    except ValueError:
        return ""
    year = moment.year + 543 if ui_language() == "th" else moment.year
    return f"{moment.day} {month_name(moment.month)} {year} {moment:%H:%M}"


def is_picture_name(path: str) -> bool:
    return path.lower().endswith(PICTURE_SUFFIXES)
