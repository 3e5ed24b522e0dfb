"""Photos of a household's repair: imported (upright, shrunk, re-encoded), listed with
their upload state, captioned, deleted, and drawn small.

No Qt here.  :func:`import_photo` decodes with Pillow, turns the picture upright as its
EXIF orientation says, shrinks it so its long side is at most :data:`MAX_SIDE` pixels
(never enlarges it), converts it to sRGB and writes a fresh JPEG with no metadata at
all.  What the EXIF said that the record can hold is kept in the attachment's fields:
``taken_at`` (DateTimeOriginal with OffsetTimeOriginal; a time without an offset is
taken as Thailand's time) and ``gps_lat``/``gps_lon``/``gps_accuracy_m`` when the
position lies in Thailand.  A file that is not a picture, or cannot be read, is refused
with a coded error naming the file (codes ``photo.*`` in the store's catalogue, :func:`message`).
"""

from __future__ import annotations

import io
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from os import PathLike
from pathlib import Path
from typing import Any, BinaryIO

from PIL import ExifTags, Image, ImageCms, UnidentifiedImageError
from sqlalchemy import select

from desktop.services.models import RecordView
from desktop.store.errors import StoreError
from desktop.store.errors import message as store_message
from desktop.store.files import sha256_of
from desktop.store.rows import children
from desktop.store.schema import blobs
from sync.records.thai import check_gps
from sync.records.types_people import PROGRAMME_ZONE

MAX_SIDE = 1600  # pixels on the long side of a stored photo
JPEG_QUALITY = 85
THUMBNAIL_QUALITY = 80
PHOTO_MIME = "image/jpeg"
# The formats a photo may come in (Pillow's names); others are refused as not photos.
FORMATS = ("JPEG", "PNG", "WEBP", "TIFF", "BMP", "GIF")
THUMBNAIL_CACHE_ITEMS = 2000  # thumbnails kept in memory, least recently used dropped first


_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM, 5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_ORIENTATION = 0x0112
_DATE_TIME_ORIGINAL, _OFFSET_TIME_ORIGINAL, _SUBSEC_TIME_ORIGINAL = 0x9003, 0x9011, 0x9291
_GPS_LAT_REF, _GPS_LAT, _GPS_LON_REF, _GPS_LON, _GPS_ERROR = 1, 2, 3, 4, 31
_OFFSET = re.compile(r"^([+-])(\d{2}):?(\d{2})$")


def message(code: str, lang: str = "th", /, **params: Any) -> str:
    """The text of a photo code (or any store or contract code) in ``lang``."""
    return store_message(code, lang, **params)


@dataclass(frozen=True)
class PreparedPhoto:
    """A photo ready to store: the new JPEG's bytes and what its EXIF said."""

    data: bytes
    width: int
    height: int
    taken_at: str | None = None  # UTC, as the contract stores a datetime
    gps_lat: float | None = None
    gps_lon: float | None = None
    gps_accuracy_m: float | None = None


@dataclass(frozen=True)
class PhotoView:
    """An attachment with its bytes' state on this laptop: ``"pending"`` (not yet on
    the server), ``"present"`` (uploaded), or None (the bytes are not here)."""

    attachment: RecordView
    state: str | None

    @property
    def id(self) -> str:
        return self.attachment.id

    @property
    def sha256(self) -> str:
        return str(self.attachment.fields.get("sha256") or "")

    @property
    def kind(self) -> str:
        return str(self.attachment.fields.get("kind") or "")

    @property
    def caption(self) -> str:
        return str(self.attachment.fields.get("caption") or "")

    @property
    def taken_at(self) -> str | None:
        return self.attachment.fields.get("taken_at")

    @property
    def pending(self) -> bool:
        return self.state == "pending"

    @property
    def local(self) -> bool:
        return self.state is not None


# -- decoding -----------------------------------------------------------------------------
def _open(source: bytes | BinaryIO, name: str) -> Image.Image:
    try:
        return Image.open(source, formats=FORMATS)
    except Image.DecompressionBombError:
        raise _too_large(name) from None
    except UnidentifiedImageError:
        raise StoreError("photo.not_image", "file", name=name) from None
    except (OSError, ValueError, SyntaxError):
        raise StoreError("photo.unreadable", "file", name=name) from None


