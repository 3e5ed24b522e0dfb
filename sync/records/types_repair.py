"""The repair case: repair project, repair item, attachment, review event."""

from __future__ import annotations

import re
from typing import Mapping

from sync.records import enums as E
from sync.records.errors import Issue, Severity
from sync.records.fields import Field, Kind, Policy, RecordType
from sync.records.money import format_baht, line_cost
from sync.records.thai import check_fiscal_year
from sync.records.types_people import ALWAYS, SUBMIT, F, G, gps_fields, gps_rule, household_link
from sync.records.workflow import CASE_STATE

A, S, R = Policy.AUTO, Policy.SET, Policy.REVIEW
PROGRAMME_DEFAULT = "baan_por_piang"
# A programme is hashed into natural ids: one spelling only, a lower-case ASCII slug.
PROGRAMME_PATTERN = r"[a-z0-9_]{1,40}"


def fiscal_year_field() -> Field:
    return F("fiscal_year", Kind.INT, "ปีงบประมาณ (พ.ศ.)", "Fiscal year (BE)", need=ALWAYS,
             minimum=2540, maximum=2700, immutable=True)


def programme_field() -> Field:
    return F("programme", Kind.TEXT, "โครงการ", "Programme", need=ALWAYS, max_length=40,
             pattern=PROGRAMME_PATTERN, immutable=True)


def fiscal_year_rule(fields: Mapping[str, object], state: str | None) -> list[Issue]:
    year = fields.get("fiscal_year")
    return check_fiscal_year(year) if year is not None else []


def over_cap_rule(fields: Mapping[str, object], state: str | None) -> list[Issue]:
    cap, amount = fields.get("subsidy_cap"), fields.get("approved_amount")
    if isinstance(cap, int) and isinstance(amount, int) and amount > cap:
        return [Issue("budget.over_cap", "approved_amount",
                      {"amount": format_baht(amount), "cap": format_baht(cap)},
                      Severity.WARNING)]
    return []


CO_FUNDING_COLUMNS = (
    F("source", Kind.ENUM, "แหล่งเงิน", "Source", enum=E.FUNDING_SOURCE),
    F("amount", Kind.MONEY, "จำนวนเงิน (สตางค์)", "Amount (satang)"),
    F("note", Kind.TEXT, "หมายเหตุ", "Note", max_length=500),
)

REPAIR_PROJECT = RecordType(
    "repair_project", "โครงการซ่อมบ้าน", "Repair project",
    groups=(
        G("case", R, "กรณี", "Case", household_link(), programme_field(), fiscal_year_field()),
        G("budget", R, "งบประมาณ", "Budget",
          F("subsidy_cap", Kind.MONEY, "วงเงินอุดหนุนสูงสุด (สตางค์)", "Subsidy cap (satang)"),
          F("approved_amount", Kind.MONEY, "วงเงินที่อนุมัติ (สตางค์)",
            "Approved amount (satang)")),
        G("co_funding", R, "เงินสมทบ", "Co-funding",
          F("co_funding", Kind.ROWS, "เงินสมทบ", "Co-funding", columns=CO_FUNDING_COLUMNS)),
        G("workflow", R, "สถานะ", "Status",
          F("status", Kind.ENUM, "สถานะ", "Status", enum=CASE_STATE),
          command_only=True),
        G("references", A, "เอกสารอ้างอิง", "References",
          F("approval_ref", Kind.TEXT, "เลขที่อนุมัติ", "Approval reference", max_length=100),
          F("handover_date", Kind.DATE, "วันส่งมอบ", "Handover date")),
        G("notes", A, "บันทึก", "Notes",
          F("notes", Kind.TEXT, "บันทึกเพิ่มเติม", "Notes", max_length=4000)),
    ),
    parent="household", parent_field="household_id", household_field="household_id",
    natural_key=("household_id", "programme", "fiscal_year"),
    rules=(fiscal_year_rule, over_cap_rule),
)


def cost_rule(fields: Mapping[str, object], state: str | None) -> list[Issue]:
    quantity, price = fields.get("quantity"), fields.get("unit_price")
    cost = fields.get("material_cost")
    if quantity is None or price is None or cost is None:
        return []
    expected = line_cost(str(quantity), int(price))  # type: ignore[arg-type]
    if expected == cost:
        return []
    return [Issue("cost.mismatch", "material_cost",
                  {"cost": format_baht(int(cost)), "expected": format_baht(expected)})]  # type: ignore[arg-type]


