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
        <source>Search households</source>
        <translation>ค้นหาครัวเรือน</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>ครัวเรือน</translation>
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
