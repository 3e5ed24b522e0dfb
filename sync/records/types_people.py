"""Households and the people in them: household, member, consent, survey."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from typing import Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sync.records import enums as E
from sync.records.errors import Issue
from sync.records.fields import Field, FieldGroup, Kind, Need, Policy, RecordType
from sync.records.thai import (
    check_gps,
    parse_house_code,
    parse_house_no,
    parse_national_id,
    parse_phone,
)
from sync.records.workflow import requires_complete

A, S, R = Policy.AUTO, Policy.SET, Policy.REVIEW
ALWAYS, SUBMIT = Need.ALWAYS, Need.ON_SUBMIT


def F(name: str, kind: Kind, th: str, en: str, **kw) -> Field:  # noqa: N802 - a declaration helper
    return Field(name, kind, th, en, **kw)


def G(name: str, policy: Policy, th: str, en: str, *fields: Field, **kw) -> FieldGroup:  # noqa: N802
    return FieldGroup(name, policy, tuple(fields), th, en, **kw)


def household_link() -> Field:
    return F("household_id", Kind.UUID, "ครัวเรือน", "Household", need=ALWAYS, immutable=True)


def gps_fields(*, personal: bool) -> tuple[Field, ...]:
    """Latitude, longitude and accuracy; the Thailand bounds are checked by ``gps_rule``."""
    return (
        F("gps_lat", Kind.NUMBER, "ละติจูด", "Latitude", minimum=-90, maximum=90,
          personal=personal),
        F("gps_lon", Kind.NUMBER, "ลองจิจูด", "Longitude", minimum=-180, maximum=180,
          personal=personal),
        F("gps_accuracy_m", Kind.NUMBER, "ความแม่นยำ (เมตร)", "Accuracy (m)",
          minimum=0, maximum=100000),
    )


def gps_rule(fields: Mapping[str, object], state: str | None) -> list[Issue]:
    return check_gps(fields.get("gps_lat"), fields.get("gps_lon"))


def _programme_zone() -> timezone | ZoneInfo:
    try:
        return ZoneInfo("Asia/Bangkok")
    except ZoneInfoNotFoundError:  # no time zone database (Windows without tzdata)
        return timezone(timedelta(hours=7), "ICT")  # Thailand keeps no summer time


PROGRAMME_ZONE = _programme_zone()
FUTURE_GRACE = timedelta(days=1)  # a device whose clock runs a little ahead


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def latest_past_date() -> date:
    """Today in Thailand, plus a day's grace: the latest date not "in the future"."""
    return utc_now().astimezone(PROGRAMME_ZONE).date() + FUTURE_GRACE


def past_date_rule(name: str, th: str, en: str):
    """A rule refusing a date (or a year alone) after today in Thailand."""
    def rule(fields: Mapping[str, object], state: str | None) -> list[Issue]:
        value = fields.get(name)
        if isinstance(value, str) and value > latest_past_date().isoformat()[: len(value)]:
            return [Issue("date.future", name, {"label_th": th, "label_en": en})]
        return []
    return rule


HOUSEHOLD = RecordType(
    "household", "ครัวเรือน", "Household",
    groups=(
        G("address", R, "ที่อยู่", "Address",
          F("house_no", Kind.TEXT, "บ้านเลขที่", "House number", need=SUBMIT,
            max_length=20, parse=parse_house_no, personal=True),
          F("moo", Kind.INT, "หมู่ที่", "Moo", need=SUBMIT, minimum=1, maximum=99),
          F("village_id", Kind.UUID, "หมู่บ้าน", "Village"),
          F("soi", Kind.TEXT, "ซอย", "Soi", max_length=100, personal=True),
          F("road", Kind.TEXT, "ถนน", "Road", max_length=100, personal=True),
          F("house_code", Kind.TEXT, "รหัสประจำบ้าน", "House code", max_length=11,
            parse=parse_house_code, personal=True),
          reopens_review=True),
        G("location", A, "พิกัด", "Location", *gps_fields(personal=True)),
        G("contact", A, "การติดต่อ", "Contact",
          F("phone", Kind.TEXT, "โทรศัพท์", "Phone", max_length=10, parse=parse_phone,
            personal=True)),
        G("tenure", R, "กรรมสิทธิ์", "Tenure",
          F("land_tenure", Kind.ENUM, "สิทธิในที่ดิน", "Land tenure", enum=E.LAND_TENURE,
            need=SUBMIT),
          F("house_ownership", Kind.ENUM, "การครอบครองบ้าน", "House ownership",
            enum=E.HOUSE_OWNERSHIP),
          reopens_review=True),
        G("structure", R, "สภาพบ้าน", "Structure",
          F("structure_type", Kind.ENUM, "ลักษณะบ้าน", "Structure type", enum=E.STRUCTURE,
            need=SUBMIT),
          reopens_review=True),
        G("head", R, "หัวหน้าครัวเรือน", "Head of household",
          F("head_member_id", Kind.UUID, "หัวหน้าครัวเรือน", "Head member")),
        G("notes", A, "บันทึก", "Notes",
          F("notes", Kind.TEXT, "บันทึกเพิ่มเติม", "Notes", max_length=4000, personal=True)),
    ),
    household_field="id",
    rules=(gps_rule,),
)


