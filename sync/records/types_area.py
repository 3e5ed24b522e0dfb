"""Area-level records: village, programme settings, tambon plan, conflict."""

from __future__ import annotations

from sync.records import enums as E
from sync.records.fields import Kind, Policy, RecordType
from sync.records.types_people import ALWAYS, F, G
from sync.records.types_repair import fiscal_year_field, fiscal_year_rule, programme_field
from sync.records.workflow import PLAN_STATE

A, S, R = Policy.AUTO, Policy.SET, Policy.REVIEW

VILLAGE = RecordType(
    "village", "หมู่บ้าน", "Village",
    groups=(
        G("key", R, "หมู่ที่", "Moo",
          F("moo", Kind.INT, "หมู่ที่", "Moo", need=ALWAYS, minimum=1, maximum=99,
            immutable=True)),
        G("name", R, "ชื่อหมู่บ้าน", "Village name",
          F("name", Kind.TEXT, "ชื่อหมู่บ้าน", "Village name", need=ALWAYS, max_length=200)),
    ),
    natural_key=("tambon", "moo"),
)

CHECKLIST_COLUMNS = (
    F("key", Kind.TEXT, "รหัสข้อ", "Item key", max_length=40),
    F("th", Kind.TEXT, "ข้อความ (ไทย)", "Text (Thai)", max_length=500),
    F("en", Kind.TEXT, "ข้อความ (อังกฤษ)", "Text (English)", max_length=500),
    F("required", Kind.BOOL, "ต้องผ่าน", "Must be met"),
)

PROGRAMME_SETTINGS = RecordType(
    "programme_settings", "การตั้งค่าโครงการ", "Programme settings",
    groups=(
        G("key", R, "โครงการและปีงบประมาณ", "Programme and fiscal year",
          programme_field(), fiscal_year_field()),
        G("cap", R, "วงเงินอุดหนุน", "Subsidy cap",
          F("subsidy_cap", Kind.MONEY, "วงเงินอุดหนุนต่อครัวเรือน (สตางค์)",
            "Subsidy cap per household (satang)", need=ALWAYS)),
        G("eligibility", R, "เกณฑ์คุณสมบัติ", "Eligibility checklist",
          F("eligibility_checklist", Kind.ROWS, "รายการเกณฑ์", "Checklist",
            columns=CHECKLIST_COLUMNS)),
        G("weights", R, "น้ำหนักคะแนน", "Score weights",
          F("score_weights", Kind.MAP, "น้ำหนักคะแนน", "Score weights", item=Kind.INT)),
    ),
    natural_key=("programme", "fiscal_year"),
    area_scoped=False,
    rules=(fiscal_year_rule,),
)

TAMBON_PLAN = RecordType(
    "tambon_plan", "แผนตำบล", "Tambon plan",
    groups=(
        G("key", R, "ปีงบประมาณ", "Fiscal year", fiscal_year_field()),
        G("budget", R, "งบประมาณตำบล", "Tambon budget",
          F("allocation", Kind.MONEY, "งบประมาณที่ได้รับจัดสรร (สตางค์)",
            "Allocation (satang)"),
          F("budget_note", Kind.TEXT, "หมายเหตุงบประมาณ", "Budget note", max_length=1000)),
        G("selection", R, "ครัวเรือนที่เลือก", "Selected households",
          F("selected_projects", Kind.UUID_LIST, "โครงการซ่อมตามลำดับ",
            "Repair projects, ranked"),
          reopens_review=True),
        G("workflow", R, "สถานะแผน", "Plan status",
          F("status", Kind.ENUM, "สถานะแผน", "Plan status", enum=PLAN_STATE),
          command_only=True),
        G("notes", A, "บันทึก", "Notes",
          F("notes", Kind.TEXT, "บันทึก", "Notes", max_length=4000)),
    ),
    natural_key=("tambon", "fiscal_year"),
    rules=(fiscal_year_rule,),
)

CONFLICT = RecordType(
    "conflict", "ข้อมูลขัดแย้ง", "Conflict",
    groups=(
        G("target", R, "ข้อมูลที่ขัดแย้ง", "Conflicting record",
          F("target_type", Kind.TEXT, "ประเภทข้อมูล", "Record type", need=ALWAYS,
            max_length=40),
          F("target_id", Kind.UUID, "ข้อมูล", "Record", need=ALWAYS),
          F("group", Kind.TEXT, "กลุ่มข้อมูล", "Field group", need=ALWAYS, max_length=40),
          F("household_id", Kind.UUID, "ครัวเรือน", "Household"),
          F("reason", Kind.TEXT, "สาเหตุ", "Reason", max_length=60),
          F("base_version", Kind.INT, "รุ่นตั้งต้น", "Base version", minimum=0),
          F("current", Kind.JSON, "ค่าปัจจุบัน", "Current value"),
          F("base", Kind.JSON, "ค่าก่อนแก้ไข", "Value both edits started from"),
          F("proposals", Kind.JSON, "ค่าที่เสนอ", "Competing values"),
          F("status", Kind.ENUM, "สถานะ", "Status", enum=E.CONFLICT_STATUS, need=ALWAYS),
          F("opened_at", Kind.DATETIME, "เปิดเมื่อ", "Opened at"),
          F("resolved_at", Kind.DATETIME, "ตัดสินเมื่อ", "Resolved at"),
          F("resolved_by", Kind.TEXT, "ผู้ตัดสิน", "Resolved by", max_length=100),
          F("resolution_op", Kind.UUID, "การตัดสิน", "Resolving op"),
          server_only=True),
    ),
    household_field="household_id",
    server_only=True,
)
