<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="th_TH" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>Geography data: GeoThai (geothai.fasu.dev), licensed under CC BY 4.0.</source>
        <translation>ข้อมูลพื้นที่ (จังหวัด อำเภอ ตำบล): GeoThai (geothai.fasu.dev) ใช้ตามสัญญาอนุญาต CC BY 4.0</translation>
    </message>
    <message>
        <source>Thai font: Sarabun, by the Sarabun Project Authors, licensed under the SIL Open Font License 1.1.</source>
        <translation>ฟอนต์ภาษาไทย: Sarabun โดยคณะผู้พัฒนาฟอนต์ Sarabun ใช้ตามสัญญาอนุญาต SIL Open Font License 1.1</translation>
    </message>
    <message>
        <source>User interface: Qt for Python (PySide6), licensed under the LGPL 3.</source>
        <translation>ส่วนติดต่อผู้ใช้: Qt for Python (PySide6) ใช้ตามสัญญาอนุญาต LGPL 3</translation>
    </message>
    <message>
        <source>About Porpiang</source>
        <translation>เกี่ยวกับพอเพียง</translation>
    </message>
    <message>
        <source>Porpiang {version}</source>
        <translation>พอเพียง {version}</translation>
    </message>
    <message>
        <source>Surveys, repair projects and reviews for the Baan Por Piang house-repair programme. Works offline and syncs when a connection is there.</source>
        <translation>สำรวจครัวเรือน จัดทำโครงการซ่อมบ้าน และตรวจทาน สำหรับโครงการบ้านพอเพียง ใช้งานได้แม้ไม่มีอินเทอร์เน็ต และซิงค์ข้อมูลเมื่อเชื่อมต่อได้</translation>
    </message>
    <message>
        <source>Built with</source>
        <translation>จัดทำโดยใช้</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
</context>
<context>
    <name>AreaPicker</name>
    <message>
        <source>Choose a province</source>
        <translation>เลือกจังหวัด</translation>
    </message>
    <message>
        <source>Choose a district</source>
        <translation>เลือกอำเภอ</translation>
    </message>
    <message>
        <source>Choose a sub-district</source>
        <translation>เลือกตำบล</translation>
    </message>
</context>
<context>
    <name>BeDateEntry</name>
    <message>
        <source>Day</source>
        <translation>วัน</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>เดือน</translation>
    </message>
    <message>
        <source>Year (BE)</source>
        <translation>ปี พ.ศ.</translation>
    </message>
</context>
<context>
    <name>BudgetPanel</name>
    <message>
        <source>Material %1 + labour %2 = total %3 baht</source>
        <translation>ค่าวัสดุ %1 + ค่าแรง %2 = รวม %3 บาท</translation>
    </message>
    <message>
        <source>this project&apos;s own cap</source>
        <translation>วงเงินของโครงการนี้เอง</translation>
    </message>
    <message>
        <source>the programme settings of the fiscal year</source>
        <translation>ตามการตั้งค่าโครงการของปีงบประมาณ</translation>
    </message>
    <message>
        <source>the default settings of the fiscal year</source>
        <translation>ตามค่าเริ่มต้นของปีงบประมาณ</translation>
    </message>
    <message>
        <source>Subsidy cap: %1 baht (%2)</source>
        <translation>วงเงินอุดหนุนสูงสุด: %1 บาท (%2)</translation>
    </message>
    <message>
        <source>The total of %1 baht exceeds the subsidy cap of %2 baht by %3 baht.</source>
        <translation>ยอดรวม %1 บาท เกินวงเงินอุดหนุนสูงสุด %2 บาท ไป %3 บาท</translation>
    </message>
    <message>
        <source>The co-funding of %1 baht covers it.</source>
        <translation>เงินสมทบ %1 บาท ครอบคลุมส่วนที่เกินแล้ว</translation>
    </message>
    <message>
        <source>The co-funding of %1 baht leaves %2 baht uncovered.</source>
        <translation>เงินสมทบ %1 บาท ยังขาดอีก %2 บาท</translation>
    </message>
    <message>
        <source>Reduce the items or add co-funding.</source>
        <translation>กรุณาลดรายการซ่อม หรือเพิ่มเงินสมทบ</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>แหล่งเงิน</translation>
    </message>
    <message>
        <source>Amount (baht)</source>
        <translation>จำนวนเงิน (บาท)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>บันทึก</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>ลบ</translation>
    </message>
    <message>
        <source>Co-funding</source>
        <translation>เงินสมทบ</translation>
    </message>
    <message>
        <source>Add co-funding</source>
        <translation>เพิ่มเงินสมทบ</translation>
    </message>
</context>
<context>
    <name>CaseHeader</name>
    <message>
        <source>Baan Por Piang</source>
        <translation>บ้านพอเพียง</translation>
    </message>
    <message>
        <source>(no head of household yet)</source>
        <translation>(ยังไม่มีหัวหน้าครัวเรือน)</translation>
    </message>
    <message>
        <source>House no. %1</source>
        <translation>บ้านเลขที่ %1</translation>
    </message>
    <message>
        <source>Moo %1</source>
        <translation>หมู่ %1</translation>
    </message>
    <message>
        <source>Fiscal year %1</source>
        <translation>ปีงบประมาณ %1</translation>
    </message>
    <message>
        <source>Cap %1 baht</source>
        <translation>วงเงิน %1 บาท</translation>
    </message>
</context>
<context>
    <name>CommandBar</name>
    <message>
        <source>Workflow</source>
        <translation>ขั้นตอนงาน</translation>
    </message>
    <message>
        <source>Your role gives no command to a case in this state.</source>
        <translation>บทบาทของคุณไม่มีคำสั่งสำหรับกรณีในสถานะนี้</translation>
    </message>
    <message>
        <source>Comment (needed to return, reject or cancel)</source>
        <translation>ความเห็น (ต้องกรอกเมื่อส่งกลับ ไม่ผ่านเกณฑ์ หรือยกเลิก)</translation>
    </message>
