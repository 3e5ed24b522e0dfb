"""Realistic, clearly fake demo data for one tambon: households, people, surveys, repairs.

Deterministic: one seeded ``random.Random`` draws every value, so the same seed gives
the same data (ids aside: household, member, consent, survey and item ids come from
``new_ids``, ``new_id`` by default, so demo rows loaded on two devices never collide;
project and village ids are natural ids).  Every field dict is valid by the record
contract in its case state.  Household and project notes say "ข้อมูลสาธิต" (demo
data) and phone numbers have the visibly fake form 060000xxxx.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from typing import Any, Callable, Iterator

from desktop import paths
from sync.records.enums import DISABILITY
from sync.records.ids import natural_id, new_id
from sync.records.money import line_cost
from sync.records.programme import default_settings_fields
from sync.records.registry import record_type
from sync.records.thai import national_id_check_digit
from sync.records.workflow import CASE_STATE

DEMO_MARK = "ข้อมูลสาธิต"
PROGRAMME = "baan_por_piang"
FISCAL_YEAR = 2569
SURVEY_START = date(2025, 10, 1)  # the fiscal year's first day; ages are taken here
CASE_STATES: tuple[str, ...] = CASE_STATE.values
Fields = dict[str, Any]

MALE_GIVEN = tuple("""
สมชาย สมศักดิ์ ประเสริฐ บุญมี บุญส่ง สมบัติ วิชัย สุรชัย ณรงค์ ประยุทธ ทองดี ทองคำ เกี๋ยว เฉลิม เอกชัย แสวง โชคชัย
ใหญ่ ไพโรจน์ ไสว ธนากร กิตติศักดิ์ จักรพันธ์ ชัยวัฒน์ ณัฐพล ธีรวัฒน์ นพดล บรรจง ปรีชา พงศ์ศักดิ์ มานพ ยุทธนา รุ่งโรจน์
ฤทธิ์ ฤทธิชัย ลิขิต วีระ ศักดิ์ชัย สำราญ สำเริง หาญ อำนาจ อุดม เจริญ เชิด เด่น เปี๊ยก แดง แก้ว โต คำภา ผ่าน ด้วง ทุ่ม
เหลี่ยม ตุ๋ย ปั๋ง ก้อง เอื้อ เพิ่มพูน ไชยา ธวัชชัย อนันต์ สุเทพ อภิชาติ ธนพล ภูมิ ปิยะ ชาตรี วัชระ ศุภชัย เกรียงไกร ถนอม
เสน่ห์ สมพงษ์ ประจักษ์ วันชัย สนั่น บุญเลิศ
""".split())
FEMALE_GIVEN = tuple("""
สมหญิง น้ำผึ้ง ผึ้ง มาลี สุดารัตน์ กาญจนา วิไลวรรณ เพ็ญศรี ศิริพร อรุณี บุญมา จันทร์เพ็ญ ดวงใจ ไพลิน แก้วตา นงลักษณ์
ประภา พรทิพย์ รัตนา ลำดวน ลำไย สายสุนีย์ อำไพ เกศินี เยาวลักษณ์ แสงเดือน โสภา ใบเตย ไข่มุก ขวัญใจ จิ๋ว ต้อย ฤดี
ฤทัย กัญญา ชไมพร ณัฐธิดา ธัญญารัตน์ นภัสวรรณ บัวผัน ปราณี พิมพ์ชนก มณีรัตน์ ยุพิน วันเพ็ญ ศศิธร สมจิตร หอมหวล อัมพร
เอื้อมพร ทองใบ บุญเรือน คำปุน ทองม้วน แม้นมาศ จุ๋ม เจี๊ยบ น้ำค้าง น้ำฝน ปิ่นแก้ว ผ่องศรี ละเอียด ส้มโอ หนูพิณ เกี๋ยวหลิน
อุไร สำลี ชื่นใจ เรไร สร้อยทิพย์ ดาวเรือง สุภาพร จิราพร นิตยา พัชรี บุษบา มยุรี
""".split())
FAMILY = tuple("""
ใจดี แก้วมณี ศรีสุข สุขสวัสดิ์ ทองมา บุญมาก มีสุข แสงทอง ดวงดี พรหมมา เพชรรัตน์ จันทร์หอม วงศ์ใหญ่ ศักดิ์สิทธิ์ ชัยมงคล
ก้อนทอง น้ำใจดี ผึ้งหลวง เกิดผล แก่นจันทร์ โพธิ์ศรี ใบบัว ไชยวงศ์ ฤทธิ์เดช ฤกษ์ดี คำแหง ล้ำเลิศ ชำนาญ กำแพงแก้ว
จำปาทอง ทิพย์มณี กิตติวงศ์ ศรีวิไล อินทร์แก้ว เอี่ยมสะอาด ปิ่นทอง ม่วงงาม เขียวขจี สร้อยทอง หมื่นแสน ตั้งจิตร ลิ้มเจริญ
แซ่ลี้ แซ่ตั้ง แซ่เฮ้ง แซ่อึ้ง แซ่ตั๊น ก๋งสมบุญ เกี๋ยวทอง ตั๋นสกุล โต๊ะทอง จุ๋มทอง เจ๊ะหมัด หมัดหลี สาและ ปานดำ ขำคม ขาวผ่อง
คงแก้ว คงเพชร ชูช่วย ช่วยชูวงศ์ ด้วงทอง ทองขาว ทองคำ ทองแท้ เทพรักษา นาคสวัสดิ์ บุญช่วย บุญยืน ประดิษฐ์ ปานแก้ว
พรหมทอง พุ่มพวง เพ็ชรสุข แพรขาว โพธิ์ทอง มณีโชติ มาลัยทอง ยอดดำเนิน รักษ์ทอง เรืองศรี ลิ่มสกุล วิเศษศักดิ์ ศรีเมือง
ศรีอ่อน สมบูรณ์ สุวรรณรัตน์ หนูแก้ว หอมจันทร์ อ่อนละมัย อินทรสุวรรณ เอกจิตต์ แก้วประดิษฐ์ ไกรทอง คำพา คำมูล จันทร์แก้ว
ช่างเหล็ก ดำรงค์ ตันติวงศ์ เที่ยงธรรม นิลสุวรรณ บัวแก้ว ปัญญาดี เปี่ยมสุข ผ่องใส พึ่งบุญ ภู่ระหงษ์ มั่นคง เย็นใจ รุ่งเรือง
ลือชา วงศ์สวัสดิ์ ศรีทองคำ สังข์ทอง สายน้ำผึ้ง หิรัญ อุ่นเรือน เฉลิมเกียรติ เหล็กกล้า แย้มยิ้ม โยธาทิพย์ ใฝ่ดี ไม้หอม ชุ่มชื่น
ทิ้งโพธิ์ นุ่มนวล ฝั้นสุข ฟุ้งเฟื่อง ย่องเหล็ก ซุ่นสั้น เส็งเจริญ ฮั่วเจริญ ฉิมพลี ฤๅชา บุญฤทธิ์ ทองสุข ศรีจันทร์ สุขเกษม ดีมาก
พรมแก้ว ศรีประเสริฐ ทองประไพ บุญประคอง ชื่นชม ยิ้มแย้ม แก้วกล้า ทองเจือ สีดำ นวลจันทร์ ขุนทอง เพชรสุวรรณ
""".split())
LATIN_FAMILY = ("Smith", "Müller", "Nguyễn", "O'Brien", "Johansson", "de Silva")
VILLAGE_NAMES = ("บ้านท่าโพธิ์", "บ้านหัวถนน", "บ้านนาเคียน", "บ้านคลองน้ำเย็น", "บ้านทุ่งใหญ่",
                 "บ้านโคกขาม", "บ้านไร่เหนือ", "บ้านใหม่พัฒนา", "บ้านเกาะแก้ว", "บ้านหนองเต่า",
                 "บ้านสวนหมาก", "บ้านปากพูน")
ROADS = ("ถนนราชดำเนิน", "ถนนพัฒนาการคูขวาง", "ถนนศรีปราชญ์", "ถนนท่าช้าง")
OCCUPATIONS = ("เกษตรกร", "ทำสวนยาง", "รับจ้างทั่วไป", "ค้าขาย", "ประมงพื้นบ้าน", "ช่างไม้",
               "ขับรถรับจ้าง", "แม่บ้าน", "ทำสวนผลไม้")
SURVEYORS = ("นางสาวสาธิตา ทดลองงาน", "นายตัวอย่าง สำรวจดี", "นางข้อมูล ไม่จริง")
CENTRES = {"800101": (8.432, 99.963)}  # rough centres of tambons (lat, lon)
# category: (description, unit, unit price range in baht, quantities, labour per unit in baht)
CATALOGUE: dict[str, tuple[tuple[str, str, tuple[int, int], tuple[str, ...], int], ...]] = {
    "roof": (("เปลี่ยนแผ่นสังกะสีหลังคาที่รั่ว", "แผ่น", (150, 220), ("12", "20", "36", "48"), 40),
             ("ซ่อมโครงหลังคาไม้ที่ผุ", "ท่อน", (250, 400), ("6", "10", "14"), 120)),
    "structure": (("เปลี่ยนเสาไม้ผุเป็นเสาคอนกรีต", "ต้น", (900, 1500), ("2", "4", "6"), 500),),
    "floor": (("ปูพื้นไม้ใหม่แทนพื้นที่ผุ", "ตร.ม.", (380, 520), ("6.5", "12", "18.75"), 150),),
    "walls": (("เปลี่ยนฝาผนังไม้อัดกันน้ำ", "แผ่น", (320, 460), ("8", "12", "16"), 80),),
    "doors_windows": (("เปลี่ยนประตูห้องนอน", "บาน", (1200, 2200), ("1", "2"), 400),
                      ("เปลี่ยนหน้าต่างไม้", "บาน", (700, 1100), ("2", "3", "4"), 250)),
    "stairs_handrail": (("ติดราวจับบันไดสแตนเลส", "เมตร", (350, 600), ("2.5", "4", "6"), 150),),
    "ramp": (("ทำทางลาดคอนกรีตสำหรับรถเข็น", "เมตร", (900, 1400), ("3", "4.5", "6"), 400),),
    "bathroom": (("สร้างห้องส้วมพร้อมชักโครกนั่งราบ", "ชุด", (6500, 9500), ("1",), 3000),
                 ("ติดราวจับในห้องน้ำ", "ชุด", (450, 900), ("1", "2"), 200)),
    "wiring": (("เดินสายไฟใหม่พร้อมเบรกเกอร์", "จุด", (250, 450), ("6", "10", "14"), 150),),
    "water": (("เปลี่ยนท่อประปาที่รั่ว", "เมตร", (45, 90), ("10", "25.5", "40"), 30),),
    "kitchen": (("ซ่อมเคาน์เตอร์ครัวปูกระเบื้อง", "ตร.ม.", (600, 900), ("1.5", "2.5"), 350),),
    "drainage": (("ติดตั้งรางน้ำฝนสังกะสี", "เมตร", (120, 220), ("8", "12.5", "16"), 60),),
    "assistive": (("ติดตั้งราวจับข้างเตียงผู้ป่วย", "ชุด", (800, 1500), ("1",), 300),),
}
_ITEM_STATUS = {"in_repair": "in_progress", "completed": "done", "inspected": "done",
                "reported": "done", "cancelled": "cancelled"}
_APPROVED_ON = frozenset("approved purchasing in_repair completed inspected reported".split())


@dataclass(frozen=True)
class DemoHousehold:
    """One household's records as ``(id, fields)`` pairs, each valid in ``state``."""

    household: tuple[str, Fields]
    members: tuple[tuple[str, Fields], ...]
    consent: tuple[str, Fields]
    survey: tuple[str, Fields]
    project: tuple[str, Fields]
    items: tuple[tuple[str, Fields], ...]

    @property
    def state(self) -> str:
        return self.project[1]["status"]

    def records(self) -> Iterator[tuple[str, str, Fields]]:
        """``(record type, id, fields)``, parents before children."""
        yield ("household", *self.household)
        yield from (("member", *one) for one in self.members)
        yield from (("consent", *self.consent), ("survey", *self.survey))
        yield ("repair_project", *self.project)
        yield from (("repair_item", *one) for one in self.items)