def _too_large(name: str) -> StoreError:
    limit = Image.MAX_IMAGE_PIXELS or 0
    return StoreError("photo.too_large", "file", name=name,
                      megapixels=round(2 * limit / 1_000_000))


def _orientation(image: Image.Image) -> int:
    try:
        value = image.getexif().get(_ORIENTATION, 1)
    except Exception:  # noqa: BLE001 - a broken EXIF block is no reason to refuse a photo
        return 1
    return value if isinstance(value, int) and value in _TRANSPOSE else 1


def _load(image: Image.Image, box: int, name: str) -> Image.Image:
    """Decode, shrunk by the JPEG decoder itself where it can (1/2, 1/4, 1/8) while
    staying at least ``box`` on the long side."""
    width, height = image.size
    long_side = max(width, height)
    if long_side > box:
        image.draft(None, (max(1, width * box // long_side), max(1, height * box // long_side)))
    try:
        image.load()
    except Image.DecompressionBombError:
        raise _too_large(name) from None
    except (OSError, ValueError, SyntaxError, MemoryError):
        raise StoreError("photo.unreadable", "file", name=name) from None
    return image


def _decoded(image: Image.Image, box: int, name: str) -> Image.Image:
    """The picture decoded, flattened to RGB or grey and fitted in ``box`` pixels."""
    loaded = _load(image, box, name)
    try:
        return _shrink(_flatten(loaded), box)
    except (OSError, ValueError):  # a mode Pillow cannot convert (LAB, HSV…)
        raise StoreError("photo.unreadable", "file", name=name) from None


def _flatten(image: Image.Image) -> Image.Image:
    """RGB or L, any transparency laid on white, colours converted to sRGB."""
    if image.mode.startswith("I;16") or image.mode == "I":  # 16-bit grey: keep the top byte
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    elif image.mode == "F":
        image = image.convert("L")
    if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or (
            image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGB", rgba.size, "white")
        white.paste(rgba, mask=rgba.getchannel("A"))
        image = white
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "CMYK"):
        image = _to_srgb(image, icc)
    if image.mode == "1":
        return image.convert("L")
    return image if image.mode in ("RGB", "L") else image.convert("RGB")


def _to_srgb(image: Image.Image, icc: bytes) -> Image.Image:
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        converted = ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"),
                                              outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        return image  # an unusable profile: keep the colours as they are
    return converted if converted is not None else image


def _shrink(image: Image.Image, box: int) -> Image.Image:
    width, height = image.size
    long_side = max(width, height)
    if long_side <= box:
        return image
    size = (max(1, round(width * box / long_side)), max(1, round(height * box / long_side)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _upright(image: Image.Image, orientation: int) -> Image.Image:
    method = _TRANSPOSE.get(orientation)
    return image.transpose(method) if method is not None else image


def _jpeg(image: Image.Image, quality: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True)  # no exif=, no icc_profile=
    return out.getvalue()


# -- what the EXIF says -------------------------------------------------------------------
def _ifd(image: Image.Image, which: ExifTags.IFD) -> dict[int, Any]:
    try:
        return dict(image.getexif().get_ifd(which))
    except Exception:  # noqa: BLE001 - a broken EXIF block only loses the facts it held
        return {}


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    return str(value).strip("\x00 ").strip() if value is not None else ""


def exif_taken_at(exif: dict[int, Any]) -> str | None:
    """DateTimeOriginal (with OffsetTimeOriginal, else Thailand's time) in UTC."""
    try:
        local = datetime.strptime(_text(exif.get(_DATE_TIME_ORIGINAL)), "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    fraction = _text(exif.get(_SUBSEC_TIME_ORIGINAL))
    if fraction.isdigit():
        local = local.replace(microsecond=int((fraction + "000000")[:6]))
    offset = _OFFSET.match(_text(exif.get(_OFFSET_TIME_ORIGINAL)))
    if offset:
        sign = -1 if offset.group(1) == "-" else 1
        zone: Any = timezone(sign * timedelta(hours=int(offset.group(2)),
                                              minutes=int(offset.group(3))))
    else:
        zone = PROGRAMME_ZONE
    try:
        utc = local.replace(tzinfo=zone).astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return utc.replace(tzinfo=None).isoformat(timespec="milliseconds") + "Z"


def _degrees(value: Any, ref: Any) -> float | None:
    try:
        d, m, s = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    degrees = d + m / 60 + s / 3600
    if not math.isfinite(degrees):
        return None
    return round(-degrees if _text(ref).upper() in ("S", "W") else degrees, 7)


def exif_gps(gps: dict[int, Any]) -> tuple[float, float, float | None] | None:
    """(latitude, longitude, accuracy in metres or None) in decimal degrees, when the
    position is whole and lies in Thailand (the contract refuses any other)."""
    lat = _degrees(gps.get(_GPS_LAT), gps.get(_GPS_LAT_REF))
    lon = _degrees(gps.get(_GPS_LON), gps.get(_GPS_LON_REF))
    if lat is None or lon is None or check_gps(lat, lon):
        return None
    try:
        accuracy: float | None = float(gps[_GPS_ERROR])
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        accuracy = None
    if accuracy is not None and not (math.isfinite(accuracy) and 0 <= accuracy <= 100_000):
        accuracy = None
    return lat, lon, accuracy


# -- importing ----------------------------------------------------------------------------
def prepare_photo(source: bytes | str | PathLike[str], *, name: str | None = None) -> PreparedPhoto:
    """Decode ``source`` (bytes or a file's path), turn it upright, shrink it and
    re-encode it as a metadata-free JPEG; the EXIF facts come back beside it."""
    if isinstance(source, bytes | bytearray | memoryview):
        name = name or "photo"
        return _prepare(io.BytesIO(bytes(source)), name)
    path = Path(source)
    name = name or path.name
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below, after decoding
    except OSError:
        raise StoreError("photo.unreadable", "file", name=name) from None
    with handle:
        return _prepare(handle, name)


def _prepare(handle: BinaryIO, name: str) -> PreparedPhoto:
    with _open(handle, name) as image:
        orientation = _orientation(image)
        taken_at = exif_taken_at(_ifd(image, ExifTags.IFD.Exif))
        gps = exif_gps(_ifd(image, ExifTags.IFD.GPSInfo))
        picture = _upright(_decoded(image, MAX_SIDE, name), orientation)
    lat, lon, accuracy = gps if gps else (None, None, None)
    return PreparedPhoto(_jpeg(picture, JPEG_QUALITY), picture.width, picture.height,
                         taken_at, lat, lon, accuracy)


def import_photo(workspace, path_or_bytes: bytes | str | PathLike[str], *, household_id: str,
                 owner_type: str, owner_id: str, kind: str, caption: str | None = None,
                 name: str | None = None) -> RecordView:
    """Prepare the photo (see :func:`prepare_photo`) and attach it: the bytes stored
    encrypted and pending upload, and an ``attachment`` record naming them.  The same
    picture imported again for the same owner and kind gives the record it already has."""
    photo = prepare_photo(path_or_bytes, name=name)
    fields: dict[str, Any] = {"household_id": household_id, "owner_type": owner_type,
                              "owner_id": owner_id, "kind": kind, "mime_type": PHOTO_MIME}
    same = _already_attached(workspace, fields, sha256_of(photo.data))
    if same is not None:
        return same
    if caption and caption.strip():
        fields["caption"] = caption.strip()
    if photo.taken_at:
        fields["taken_at"] = photo.taken_at
    if photo.gps_lat is not None and photo.gps_lon is not None:
        fields.update(gps_lat=photo.gps_lat, gps_lon=photo.gps_lon)
        if photo.gps_accuracy_m is not None:
            fields["gps_accuracy_m"] = photo.gps_accuracy_m
    return workspace.attach_file(photo.data, fields).record


def _already_attached(workspace, fields: dict[str, Any], sha256: str) -> RecordView | None:
    with workspace.database.reader.connect() as connection:
        rows = children(connection, "attachment", "household_id", [fields["household_id"]])
    return next((RecordView.of(r) for r in rows if r.fields.get("sha256") == sha256
                 and all(r.fields.get(k) == fields[k] for k in ("owner_type", "owner_id", "kind"))),
                None)


# -- listing, captions, deleting ----------------------------------------------------------
def _sort_key(photo: PhotoView) -> tuple[bool, str, str]:
    taken = photo.taken_at
    return taken is None, taken or "", photo.id


def list_photos(workspace, household_id: str, owner_type: str | None = None,
                owner_id: str | None = None, *,
                kinds: Iterable[str] | None = None) -> list[PhotoView]:
    """The household's live picture attachments (optionally one owner's, of some kinds),
    oldest first by when they were taken, then as they were added."""
    wanted = set(kinds) if kinds is not None else None
    with workspace.database.reader.connect() as connection:
        rows = [r for r in children(connection, "attachment", "household_id", [household_id])
                if (owner_type is None or r.fields.get("owner_type") == owner_type)
                and (owner_id is None or r.fields.get("owner_id") == owner_id)
                and (wanted is None or r.fields.get("kind") in wanted)
                and str(r.fields.get("mime_type") or "").startswith("image/")]
        hashes = sorted({str(r.fields.get("sha256")) for r in rows})
        states = dict(connection.execute(select(blobs.c.sha256, blobs.c.state).where(
            blobs.c.sha256.in_(hashes))).all()) if hashes else {}
    photos = [PhotoView(RecordView.of(r), states.get(str(r.fields.get("sha256"))))
              for r in rows]
    return sorted(photos, key=_sort_key)


def set_caption(workspace, attachment_id: str, caption: str | None) -> RecordView:
    """Change a photo's caption (blank removes it)."""
    workspace.get_record("attachment", attachment_id)  # record.not_found when gone
    text = (caption or "").strip() or None
    return workspace.save("attachment", {"caption": text}, record_id=attachment_id).record


def delete_photo(workspace, attachment_id: str) -> None:
    """Delete the attachment record (the op travels like any other).  The bytes stay
    under the profile's files: another attachment may name the same content."""
    photo = workspace.get_record("attachment", attachment_id)
    workspace.delete("attachment", attachment_id)
    _THUMBNAILS.forget(str(photo.fields.get("sha256") or ""))


# -- thumbnails ---------------------------------------------------------------------------
class _ThumbnailCache:
    """Thumbnail bytes by (sha256, size); the least recently used go first."""

    def __init__(self, max_items: int) -> None:
        self.max_items = max_items
        self.items: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: tuple[str, int]) -> bytes | None:
        with self.lock:
            if key in self.items:
                self.items.move_to_end(key)
            return self.items.get(key)

    def put(self, key: tuple[str, int], data: bytes) -> None:
        with self.lock:
            self.items[key] = data
            while len(self.items) > self.max_items:
                self.items.popitem(last=False)

    def forget(self, sha256: str | None = None) -> None:
        with self.lock:
            for key in [k for k in self.items if sha256 is None or k[0] == sha256]:
                del self.items[key]


_THUMBNAILS = _ThumbnailCache(THUMBNAIL_CACHE_ITEMS)


def thumbnail(workspace, sha256: str, size: int) -> bytes:
    """JPEG bytes of the stored picture ``sha256`` fitted in ``size`` × ``size`` pixels,
    upright; kept in memory (by content, so one cache serves every profile)."""
    key = (sha256, int(size))
    cached = _THUMBNAILS.get(key)
    if cached is not None:
        return cached
    data = workspace.read_file(sha256)  # file.missing / file.corrupt
    name = sha256[:12]
    with _open(io.BytesIO(data), name) as image:
        orientation = _orientation(image)
        picture = _upright(_decoded(image, size, name), orientation)
    made = _jpeg(picture, THUMBNAIL_QUALITY)
    _THUMBNAILS.put(key, made)
    return made


def clear_thumbnails() -> None:
    """Forget every thumbnail (when a profile closes)."""
    _THUMBNAILS.forget()
