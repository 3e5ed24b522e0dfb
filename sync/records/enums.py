"""Enumerations of the programme, each value with its Thai and English label.

Values are stable ASCII codes (they travel in ops and are stored); labels are for
people.  The Thai labels follow DOMAIN.md word for word where it gives them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    value: str
    th: str
    en: str


@dataclass(frozen=True)
class Enumeration:
    name: str
    choices: tuple[Choice, ...]

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.value for c in self.choices)

    def label(self, value: str, lang: str = "th") -> str:
        for c in self.choices:
            if c.value == value:
                return c.th if lang == "th" else c.en
        return value

    def __contains__(self, value: object) -> bool:
        return value in self.values


def _enum(name: str, *rows: tuple[str, str, str]) -> Enumeration:
    return Enumeration(name, tuple(Choice(*row) for row in rows))


VULNERABILITY = _enum(
    "vulnerability",
    ("elderly", "ผู้สูงอายุ (60+)", "Elderly (60+)"),
    ("disabled", "คนพิการ", "Person with disability"),
    ("bedridden", "ผู้ป่วยติดเตียง", "Bedridden"),
    ("chronic_ill", "ผู้ป่วยเรื้อรัง", "Chronically ill"),
    ("child_orphan", "เด็ก/เด็กกำพร้า", "Child/orphan"),
    ("single_parent", "แม่เลี้ยงเดี่ยว/หม้าย", "Single parent/widow"),
    ("living_alone", "อยู่ลำพัง", "Living alone"),
    ("low_income", "ผู้มีรายได้น้อย", "Low income"),
    ("disaster", "ผู้ประสบภัย", "Disaster-affected"),
    ("no_legal_status", "ไม่มีสถานะทางทะเบียน", "No legal status"),
)

DISABILITY = _enum(
    "disability",
    ("visual", "การเห็น", "Visual"),
    ("hearing", "การได้ยินหรือสื่อความหมาย", "Hearing/communication"),
    ("mobility", "การเคลื่อนไหวหรือทางร่างกาย", "Mobility/physical"),
    ("mental", "จิตใจหรือพฤติกรรม", "Mental/behavioural"),
    ("intellectual", "สติปัญญา", "Intellectual"),
    ("learning", "การเรียนรู้", "Learning"),
    ("autism", "ออทิสติก", "Autism"),
)

DEPENDENCY = _enum(
    "dependency",
    ("social", "ติดสังคม", "Socially active"),
    ("homebound", "ติดบ้าน", "Homebound"),
    ("bedbound", "ติดเตียง", "Bedbound"),
)

REPAIR_CATEGORY = _enum(
    "repair_category",
    ("roof", "หลังคา", "Roof"),
    ("structure", "เสา/โครงสร้าง/ฐานราก", "Posts/structure"),
    ("floor", "พื้น", "Floor"),
    ("walls", "ผนัง/ฝาบ้าน", "Walls"),
    ("doors_windows", "ประตู/หน้าต่าง", "Doors/windows"),
    ("stairs_handrail", "บันได/ราวจับ", "Stairs/handrail"),
    ("ramp", "ทางลาด", "Ramp"),
    ("bathroom", "ห้องน้ำ/ส้วม", "Bathroom/toilet"),
    ("wiring", "ระบบไฟฟ้า", "Wiring"),
    ("water", "ประปา/น้ำใช้", "Water"),
    ("kitchen", "ครัว", "Kitchen"),
    ("drainage", "รางน้ำ/ระบายน้ำ", "Drainage"),
    ("assistive", "อุปกรณ์ช่วยเหลือ", "Assistive fittings"),
    ("rebuild", "สร้างใหม่ทั้งหลัง", "Full rebuild"),
    ("other", "อื่นๆ", "Other"),
)

LAND_TENURE = _enum(
    "land_tenure",
    ("title_deed", "โฉนด (น.ส.4)", "Title deed (Nor Sor 4)"),
    ("ns3", "น.ส.3/น.ส.3ก", "Nor Sor 3 / 3 Kor"),
    ("spk401", "ส.ป.ก.4-01", "Sor Por Kor 4-01"),
    ("sk1", "ส.ค.1", "Sor Kor 1"),
    ("pbt5", "ภ.บ.ท.5", "Por Bor Tor 5"),
    ("rented", "ที่ดินเช่า", "Rented land"),
    ("permission", "อาศัยที่ผู้อื่น (ได้รับอนุญาต)", "Others' land, with permission"),
    ("state_land", "ที่ดินรัฐ/สาธารณะ", "State/public land"),
    ("kthch", "คทช.", "Community allocation (KTC)"),
    ("no_right", "ไม่มีสิทธิ", "No right"),
)

HOUSE_OWNERSHIP = _enum(
    "house_ownership",
    ("own", "เป็นเจ้าของ", "Owned"),
    ("relative", "ของญาติ", "Relative's"),
    ("rented", "เช่า", "Rented"),
    ("provided", "อาศัยโดยไม่เสียค่าเช่า", "Provided free"),
    ("other", "อื่นๆ", "Other"),
)

STRUCTURE = _enum(
    "structure",
    ("concrete", "ตึก", "Concrete"),
    ("wood", "ไม้", "Wood"),
    ("half", "ครึ่งตึกครึ่งไม้", "Half concrete, half wood"),
    ("non_durable", "วัสดุไม่ถาวร", "Non-durable materials"),
    ("scrap", "วัสดุใช้แล้ว", "Scrap materials"),
)

CONDITION = _enum(
    "condition",
    ("good", "ดี", "Good"),
    ("fair", "พอใช้", "Fair"),
    ("damaged", "ชำรุด", "Damaged"),
    ("dangerous", "อันตราย", "Dangerous"),
)

RISK = _enum(
    "risk",
    ("flood", "น้ำท่วม", "Flooding"),
    ("fire", "อัคคีภัย", "Fire"),
    ("collapse", "บ้านทรุด/เสี่ยงพัง", "Subsidence/collapse"),
    ("electrical", "ไฟฟ้าไม่ปลอดภัย", "Unsafe wiring"),
    ("leak", "หลังคารั่ว", "Leaking roof"),
    ("fall", "เสี่ยงลื่นล้ม", "Fall hazard"),
    ("sanitation", "สุขาภิบาลไม่ดี", "Poor sanitation"),
    ("storm", "วาตภัย", "Storm"),
    ("other", "อื่นๆ", "Other"),
)

WELFARE = _enum(
    "welfare",
    ("state_card", "บัตรสวัสดิการแห่งรัฐ", "State welfare card"),
    ("old_age", "เบี้ยผู้สูงอายุ", "Old-age allowance"),
    ("disability_allowance", "เบี้ยความพิการ", "Disability allowance"),
    ("disability_card", "บัตรคนพิการ", "Disability card"),
    ("gold_card", "บัตรทอง", "Universal coverage"),
    ("social_security", "ประกันสังคม", "Social security"),
    ("community_fund", "กองทุนสวัสดิการชุมชน", "Community welfare fund"),
)

SEX = _enum(
    "sex",
    ("1", "ชาย", "Male"),
    ("2", "หญิง", "Female"),
)

TITLE = _enum(
    "title",
    ("nai", "นาย", "Mr"),
    ("nang", "นาง", "Mrs"),
    ("nangsao", "นางสาว", "Miss"),
    ("dekchai", "เด็กชาย", "Master"),
    ("dekying", "เด็กหญิง", "Miss (child)"),
    ("other", "อื่นๆ", "Other"),
)

RELATION = _enum(
    "relation",
    ("head", "หัวหน้าครัวเรือน", "Head of household"),
    ("spouse", "คู่สมรส", "Spouse"),
    ("child", "บุตร", "Child"),
    ("grandchild", "หลาน", "Grandchild"),
    ("parent", "บิดา/มารดา", "Parent"),
    ("sibling", "พี่/น้อง", "Sibling"),
    ("relative", "ญาติ", "Relative"),
    ("other", "ผู้อาศัยอื่น", "Other resident"),
)

EDUCATION = _enum(
    "education",
    ("none", "ไม่ได้เรียน", "None"),
    ("primary", "ประถมศึกษา", "Primary"),
    ("lower_secondary", "มัธยมศึกษาตอนต้น", "Lower secondary"),
    ("upper_secondary", "มัธยมศึกษาตอนปลาย/ปวช.", "Upper secondary/vocational"),
    ("diploma", "อนุปริญญา/ปวส.", "Diploma"),
    ("bachelor", "ปริญญาตรีขึ้นไป", "Bachelor or higher"),
)

ID_MISSING_REASON = _enum(
    "id_missing_reason",
    ("no_status", "ไม่มีสถานะทางทะเบียน", "No registration status"),
    ("lost_card", "บัตรหาย/ไม่ได้พกบัตร", "Card lost or not at hand"),
    ("refused", "ไม่ประสงค์ให้ข้อมูล", "Declined to give it"),
    ("infant", "เด็กแรกเกิดยังไม่แจ้งเกิด", "Newborn not yet registered"),
    ("other", "อื่นๆ", "Other"),
)

CONSENT_PURPOSE = _enum(
    "consent_purpose",
    ("survey", "สำรวจและจัดลำดับความช่วยเหลือ", "Survey and prioritising help"),
    ("repair", "ดำเนินการซ่อมแซมบ้าน", "Carrying out the repair"),
    ("reporting", "รายงานต่อหน่วยงานผู้ให้ทุน", "Reporting to funding agencies"),
    ("referral", "ส่งต่อหน่วยงานสวัสดิการอื่น", "Referral to other welfare services"),
    ("photos", "ถ่ายภาพบ้านและผู้อยู่อาศัย", "Photographs of the home and residents"),
)

CONSENT_METHOD = _enum(
    "consent_method",
    ("signature", "ลงลายมือชื่อ", "Signature"),
    ("thumbprint", "พิมพ์ลายนิ้วมือ", "Thumbprint"),
    ("verbal", "วาจา (มีพยาน)", "Verbal, witnessed"),
)

CONSENTER_ROLE = _enum(
    "consenter_role",
    ("self", "เจ้าของข้อมูล", "The person themself"),
    ("guardian", "ผู้ปกครอง/ผู้อนุบาล", "Guardian"),
    ("caregiver", "ผู้ดูแล (ได้รับมอบหมาย)", "Authorised caregiver"),
)

ATTACHMENT_KIND = _enum(
    "attachment_kind",
    ("before", "ก่อนซ่อม", "Before"),
    ("during", "ระหว่างซ่อม", "During"),
    ("after", "หลังซ่อม", "After"),
    ("document", "เอกสาร", "Document"),
    ("consent", "หลักฐานความยินยอม", "Consent evidence"),
)

FUNDING_SOURCE = _enum(
    "funding_source",
    ("programme", "งบโครงการบ้านพอเพียง", "Programme subsidy"),
    ("local_government", "องค์กรปกครองส่วนท้องถิ่น", "Local government"),
    ("donation", "เงินบริจาค", "Donations"),
    ("labour_in_kind", "แรงงาน/สมทบเป็นสิ่งของ", "Labour or goods in kind"),
    ("household", "ครัวเรือนสมทบ", "Household contribution"),
    ("other", "อื่นๆ", "Other"),
)

ITEM_STATUS = _enum(
    "item_status",
    ("planned", "วางแผน", "Planned"),
    ("in_progress", "กำลังดำเนินการ", "In progress"),
    ("done", "เสร็จแล้ว", "Done"),
    ("cancelled", "ยกเลิก", "Cancelled"),
)

ROLE = _enum(
    "role",
    ("field_worker", "เจ้าหน้าที่ภาคสนาม", "Field worker"),
    ("coordinator", "ผู้ประสานงานตำบล", "Tambon coordinator"),
    ("supervisor", "ผู้ประสานงานอำเภอ", "District supervisor"),
    ("admin", "ผู้ดูแลระบบ", "Administrator"),
)

CONFLICT_STATUS = _enum(
    "conflict_status",
    ("open", "รอตัดสิน", "Open"),
    ("resolved", "ตัดสินแล้ว", "Resolved"),
)

ALL_ENUMS: tuple[Enumeration, ...] = (
    VULNERABILITY, DISABILITY, DEPENDENCY, REPAIR_CATEGORY, LAND_TENURE,
    HOUSE_OWNERSHIP, STRUCTURE, CONDITION, RISK, WELFARE, SEX, TITLE, RELATION,
    EDUCATION, ID_MISSING_REASON, CONSENT_PURPOSE, CONSENT_METHOD, CONSENTER_ROLE,
    ATTACHMENT_KIND, FUNDING_SOURCE, ITEM_STATUS, ROLE, CONFLICT_STATUS,
)