def demo_names() -> dict[str, tuple[str, ...]]:
    """The name lists the demo data draws from (tone marks, stacked vowels, ฤ, Latin)."""
    return {"male": MALE_GIVEN, "female": FEMALE_GIVEN, "family": FAMILY,
            "latin_family": LATIN_FAMILY}


@cache
def _settings(fiscal_year: int = FISCAL_YEAR) -> Fields:
    """The shipped default programme settings for ``fiscal_year`` (read only)."""
    defaults = json.loads(paths.programme_defaults_file().read_text(encoding="utf-8"))
    return default_settings_fields(defaults, fiscal_year)


def demo_villages(tambon: str = "800101") -> Iterator[tuple[str, Fields]]:
    """Moo 1–12 of ``tambon``: ``(natural id, fields)``."""
    for moo, name in enumerate(VILLAGE_NAMES, start=1):
        fields = {"moo": moo, "name": name}
        yield natural_id(record_type("village"), tambon, fields), fields


def demo_households(n: int, *, tambon: str = "800101", seed: int = 1,
                    new_ids: Callable[[], str] = new_id) -> Iterator[DemoHousehold]:
    """``n`` households of ``tambon``: the first ``len(CASE_STATES)`` in one case state
    each, the rest drawn with realistic weights.  GPS only where ``CENTRES`` knows the
    tambon's rough centre."""
    rnd = random.Random(seed)
    villages = dict((fields["moo"], vid) for vid, fields in demo_villages(tambon))
    weights = (12, 14, 10, 8, 8, 6, 8, 6, 6, 10, 5, 4, 3)
    for i in range(n):
        state = CASE_STATES[i] if i < len(CASE_STATES) else rnd.choices(CASE_STATES, weights)[0]
        yield _household(rnd, tambon, villages, state, new_ids)


