"""The application object: preferences, language choice, screenshots."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from desktop.ui.app import DesktopApp
from desktop.ui.i18n import ENGLISH, THAI, UiLanguage
from desktop.ui.preferences import Preferences
from desktop.ui.screenshots import (
    distinct_colours,
    missing_glyphs,
    own_metrics,
    save_screenshots,
)
from desktop.ui.selftest import is_thai


def test_preferences_default_to_thai_and_persist(tmp_path, thai_app):
    path = tmp_path / "preferences.ini"
    assert Preferences(path).language == THAI
    preferences = Preferences(path)
    preferences.language = ENGLISH
    preferences.sync()
    assert Preferences(path).language == ENGLISH
    with pytest.raises(ValueError):
        preferences.language = "fr"


def test_unknown_language_is_refused(thai_app):
    with pytest.raises(ValueError):
        UiLanguage(thai_app).switch("fr")


def test_desktop_app_starts_in_thai_and_saves_a_new_choice(qtbot, tmp_path, thai_app):
    preferences = Preferences(tmp_path / "preferences.ini")
    running = DesktopApp(thai_app, preferences)
    qtbot.addWidget(running.window)
    try:
        assert running.font_family == "Sarabun"
        assert running.language.language == THAI
        assert is_thai(running.window.windowTitle())
        assert running.window.language_actions[THAI].isChecked()
        running.window.language_actions[ENGLISH].trigger()
        qtbot.waitUntil(lambda: running.window.windowTitle().startswith("Porpiang"))
        assert Preferences(tmp_path / "preferences.ini").language == ENGLISH
    finally:
        running.language.switch(ENGLISH)


SCREENSHOT_NAMES = ("main-households", "main-repairs", "main-review", "main-sync", "about",
                    "household-editor", "household-new", "welcome", "unlock", "unlock-clock",
                    "create-profile", "enrol", "household-health", "consent",
                    "household-duplicate", "conflict", "survey",
                    "sync-history", "photos", "photo-viewer",
                    "repair-editor", "repairs-page")
NOT_IN_SARABUN = "\N{GRINNING FACE}\N{CJK UNIFIED IDEOGRAPH-6F22}"  # an emoji and 漢


def test_screenshots_in_both_languages(tmp_path, thai_app):
    written = save_screenshots(tmp_path / "shots", ["th", "en"])  # raises on a missing glyph
    names = sorted(path.name for path in written)
    assert names == sorted(f"{name}-{code}.png" for name in SCREENSHOT_NAMES
                           for code in ("th", "en"))
    for path in written:
        assert path.is_file()
        assert distinct_colours(QImage(str(path))) > 5, path.name


def test_sarabun_itself_lacks_the_test_characters(thai_app):
    font = QLabel().font()
    assert font.family() == "Sarabun"
    own = own_metrics(font)
    assert not any(own.inFontUcs4(ord(ch)) for ch in NOT_IN_SARABUN)
    assert all(own.inFontUcs4(ord(ch)) for ch in "กข่ำ฿ Abc—…")


def test_missing_glyphs_reports_characters_the_font_cannot_draw(qtbot, thai_app):
    window = QWidget(objectName="sample")
    qtbot.addWidget(window)
    label = QLabel(f"บ้าน {NOT_IN_SARABUN}", objectName="bad_label")
    edit = QLineEdit(objectName="edit", placeholderText="ค้นหา\u200b ชื่อ")
    layout = QVBoxLayout(window)
    layout.addWidget(label)
    layout.addWidget(edit)
    problems = missing_glyphs(window, "sample-th")
    assert problems == ["sample-th: bad_label (QLabel): U+6F22 \N{CJK UNIFIED IDEOGRAPH-6F22}",
                        "sample-th: bad_label (QLabel): U+1F600 \N{GRINNING FACE}"]
    label.hide()  # hidden texts are not pictured, so not checked
    assert missing_glyphs(window, "sample-th") == []


def test_missing_glyphs_accepts_thai_and_english(qtbot, thai_app):
    window = QWidget()
    qtbot.addWidget(window)
    window.setWindowTitle("พอเพียง — Porpiang")
    layout = QVBoxLayout(window)
    layout.addWidget(QLabel("ครัวเรือน\u200bทั้งหมด 120 ครัวเรือน · ผู้ใหญ่บ้าน ฿1,000"))
    layout.addWidget(QLabel("Head of household: 12/3, Moo 4 (BE 2567)"))
    assert missing_glyphs(window) == []
