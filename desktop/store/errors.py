"""Errors of the local replica: codes naming a field, texts in Thai and English.

Validation codes come from the contract's catalogue (``sync.records.errors``); the
codes below are the replica's own (profiles, keys, files, records not found).
:func:`message` looks in both, so the UI needs one call for any code.
"""

from __future__ import annotations

from typing import Any

from sync.records.errors import Issue
from sync.records.errors import message as contract_message

STORE_CATALOGUE: dict[str, tuple[str, str]] = {
    "profile.wrong_secret": (
        "รหัสผ่านหรือรหัสกู้คืนไม่ถูกต้อง", "Wrong password or recovery key"),
    "profile.exists": ("มีโปรไฟล์ชื่อ “{name}” อยู่แล้ว", "A profile named “{name}” already exists"),
    "profile.not_found": ("ไม่พบโปรไฟล์ “{name}”", "No profile named “{name}”"),
    "profile.bad_name": (
        "ชื่อโปรไฟล์ใช้ได้เฉพาะ a–z, 0–9, จุด ขีด และขีดล่าง (ไม่เกิน 40 ตัว)",
        "A profile name may use a–z, 0–9, dot, dash and underscore (at most 40)"),
    "profile.weak_password": (
        "รหัสผ่านต้องยาวอย่างน้อย {min} ตัวอักษร", "The password needs at least {min} characters"),
    "profile.password_required": ("กรุณาใส่รหัสผ่าน", "A password is required"),
    "profile.damaged": (
        "ไฟล์โปรไฟล์เสียหาย: {detail}", "The profile's files are damaged: {detail}"),
    "sync.not_logged_in": (
        "ยังไม่ได้เข้าสู่ระบบเครื่องแม่ข่าย", "Not logged in to a server yet"),
    "sync.busy": (
        "กำลังซิงค์โปรไฟล์นี้อยู่แล้ว (ในหน้าต่างอื่นหรือคำสั่งอื่น) กรุณารอให้เสร็จก่อน",
        "This profile is already syncing (in another window or command); wait for it"),
    "profile.demo_no_sync": (
        "โปรไฟล์สาธิตซิงค์ข้อมูลไม่ได้", "A demo profile never syncs"),
    "file.corrupt": ("ไฟล์แนบเสียหายหรือถูกแก้ไข", "The attached file is damaged or altered"),
    "file.missing": ("ไม่พบไฟล์แนบ", "The attached file is missing"),
    "record.not_found": ("ไม่พบข้อมูลที่ต้องการ", "The record was not found"),
    "record.deleted": ("ข้อมูลนี้ถูกลบแล้ว", "The record has been deleted"),
    "clock.behind_days": (
        "นาฬิกาของเครื่องนี้ช้ากว่าเวลาของเครื่องแม่ข่ายที่เห็นล่าสุดประมาณ {days} วัน "
        "(แบตเตอรี่นาฬิกาอาจหมด) กรุณาตั้งวันและเวลาให้ถูกต้องก่อนบันทึกข้อมูล",
        "This laptop's clock is about {days} days behind the server time it last saw "
        "(a flat clock battery?); please set the date and time before recording"),
    "clock.behind_minutes": (
        "นาฬิกาของเครื่องนี้ช้ากว่าเวลาของเครื่องแม่ข่ายที่เห็นล่าสุดประมาณ {minutes} นาที "
        "กรุณาตั้งเวลาให้ถูกต้อง",
        "This laptop's clock is about {minutes} minutes behind the server time it last "
        "saw; please set the time"),
    "consent.sensitive_required": (
        "ข้อมูลอ่อนไหว (สุขภาพ/ความพิการ) บันทึกได้เมื่อเจ้าของข้อมูลให้ความยินยอมอย่างชัดแจ้งแล้วเท่านั้น",
        "Sensitive data (health, disability) can be saved only after explicit consent"),
    "photo.not_image": (
        "“{name}” ไม่ใช่ไฟล์ภาพที่โปรแกรมอ่านได้ (JPEG, PNG, WebP, TIFF, BMP, GIF)",
        "“{name}” is not a picture Porpiang can read (JPEG, PNG, WebP, TIFF, BMP, GIF)"),
    "photo.unreadable": (
        "อ่านไฟล์ภาพ “{name}” ไม่ได้ ไฟล์อาจเสียหายหรือเปิดไม่ได้",
        "Could not read the picture “{name}”: the file is damaged or cannot be opened"),
    "photo.too_large": (
        "ภาพ “{name}” ใหญ่เกินไป (เกิน {megapixels} ล้านพิกเซล)",
        "The picture “{name}” is too large (over {megapixels} megapixels)"),
    "record.area": (
        "ข้อมูลนี้อยู่นอกพื้นที่ของโปรไฟล์", "The record lies outside the profile's areas"),
}


class StoreError(Exception):
    """A refusal of the replica, carrying a coded :class:`Issue`."""

    def __init__(self, code: str, field: str | None = None, /, **params: Any) -> None:
        self.issue = Issue(code, field, params)
        super().__init__(code + (f" [{field}]" if field else ""))

    @classmethod
    def from_issue(cls, issue: Issue) -> "StoreError":
        error = cls(issue.code, issue.field)
        error.issue = issue
        return error


def message(code: str, lang: str = "th", /, **params: Any) -> str:
    """The text of a store or contract code in ``lang``."""
    if code in STORE_CATALOGUE:
        th, en = STORE_CATALOGUE[code]
        try:
            return (th if lang == "th" else en).format(**params)
        except (KeyError, IndexError):
            return th if lang == "th" else en
    return contract_message(code, lang, **params)

