"""Error codes and their Thai and English texts: one catalogue for every replica.

Validation never raises prose.  It returns :class:`Issue` values that carry a code,
the field they concern and parameters; the UI and the server turn the code into
text in the user's language with :func:`message`.  The catalogue is served with
``GET /schema`` so a third-party client can show the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from enum import StrEnum
from typing import Any, Mapping


class Severity(StrEnum):
    ERROR = "error"  # refuses the save (or the submission)
    WARNING = "warning"  # saved, but flagged for review


@dataclass(frozen=True)
class Issue:
    """One finding about one field (``field`` may be ``None`` for the whole record)."""

    code: str
    field: str | None = None
    params: Mapping[str, Any] = dataclass_field(default_factory=dict)
    severity: Severity = Severity.ERROR

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "field": self.field,
            "params": dict(self.params),
            "severity": str(self.severity),
        }

    def message(self, lang: str = "th") -> str:
        return message(self.code, lang, **self.params)


class ContractError(ValueError):
    """Raised where a caller cannot go on (bad envelope, bad signature, …)."""

    def __init__(self, code: str, field: str | None = None, **params: Any) -> None:
        self.issue = Issue(code, field, params)
        super().__init__(f"{code}" + (f" [{field}]" if field else ""))


# code -> (Thai, English).  Parameters use str.format names.
CATALOGUE: dict[str, tuple[str, str]] = {
    # generic field checks
    "field.required": ("กรุณากรอก {label}", "{label} is required"),
    "field.unknown": ("ไม่รู้จักช่อง {field}", "Unknown field {field}"),
    "field.type": ("{label}: รูปแบบข้อมูลไม่ถูกต้อง", "{label}: wrong kind of value"),
    "field.too_long": (
        "{label}: ยาวเกิน {max} ตัวอักษร",
        "{label}: longer than {max} characters",
    ),
    "field.out_of_range": (
        "{label}: ต้องอยู่ระหว่าง {min} ถึง {max}",
        "{label}: must be between {min} and {max}",
    ),
    "field.not_in_enum": ("{label}: ไม่มีตัวเลือก “{value}”", "{label}: “{value}” is not a choice"),
    "field.immutable": (
        "{label}: แก้ไขไม่ได้หลังบันทึกครั้งแรก",
        "{label} cannot change after the record is created",
    ),
    "field.command_only": (
        "{label}: เปลี่ยนได้ด้วยคำสั่งขั้นตอนงานเท่านั้น",
        "{label} changes only through a workflow command",
    ),
    "field.server_only": (
        "{label}: เครื่องแม่ข่ายเป็นผู้บันทึกเท่านั้น",
        "{label} is written by the server only",
    ),
    "field.bad_uuid": ("{label}: รหัสอ้างอิงไม่ถูกต้อง", "{label}: not a valid reference id"),
    "field.bad_decimal": ("{label}: ต้องเป็นตัวเลข", "{label}: must be a number"),
    "field.negative": ("{label}: ต้องไม่ติดลบ", "{label} must not be negative"),
    # Thai national ID
    "national_id.length": (
        "เลขประจำตัวประชาชนต้องมี 13 หลัก",
        "The national ID must have 13 digits",
    ),
    "national_id.not_digits": (
        "เลขประจำตัวประชาชนต้องเป็นตัวเลขเท่านั้น",
        "The national ID may contain digits only",
    ),
    "national_id.checksum": (
        "เลขประจำตัวประชาชนไม่ถูกต้อง (หลักตรวจสอบไม่ตรง)",
        "The national ID is not valid (check digit does not match)",
    ),
    "national_id.review_prefix": (
        "เลขประจำตัวขึ้นต้นด้วย {prefix}: บุคคลที่ไม่มีสัญชาติไทยหรือรอพิสูจน์สถานะ โปรดตรวจสอบ",
        "National ID starting with {prefix}: a person without Thai nationality "
        "or awaiting status; please review",
    ),
    "national_id.missing_reason": (
        "กรุณากรอกเลขประจำตัวประชาชน หรือระบุเหตุผลที่ไม่มี",
        "Enter the national ID or the reason it is missing",
    ),
    # dates
    "date.invalid": ("{label}: วันที่ไม่ถูกต้อง", "{label}: not a valid date"),
    "date.future": ("{label}: เป็นวันในอนาคต", "{label} is in the future"),
    "date.too_old": ("{label}: เก่าเกินไป", "{label} is too far in the past"),
    "date.order": (
        "{label}: ต้องไม่ก่อน {other}",
        "{label} must not be before {other}",
    ),
    # contact and address
    "phone.invalid": (
        "หมายเลขโทรศัพท์ไม่ถูกต้อง (9–10 หลัก ขึ้นต้นด้วย 0)",
        "Not a valid phone number (9–10 digits starting with 0)",
    ),
    "moo.invalid": ("หมู่ที่ต้องเป็นตัวเลข 1–99", "Moo must be a number from 1 to 99"),
    "house_no.invalid": (
        "บ้านเลขที่ไม่ถูกต้อง (เช่น 12 หรือ 12/3)",
        "Not a valid house number (e.g. 12 or 12/3)",
    ),
    "house_code.invalid": ("รหัสประจำบ้านต้องมี 11 หลัก", "The house code must have 11 digits"),
    "gps.latitude": (
        "ละติจูดต้องอยู่ในประเทศไทย (5.5–20.5)",
        "Latitude must lie in Thailand (5.5–20.5)",
    ),
    "gps.longitude": (
        "ลองจิจูดต้องอยู่ในประเทศไทย (97.3–105.7)",
        "Longitude must lie in Thailand (97.3–105.7)",
    ),
    "gps.pair": ("กรุณากรอกทั้งละติจูดและลองจิจูด", "Enter both latitude and longitude"),
    "tambon.invalid": ("รหัสตำบลต้องมี 6 หลัก", "The tambon code must have 6 digits"),
    # money and repair items
    "cost.mismatch": (
        "ค่าวัสดุ ({cost}) ไม่เท่ากับจำนวน × ราคาต่อหน่วย ({expected})",
        "Material cost ({cost}) differs from quantity × unit price ({expected})",
    ),
    "budget.over_cap": (
        "วงเงิน {amount} บาท เกินวงเงินอุดหนุนสูงสุด {cap} บาท",
        "The amount {amount} baht exceeds the subsidy cap of {cap} baht",
    ),
    "fiscal_year.invalid": (
        "ปีงบประมาณต้องเป็นปี พ.ศ. (เช่น 2569)",
        "The fiscal year must be a Buddhist-Era year (e.g. 2569)",
    ),
    "consent.guardian_required": (
        "ผู้เยาว์หรือผู้ที่ตัดสินใจเองไม่ได้ ต้องมีผู้ปกครองลงนาม",
        "A minor or a person who cannot decide needs a guardian's consent",
    ),
    "consent.withdrawn_before_given": (
        "วันที่ถอนความยินยอมต้องไม่ก่อนวันที่ให้ความยินยอม",
        "The withdrawal date must not be before the consent date",
    ),
    # records and workflow
    "record.unknown_type": ("ไม่รู้จักประเภทข้อมูล {type}", "Unknown record type {type}"),
    "record.bad_id": ("รหัสข้อมูลไม่ถูกต้อง", "Not a valid record id"),
    "record.not_found": ("ไม่พบข้อมูล", "No such record"),
    "record.natural_key": (
        "รหัสข้อมูลไม่ตรงกับคีย์ธรรมชาติ",
        "The record id does not match its natural key",
    ),
    "workflow.unknown_command": ("ไม่รู้จักคำสั่ง {command}", "Unknown command {command}"),
    "workflow.bad_transition": (
        "สถานะ “{state}” ใช้คำสั่ง “{command}” ไม่ได้",
        "Command “{command}” is not possible from state “{state}”",
    ),
    "workflow.role_forbidden": (
        "บทบาท “{role}” ใช้คำสั่ง “{command}” ไม่ได้",
        "Role “{role}” may not give command “{command}”",
    ),
    "workflow.comment_required": (
        "คำสั่ง “{command}” ต้องมีความเห็นประกอบ",
        "Command “{command}” needs a comment",
    ),
    "move.same_tambon": (
        "ครัวเรือนนี้อยู่ในตำบล {tambon} อยู่แล้ว",
        "The household is already in tambon {tambon}",
    ),
    # ops and signatures
    "op.malformed": ("ข้อมูลการเปลี่ยนแปลงไม่ถูกต้อง: {detail}", "Malformed op: {detail}"),
    "op.not_canonical": (
        "ข้อมูลการเปลี่ยนแปลงไม่อยู่ในรูปแบบมาตรฐาน",
        "The op is not in canonical JSON form",
    ),
    "op.bad_signature": ("ลายมือชื่อดิจิทัลไม่ถูกต้อง", "The op's signature is not valid"),
    # ---- The central server (sync/server): requests, sign-in, accounts, devices, scopes.
    # Answered as {"error": {"code", "message", "field"}} with a 4xx status (5xx for
    # server.*); docs/server.md lists which route answers which.
    "request.malformed_json": (
        "ข้อมูลที่ส่งมาไม่ใช่ JSON ที่ถูกต้อง",
        "The request body is not valid JSON",
    ),
    "request.not_json": (
        "ต้องส่งข้อมูลเป็น JSON (Content-Type: application/json)",
        "Send the body as JSON (Content-Type: application/json)",
    ),
    "request.missing_field": ("ไม่ได้ส่งช่อง {field}", "The field {field} is missing"),
    "request.unknown_field": ("ไม่รู้จักช่อง {field}", "Unknown field {field}"),
    "request.invalid_value": ("{field}: ค่าไม่ถูกต้อง", "{field}: not a valid value"),
    "request.too_short": (
        "{field}: ต้องมีอย่างน้อย {min} ตัวอักษร",
        "{field}: at least {min} characters",
    ),
    "request.too_long": ("{field}: ยาวเกิน {max}", "{field}: longer than {max}"),
    "request.too_large": (
        "ข้อมูลที่ส่งมามีขนาดเกิน {max} ไบต์",
        "The request body is larger than {max} bytes",
    ),
    "request.not_found": ("ไม่พบที่อยู่ที่ขอ", "No such address on this server"),
    "request.method_not_allowed": (
        "ที่อยู่นี้ไม่รองรับคำขอแบบ {method}",
        "This address does not take {method} requests",
    ),
    "auth.required": ("กรุณาเข้าสู่ระบบก่อน", "Sign in first: this request needs a token"),
    "auth.invalid_token": (
        "การเข้าสู่ระบบหมดอายุหรือไม่ถูกต้อง กรุณาเข้าสู่ระบบใหม่",
        "The token is not valid; sign in again",
    ),
    "auth.device_revoked": (
        "เครื่องนี้ถูกยกเลิกสิทธิ์แล้ว กรุณาติดต่อผู้ดูแลระบบ",
        "This device has been revoked; contact an administrator",
    ),
    "auth.user_inactive": ("บัญชีผู้ใช้นี้ถูกระงับ", "This account is deactivated"),
    "auth.bad_credentials": (
        "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง",
        "Wrong username or password",
    ),
    "auth.locked": (
        "เข้าสู่ระบบผิดหลายครั้ง กรุณาลองใหม่ในอีก {minutes} นาที",
        "Too many failed sign-ins; try again in {minutes} minutes",
    ),
    "auth.forbidden": (
        "บทบาท “{role}” ทำรายการนี้ไม่ได้",
        "Role “{role}” may not do this",
    ),
    "scope.out_of_area": (
        "พื้นที่ {area} อยู่นอกพื้นที่ที่คุณรับผิดชอบ",
        "Area {area} is outside your areas",
    ),
    "scope.role": ("คุณกำหนดบทบาท “{role}” ไม่ได้", "You may not give the role “{role}”"),
    "scope.parent_mismatch": (
        "ข้อมูลนี้ต้องอยู่ในตำบลเดียวกับข้อมูลหลัก ({tambon})",
        "This record must be in the same tambon as its parent ({tambon})",
    ),
    "scope.tambon_changed": (
        "เปลี่ยนตำบลของข้อมูลได้ด้วยคำสั่งย้ายเท่านั้น",
        "A record's tambon changes only through a move",
    ),
    "scope.moved": (
        "ข้อมูลนี้ถูกย้ายไปตำบล {tambon} แล้ว",
        "This record was moved to tambon {tambon}",
    ),
    "area.unknown": ("ไม่มีรหัสพื้นที่ {code}", "There is no area with code {code}"),
    "user.not_found": ("ไม่พบผู้ใช้", "No such user"),
    "user.exists": ("มีผู้ใช้ชื่อ {username} แล้ว", "A user named {username} already exists"),
    "user.bad_username": (
        "ชื่อผู้ใช้ต้องมี 3–64 ตัว: a–z, 0–9, จุด, ขีด หรือขีดล่าง",
        "A username has 3–64 characters: a–z, 0–9, dot, hyphen or underscore",
    ),
    "user.password_length": (
        "รหัสผ่านต้องยาว {min}–{max} ตัวอักษร",
        "A password has {min}–{max} characters",
    ),
    "user.areas_required": (
        "กรุณาระบุพื้นที่รับผิดชอบอย่างน้อยหนึ่งแห่ง",
        "Give at least one area",
    ),
    "user.last_admin": (
        "ต้องมีผู้ดูแลระบบที่ใช้งานอยู่อย่างน้อยหนึ่งคน",
        "At least one active administrator must remain",
    ),
    "device.not_found": ("ไม่พบเครื่อง", "No such device"),
    "device.taken": (
        "รหัสเครื่องนี้ลงทะเบียนกับผู้ใช้อื่นแล้ว",
        "This device id is registered to another user",
    ),
    "device.key_mismatch": (
        "กุญแจของเครื่องไม่ตรงกับที่ลงทะเบียนไว้",
        "The device's keys differ from the registered ones",
    ),
    "device.bad_key": ("{field}: กุญแจสาธารณะไม่ถูกต้อง", "{field}: not a valid public key"),
    "server.busy": ("เครื่องแม่ข่ายไม่ว่าง กรุณาลองใหม่อีกครั้ง", "The server is busy; try again"),
    "server.error": (
        "เครื่องแม่ข่ายขัดข้อง กรุณาแจ้งผู้ดูแลระบบ",
        "The server failed; tell an administrator",
    ),
    # --- sync (protocol v1: hello, push, pull) ---
    "op.id_reused": (
        "รหัสการเปลี่ยนแปลงนี้เคยใช้กับข้อมูลอื่นแล้ว",
        "This op id was already used for a different op",
    ),
    "scope.author_mismatch": (
        "ผู้บันทึกไม่ใช่เจ้าของเครื่องที่ลงนาม",
        "The author is not the user of the signing device",
    ),
    "scope.device_mismatch": (
        "รหัสเครื่องไม่ตรงกับเครื่องที่เข้าสู่ระบบ",
        "The device id is not the signed-in device",
    ),
    "conflict.not_found": (
        "ไม่พบข้อมูลขัดแย้งที่ต้องการตัดสิน",
        "The conflict to resolve was not found for this record",
    ),
    # attachment bytes (PATCH /blobs/{sha256})
    "blob.too_large": (
        "ไฟล์ใหญ่เกิน {max} ไบต์ เครื่องแม่ข่ายไม่รับไฟล์นี้",
        "The file is larger than {max} bytes: the server does not take it",
    ),
    "blob.offset_mismatch": (
        "การส่งไฟล์ต้องต่อจากไบต์ที่ {offset}",
        "The upload must continue at byte {offset}",
    ),
    "blob.hash_mismatch": (
        "ไฟล์ที่ได้รับไม่ตรงกับรหัส SHA-256 ของไฟล์ กรุณาส่งใหม่",
        "The bytes received do not match the file's SHA-256: send it again",
    ),
    "sync.update_required": (
        "กรุณาปรับรุ่นโปรแกรมพอเพียงก่อนซิงค์ (ข้อมูลในเครื่องยังอยู่ครบ)",
        "Please update Porpiang before syncing (everything on this laptop is kept)",
    ),
    "sync.new_device_id_required": (
        "พบโปรไฟล์นี้บนเครื่องมากกว่าหนึ่งเครื่อง จึงตั้งรหัสเครื่องใหม่ให้แล้ว "
        "กรุณาเข้าสู่ระบบอีกครั้งเพื่อลงทะเบียนก่อนซิงค์ (ข้อมูลที่บันทึกไว้ยังอยู่ครบ)",
        "This profile was found on more than one machine, so it took a new device "
        "identity; log in again to register it before syncing (nothing you saved is lost)",
    ),
    "sync.cancelled": ("ยกเลิกการซิงค์แล้ว", "Sync cancelled"),
    "sync.bad_ack": (
        "ตรวจลายเซ็นคำตอบของเครื่องแม่ข่ายไม่ผ่าน จึงไม่ได้ใช้คำตอบนี้ "
        "(รายการที่แก้ไขยังรอส่งอยู่) หากเปลี่ยนเครื่องแม่ข่าย กรุณาเข้าสู่ระบบใหม่",
        "The server's signature on its answer did not verify, so the answer was not used "
        "(your changes are still waiting to be sent); if the server was replaced, log in again",
    ),
    "sync.epoch_changed": (
        "เครื่องแม่ข่ายถูกกู้คืนระหว่างซิงค์ กรุณาซิงค์อีกครั้ง",
        "The server was restored during the sync; please sync again",
    ),
    "network.unreachable": (
        "ติดต่อเครื่องแม่ข่ายไม่ได้ (ไม่มีเครือข่าย?)",
        "The server cannot be reached (no network?)",
    ),
    "network.failed": ("การเชื่อมต่อล้มเหลว", "The connection failed"),
    "network.bad_answer": (
        "เครื่องแม่ข่ายตอบกลับไม่ถูกต้อง", "The server's answer was not understood",
    ),
}


def message(code: str, lang: str = "th", /, **params: Any) -> str:
    """The text of ``code`` in ``lang`` ("th" or "en"), parameters filled in."""
    texts = CATALOGUE.get(code)
    if texts is None:
        return code
    text = texts[0] if lang == "th" else texts[1]
    params.setdefault("label", params.get(f"label_{lang}", params.get("field", "")))
    try:
        return text.format(**params)
    except (KeyError, IndexError):
        return text


def catalogue_json() -> dict[str, dict[str, str]]:
    return {code: {"th": th, "en": en} for code, (th, en) in CATALOGUE.items()}
