<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="en">
<context>
    <name>DuplicateWarning</name>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>and %n more</numerusform>
            <numerusform>and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message numerus="yes">
        <source>%Ln households</source>
        <translation>
            <numerusform>%Ln household</numerusform>
            <numerusform>%Ln households</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Demo profile (never syncs): %n households</source>
        <translation>
            <numerusform>Demo profile (never syncs): %n household</numerusform>
            <numerusform>Demo profile (never syncs): %n households</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Profile %1: %n households</source>
        <translation>
            <numerusform>Profile %1: %n household</numerusform>
            <numerusform>Profile %1: %n households</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncStatus</name>
    <message numerus="yes">
        <source>%n change(s) to send</source>
        <translation>
            <numerusform>%n change to send</numerusform>
            <numerusform>%n changes to send</numerusform>
        </translation>
    </message>
</context>
</TS>