def _pick(rnd: random.Random, spec: str) -> str:
    """One value of ``"value:weight value:weight …"``, drawn by weight."""
    pairs = [item.split(":") for item in spec.split()]
    return rnd.choices([v for v, _ in pairs], [int(w) for _, w in pairs])[0]


def _household(rnd: random.Random, tambon: str, villages: dict[int, str], state: str,
               new_ids: Callable[[], str]) -> DemoHousehold:
    hid = new_ids()
    surveyed = SURVEY_START + timedelta(days=rnd.randint(0, 180))
    members = _members(rnd, hid, new_ids)
    tags = {t for _, m in members for t in m.get("vulnerability", ())}
    survey = _survey(rnd, hid, surveyed, tags, state)
    project_id, project, items = _project(rnd, tambon, survey, tags, state, new_ids)
    household = _address(rnd, tambon, villages) | {
        "land_tenure": _pick(rnd, "title_deed:30 ns3:15 spk401:12 pbt5:10 permission:15 "
                                  "state_land:10 rented:8"),
        "house_ownership": _pick(rnd, "own:70 relative:15 provided:10 rented:5"),
        "structure_type": _pick(rnd, "wood:40 half:25 concrete:10 non_durable:15 scrap:10"),
        "head_member_id": members[0][0],
        "notes": f"{DEMO_MARK}: ครัวเรือนตัวอย่าง ไม่ใช่ข้อมูลจริง",
    }
    consent = (new_ids(), _consent(rnd, hid, members, surveyed))
    return DemoHousehold((hid, household), tuple(members), consent, (new_ids(), survey),
                         (project_id, project), tuple(items))