</context>
<context>
    <name>ConditionGrid</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <source>Not saved: %1</source>
        <translation>ยังไม่ได้บันทึก: %1</translation>
    </message>
    <message>
        <source>Two people changed the same fields while offline.</source>
        <translation>มีสองคนแก้ไขข้อมูลช่องเดียวกันขณะออฟไลน์</translation>
    </message>
    <message>
        <source>It was changed again after a resolution.</source>
        <translation>มีการแก้ไขอีกครั้งหลังจากตัดสินไปแล้ว</translation>
    </message>
    <message>
        <source>It was changed after someone deleted it.</source>
        <translation>มีการแก้ไขหลังจากมีผู้ลบข้อมูลนี้ไปแล้ว</translation>
    </message>
    <message>
        <source>A review command was given on an older version.</source>
        <translation>คำสั่งตรวจทานถูกสั่งบนข้อมูลรุ่นเก่า</translation>
    </message>
    <message>
        <source>Its author&apos;s role no longer allows it.</source>
        <translation>บทบาทของผู้สั่งไม่มีสิทธิ์ทำรายการนี้แล้ว</translation>
    </message>
    <message>
        <source>Resolve a conflict</source>
        <translation>ตัดสินข้อมูลขัดแย้ง</translation>
    </message>
    <message>
        <source>Before both edits</source>
        <translation>ก่อนการแก้ไขทั้งสอง</translation>
    </message>
    <message>
        <source>Kept now</source>
        <translation>ค่าที่ใช้อยู่</translation>
    </message>
    <message>
        <source>Saved as (text can be edited)</source>
        <translation>บันทึกเป็น (แก้ข้อความได้)</translation>
    </message>
    <message>
        <source>device %1</source>
        <translation>เครื่อง %1</translation>
    </message>
    <message>
        <source>Use this</source>
        <translation>ใช้ค่านี้</translation>
    </message>
    <message>
        <source>A command waits here: give it again from the case if it should still happen.</source>
        <translation>มีคำสั่งรออยู่ที่นี่ หากยังต้องการให้เกิดขึ้น ให้สั่งใหม่จากหน้ากรณี</translation>
    </message>
</context>
<context>
    <name>ConflictsModel</name>
    <message>
        <source>Household</source>
        <translation>ครัวเรือน</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>ข้อมูล</translation>
    </message>
    <message>
        <source>Competing values</source>
        <translation>ค่าที่เสนอ</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>ตั้งแต่</translation>
    </message>
    <message>
        <source>Resolved here: sent at the next sync</source>
        <translation>ตัดสินในเครื่องนี้แล้ว จะส่งเมื่อซิงค์ครั้งถัดไป</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Photo of the signature or thumbprint</source>
        <translation>ภาพลายมือชื่อหรือลายนิ้วมือ</translation>
    </message>
    <message>
        <source>Images (%1)</source>
        <translation>ไฟล์ภาพ (%1)</translation>
    </message>
    <message>
        <source>Consent (PDPA): %1</source>
        <translation>ความยินยอม (PDPA): %1</translation>
    </message>
    <message>
        <source>Read this to the person before asking: the programme records your household and its members to survey, prioritise and carry out house repairs. The data goes to the tambon coordinator, CODI and the Ministry of Social Development and Human Security, and is kept while the programme needs it. Health and disability data are recorded only with your separate, explicit consent. You may withdraw consent at any time.</source>
        <translation>อ่านให้เจ้าของข้อมูลฟังก่อนขอความยินยอม: โครงการบ้านพอเพียงบันทึกข้อมูลครัวเรือนและสมาชิกเพื่อสำรวจ จัดลำดับความช่วยเหลือ และซ่อมแซมบ้าน ข้อมูลจะส่งถึงผู้ประสานงานตำบล สถาบันพัฒนาองค์กรชุมชน (พอช.) และกระทรวงการพัฒนาสังคมและความมั่นคงของมนุษย์ (พม.) และเก็บไว้เท่าที่โครงการจำเป็นต้องใช้ ข้อมูลสุขภาพและความพิการจะบันทึกเมื่อท่านให้ความยินยอมแยกต่างหากอย่างชัดแจ้งเท่านั้น และท่านถอนความยินยอมได้ทุกเมื่อ</translation>
    </message>
    <message>
        <source>Purposes agreed</source>
        <translation>วัตถุประสงค์ที่ยินยอม</translation>
    </message>
    <message>
        <source>Sensitive data</source>
        <translation>ข้อมูลอ่อนไหว</translation>
    </message>
    <message>
        <source>Consent given by</source>
        <translation>ผู้ให้ความยินยอม</translation>
    </message>
    <message>
        <source>Name of the person consenting</source>
        <translation>ชื่อผู้ให้ความยินยอม</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>วิธีให้ความยินยอม</translation>
    </message>
    <message>
        <source>Witness</source>
        <translation>พยาน</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>วันที่</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>หลักฐาน</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>บันทึก</translation>
    </message>
    <message>
        <source>Explicit consent to health and disability data</source>
        <translation>ยินยอมอย่างชัดแจ้งให้บันทึกข้อมูลสุขภาพและความพิการ</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Photo of signature or thumbprint…</source>
        <translation>ภาพลายมือชื่อหรือลายนิ้วมือ…</translation>
    </message>
    <message>
        <source>e.g. signed on the paper form kept at the tambon office</source>
        <translation>เช่น ลงนามในแบบฟอร์มกระดาษที่เก็บไว้ที่ อบต.</translation>
    </message>
</context>
<context>
    <name>CreateProfileDialog</name>
    <message>
        <source>Create a profile</source>
        <translation>สร้างโปรไฟล์</translation>
    </message>
    <message>
        <source>A profile keeps your work on this laptop, encrypted with your password. Each person who uses the laptop has their own profile.</source>
        <translation>โปรไฟล์เก็บงานของคุณไว้ในเครื่องนี้ โดยเข้ารหัสด้วยรหัสผ่านของคุณ ทุกคนที่ใช้เครื่องนี้มีโปรไฟล์ของตนเอง</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>ชื่อโปรไฟล์</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>ชื่อของคุณ</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>รหัสผ่าน</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>รหัสผ่านอีกครั้ง</translation>
    </message>
    <message>
        <source>a–z, 0–9, for example somchai</source>
        <translation>a–z, 0–9 เช่น somchai</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>สร้าง</translation>
    </message>
</context>
<context>
    <name>DuplicateWarning</name>
    <message>
        <source>(no name)</source>
        <translation>(ไม่มีชื่อ)</translation>
    </message>
    <message>
        <source>house %1, moo %2</source>
        <translation>บ้านเลขที่ %1 หมู่ %2</translation>
    </message>
    <message>
        <source>same house number and moo</source>
        <translation>บ้านเลขที่และหมู่เดียวกัน</translation>
    </message>
    <message>
        <source>same national ID</source>
        <translation>เลขประจำตัวประชาชนเดียวกัน</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>และอีก %n ครัวเรือน</numerusform>
        </translation>
    </message>
    <message>
        <source>Possible duplicate — this household may already be recorded. Open it to check:</source>
        <translation>อาจซ้ำ — ครัวเรือนนี้อาจบันทึกไว้แล้ว เปิดดูเพื่อตรวจสอบ:</translation>
    </message>
