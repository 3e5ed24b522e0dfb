"""Photos through the services: upright, shrunk, stripped of metadata, their EXIF time
and place kept in the record; non-pictures refused naming the file; captions, deletes,
the pending-upload state and thumbnails."""

from __future__ import annotations

import io
import struct
import time
import zlib

import pytest
from PIL import ExifTags, Image, ImageCms
from PIL.TiffImagePlugin import IFDRational

from desktop.services import ServiceError, photos

TAMBON = "800101"
BLUE, RED = (30, 40, 210), (210, 40, 30)


@pytest.fixture
def workspace(encrypted_workspace):
    return encrypted_workspace


@pytest.fixture
def household(workspace):
    return workspace.save("household", {"house_no": "12/3", "moo": 4}, tambon=TAMBON).record


def dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
    degrees = int(value)
    minutes = int((value - degrees) * 60)
    seconds = (value - degrees - minutes / 60) * 3600
    return IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(round(seconds * 10_000),
                                                                         10_000)


def camera_jpeg(width: int = 4000, height: int = 3000, *, orientation: int = 6,
                taken: str | None = "2025:03:14 09:26:53", offset: str | None = "+07:00",
                gps: tuple[float, float] | None = (8.4304, 99.9631)) -> bytes:
    """A photo as a phone writes it: held sideways (the pixels lie on their side and the
    EXIF says turn them), with its time, offset and GPS position; blue top-left quarter."""
    image = Image.blend(Image.new("RGB", (width, height), RED),
                        Image.effect_noise((width, height), 50).convert("RGB"), 0.25)
    image.paste(BLUE, (0, 0, width // 2, height // 2))
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"  # Make: metadata that must not survive
    details = exif.get_ifd(ExifTags.IFD.Exif)
    if taken:
        details[0x9003] = taken
    if offset:
        details[0x9011] = offset
    if gps:
        place = exif.get_ifd(ExifTags.IFD.GPSInfo)
        place.update({1: "N" if gps[0] >= 0 else "S", 2: dms(abs(gps[0])),
                      3: "E" if gps[1] >= 0 else "W", 4: dms(abs(gps[1])),
                      31: IFDRational(8, 1)})
    out = io.BytesIO()
    image.save(out, "JPEG", quality=92, exif=exif)
    return out.getvalue()


def stored_image(workspace, record) -> Image.Image:
    data = workspace.read_file(record.fields["sha256"])
    assert len(data) == record.fields["size_bytes"]
    return Image.open(io.BytesIO(data))


def near(pixel, colour, slack=60) -> bool:
    return all(abs(a - b) <= slack for a, b in zip(pixel, colour, strict=True))


def attach(workspace, household, source, **extra):
    return photos.import_photo(workspace, source, household_id=household.id,
                               owner_type="household", owner_id=household.id,
                               kind=extra.pop("kind", "before"), **extra)


def test_a_camera_photo_is_stored_upright_small_and_bare(workspace, household, tmp_path):
    original = camera_jpeg()
    path = tmp_path / "IMG_0001.JPG"
    path.write_bytes(original)
    started = time.perf_counter()
    record = attach(workspace, household, path, caption="  หลังคารั่ว  ")
    elapsed = time.perf_counter() - started
    image = stored_image(workspace, record)
    assert image.format == "JPEG"
    assert image.size == (1200, 1600)  # 4000×3000 on its side: upright and ≤ 1600
    # Turned a quarter clockwise as orientation 6 asks: the blue top-left quarter of the
    # sensor's picture is now the top-right quarter.
    assert near(image.getpixel((1200 * 3 // 4, 1600 // 4)), BLUE)
    assert near(image.getpixel((1200 // 4, 1600 // 4)), RED)
    assert near(image.getpixel((1200 * 3 // 4, 1600 * 3 // 4)), RED)
    assert not image.getexif()  # no orientation, no maker, no GPS left in the bytes
    assert b"PhoneMaker" not in workspace.read_file(record.fields["sha256"])
    assert "icc_profile" not in image.info and "exif" not in image.info
    fields = record.fields
    assert fields["taken_at"] == "2025-03-14T02:26:53.000Z"  # 09:26:53 at +07:00
    assert fields["gps_lat"] == pytest.approx(8.4304, abs=1e-6)
    assert fields["gps_lon"] == pytest.approx(99.9631, abs=1e-6)
    assert fields["gps_accuracy_m"] == 8
    assert fields["mime_type"] == "image/jpeg" and fields["kind"] == "before"
    assert fields["caption"] == "หลังคารั่ว"
    assert fields["size_bytes"] < len(original) / 5
    assert elapsed < 5, elapsed


def test_exif_time_without_offset_is_thai_time_and_no_time_is_none(workspace, household):
    record = attach(workspace, household, camera_jpeg(800, 600, offset=None))
    assert record.fields["taken_at"] == "2025-03-14T02:26:53.000Z"
    other = attach(workspace, household, camera_jpeg(800, 600, orientation=1, offset="-05:00"))
    assert other.fields["taken_at"] == "2025-03-14T14:26:53.000Z"
    bare = attach(workspace, household, camera_jpeg(640, 480, taken=None, gps=None))
    assert "taken_at" not in bare.fields and "gps_lat" not in bare.fields


def test_a_position_outside_thailand_is_dropped_not_refused(workspace, household):
    record = attach(workspace, household, camera_jpeg(640, 480, gps=(51.5007, -0.1246)))
    assert "gps_lat" not in record.fields and "gps_lon" not in record.fields
    assert record.fields["taken_at"]


def test_small_photos_are_never_enlarged(workspace, household):
    record = attach(workspace, household, camera_jpeg(640, 480, orientation=8))
    assert stored_image(workspace, record).size == (480, 640)


def test_a_png_with_transparency_and_a_colour_profile_works(workspace, household, tmp_path):
    image = Image.new("RGBA", (2400, 900), (0, 0, 0, 0))
    image.paste((20, 160, 60, 255), (0, 0, 1200, 900))
    path = tmp_path / "plan.png"
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image.save(path, "PNG", icc_profile=srgb)
    record = attach(workspace, household, path, kind="document")
    stored = stored_image(workspace, record)
    assert stored.format == "JPEG" and stored.size == (1600, 600)
    assert near(stored.getpixel((100, 300)), (20, 160, 60), 12)
    assert near(stored.getpixel((1500, 300)), (255, 255, 255), 12)  # transparent → white
    assert "taken_at" not in record.fields


def test_not_a_picture_is_refused_naming_the_file(workspace, household, tmp_path):
    text = tmp_path / "รายการวัสดุ.txt"
    text.write_text("ไม้ 12 แผ่น\n", encoding="utf-8")
    with pytest.raises(ServiceError) as caught:
        attach(workspace, household, text)
    issue = caught.value.issue
    assert issue.code == "photo.not_image" and issue.params["name"] == "รายการวัสดุ.txt"
    assert "รายการวัสดุ.txt" in photos.message(issue.code, "th", **issue.params)
    assert photos.message(issue.code, "en", **issue.params).startswith("“รายการวัสดุ.txt” is not")
    assert photos.list_photos(workspace, household.id) == []


def test_a_broken_or_missing_file_is_refused_naming_it(workspace, household, tmp_path):
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(camera_jpeg(640, 480)[:4000])  # cut short in the picture data
    with pytest.raises(ServiceError) as caught:
        attach(workspace, household, broken)
    assert caught.value.issue.code == "photo.unreadable"
    assert caught.value.issue.params == {"name": "broken.jpg"}
    with pytest.raises(ServiceError) as missing:
        attach(workspace, household, tmp_path / "gone.jpg")
    assert missing.value.issue.code == "photo.unreadable"
    assert "gone.jpg" in photos.message("photo.unreadable", "en", **missing.value.issue.params)
    with pytest.raises(ServiceError) as raw:
        attach(workspace, household, b"%PDF-1.7 not a picture", name="scan.pdf")
    assert raw.value.issue.params == {"name": "scan.pdf"}
    assert photos.list_photos(workspace, household.id) == []


def huge_png_header() -> bytes:
    """A small PNG whose header claims 20,000 × 20,000 pixels (400 megapixels)."""
    out = io.BytesIO()
    Image.new("L", (8, 8)).save(out, "PNG")
    data = bytearray(out.getvalue())
    start = data.index(b"IHDR")
    data[start + 4:start + 12] = struct.pack(">II", 20_000, 20_000)
    data[start + 17:start + 21] = struct.pack(">I", zlib.crc32(bytes(data[start:start + 17])))
    return bytes(data)


def test_a_picture_too_large_to_decode_safely_is_refused(workspace, household):
    with pytest.raises(ServiceError) as caught:
        attach(workspace, household, huge_png_header(), name="scan.png")
    issue = caught.value.issue
    assert issue.code == "photo.too_large" and issue.params["name"] == "scan.png"
    assert "scan.png" in photos.message(issue.code, "th", **issue.params)
    assert photos.list_photos(workspace, household.id) == []


def test_listing_caption_delete_and_pending(workspace, household):
    first = attach(workspace, household, camera_jpeg(800, 600, taken="2025:01:02 08:00:00"))
    second = attach(workspace, household, camera_jpeg(800, 600, taken="2024:12:30 08:00:00"),
                    kind="after")
    untimed = attach(workspace, household, camera_jpeg(700, 500, taken=None))
    listed = photos.list_photos(workspace, household.id)
    assert [p.id for p in listed] == [second.id, first.id, untimed.id]  # by time taken
    assert all(p.pending and p.local for p in listed)
    assert [p.id for p in photos.list_photos(workspace, household.id, kinds=["after"])] == [
        second.id]
    assert photos.list_photos(workspace, household.id, "repair_item") == []
    assert len(photos.list_photos(workspace, household.id, "household", household.id)) == 3

    workspace.replica.blob_uploaded(first.fields["sha256"])  # what the sync does after an upload
    states = {p.id: p.state for p in photos.list_photos(workspace, household.id)}
    assert states == {first.id: "present", second.id: "pending", untimed.id: "pending"}

    captioned = photos.set_caption(workspace, first.id, "  ผนังด้านทิศเหนือ ")
    assert captioned.fields["caption"] == "ผนังด้านทิศเหนือ"
    assert photos.list_photos(workspace, household.id)[1].caption == "ผนังด้านทิศเหนือ"
    assert "caption" not in photos.set_caption(workspace, first.id, "  ").fields

    photos.delete_photo(workspace, second.id)
    assert [p.id for p in photos.list_photos(workspace, household.id)] == [first.id, untimed.id]
    with pytest.raises(ServiceError) as gone:
        photos.set_caption(workspace, second.id, "x")
    assert gone.value.issue.code == "record.not_found"
    assert workspace.pending_changes() >= 6  # three attaches, two captions, one delete


def test_the_same_picture_twice_is_one_photo_per_owner_and_kind(workspace, household):
    data = camera_jpeg(800, 600)
    first = attach(workspace, household, data)
    assert attach(workspace, household, data, caption="again").id == first.id
    other_kind = attach(workspace, household, data, kind="after")
    assert other_kind.id != first.id
    assert other_kind.fields["sha256"] == first.fields["sha256"]  # one stored file
    assert len(photos.list_photos(workspace, household.id)) == 2


def test_thumbnails_are_small_upright_and_cached(workspace, household):
    record = attach(workspace, household, camera_jpeg(4000, 3000))
    sha = record.fields["sha256"]
    photos.clear_thumbnails()
    started = time.perf_counter()
    data = photos.thumbnail(workspace, sha, 160)
    cold = time.perf_counter() - started
    small = Image.open(io.BytesIO(data))
    assert small.size == (120, 160)
    assert near(small.getpixel((90, 40)), BLUE) and near(small.getpixel((30, 40)), RED)
    started = time.perf_counter()
    assert photos.thumbnail(workspace, sha, 160) is data
    assert time.perf_counter() - started < cold
    with pytest.raises(ServiceError) as missing:
        photos.thumbnail(workspace, "0" * 64, 160)
    assert missing.value.issue.code == "file.missing"