def _address(rnd: random.Random, tambon: str, villages: dict[int, str]) -> Fields:
    moo = rnd.randint(1, len(villages))
    main = str(rnd.randint(1, 250))
    fields: Fields = {"house_no": f"{main}/{rnd.randint(1, 9)}" if rnd.random() < 0.35 else main,
                      "moo": moo, "village_id": villages[moo]}
    if rnd.random() < 0.3:
        fields["soi"] = f"ซอย{VILLAGE_NAMES[moo - 1][4:]} {rnd.randint(1, 9)}"
    if rnd.random() < 0.3:
        fields["road"] = rnd.choice(ROADS)
    if rnd.random() < 0.5:
        fields["house_code"] = tambon[:4] + f"{rnd.randrange(10**7):07d}"
    if tambon in CENTRES and rnd.random() < 0.9:
        lat, lon = CENTRES[tambon]
        fields["gps_lat"] = round(lat + rnd.uniform(-0.015, 0.015), 6)
        fields["gps_lon"] = round(lon + rnd.uniform(-0.015, 0.015), 6)
        fields["gps_accuracy_m"] = rnd.choice([3, 5, 8, 12, 20])
    if rnd.random() < 0.7:
        fields["phone"] = f"060000{rnd.randrange(10**4):04d}"
    return fields


