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
        <source>Edit household</source>
        <translation>แก้ไขครัวเรือน</translation>
    </message>
    <message>
        <source>New household</source>
        <translation>เพิ่มครัวเรือน</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>ที่อยู่</translation>
    </message>
    <message>
        <source>Land, house and structure</source>
        <translation>ที่ดิน การครอบครองบ้าน และลักษณะบ้าน</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>สมาชิกครัวเรือน</translation>
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
        <translation>หมู่ที่</translation>
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
        <source>Latitude</source>
        <translation>ละติจูด</translation>
    </message>
    <message>
        <source>Longitude</source>
        <translation>ลองจิจูด</translation>
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
        <source>National ID</source>
        <translation>เลขประจำตัวประชาชน</translation>
    </message>
</context>
</TS>
