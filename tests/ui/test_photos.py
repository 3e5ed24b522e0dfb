"""The photo strip on a real profile: photos added through the file dialog's method and
by dropping files, thumbnails with the pending badge, caption, delete with its
question, and the full-size viewer on double-click."""

from __future__ import annotations

import io

import pytest
from PIL import ExifTags, Image
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from desktop.services import photos
from desktop.text.thai_breaks import unbreakable
from desktop.ui.i18n import THAI
from desktop.ui.photo_tiles import BADGE_COLOUR, TILE
from desktop.ui.photos import ID_ROLE, PENDING_ROLE, PhotoStrip
from desktop.ui.tasks import TaskRunner

TAMBON = "800101"
WAIT_MS = 20_000


@pytest.fixture
def workspace(encrypted_workspace):
    return encrypted_workspace


@pytest.fixture
def household(workspace):
    return workspace.save("household", {"house_no": "7", "moo": 2}, tambon=TAMBON).record


@pytest.fixture
def strip(qtbot, thai_app, workspace, household):
    tasks = TaskRunner()
    widget = PhotoStrip(workspace, tasks, household_id=household.id, owner_type="household",
                        owner_id=household.id)
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    idle(qtbot, widget)
    yield widget
    tasks.shutdown()


def idle(qtbot, strip: PhotoStrip) -> None:
    qtbot.waitUntil(lambda: not strip.busy, timeout=WAIT_MS)