def member_id_rule(fields: Mapping[str, object], state: str | None) -> list[Issue]:
    if not requires_complete(state):
        return []
    if fields.get("national_id") or fields.get("national_id_missing_reason"):
        return []
    return [Issue("national_id.missing_reason", "national_id")]


MEMBER = RecordType(
    "member", "สมาชิกครัวเรือน", "Household member",
    groups=(
        G("link", R, "ครัวเรือน", "Household", household_link()),
        G("identity", R, "ข้อมูลบุคคล", "Identity",
          F("national_id", Kind.TEXT, "เลขประจำตัวประชาชน", "National ID", max_length=13,
            parse=parse_national_id, personal=True),
          F("national_id_missing_reason", Kind.ENUM, "เหตุที่ไม่มีเลขประจำตัว",
            "Why the ID is missing", enum=E.ID_MISSING_REASON),
          F("title", Kind.ENUM, "คำนำหน้า", "Title", enum=E.TITLE, personal=True),
          F("given_name", Kind.TEXT, "ชื่อ", "Given name", need=SUBMIT, max_length=100,
            personal=True),
          F("family_name", Kind.TEXT, "นามสกุล", "Family name", need=SUBMIT,
            max_length=100, personal=True),
          F("sex", Kind.ENUM, "เพศ", "Sex", enum=E.SEX, need=SUBMIT, personal=True),
          F("birth_date", Kind.PARTIAL_DATE, "วันเกิด", "Birth date", need=SUBMIT,
            personal=True),
          reopens_review=True),
        G("relation", A, "ความสัมพันธ์", "Relation",
          F("relation_to_head", Kind.ENUM, "ความสัมพันธ์กับหัวหน้าครัวเรือน",
            "Relation to head", enum=E.RELATION, need=SUBMIT)),
        G("livelihood", A, "อาชีพและรายได้", "Livelihood",
          F("occupation", Kind.TEXT, "อาชีพ", "Occupation", max_length=100, personal=True),
          F("monthly_income", Kind.MONEY, "รายได้ต่อเดือน (สตางค์)", "Monthly income (satang)",
            maximum=100_000_000, personal=True),
          F("education", Kind.ENUM, "การศึกษา", "Education", enum=E.EDUCATION, personal=True),
          reopens_review=True),
        G("vulnerability", S, "ความเปราะบาง", "Vulnerability",
          F("vulnerability", Kind.ENUM_SET, "กลุ่มเปราะบาง", "Vulnerability",
            enum=E.VULNERABILITY, personal=True, sensitive=True),
          reopens_review=True),
        G("disability", S, "ความพิการ", "Disability",
          F("disability_types", Kind.ENUM_SET, "ประเภทความพิการ", "Disability types",
            enum=E.DISABILITY, personal=True, sensitive=True),
          reopens_review=True),
        G("care", A, "การพึ่งพิง", "Care needs",
          F("disability_card", Kind.BOOL, "มีบัตรคนพิการ", "Has a disability card",
            personal=True, sensitive=True),
          F("dependency", Kind.ENUM, "ภาวะพึ่งพิง", "Dependency level", enum=E.DEPENDENCY,
            personal=True, sensitive=True),
          reopens_review=True),
        G("welfare", S, "สวัสดิการ", "Welfare",
          F("welfare", Kind.ENUM_SET, "สวัสดิการที่ได้รับ", "Welfare received",
            enum=E.WELFARE, personal=True)),
    ),
    parent="household", parent_field="household_id", household_field="household_id",
    rules=(member_id_rule, past_date_rule("birth_date", "วันเกิด", "Birth date")),
)


