"""Pictures of the photo strip and the photo viewer for ``porpiang screenshots``.

A few photos of a house repair are drawn with Pillow (before, during and after: a
leaking roof, the new frame, the finished roof), imported into a demo household
through :func:`desktop.services.photos.import_photo` like any photo, and all but the
newest marked as uploaded, so one tile shows the "photo pending" badge.  Importing is
idempotent, so the second language's pictures reuse the first one's photos.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable

from PIL import ExifTags, Image, ImageDraw, ImageFilter
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QVBoxLayout, QWidget

from desktop.services import photos
from desktop.services.models import RecordView
from desktop.ui.photos import PhotoStrip
from desktop.ui.tasks import TaskRunner

WAIT_S = 30.0
SIZE = (1600, 1200)
SAMPLES = (  # kind, caption, when taken (Thailand time), stage of the repair
    ("before", "หลังคาสังกะสีผุ รั่วเมื่อฝนตก", "2025:01:08 09:12:40", "before"),
    ("before", "ผนังไม้ด้านหลังผุ ปลวกกิน", "2025:01:08 09:15:02", "walls"),
    ("during", "เปลี่ยนโครงหลังคาและแป", "2025:02:19 14:03:11", "during"),
    ("after", "หลังคาใหม่ ซ่อมเสร็จเรียบร้อย", "2025:03:27 16:45:09", "after"),
)


def _scene(stage: str, seed: int) -> bytes:
    """A plain drawing of the house at one stage of its repair, as a camera JPEG."""
    rng = random.Random(seed)
    width, height = SIZE
    image = Image.new("RGB", SIZE, (150, 196, 230))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 820, width, height), fill=(104, 140, 70))  # the yard
    for _ in range(5):  # trees behind the house
        x = rng.randrange(0, width)
        draw.ellipse((x - 150, 380, x + 150, 700), fill=(60, 110, 50))
        draw.rectangle((x - 18, 640, x + 18, 830), fill=(90, 64, 40))
    wall = (150, 104, 62) if stage in ("before", "walls") else (196, 150, 96)
    if stage == "after":
        wall = (224, 200, 150)
    draw.rectangle((360, 520, 1240, 900), fill=wall)
    for x in range(380, 1240, 44):  # the planks
        draw.line((x, 520, x, 900), fill=(110, 76, 44), width=4)
    draw.rectangle((720, 660, 880, 900), fill=(92, 60, 36))  # the door
    draw.rectangle((450, 600, 610, 720), fill=(60, 70, 80))
    roof = [(300, 540), (800, 260), (1300, 540)]
    if stage == "during":
        for x in range(330, 1280, 70):  # the new frame, no sheets yet
            top = 540 - (280 * (800 - abs(800 - x)) // 500)
            draw.line((x, 540, x, top), fill=(170, 130, 80), width=10)
        draw.line(roof, fill=(170, 130, 80), width=18)
        for x in (260, 1340):  # scaffolding
            draw.line((x, 900, x, 480), fill=(140, 140, 140), width=12)
        draw.line((260, 700, 1340, 700), fill=(140, 140, 140), width=10)
    else:
        colour = (36, 88, 160) if stage == "after" else (132, 120, 108)
        draw.polygon(roof, fill=colour)
        if stage == "after":
            for x in range(320, 1300, 36):
                draw.line((x, 540, 800 + (x - 800) // 4, 300), fill=(28, 70, 132), width=3)
        else:
            for _ in range(14):  # rust and holes
                x, y = rng.randrange(420, 1180), rng.randrange(380, 520)
                draw.ellipse((x, y, x + rng.randrange(20, 70), y + rng.randrange(12, 40)),
                             fill=(rng.choice([(96, 58, 30), (40, 34, 30), (150, 84, 40)])))
    if stage == "walls":
        for _ in range(30):
            x, y = rng.randrange(380, 1220), rng.randrange(560, 880)
            draw.ellipse((x, y, x + 36, y + 24), fill=(70, 50, 34))
    grain = Image.frombytes("L", SIZE, rng.randbytes(width * height)).convert("RGB")
    image = Image.blend(image.filter(ImageFilter.GaussianBlur(1.5)), grain, 0.08)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def _with_time(data: bytes, taken: str) -> bytes:
    image = Image.open(io.BytesIO(data))
    exif = Image.Exif()
    exif.get_ifd(ExifTags.IFD.Exif)[0x9003] = taken
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90, exif=exif)
    return out.getvalue()


def stage_photos(workspace, household_id: str) -> list[RecordView]:
    """The sample photos attached to the household (once); all but the last uploaded."""
    records = []
    for seed, (kind, caption, taken, stage) in enumerate(SAMPLES):
        records.append(photos.import_photo(
            workspace, _with_time(_scene(stage, seed), taken), household_id=household_id,
            owner_type="household", owner_id=household_id, kind=kind, caption=caption,
            name=f"IMG_{seed + 1:04d}.JPG"))
    for record in records[:-1]:  # as the sync does after an upload
        workspace.replica.blob_uploaded(record.fields["sha256"])
    return records


def _wait(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + WAIT_S
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what} after {WAIT_S:.0f} s")
        QApplication.processEvents()
        time.sleep(0.005)
    for _ in range(3):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def shoot_photos(shoot_widget: Callable[[QWidget, str], object], workspace, tasks: TaskRunner,
                 parent: QWidget | None, household_id: str, code: str) -> None:
    """``photos-{code}``: the strip with a photo chosen; ``photo-viewer-{code}``: the
    viewer on a photo with a Thai caption."""
    records = stage_photos(workspace, household_id)
    frame = QWidget(parent, Qt.WindowType.Window, objectName="photos_frame")
    strip = PhotoStrip(workspace, tasks, household_id=household_id, owner_type="household",
                       owner_id=household_id, parent=frame)
    QVBoxLayout(frame).addWidget(strip)
    frame.resize(940, 660)
    viewer = None
    try:
        frame.show()
        _wait(lambda: not strip.busy and len(strip.photos) >= len(records), "the photos")
        strip.select_photo(records[1].id)
        shoot_widget(frame, f"photos-{code}")
        viewer = strip.open_viewer(records[0].id)
        assert viewer is not None
        _wait(lambda: viewer.image is not None or viewer.failed, "the full-size photo")
        shoot_widget(viewer, f"photo-viewer-{code}")
    finally:
        if viewer is not None:
            viewer.close()
        frame.close()
        frame.deleteLater()
