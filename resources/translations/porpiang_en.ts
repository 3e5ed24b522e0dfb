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
    <name>EligibilityList</name>
    <message numerus="yes">
        <source>Not decided yet: %n required item(s) not answered.</source>
        <translation>
            <numerusform>Not decided yet: %n required item not answered.</numerusform>
            <numerusform>Not decided yet: %n required items not answered.</numerusform>
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
    <name>PhotoStrip</name>
    <message numerus="yes">
        <source>Adding %n photo(s)…</source>
        <translation>
            <numerusform>Adding %n photo…</numerusform>
            <numerusform>Adding %n photos…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RepairsPage</name>
    <message numerus="yes">
        <source>%Ln repair projects</source>
        <translation>
            <numerusform>%Ln repair project</numerusform>
            <numerusform>%Ln repair projects</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message numerus="yes">
        <source>%n conflict(s) to resolve. Double-click one to compare the values and choose.</source>
        <translation>
            <numerusform>%n conflict to resolve. Double-click one to compare the values and choose.</numerusform>
            <numerusform>%n conflicts to resolve. Double-click one to compare the values and choose.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncLines</name>
    <message numerus="yes">
        <source>Applied on the server: %n</source>
        <translation>
            <numerusform>Applied on the server: %n</numerusform>
            <numerusform>Applied on the server: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Merged with other people&apos;s edits: %n</source>
        <translation>
            <numerusform>Merged with other people&apos;s edits: %n</numerusform>
            <numerusform>Merged with other people&apos;s edits: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Awaiting a coordinator (conflicting edits): %n</source>
        <translation>
            <numerusform>Awaiting a coordinator (conflicting edits): %n</numerusform>
            <numerusform>Awaiting a coordinator (conflicting edits): %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Kept for a coordinator (outside your area or role): %n</source>
        <translation>
            <numerusform>Kept for a coordinator (outside your area or role): %n</numerusform>
            <numerusform>Kept for a coordinator (outside your area or role): %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Photos received: %n</source>
        <translation>
            <numerusform>Photos received: %n</numerusform>
            <numerusform>Photos received: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Photos still waiting to be sent: %n</source>
        <translation>
            <numerusform>Photos still waiting to be sent: %n</numerusform>
            <numerusform>Photos still waiting to be sent: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Photos the server refused (kept here): %n</source>
        <translation>
            <numerusform>Photos the server refused (kept here): %n</numerusform>
            <numerusform>Photos the server refused (kept here): %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent: %n change(s)</source>
        <translation>
            <numerusform>Sent: %n change</numerusform>
            <numerusform>Sent: %n changes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sent back to you to correct: %n</source>
        <translation>
            <numerusform>Sent back to you to correct: %n</numerusform>
            <numerusform>Sent back to you to correct: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Photos sent: %n</source>
        <translation>
            <numerusform>Photos sent: %n</numerusform>
            <numerusform>Photos sent: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Received from the server: %n</source>
        <translation>
            <numerusform>Received from the server: %n</numerusform>
            <numerusform>Received from the server: %n</numerusform>
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