def picture(path, width=1200, height=900, colour=(40, 120, 200), orientation=1):
    image = Image.new("RGB", (width, height), colour)
    image.paste((230, 230, 40), (0, 0, width // 3, height // 3))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif.get_ifd(ExifTags.IFD.Exif)[0x9003] = "2025:05:01 10:00:00"
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    path.write_bytes(out.getvalue())
    return str(path)


def badge_drawn(item) -> bool:
    """Whether the tile's pixels show the purple badge along its bottom."""
    image = item.icon().pixmap(TILE, TILE).toImage()
    scale = image.width() / TILE
    band = [image.pixelColor(int(x * scale), int(y * scale)).name()
            for x in range(4, TILE // 2) for y in range(TILE - 24, TILE - 4)]
    return band.count(BADGE_COLOUR) > len(band) // 3


def test_add_photos_shows_thumbnails_pending_badges_and_refusals(qtbot, strip, workspace,
                                                                  household, tmp_path):
    files = [picture(tmp_path / "front.jpg"), picture(tmp_path / "roof.jpg", 900, 1200,
                                                      orientation=6)]
    notes = tmp_path / "notes.txt"
    notes.write_text("not a picture")
    strip.kind_choice.setCurrentIndex(strip.kind_choice.findData("during"))
    with qtbot.waitSignal(strip.changed, timeout=WAIT_MS):
        strip.add_files([*files, str(notes)])  # what the file dialog's answer is fed to
    assert strip.progress.text()
    idle(qtbot, strip)
    during = strip.lists["during"]
    assert during.count() == 2 and strip.lists["before"].count() == 0
    assert strip.progress.text() == ""
    assert strip.errors.isVisible() and "notes.txt" in unbreakable(strip.errors.text())
    stored = photos.list_photos(workspace, household.id)
    assert {p.kind for p in stored} == {"during"} and all(p.pending for p in stored)
    for row in range(2):
        item = during.item(row)
        assert item.data(PENDING_ROLE) is True and badge_drawn(item)
        assert "Photo pending" in item.toolTip()
    assert len(strip._images) == 2 and all(not i.isNull() for i in strip._images.values())
    assert strip.headings["during"].text().endswith("(2)")

    uploaded = stored[0]
    workspace.replica.blob_uploaded(uploaded.sha256)  # what the sync does after an upload
    strip.reload()
    idle(qtbot, strip)
    item = strip.item_for(uploaded.id)
    assert item.data(PENDING_ROLE) is False and not badge_drawn(item)
    assert badge_drawn(strip.item_for(stored[1].id))


def drop(strip: PhotoStrip, paths: list[str], target) -> QDropEvent:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(p) for p in paths])
    point = target.mapTo(strip, QPoint(20, 20))
    enter = QDragEnterEvent(point, Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(strip, enter)
    assert enter.isAccepted()
    event = QDropEvent(QPointF(point), Qt.DropAction.CopyAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(strip, event)
    return event


def test_dropped_files_join_the_row_they_fall_on(qtbot, strip, tmp_path):
    files = [picture(tmp_path / "a.jpg"), picture(tmp_path / "b.jpg", colour=(90, 160, 60))]
    with qtbot.waitSignal(strip.changed, timeout=WAIT_MS):
        event = drop(strip, files, strip.lists["after"])
    assert event.isAccepted()
    idle(qtbot, strip)
    assert strip.lists["after"].count() == 2
    assert strip.lists["before"].count() == strip.lists["during"].count() == 0
    assert not strip.errors.isVisible()
    mime = QMimeData()
    mime.setText("just text")
    refused = QDragEnterEvent(QPoint(5, 5), Qt.DropAction.CopyAction, mime,
                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(strip, refused)
    assert not refused.isAccepted()


def test_caption_and_delete(qtbot, strip, workspace, household, tmp_path, monkeypatch):
    strip.add_files([picture(tmp_path / "wall.jpg")], "before")
    idle(qtbot, strip)
    photo = strip.photos[0]
    assert not strip.caption.isEnabled()
    strip.select_photo(photo.id)
    assert strip.selected_id == photo.id and strip.caption.isEnabled()
    strip.caption.setText("ผนังผุ ต้องเปลี่ยนไม้")
    with qtbot.waitSignal(strip.changed, timeout=WAIT_MS):
        qtbot.keyClick(strip.caption, Qt.Key.Key_Return)
    idle(qtbot, strip)
    assert photos.list_photos(workspace, household.id)[0].caption == "ผนังผุ ต้องเปลี่ยนไม้"
    assert strip.item_for(photo.id).text() == "ผนังผุ ต้องเปลี่ยนไม้"
    assert strip.selected_id == photo.id  # still chosen after the list was read again

    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: asked.append(args) or QMessageBox.StandardButton.No)
    strip.delete_button.click()
    assert len(asked) == 1 and not strip.busy
    strip.lists["before"].setFocus()
    qtbot.keyClick(strip.lists["before"], Qt.Key.Key_Delete)  # the row's shortcut asks too
    assert len(asked) == 2 and not strip.busy
    assert strip.lists["before"].count() == 1
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(strip.changed, timeout=WAIT_MS):
        strip.delete_button.click()
    idle(qtbot, strip)
    assert strip.lists["before"].count() == 0 and strip.selected_id is None
    assert photos.list_photos(workspace, household.id) == []
    assert not strip.delete_button.isEnabled()


def test_double_click_opens_the_viewer_in_thai(qtbot, strip, workspace, household, tmp_path,
                                               ui_language):
    assert strip.headings["after"].text() == "After (0)"
    ui_language.switch(THAI)  # the strip retranslates itself on the LanguageChange event
    qtbot.waitUntil(lambda: strip.headings["after"].text() == "หลังซ่อม (0)", timeout=WAIT_MS)
    assert strip.kind_choice.itemText(0) == "ก่อนซ่อม"
    photos.import_photo(workspace, picture(tmp_path / "big.jpg", 4000, 3000, orientation=6),
                        household_id=household.id, owner_type="household",
                        owner_id=household.id, kind="after", caption="หลังซ่อมหลังคาเสร็จ")
    strip.reload()
    idle(qtbot, strip)
    assert strip.headings["after"].text() == "หลังซ่อม (1)"
    view = strip.lists["after"]
    item = view.item(0)
    centre = view.visualItemRect(item).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    viewer = strip.viewer
    assert viewer is not None and viewer.isVisible()
    assert viewer.photo.id == item.data(ID_ROLE)
    qtbot.waitUntil(lambda: viewer.image is not None, timeout=WAIT_MS)
    assert (viewer.image.width(), viewer.image.height()) == (1200, 1600)  # upright
    shown, area = viewer.shown_size(), viewer.picture.contentsRect().size()
    assert 0 < shown.width() <= area.width() and 0 < shown.height() <= area.height()
    screen = viewer.screen().availableGeometry()
    assert viewer.width() <= screen.width() and viewer.height() <= screen.height()
    assert unbreakable(viewer.caption.text()) == "หลังซ่อมหลังคาเสร็จ"
    assert "หลังซ่อม" in unbreakable(viewer.details.text())
    assert "2568" in unbreakable(viewer.details.text())  # the Buddhist year
    viewer.close()