def consent_rule(fields: Mapping[str, object], state: str | None) -> list[Issue]:
    issues: list[Issue] = []
    given, withdrawn = fields.get("consent_date"), fields.get("withdrawn_date")
    if isinstance(given, str) and isinstance(withdrawn, str) and withdrawn < given:
        issues.append(Issue("consent.withdrawn_before_given", "withdrawn_date"))
    role = fields.get("consenter_role")
    if role in ("guardian", "caregiver") and not fields.get("consenter_name"):
        issues.append(Issue("consent.guardian_required", "consenter_name"))
    return issues


CONSENT = RecordType(
    "consent", "ความยินยอม (PDPA)", "Consent (PDPA)",
    groups=(
        G("subject", R, "เจ้าของข้อมูล", "Data subject", household_link(),
          F("member_id", Kind.UUID, "สมาชิก", "Member", need=ALWAYS, immutable=True)),
        G("grant", R, "การให้ความยินยอม", "Consent given",
          F("consenter_role", Kind.ENUM, "ผู้ให้ความยินยอม", "Consent given by",
            enum=E.CONSENTER_ROLE, need=SUBMIT),
          F("consenter_name", Kind.TEXT, "ชื่อผู้ให้ความยินยอม", "Name of the consenting person",
            max_length=200, personal=True),
          F("purposes", Kind.ENUM_SET, "วัตถุประสงค์", "Purposes", enum=E.CONSENT_PURPOSE,
            need=SUBMIT),
          F("sensitive_consent", Kind.BOOL, "ยินยอมข้อมูลอ่อนไหว (สุขภาพ/ความพิการ)",
            "Explicit consent for sensitive data (health, disability)"),
          F("method", Kind.ENUM, "วิธีให้ความยินยอม", "Method", enum=E.CONSENT_METHOD,
            need=SUBMIT),
          F("witness_name", Kind.TEXT, "พยาน", "Witness", max_length=200, personal=True),
          F("consent_date", Kind.DATE, "วันที่ให้ความยินยอม", "Consent date", need=SUBMIT),
          F("evidence_attachment_id", Kind.UUID, "หลักฐาน (ภาพลายมือชื่อ/ลายนิ้วมือ)",
            "Evidence (signature/thumbprint photo)"),
          F("notes", Kind.TEXT, "บันทึก", "Notes", max_length=2000, personal=True)),
        G("withdrawal", R, "การถอนความยินยอม", "Withdrawal",
          F("withdrawn_date", Kind.DATE, "วันที่ถอนความยินยอม", "Withdrawal date")),
    ),
    parent="household", parent_field="household_id", household_field="household_id",
    rules=(consent_rule,),
)

SURVEY = RecordType(
    "survey", "แบบสำรวจ", "Survey",
    groups=(
        G("link", R, "ครัวเรือน", "Household", household_link()),
        G("visit", A, "การเยี่ยมสำรวจ", "Visit",
          F("survey_date", Kind.DATE, "วันที่สำรวจ", "Survey date", need=SUBMIT),
          F("surveyor_name", Kind.TEXT, "ผู้สำรวจ", "Surveyor", max_length=200,
            need=SUBMIT)),
        G("condition", R, "สภาพส่วนต่างๆ ของบ้าน", "Condition of house parts",
          F("part_conditions", Kind.MAP, "สภาพ", "Condition", enum=E.REPAIR_CATEGORY,
            item=Kind.ENUM, item_enum=E.CONDITION, need=SUBMIT),
          reopens_review=True),
        G("risks", S, "ความเสี่ยง", "Risks",
          F("risks", Kind.ENUM_SET, "ความเสี่ยง", "Risks", enum=E.RISK),
          reopens_review=True),
        G("eligibility", R, "เกณฑ์คุณสมบัติ", "Eligibility",
          F("eligibility_answers", Kind.MAP, "คำตอบเกณฑ์คุณสมบัติ", "Eligibility answers",
            item=Kind.BOOL),
          reopens_review=True),
        G("score", A, "คะแนนลำดับความสำคัญ", "Priority score",
          F("priority_score", Kind.INT, "คะแนน", "Score", minimum=0, maximum=100000),
          F("settings_id", Kind.UUID, "ชุดการตั้งค่าที่ใช้", "Settings used"),
          F("settings_version", Kind.INT, "รุ่นการตั้งค่า", "Settings version", minimum=0)),
        G("notes", A, "บันทึก", "Notes",
          F("notes", Kind.TEXT, "บันทึกเพิ่มเติม", "Notes", max_length=4000, personal=True)),
    ),
    parent="household", parent_field="household_id", household_field="household_id",
    rules=(past_date_rule("survey_date", "วันที่สำรวจ", "Survey date"),),
)