REPAIR_ITEM = RecordType(
    "repair_item", "รายการซ่อม", "Repair item",
    groups=(
        G("link", R, "โครงการ", "Project", household_link(),
          F("project_id", Kind.UUID, "โครงการซ่อม", "Repair project", need=ALWAYS,
            immutable=True)),
        G("spec", R, "รายละเอียดงาน", "Work and cost",
          F("category", Kind.ENUM, "หมวดงาน", "Category", enum=E.REPAIR_CATEGORY, need=SUBMIT),
          F("description", Kind.TEXT, "รายละเอียด", "Description", max_length=1000,
            need=SUBMIT),
          F("quantity", Kind.DECIMAL, "จำนวน", "Quantity", maximum=1_000_000),
          F("unit", Kind.TEXT, "หน่วย", "Unit", max_length=40),
          F("unit_price", Kind.MONEY, "ราคาต่อหน่วย (สตางค์)", "Unit price (satang)"),
          F("material_cost", Kind.MONEY, "ค่าวัสดุ (สตางค์)", "Material cost (satang)"),
          F("labour_cost", Kind.MONEY, "ค่าแรง (สตางค์)", "Labour cost (satang)"),
          reopens_review=True),
        G("funding", A, "แหล่งเงิน", "Funding",
          F("funding_source", Kind.ENUM, "แหล่งเงิน", "Funding source", enum=E.FUNDING_SOURCE)),
        G("progress", A, "ความคืบหน้า", "Progress",
          F("item_status", Kind.ENUM, "สถานะรายการ", "Item status", enum=E.ITEM_STATUS),
          F("completed_date", Kind.DATE, "วันที่เสร็จ", "Completion date")),
    ),
    parent="repair_project", parent_field="project_id", household_field="household_id",
    rules=(cost_rule,),
)

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def parse_sha256(value: str, path: str) -> tuple[str | None, list[Issue]]:
    clean = value.strip().lower()
    if _SHA256.match(clean):
        return clean, []
    return None, [Issue("field.type", path, {"label_th": "SHA-256", "label_en": "SHA-256"})]


ATTACHMENT = RecordType(
    "attachment", "ไฟล์แนบ/ภาพถ่าย", "Attachment",
    groups=(
        G("file", R, "ไฟล์", "File", household_link(),
          F("owner_type", Kind.TEXT, "ประเภทเจ้าของ", "Owner type", need=ALWAYS,
            max_length=40, immutable=True),
          F("owner_id", Kind.UUID, "เจ้าของ", "Owner", need=ALWAYS, immutable=True),
          F("kind", Kind.ENUM, "ประเภทไฟล์", "Kind", enum=E.ATTACHMENT_KIND, need=ALWAYS),
          F("sha256", Kind.TEXT, "SHA-256", "SHA-256", need=ALWAYS, max_length=64,
            parse=parse_sha256, immutable=True),
          F("size_bytes", Kind.INT, "ขนาด (ไบต์)", "Size (bytes)", minimum=0,
            immutable=True),
          F("mime_type", Kind.TEXT, "ชนิดไฟล์", "MIME type", max_length=100, immutable=True),
          F("taken_at", Kind.DATETIME, "เวลาถ่าย", "Taken at"),
          *gps_fields(personal=True)),
        G("caption", A, "คำบรรยาย", "Caption",
          F("caption", Kind.TEXT, "คำบรรยายภาพ", "Caption", max_length=500)),
    ),
    household_field="household_id",
    rules=(gps_rule,),
)

REVIEW_EVENT = RecordType(
    "review_event", "บันทึกการตรวจทาน", "Review event",
    groups=(
        G("event", R, "เหตุการณ์", "Event", household_link(),
          F("record_type", Kind.TEXT, "ประเภทข้อมูล", "Record type", need=ALWAYS,
            max_length=40),
          F("record_id", Kind.UUID, "ข้อมูล", "Record", need=ALWAYS),
          F("actor", Kind.TEXT, "ผู้ดำเนินการ", "Actor", need=ALWAYS, max_length=100),
          F("role", Kind.ENUM, "บทบาท", "Role", enum=E.ROLE, need=ALWAYS),
          F("command", Kind.TEXT, "คำสั่ง", "Command", need=ALWAYS, max_length=40),
          F("from_state", Kind.TEXT, "จากสถานะ", "From state", max_length=40),
          F("to_state", Kind.TEXT, "เป็นสถานะ", "To state", max_length=40),
          F("comment", Kind.TEXT, "ความเห็น", "Comment", max_length=4000),
          F("at", Kind.DATETIME, "เวลา", "Time", need=ALWAYS),
          server_only=True),
    ),
    household_field="household_id",
    server_only=True,
)