</context>
<context>
    <name>EligibilityList</name>
    <message numerus="yes">
        <source>Not decided yet: %n required item(s) not answered.</source>
        <translation>
            <numerusform>ยังสรุปไม่ได้: ยังไม่ได้ตอบข้อบังคับ %n ข้อ</numerusform>
        </translation>
    </message>
    <message>
        <source>Eligible: every required item is met.</source>
        <translation>ผ่านเกณฑ์: ครบทุกข้อบังคับ</translation>
    </message>
    <message>
        <source>Not eligible: a required item is answered no.</source>
        <translation>ไม่ผ่านเกณฑ์: มีข้อบังคับที่ตอบว่าไม่ใช่</translation>
    </message>
    <message>
        <source>* required: all of them must be met.</source>
        <translation>* ข้อบังคับ: ต้องผ่านทุกข้อ</translation>
    </message>
    <message>
        <source>Not answered</source>
        <translation>ยังไม่ตอบ</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>ใช่</translation>
    </message>
    <message>
        <source>No</source>
        <translation>ไม่ใช่</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>Enter the server&apos;s address</source>
        <translation>กรุณาใส่ที่อยู่ของเครื่องแม่ข่าย</translation>
    </message>
    <message>
        <source>Enter your username on the server</source>
        <translation>กรุณาใส่ชื่อผู้ใช้บนเครื่องแม่ข่าย</translation>
    </message>
    <message>
        <source>Logged in to the server as {name} ({role}).</source>
        <translation>เข้าสู่ระบบเครื่องแม่ข่ายในชื่อ {name} ({role}) แล้ว</translation>
    </message>
    <message>
        <source>Enrol with a server</source>
        <translation>ลงทะเบียนกับเครื่องแม่ข่าย</translation>
    </message>
    <message>
        <source>Log in with the account your coordinator gave you. This makes a profile on this laptop that sends and receives the work of your area.</source>
        <translation>เข้าสู่ระบบด้วยบัญชีที่ผู้ประสานงานให้ไว้ ระบบจะสร้างโปรไฟล์ในเครื่องนี้ที่รับส่งงานในพื้นที่ของคุณกับเครื่องแม่ข่าย</translation>
    </message>
    <message>
        <source>Server account</source>
        <translation>บัญชีบนเครื่องแม่ข่าย</translation>
    </message>
    <message>
        <source>Profile on this laptop</source>
        <translation>โปรไฟล์ในเครื่องนี้</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>ที่อยู่เครื่องแม่ข่าย</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>ชื่อผู้ใช้</translation>
    </message>
    <message>
        <source>Server password</source>
        <translation>รหัสผ่านเครื่องแม่ข่าย</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>ชื่อโปรไฟล์</translation>
    </message>
    <message>
        <source>Password on this laptop</source>
        <translation>รหัสผ่านในเครื่องนี้</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>รหัสผ่านอีกครั้ง</translation>
    </message>
    <message>
        <source>https://porpiang.example.org</source>
        <translation>https://porpiang.example.org</translation>
    </message>
    <message>
        <source>a–z, 0–9, for example somchai</source>
        <translation>a–z, 0–9 เช่น somchai</translation>
    </message>
    <message>
        <source>Enrol</source>
        <translation>ลงทะเบียน</translation>
    </message>
</context>
<context>
    <name>HealthPage</name>
    <message>
        <source>Health and disability are sensitive data (PDPA). They can be recorded only after the person gives explicit consent.</source>
        <translation>ข้อมูลสุขภาพและความพิการเป็นข้อมูลอ่อนไหว (PDPA) บันทึกได้เมื่อเจ้าของข้อมูลให้ความยินยอมอย่างชัดแจ้งแล้วเท่านั้น</translation>
    </message>
    <message>
        <source>Consent to sensitive data recorded; it is saved with the member.</source>
        <translation>บันทึกความยินยอมข้อมูลอ่อนไหวแล้ว จะบันทึกพร้อมกับข้อมูลสมาชิก</translation>
    </message>
    <message>
        <source>Consent to sensitive data is on record.</source>
        <translation>มีความยินยอมข้อมูลอ่อนไหวบันทึกไว้แล้ว</translation>
    </message>
    <message>
        <source>Record consent…</source>
        <translation>บันทึกความยินยอม…</translation>
    </message>
    <message>
        <source>Consent…</source>
        <translation>ความยินยอม…</translation>
    </message>
    <message>
        <source>Vulnerability</source>
        <translation>กลุ่มเปราะบาง</translation>
    </message>
    <message>
        <source>Disability types</source>
        <translation>ประเภทความพิการ</translation>
    </message>
    <message>
        <source>Disability card</source>
        <translation>บัตรคนพิการ</translation>
    </message>
    <message>
        <source>Dependency</source>
        <translation>ภาวะพึ่งพิง</translation>
    </message>
    <message>
        <source>Sensitive data</source>
        <translation>ข้อมูลอ่อนไหว</translation>
    </message>
    <message>
        <source>Has a disability card</source>
        <translation>มีบัตรประจำตัวคนพิการ</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>เมื่อ</translation>
    </message>
    <message>
        <source>How</source>
        <translation>ช่องทาง</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>ผล</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>รายละเอียด</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>เครือข่าย</translation>
    </message>
    <message>
        <source>USB file</source>
        <translation>ไฟล์ USB</translation>
    </message>