def _plan(rnd: random.Random) -> list[tuple[str, str, int]]:
    """(relation, sex, age) of each member, the head first."""
    size = rnd.choices(range(1, 8), [10, 20, 22, 20, 14, 9, 5])[0]
    head_age = int(rnd.triangular(24, 92, 64))
    head_sex = "1" if rnd.random() < 0.6 else "2"
    plan = [("head", head_sex, head_age)]
    if size > 1 and rnd.random() < 0.7:
        plan.append(("spouse", "2" if head_sex == "1" else "1",
                     max(20, head_age + rnd.randint(-8, 5))))
    while len(plan) < size:
        sex = rnd.choice("12")
        if head_age >= 55:
            relation = _pick(rnd, "child:4 grandchild:5 relative:1")
            age = {"child": max(16, head_age - rnd.randint(20, 35)),
                   "grandchild": rnd.randint(0, 20), "relative": rnd.randint(10, 70)}[relation]
        else:
            relation = _pick(rnd, "child:7 parent:2 sibling:1 other:1")
            age = {"child": rnd.randint(0, max(0, head_age - 19)),
                   "parent": min(99, head_age + rnd.randint(20, 32)),
                   "sibling": max(15, head_age + rnd.randint(-10, 10)),
                   "other": rnd.randint(18, 60)}[relation]
        plan.append((relation, sex, age))
    return plan


def _members(rnd: random.Random, hid: str, new_ids: Callable[[], str]) -> list[tuple[str, Fields]]:
    plan = _plan(rnd)
    family = rnd.choice(LATIN_FAMILY) if rnd.random() < 0.01 else rnd.choice(FAMILY)
    married = any(relation == "spouse" for relation, _, _ in plan)
    out = []
    for relation, sex, age in plan:
        own = relation in ("spouse", "other") and rnd.random() < 0.3
        fields = _person(rnd, sex, age, rnd.choice(FAMILY) if own else family,
                         married and relation in ("head", "spouse"))
        fields.update(household_id=hid, relation_to_head=relation)
        fields.update(_livelihood(rnd, age))
        _vulnerability(rnd, fields, age, alone=len(plan) == 1)
        out.append((new_ids(), fields))
    return out


def _person(rnd: random.Random, sex: str, age: int, family: str, married: bool) -> Fields:
    if age < 15:
        title = "dekchai" if sex == "1" else "dekying"
    elif sex == "1":
        title = "nai"
    else:
        title = "nang" if married or (age >= 35 and rnd.random() < 0.7) else "nangsao"
    birth = SURVEY_START.replace(year=SURVEY_START.year - age - 1) + timedelta(
        days=rnd.randint(1, 365))  # ``age`` on SURVEY_START
    year = birth.year
    fields = {"title": title, "given_name": rnd.choice(MALE_GIVEN if sex == "1" else FEMALE_GIVEN),
              "family_name": family, "sex": sex,
              "birth_date": str(year) if rnd.random() < 0.12 + age / 400 else birth.isoformat()}
    fields.update(_national_id(rnd, year, age))
    return fields


def _national_id(rnd: random.Random, birth_year: int, age: int) -> Fields:
    draw = rnd.random()
    if draw < 0.04:
        reasons = ["no_status", "lost_card", "refused", "other"]
        return {"national_id_missing_reason": "infant" if age < 1 else rnd.choice(reasons)}
    first = rnd.choice("0679") if draw < 0.10 else "1" if birth_year >= 1984 else "3"
    body = first + f"{rnd.randrange(10**11):011d}"
    return {"national_id": body + str(national_id_check_digit(body))}


def _livelihood(rnd: random.Random, age: int) -> Fields:
    if age < 6:
        return {}
    if age < 18:
        return {"occupation": "นักเรียน", "education": "primary" if age < 13 else "lower_secondary"}
    education = _pick(rnd, f"none:{5 + age // 10} primary:40 lower_secondary:20 "
                           "upper_secondary:20 diploma:8 bachelor:7")
    if age >= 60 and rnd.random() < 0.6:
        return {"occupation": "ไม่ได้ประกอบอาชีพ", "monthly_income": 0, "education": education}
    baht = rnd.randrange(1500, 4000, 100) if age >= 60 else rnd.randrange(3000, 15000, 100)
    return {"occupation": rnd.choice(OCCUPATIONS), "monthly_income": baht * 100,
            "education": education}


def _vulnerability(rnd: random.Random, fields: Fields, age: int, *, alone: bool) -> None:
    """Tags consistent with age, disability and ID; welfare to match."""
    tags: set[str] = {"elderly"} if age >= 60 else set()
    if rnd.random() < 0.04 + (0.14 if age >= 60 else 0):
        fields["disability_types"] = sorted(set(rnd.choices(DISABILITY.values,
                                                            [2, 2, 8, 1, 1, 1, 1], k=2)))
        fields["disability_card"] = rnd.random() < 0.7
        bedbound = age >= 40 and rnd.random() < 0.3
        fields["dependency"] = "bedbound" if bedbound else rnd.choice(["social", "homebound"])
        tags |= {"disabled", "bedridden"} if bedbound else {"disabled"}
    if age >= 45 and rnd.random() < 0.15:
        tags.add("chronic_ill")
    if age >= 18 and fields.get("monthly_income", 0) < 500_000 and rnd.random() < 0.5:
        tags.add("low_income")
    if alone:
        tags.add("living_alone")
    missing = fields.get("national_id_missing_reason")
    if fields.get("national_id", "1")[0] in "0679" or missing == "no_status":
        tags.add("no_legal_status")
    if tags:
        fields["vulnerability"] = sorted(tags)
    welfare = {"social_security" if 18 <= age < 60 and rnd.random() < 0.15 else "gold_card"}
    welfare |= {"old_age"} if age >= 60 else set()
    welfare |= {"state_card"} if "low_income" in tags else set()
    if fields.get("disability_card"):
        welfare |= {"disability_card", "disability_allowance"}
    fields["welfare"] = sorted(welfare)


def _consent(rnd: random.Random, hid: str, members: list[tuple[str, Fields]],
             surveyed: date) -> Fields:
    sensitive = ("vulnerability", "disability_types", "disability_card", "dependency")
    head_id, head = members[0]
    method = _pick(rnd, "signature:70 thumbprint:20 verbal:10")
    fields: Fields = {
        "household_id": hid, "member_id": head_id, "consenter_role": "self",
        "purposes": sorted({"survey", "repair"} | set(rnd.sample(["reporting", "referral",
                                                                  "photos"], k=2))),
        "sensitive_consent": any(f.get(k) is not None for _, f in members for k in sensitive),
        "method": method, "consent_date": surveyed.isoformat(),
    }
    if head.get("dependency") == "bedbound":
        fields["consenter_role"] = "caregiver"
        fields["consenter_name"] = f"{rnd.choice(FEMALE_GIVEN)} {head['family_name']}"
    if method != "signature":
        fields["witness_name"] = rnd.choice(SURVEYORS)
    return fields


_PARTS = [c for c in CATALOGUE if c not in ("ramp", "assistive")]  # fittings, not parts
_RISKS = {"roof": "leak", "structure": "collapse", "wiring": "electrical", "floor": "fall",
          "bathroom": "sanitation", "stairs_handrail": "fall", "water": "sanitation"}