</context>
<context>
    <name>HouseholdEditor</name>
    <message>
        <source>Choose the sub-district (tambon).</source>
        <translation>กรุณาเลือกตำบล</translation>
    </message>
    <message>
        <source>Correct the fields marked in red, then save again.</source>
        <translation>กรุณาแก้ไขช่องที่มีข้อความสีแดง แล้วบันทึกอีกครั้ง</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>บันทึกแล้ว</translation>
    </message>
    <message>
        <source>The household is saved; the members marked in red are not. Correct them and save again.</source>
        <translation>บันทึกครัวเรือนแล้ว แต่ยังไม่ได้บันทึกสมาชิกที่มีข้อความสีแดง กรุณาแก้ไขแล้วบันทึกอีกครั้ง</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>ยังไม่ได้บันทึก: %1</translation>
    </message>
    <message>
        <source>Reopened what you were typing before Porpiang closed (saved automatically at %1). Save it, or discard the draft.</source>
        <translation>เปิดข้อมูลที่พิมพ์ค้างไว้ก่อนโปรแกรมปิดลง (บันทึกอัตโนมัติเมื่อ %1 น.) กดบันทึก หรือทิ้งฉบับร่างนี้</translation>
    </message>
    <message>
        <source>The server sent this edit back: %1 Correct it and save.</source>
        <translation>เครื่องแม่ข่ายส่งการแก้ไขนี้กลับมา: %1 กรุณาแก้ไขแล้วบันทึก</translation>
    </message>
    <message>
        <source>Edit household</source>
        <translation>แก้ไขครัวเรือน</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>เพิ่มครัวเรือน</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>ทิ้งฉบับร่าง</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>สมาชิกครัวเรือน</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>เพิ่มสมาชิก</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>ลบสมาชิก</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>บันทึก (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
</context>
<context>
    <name>HouseholdFields</name>
    <message>
        <source>Address</source>
        <translation>ที่อยู่</translation>
    </message>
    <message>
        <source>Land, house and structure</source>
        <translation>ที่ดิน การครอบครองบ้าน และลักษณะบ้าน</translation>
    </message>
    <message>
        <source>Contact and notes</source>
        <translation>การติดต่อและบันทึก</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>จังหวัด</translation>
    </message>
    <message>
        <source>District</source>
        <translation>อำเภอ</translation>
    </message>
    <message>
        <source>Sub-district</source>
        <translation>ตำบล</translation>
    </message>
    <message>
        <source>Moo</source>
        <translation>หมู่</translation>
    </message>
    <message>
        <source>House number</source>
        <translation>บ้านเลขที่</translation>
    </message>
    <message>
        <source>Soi</source>
        <translation>ซอย</translation>
    </message>
    <message>
        <source>Road</source>
        <translation>ถนน</translation>
    </message>
    <message>
        <source>GPS (lat, long)</source>
        <translation>พิกัด GPS (ละติจูด, ลองจิจูด)</translation>
    </message>
    <message>
        <source>Land tenure</source>
        <translation>สิทธิในที่ดิน</translation>
    </message>
    <message>
        <source>House ownership</source>
        <translation>การครอบครองบ้าน</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>ลักษณะบ้าน</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>โทรศัพท์</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>บันทึกเพิ่มเติม</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>e.g. 12/3</source>
        <translation>เช่น 12/3</translation>
    </message>
    <message>
        <source>e.g. 8.4304</source>
        <translation>เช่น 8.4304</translation>
    </message>
    <message>
        <source>e.g. 99.9631</source>
        <translation>เช่น 99.9631</translation>
    </message>
    <message>
        <source>e.g. 081 234 5678</source>
        <translation>เช่น 081 234 5678</translation>
    </message>
</context>
<context>
    <name>HouseholdsModel</name>
    <message>
        <source>Head of household</source>
        <translation>หัวหน้าครัวเรือน</translation>
    </message>
    <message>
        <source>House no.</source>
        <translation>บ้านเลขที่</translation>
    </message>
    <message>
        <source>Moo</source>
        <translation>หมู่</translation>
    </message>
    <message>
        <source>Case state</source>
        <translation>สถานะเรื่อง</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>สมาชิก</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <source>No case</source>
        <translation>ยังไม่มีเรื่อง</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>ข้อมูลขัดแย้ง</translation>
    </message>
    <message>
        <source>Pending changes</source>
        <translation>รอส่งข้อมูล</translation>
    </message>
    <message>
        <source>Photo pending</source>
        <translation>รูปรอส่ง</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>ร่าง</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>ส่งแล้ว</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>ส่งกลับแก้ไข</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>อนุมัติแล้ว</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <source>The household could not be opened: %1</source>
        <translation>เปิดข้อมูลครัวเรือนไม่ได้: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln households</source>
        <translation>
            <numerusform>%Ln ครัวเรือน</numerusform>
        </translation>
    </message>
    <message>
        <source>The list could not be read. Try again.</source>
        <translation>อ่านรายการไม่สำเร็จ โปรดลองอีกครั้ง</translation>
    </message>
    <message>
        <source>Search: name, national ID or house number (Ctrl+F)</source>
        <translation>ค้นหา: ชื่อ เลขบัตรประชาชน หรือบ้านเลขที่ (Ctrl+F)</translation>
    </message>
    <message>
        <source>All moo</source>
        <translation>ทุกหมู่</translation>
    </message>
    <message>
        <source>Moo %1</source>
        <translation>หมู่ %1</translation>
    </message>
    <message>
        <source>All case states</source>
        <translation>ทุกสถานะเรื่อง</translation>
    </message>
    <message>
        <source>No case</source>
        <translation>ยังไม่มีเรื่อง</translation>
    </message>
    <message>
        <source>All vulnerabilities</source>
        <translation>ทุกกลุ่มเปราะบาง</translation>
    </message>
    <message>
        <source>In conflict only</source>
        <translation>เฉพาะที่ข้อมูลขัดแย้ง</translation>
    </message>
    <message>
        <source>Add household</source>
        <translation>เพิ่มครัวเรือน</translation>
    </message>
    <message>
        <source>Survey…</source>
        <translation>แบบสำรวจ…</translation>
    </message>
    <message>
        <source>Repair checklist…</source>
        <translation>รายการซ่อม…</translation>
    </message>
    <message>
        <source>Search households</source>
        <translation>ค้นหาครัวเรือน</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>ครัวเรือน</translation>
    </message>
</context>
<context>
    <name>ItemForm</name>
    <message>
        <source>Category</source>
        <translation>หมวดงาน</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>รายละเอียด</translation>
    </message>
    <message>
        <source>Quantity and unit</source>
        <translation>จำนวนและหน่วย</translation>
    </message>
    <message>
        <source>Unit price (baht)</source>
        <translation>ราคาต่อหน่วย (บาท)</translation>
    </message>
    <message>
        <source>Material (baht)</source>
        <translation>ค่าวัสดุ (บาท)</translation>
    </message>
    <message>
        <source>Labour (baht)</source>
        <translation>ค่าแรง (บาท)</translation>
    </message>
    <message>
        <source>Funding source</source>
        <translation>แหล่งเงิน</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <source>Completed on</source>
        <translation>วันที่เสร็จ</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>unit</source>
        <translation>หน่วย</translation>
    </message>
    <message>
        <source>d/m/yyyy (BE)</source>
        <translation>วว/ดด/ปปปป (พ.ศ.)</translation>
    </message>
    <message>
        <source>Quantity × unit price when both are given</source>
        <translation>จำนวน × ราคาต่อหน่วย เมื่อกรอกทั้งสองช่อง</translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <source>Category</source>
        <translation>หมวดงาน</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>รายละเอียด</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>จำนวน</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>หน่วย</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>ราคาต่อหน่วย</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>ค่าวัสดุ</translation>
    </message>
    <message>
        <source>Labour</source>
        <translation>ค่าแรง</translation>
    </message>
    <message>
        <source>Funding source</source>
        <translation>แหล่งเงิน</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>สถานะ</translation>
    </message>
    <message>
        <source>Completed (BE)</source>
        <translation>เสร็จเมื่อ (พ.ศ.)</translation>
    </message>
</context>
<context>
    <name>LivelihoodPage</name>
    <message>
        <source>Occupation</source>
        <translation>อาชีพ</translation>
    </message>
    <message>
        <source>Monthly income (baht)</source>
        <translation>รายได้ต่อเดือน (บาท)</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>การศึกษา</translation>
    </message>
    <message>
        <source>Welfare received</source>
        <translation>สวัสดิการที่ได้รับ</translation>
    </message>
    <message>
        <source>e.g. 3,000</source>
        <translation>เช่น 3,000</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Households</source>
        <translation>ครัวเรือน</translation>
    </message>
    <message>
        <source>Survey households, their members and their consent.</source>
        <translation>สำรวจครัวเรือน สมาชิกในครัวเรือน และการให้ความยินยอม</translation>
    </message>
    <message>
        <source>Repairs</source>
        <translation>งานซ่อม</translation>
    </message>
    <message>
        <source>Plan repair projects, their items and their costs.</source>
        <translation>วางแผนโครงการซ่อมบ้าน รายการซ่อม และค่าใช้จ่าย</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>ตรวจทาน</translation>
    </message>
    <message>
        <source>Check, return or approve the cases of your area.</source>
        <translation>ตรวจสอบ ส่งกลับให้แก้ไข หรืออนุมัติรายการในพื้นที่ที่รับผิดชอบ</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>ซิงค์ข้อมูล</translation>
    </message>
    <message>
        <source>Send and receive changes with the server, or by USB.</source>
        <translation>รับส่งข้อมูลที่เปลี่ยนแปลงกับเซิร์ฟเวอร์ หรือผ่าน USB</translation>
    </message>
    <message>
        <source>Porpiang — Baan Por Piang house repair</source>
        <translation>พอเพียง — ระบบงานซ่อมบ้านพอเพียง</translation>
    </message>
    <message>
        <source>Pages</source>
        <translation>หน้า</translation>
    </message>
    <message>
        <source>This page arrives in a later version of Porpiang.</source>
        <translation>หน้านี้จะเปิดให้ใช้งานในรุ่นถัดไปของพอเพียง</translation>
    </message>
    <message>
        <source>No profile open</source>
        <translation>ยังไม่ได้เปิดโปรไฟล์</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>พร้อมใช้งาน</translation>
    </message>
    <message numerus="yes">
        <source>Demo profile (never syncs): %n households</source>
        <translation>
            <numerusform>โปรไฟล์สาธิต (ไม่ซิงค์ข้อมูล): %n ครัวเรือน</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Profile %1: %n households</source>
        <translation>
            <numerusform>โปรไฟล์ %1: %n ครัวเรือน</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ไฟล์ (&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Switch profile…</source>
        <translation>เปลี่ยนโปรไฟล์ (&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>ออกจากโปรแกรม (&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>มุมมอง (&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>ภาษา (&amp;L)</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>ภาษาไทย</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ช่วยเหลือ (&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Porpiang</source>
        <translation>เกี่ยวกับพอเพียง (&amp;A)</translation>
    </message>
</context>
<context>
    <name>MemberForm</name>
    <message>
        <source>Given name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>นามสกุล</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>เพศ</translation>
    </message>
    <message>
        <source>Birth date</source>
        <translation>วันเกิด</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>ความสัมพันธ์</translation>
    </message>
    <message>
        <source>National ID</source>
        <translation>เลขประจำตัวประชาชน</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>วัน</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>เดือน</translation>
    </message>
    <message>
        <source>Year (BE)</source>
        <translation>ปี พ.ศ.</translation>
    </message>
    <message>
        <source>13 digits</source>
        <translation>13 หลัก</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>ข้อมูลบุคคล</translation>
    </message>
    <message>
        <source>Livelihood and welfare</source>
        <translation>อาชีพและสวัสดิการ</translation>
    </message>
    <message>
        <source>Health and disability</source>
        <translation>สุขภาพและความพิการ</translation>
    </message>
</context>
<context>
    <name>MembersModel</name>
    <message>
        <source>Given name</source>
        <translation>ชื่อ</translation>
    </message>
    <message>
        <source>Family name</source>
        <translation>นามสกุล</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>เพศ</translation>
    </message>
    <message>
        <source>Birth date (BE)</source>
        <translation>วันเกิด (พ.ศ.)</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>ความสัมพันธ์</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>เลขบัตรประชาชน</translation>
    </message>
</context>
<context>
    <name>PhotoStrip</name>
    <message>
        <source>Photo pending</source>
        <translation>รูปรอส่ง</translation>
    </message>
    <message>
        <source>(no caption)</source>
        <translation>(ไม่มีคำบรรยาย)</translation>
    </message>
    <message>
        <source>taken %1</source>
        <translation>ถ่ายเมื่อ %1</translation>
    </message>
    <message>
        <source>Photo pending: not yet sent to the server</source>
        <translation>รูปรอส่ง: ยังไม่ได้ส่งไปยังเครื่องแม่ข่าย</translation>
    </message>
    <message>
        <source>Not on this laptop</source>
        <translation>ไม่มีไฟล์ในเครื่องนี้</translation>
    </message>
    <message>
        <source>Cannot show</source>
        <translation>แสดงภาพไม่ได้</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>กำลังโหลด…</translation>
    </message>
    <message>
        <source>Add photos</source>
        <translation>เพิ่มรูปภาพ</translation>
    </message>
    <message>
        <source>Pictures (%1)</source>
        <translation>ไฟล์ภาพ (%1)</translation>
    </message>
    <message>
        <source>All files (*)</source>
        <translation>ทุกไฟล์ (*)</translation>
    </message>
    <message>
        <source>Something went wrong: %1</source>
        <translation>เกิดข้อผิดพลาด: %1</translation>
    </message>
    <message>
        <source>Delete photo</source>
        <translation>ลบรูปภาพ</translation>
    </message>
    <message>
        <source>Delete this photo? It is removed from the record here and, after the next sync, on the server.</source>
        <translation>ลบรูปภาพนี้หรือไม่ รูปจะถูกลบออกจากข้อมูลในเครื่องนี้ และจากเครื่องแม่ข่ายเมื่อซิงค์ครั้งถัดไป</translation>
    </message>
    <message>
        <source>Add photos…</source>
        <translation>เพิ่มรูปภาพ…</translation>
    </message>
    <message>
        <source>Add as:</source>
        <translation>เพิ่มเป็น:</translation>
    </message>
    <message>
        <source>Caption:</source>
        <translation>คำบรรยาย:</translation>
    </message>
    <message>
        <source>Select a photo to write its caption</source>
        <translation>เลือกรูปเพื่อเขียนคำบรรยาย</translation>
    </message>
    <message>
        <source>Save caption</source>
        <translation>บันทึกคำบรรยาย</translation>
    </message>
    <message>
        <source>Delete photo…</source>
        <translation>ลบรูปภาพ…</translation>
    </message>
    <message>
        <source>Drop the pictures to add them</source>
        <translation>ปล่อยเพื่อเพิ่มรูปภาพ</translation>
    </message>
    <message>
        <source>Drag pictures onto a row to add them as that kind.</source>
        <translation>ลากไฟล์ภาพมาวางบนแถวใดก็ได้ รูปจะถูกเพิ่มเป็นประเภทของแถวนั้น</translation>
    </message>
    <message numerus="yes">
        <source>Adding %n photo(s)…</source>
        <translation>
            <numerusform>กำลังเพิ่มรูปภาพ %n รูป…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>Photo %1 of %2</source>
        <translation>รูปที่ %1 จาก %2</translation>
    </message>
    <message>
        <source>(no caption)</source>
        <translation>(ไม่มีคำบรรยาย)</translation>
    </message>
    <message>
        <source>taken %1</source>
        <translation>ถ่ายเมื่อ %1</translation>
    </message>
    <message>
        <source>time taken unknown</source>
        <translation>ไม่ทราบเวลาถ่าย</translation>
    </message>
    <message>
        <source>Photo pending: not yet sent to the server</source>
        <translation>รูปรอส่ง: ยังไม่ได้ส่งไปยังเครื่องแม่ข่าย</translation>
    </message>
    <message>
        <source>Opening the photo…</source>
        <translation>กำลังเปิดรูปภาพ…</translation>
    </message>
    <message>
        <source>This photo&apos;s file is not on this laptop or cannot be read.</source>
        <translation>ไม่มีไฟล์ของรูปนี้ในเครื่องนี้ หรืออ่านไฟล์ไม่ได้</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>ก่อนหน้า</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>ถัดไป</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
</context>
<context>
    <name>ProfileFormDialog</name>
    <message>
        <source>The two passwords are not the same</source>
        <translation>รหัสผ่านทั้งสองช่องไม่ตรงกัน</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
</context>
<context>
    <name>RecoveryKeyPanel</name>
    <message>
        <source>Write down your recovery key</source>
        <translation>จดรหัสกู้คืนไว้</translation>
    </message>
    <message>
        <source>This key is shown only this once. It opens the profile when the password is forgotten. Write it on paper now and keep the paper safe, away from the laptop. Without the password or this key nobody can open the profile, not even an administrator.</source>
        <translation>รหัสนี้จะแสดงเพียงครั้งเดียว ใช้เปิดโปรไฟล์เมื่อลืมรหัสผ่าน กรุณาจดลงกระดาษตอนนี้และเก็บไว้ในที่ปลอดภัย แยกจากเครื่อง หากไม่มีทั้งรหัสผ่านและรหัสนี้ จะไม่มีใครเปิดโปรไฟล์ได้ แม้แต่ผู้ดูแลระบบ</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>รหัสกู้คืน</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>คัดลอกแล้ว</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>คัดลอก</translation>
    </message>
    <message>
        <source>I have written it down</source>
        <translation>ฉันจดรหัสไว้แล้ว</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>ดำเนินการต่อ</translation>
    </message>
</context>
<context>
    <name>RepairEditor</name>
    <message>
        <source>Correct the fields marked in red, then try again.</source>
        <translation>กรุณาแก้ไขช่องที่เป็นสีแดง แล้วลองอีกครั้ง</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>ยังไม่ได้บันทึก: %1</translation>
    </message>
    <message>
        <source>Done: the case is now “%1”.</source>
        <translation>เรียบร้อย: กรณีนี้อยู่ในสถานะ “%1” แล้ว</translation>
    </message>
    <message>
        <source>Saved, except the items marked in red. Correct them and save again.</source>
        <translation>บันทึกแล้ว ยกเว้นรายการที่เป็นสีแดง กรุณาแก้ไขแล้วบันทึกอีกครั้ง</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>บันทึกแล้ว</translation>
    </message>
    <message>
        <source>Complete the household in its editor first.</source>
        <translation>กรุณากรอกข้อมูลครัวเรือนให้ครบในหน้าแก้ไขครัวเรือนก่อน</translation>
    </message>
    <message>
        <source>The command was not given: %1</source>
        <translation>ยังดำเนินการคำสั่งไม่ได้: %1</translation>
    </message>
    <message>
        <source>Reopened what you were typing before (saved automatically at %1). Save it, or discard the draft.</source>
        <translation>เปิดข้อมูลที่พิมพ์ค้างไว้อีกครั้ง (บันทึกอัตโนมัติเมื่อ %1) กดบันทึก หรือทิ้งฉบับร่าง</translation>
    </message>
    <message>
        <source>Repair checklist</source>
        <translation>รายการซ่อมบ้าน</translation>
    </message>
    <message>
        <source>Checklist</source>
        <translation>รายการซ่อม</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>ภาพถ่าย</translation>
    </message>
    <message>
        <source>Items to repair</source>
        <translation>รายการที่ต้องซ่อม</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>งบประมาณ</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>เพิ่มรายการ</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>ลบรายการ</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>บันทึก (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>ทิ้งฉบับร่าง</translation>
    </message>
</context>
<context>
    <name>RepairPhotos</name>
    <message>
        <source>Photos of the house</source>
        <translation>ภาพถ่ายบ้าน</translation>
    </message>
    <message>
        <source>Photos of the item selected</source>
        <translation>ภาพถ่ายของรายการที่เลือก</translation>
    </message>
    <message>
        <source>Save the checklist first: photos belong to a saved repair project.</source>
        <translation>กรุณาบันทึกรายการซ่อมก่อน ภาพถ่ายต้องผูกกับโครงการซ่อมที่บันทึกแล้ว</translation>
    </message>
    <message>
        <source>Select a saved item in the checklist to see and add its photos.</source>
        <translation>เลือกรายการที่บันทึกแล้วในรายการซ่อม เพื่อดูและเพิ่มภาพถ่าย</translation>
    </message>
</context>
<context>
    <name>RepairProjectsModel</name>
    <message>
        <source>Head of household</source>
        <translation>หัวหน้าครัวเรือน</translation>
    </message>
    <message>
        <source>House no.</source>
        <translation>บ้านเลขที่</translation>
    </message>
    <message>
        <source>Moo</source>
        <translation>หมู่</translation>
    </message>
    <message>
        <source>Fiscal year</source>
        <translation>ปีงบประมาณ</translation>
    </message>
    <message>
        <source>Case state</source>
        <translation>สถานะเรื่อง</translation>
    </message>
    <message>
        <source>Total (baht)</source>
        <translation>รวม (บาท)</translation>
    </message>
    <message>
        <source>Cap (baht)</source>
        <translation>วงเงิน (บาท)</translation>
    </message>
    <message>
        <source>Over the cap</source>
        <translation>เกินวงเงิน</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>ข้อมูลขัดแย้ง</translation>
    </message>
    <message>
        <source>Over by %1</source>
        <translation>เกิน %1</translation>
    </message>
</context>
<context>
    <name>RepairsPage</name>
    <message>
        <source>The repair project could not be opened: %1</source>
        <translation>เปิดโครงการซ่อมไม่ได้: %1</translation>
    </message>
    <message numerus="yes">
        <source>%Ln repair projects</source>
        <translation>
            <numerusform>%Ln โครงการซ่อม</numerusform>
        </translation>
    </message>
    <message>
        <source>The list could not be read. Try again.</source>
        <translation>อ่านรายการไม่สำเร็จ โปรดลองอีกครั้ง</translation>
    </message>
    <message>
        <source>All case states</source>
        <translation>ทุกสถานะเรื่อง</translation>
    </message>
    <message>
        <source>All fiscal years</source>
        <translation>ทุกปีงบประมาณ</translation>
    </message>
    <message>
        <source>Fiscal year %1</source>
        <translation>ปีงบประมาณ %1</translation>
    </message>
    <message>
        <source>Repair projects</source>
        <translation>โครงการซ่อม</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>Review</source>
        <translation>ตรวจทาน</translation>
    </message>
    <message>
        <source>Conflicts are resolved by the tambon&apos;s coordinator. Your edits that meet another person&apos;s edit wait for them and are never lost.</source>
        <translation>ผู้ประสานงานตำบลเป็นผู้ตัดสินข้อมูลขัดแย้ง การแก้ไขของคุณที่ชนกับการแก้ไขของผู้อื่นจะรอผู้ประสานงานตัดสิน และไม่สูญหาย</translation>
    </message>
    <message numerus="yes">
        <source>%n conflict(s) to resolve. Double-click one to compare the values and choose.</source>
        <translation>
            <numerusform>มีข้อมูลขัดแย้งรอตัดสิน %n รายการ ดับเบิลคลิกเพื่อเปรียบเทียบและเลือกค่า</numerusform>
        </translation>
    </message>
    <message>
        <source>No conflict to resolve.</source>
        <translation>ไม่มีข้อมูลขัดแย้งรอตัดสิน</translation>
    </message>
</context>
<context>
    <name>ScoreBox</name>
    <message>
        <source>Saved with the survey: %1 (default settings)</source>
        <translation>บันทึกไว้กับแบบสำรวจ: %1 (ค่าเริ่มต้น)</translation>
    </message>
    <message>
        <source>Saved with the survey: %1 (settings version %2)</source>
        <translation>บันทึกไว้กับแบบสำรวจ: %1 (การตั้งค่ารุ่น %2)</translation>
    </message>
    <message>
        <source>%1 parts (%2)</source>
        <translation>ส่วน%1 (%2)</translation>
    </message>
    <message>
        <source>%1 %2 × %3 = %4</source>
        <translation>%1 %2 × %3 = %4</translation>
    </message>
    <message>
        <source>Settings FY %1, version %2</source>
        <translation>การตั้งค่าปีงบประมาณ %1 รุ่น %2</translation>
    </message>
    <message>
        <source>Defaults shipped with the app, FY %1</source>
        <translation>ค่าเริ่มต้นที่มากับโปรแกรม ปีงบประมาณ %1</translation>
    </message>
    <message>
        <source>Priority score</source>
        <translation>คะแนนลำดับความสำคัญ</translation>
    </message>
    <message>
        <source>Score: %1</source>
        <translation>คะแนน: %1</translation>
    </message>
    <message>
        <source>Nothing adds to the score yet.</source>
        <translation>ยังไม่มีรายการที่ได้คะแนน</translation>
    </message>
    <message>
        <source>Score = the weight of each vulnerability found among the members (once each) + the weight of each house part by its condition (dangerous or damaged). Weights come from the fiscal year&apos;s programme settings.</source>
        <translation>คะแนน = น้ำหนักของกลุ่มเปราะบางแต่ละกลุ่มที่พบในสมาชิก (นับกลุ่มละครั้ง) + น้ำหนักของส่วนต่างๆ ของบ้านตามสภาพ (อันตรายหรือชำรุด) น้ำหนักมาจากการตั้งค่าโครงการของปีงบประมาณ</translation>
    </message>
</context>
<context>
    <name>StartWindow</name>
    <message>
        <source>Porpiang — Baan Por Piang house repair</source>
        <translation>พอเพียง — ระบบงานซ่อมบ้านพอเพียง</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>ภาษา</translation>
    </message>
    <message>
        <source>Thai</source>
        <translation>ภาษาไทย</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English</translation>
    </message>
</context>
<context>
    <name>SurveyForm</name>
    <message>
        <source>Correct the fields marked in red, then save again.</source>
        <translation>กรุณาแก้ไขช่องที่มีข้อความสีแดง แล้วบันทึกอีกครั้ง</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>บันทึกแล้ว</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>ยังไม่ได้บันทึก: %1</translation>
    </message>
    <message>
        <source>Could not read the household: %1</source>
        <translation>อ่านข้อมูลครัวเรือนไม่ได้: %1</translation>
    </message>
    <message>
        <source>Reopened the survey typed before (saved automatically at %1). Save it, or discard the draft.</source>
        <translation>เปิดแบบสำรวจที่พิมพ์ค้างไว้ (บันทึกอัตโนมัติเมื่อ %1 น.) กดบันทึก หรือทิ้งฉบับร่างนี้</translation>
    </message>
    <message>
        <source>Reading the household…</source>
        <translation>กำลังอ่านข้อมูลครัวเรือน…</translation>
    </message>
    <message>
        <source>House no. %1, moo %2: %3</source>
        <translation>บ้านเลขที่ %1 หมู่ %2: %3</translation>
    </message>
    <message>
        <source>Survey: %1</source>
        <translation>แบบสำรวจ: %1</translation>
    </message>
    <message>
        <source>household</source>
        <translation>ครัวเรือน</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>แบบสำรวจ</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation>การเยี่ยมบ้าน</translation>
    </message>
    <message>
        <source>Survey date</source>
        <translation>วันที่สำรวจ</translation>
    </message>
    <message>
        <source>Surveyor</source>
        <translation>ผู้สำรวจ</translation>
    </message>
    <message>
        <source>Name of the person surveying</source>
        <translation>ชื่อผู้สำรวจ</translation>
    </message>
    <message>
        <source>Condition of each part of the house</source>
        <translation>สภาพส่วนต่างๆ ของบ้าน</translation>
    </message>
    <message>
        <source>Risks</source>
        <translation>ความเสี่ยง</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>บันทึกเพิ่มเติม</translation>
    </message>
    <message>
        <source>Eligibility checklist</source>
        <translation>เกณฑ์คุณสมบัติ</translation>
    </message>
    <message>
        <source>Save (Ctrl+S)</source>
        <translation>บันทึก (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>ปิด</translation>
    </message>
    <message>
        <source>Discard draft</source>
        <translation>ทิ้งฉบับร่าง</translation>
    </message>
</context>
<context>
    <name>SyncLines</name>
    <message>
        <source>Done</source>
        <translation>สำเร็จ</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>ไม่สำเร็จ</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>กำลังซิงค์…</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>ถูกขัดจังหวะ</translation>
    </message>
    <message numerus="yes">
        <source>Applied on the server: %n</source>
        <translation>
            <numerusform>บันทึกที่เครื่องแม่ข่ายแล้ว %n รายการ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged with other people&apos;s edits: %n</source>
        <translation>
            <numerusform>รวมกับการแก้ไขของผู้อื่น %n รายการ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Awaiting a coordinator (conflicting edits): %n</source>
        <translation>
            <numerusform>รอผู้ประสานงานตัดสิน (ข้อมูลขัดแย้ง) %n รายการ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept for a coordinator (outside your area or role): %n</source>
        <translation>
            <numerusform>ส่งให้ผู้ประสานงานตรวจ (นอกพื้นที่หรือสิทธิ์ของคุณ) %n รายการ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Photos received: %n</source>
        <translation>
            <numerusform>รับภาพถ่าย %n ภาพ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Photos still waiting to be sent: %n</source>
        <translation>
            <numerusform>ภาพถ่ายที่ยังรอส่ง %n ภาพ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Photos the server refused (kept here): %n</source>
        <translation>
            <numerusform>ภาพถ่ายที่เครื่องแม่ข่ายไม่รับ (ยังเก็บไว้ในเครื่องนี้) %n ภาพ</numerusform>
        </translation>
    </message>
    <message>
        <source>Interrupted (the app closed or the power went); nothing was lost.</source>
        <translation>การซิงค์ถูกขัดจังหวะ (โปรแกรมปิดหรือไฟดับ) ไม่มีข้อมูลสูญหาย</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>ไม่สำเร็จ: %1</translation>
    </message>
    <message numerus="yes">
        <source>Sent: %n change(s)</source>
        <translation>
            <numerusform>ส่งการแก้ไข %n รายการ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent back to you to correct: %n</source>
        <translation>
            <numerusform>ถูกส่งกลับให้แก้ไข %n รายการ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Photos sent: %n</source>
        <translation>
            <numerusform>ส่งภาพถ่าย %n ภาพ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Received from the server: %n</source>
        <translation>
            <numerusform>รับข้อมูลจากเครื่องแม่ข่าย %n รายการ</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to send or receive.</source>
        <translation>ไม่มีข้อมูลต้องส่งหรือรับ</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Correct this edit in its own form: %1</source>
        <translation>แก้ไขรายการนี้ในแบบฟอร์มของรายการนั้น: %1</translation>
    </message>
    <message>
        <source>Sending changes</source>
        <translation>กำลังส่งการแก้ไข</translation>
    </message>
    <message>
        <source>Receiving changes</source>
        <translation>กำลังรับข้อมูล</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>กำลังเชื่อมต่อ</translation>
    </message>
    <message>
        <source>Sending photos</source>
        <translation>กำลังส่งภาพถ่าย</translation>
    </message>
    <message>
        <source>Receiving photos</source>
        <translation>กำลังรับภาพถ่าย</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>ซิงค์ข้อมูล</translation>
    </message>
    <message>
        <source>Demo profile: it never syncs.</source>
        <translation>โปรไฟล์สาธิต: ไม่ซิงค์ข้อมูล</translation>
    </message>
    <message>
        <source>Server: %1</source>
        <translation>เครื่องแม่ข่าย: %1</translation>
    </message>
    <message>
        <source>Not enrolled with a server yet.</source>
        <translation>ยังไม่ได้ลงทะเบียนกับเครื่องแม่ข่าย</translation>
    </message>
    <message>
        <source>Waiting to be sent: %1 change(s) and %2 photo(s) (%3 MB)</source>
        <translation>รอส่ง: การแก้ไข %1 รายการ และภาพถ่าย %2 ภาพ (%3 MB)</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>ซิงค์เดี๋ยวนี้</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>ยกเลิก</translation>
    </message>
    <message>
        <source>Edits sent back to you to correct (double-click one to open it)</source>
        <translation>การแก้ไขที่ถูกส่งกลับให้แก้ (ดับเบิลคลิกเพื่อเปิด)</translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message>
        <source>Server reachable</source>
        <translation>ติดต่อเครื่องแม่ข่ายได้</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>ออฟไลน์</translation>
    </message>
    <message>
        <source>No server yet</source>
        <translation>ยังไม่ได้เชื่อมเครื่องแม่ข่าย</translation>
    </message>
    <message>
        <source>Demo: never syncs</source>
        <translation>โปรไฟล์สาธิต: ไม่ซิงค์ข้อมูล</translation>
    </message>
    <message>
        <source>Checking the server…</source>
        <translation>กำลังตรวจสอบเครื่องแม่ข่าย…</translation>
    </message>
    <message>
        <source>All changes sent</source>
        <translation>ส่งข้อมูลครบแล้ว</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) to send</source>
        <translation>
            <numerusform>รอส่ง %n รายการ</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>Open a profile</source>
        <translation>เปิดโปรไฟล์</translation>
    </message>
    <message>
        <source>Profile: {name}</source>
        <translation>โปรไฟล์: {name}</translation>
    </message>
    <message>
        <source>Recovery key</source>
        <translation>รหัสกู้คืน</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>รหัสผ่าน</translation>
    </message>
    <message>
        <source>XXXX-XXXX-…</source>
        <translation>XXXX-XXXX-…</translation>
    </message>
    <message>
        <source>I forgot the password: use the recovery key</source>
        <translation>ลืมรหัสผ่าน: ใช้รหัสกู้คืนแทน</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>เปิด</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>ย้อนกลับ</translation>
    </message>
    <message>
        <source>Check the date and time of this laptop</source>
        <translation>ตรวจสอบวันและเวลาของเครื่องนี้</translation>
    </message>
    <message>
        <source>I understand</source>
        <translation>รับทราบแล้ว</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>{display} — demo, never syncs</source>
        <translation>{display} — สาธิต ไม่ซิงค์ข้อมูล</translation>
    </message>
    <message>
        <source>{display} (profile {name})</source>
        <translation>{display} (โปรไฟล์ {name})</translation>
    </message>
    <message>
        <source>Welcome to Porpiang</source>
        <translation>ยินดีต้อนรับสู่พอเพียง</translation>
    </message>
    <message>
        <source>Surveys, repair projects and reviews for the Baan Por Piang programme. Your work stays on this laptop and is sent to the server when there is a connection.</source>
        <translation>สำรวจ วางแผนซ่อม และตรวจทานงานของโครงการบ้านพอเพียง งานของคุณเก็บไว้ในเครื่องนี้ และส่งไปยังเครื่องแม่ข่ายเมื่อเชื่อมต่อได้</translation>
    </message>
    <message>
        <source>Profiles on this laptop</source>
        <translation>โปรไฟล์ในเครื่องนี้</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>เปิด</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>เริ่มต้น</translation>
    </message>
    <message>
        <source>Try the demo</source>
        <translation>ทดลองใช้ข้อมูลสาธิต</translation>
    </message>
    <message>
        <source>Create a profile</source>
        <translation>สร้างโปรไฟล์</translation>
    </message>
    <message>
        <source>Enrol with a server</source>
        <translation>ลงทะเบียนกับเครื่องแม่ข่าย</translation>
    </message>
    <message>
        <source>Invented households of one tambon, to learn the program. No password; it never syncs.</source>
        <translation>ครัวเรือนสมมติของหนึ่งตำบล สำหรับฝึกใช้โปรแกรม ไม่ต้องใช้รหัสผ่าน และไม่ซิงค์ข้อมูล</translation>
    </message>
    <message>
        <source>A profile protected by your password, for work on this laptop without a server account.</source>
        <translation>โปรไฟล์ที่ป้องกันด้วยรหัสผ่านของคุณ สำหรับทำงานในเครื่องนี้โดยไม่มีบัญชีบนเครื่องแม่ข่าย</translation>
    </message>
    <message>
        <source>Use the server account your coordinator gave you, so your work reaches the server.</source>
        <translation>ใช้บัญชีบนเครื่องแม่ข่ายที่ผู้ประสานงานให้ไว้ เพื่อส่งงานของคุณไปยังเครื่องแม่ข่าย</translation>
    </message>
</context>
</TS>