def _survey(rnd: random.Random, hid: str, surveyed: date, tags: set[str], state: str) -> Fields:
    """Part conditions (some damaged), risks, eligibility answers and a demo score."""
    parts = sorted(rnd.sample(_PARTS, k=rnd.randint(3, 7)))
    conditions = {p: _pick(rnd, "good:15 fair:30 damaged:40 dangerous:15") for p in parts}
    if not {"damaged", "dangerous"} & set(conditions.values()):
        conditions[rnd.choice(parts)] = "damaged"
    risks = {_RISKS[p] for p, c in conditions.items() if c != "good" and p in _RISKS}
    risks |= {rnd.choice(["flood", "storm", "fire"])} if rnd.random() < 0.2 else set()
    settings = _settings()
    answers = {item["key"]: item["required"] or rnd.random() < 0.8
               for item in settings["eligibility_checklist"]}
    answers["vulnerable_member"] = bool(tags)
    if state == "rejected":
        required = [i["key"] for i in settings["eligibility_checklist"] if i["required"]]
        answers[rnd.choice(required)] = False
    weights = settings["score_weights"]
    score = sum(weights.get(t, 0) for t in tags)
    score += sum(weights.get(f"condition_{c}", 0) for c in conditions.values())  # per part
    return {"household_id": hid, "survey_date": surveyed.isoformat(),
            "surveyor_name": rnd.choice(SURVEYORS), "part_conditions": conditions,
            "risks": sorted(risks), "eligibility_answers": answers, "priority_score": score,
            "notes": f"{DEMO_MARK}: แบบสำรวจตัวอย่าง"}


def _item(rnd: random.Random, hid: str, pid: str, category: str, state: str,
          finished: date) -> Fields:
    description, unit, (low, high), quantities, labour = rnd.choice(CATALOGUE[category])
    quantity = rnd.choice(quantities)
    price = rnd.randrange(low, high + 1, 10) * 100
    status = _ITEM_STATUS.get(state, "planned")
    if state == "in_repair" and rnd.random() < 0.4:
        status = "done"
    fields: Fields = {
        "household_id": hid, "project_id": pid, "category": category,
        "description": description, "quantity": quantity, "unit": unit, "unit_price": price,
        "material_cost": line_cost(quantity, price),
        "labour_cost": line_cost(quantity, labour * 100),
        "funding_source": _pick(rnd, "programme:85 local_government:10 donation:5"),
        "item_status": status,
    }
    if status == "done":
        fields["completed_date"] = (finished - timedelta(days=rnd.randint(0, 20))).isoformat()
    return fields


def _project(rnd: random.Random, tambon: str, survey: Fields, tags: set[str], state: str,
             new_ids: Callable[[], str]) -> tuple[str, Fields, list[tuple[str, Fields]]]:
    """The fiscal year's repair project in ``state`` and its 1–5 items."""
    hid, surveyed = survey["household_id"], date.fromisoformat(survey["survey_date"])
    fields: Fields = {"household_id": hid, "programme": PROGRAMME, "fiscal_year": FISCAL_YEAR}
    pid = natural_id(record_type("repair_project"), tambon, fields)
    needs = [p for p, c in survey["part_conditions"].items() if c in ("damaged", "dangerous")]
    if {"disabled", "bedridden"} & tags:
        needs.append("assistive" if "bedridden" in tags else "ramp")
    finished = surveyed + timedelta(days=rnd.randint(60, 150))
    chosen = rnd.sample(needs, k=min(len(needs), rnd.randint(1, 5)))
    items = [(new_ids(), _item(rnd, hid, pid, c, state, finished)) for c in chosen]
    total = sum(f["material_cost"] + f["labour_cost"] for _, f in items)
    cap = _settings()["subsidy_cap"]
    fields.update(subsidy_cap=cap, status=state, notes=f"{DEMO_MARK}: โครงการซ่อมตัวอย่าง")
    if state in _APPROVED_ON:
        fields["approved_amount"] = min(total, cap)
        fields["approval_ref"] = f"สาธิต {FISCAL_YEAR}/{rnd.randint(1, 999):03d}"
    if state in ("inspected", "reported"):
        fields["handover_date"] = (finished + timedelta(days=rnd.randint(3, 20))).isoformat()
    if total > cap or rnd.random() < 0.1:
        extra = max(total - cap, rnd.randrange(1000, 5000, 500) * 100)
        fields["co_funding"] = [{"source": "local_government", "amount": extra,
                                 "note": "เทศบาลสมทบ (สาธิต)"}]
    return pid, fields, items
