"""The application object: preferences, language choice, screenshots."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage

from desktop.ui.app import DesktopApp
from desktop.ui.i18n import ENGLISH, THAI, UiLanguage
from desktop.ui.preferences import Preferences
from desktop.ui.screenshots import distinct_colours, save_screenshots
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


def test_screenshots_in_both_languages(tmp_path, thai_app):
    written = save_screenshots(tmp_path / "shots", ["th", "en"])
    names = sorted(path.name for path in written)
    assert names == ["about-en.png", "about-th.png", "main-window-en.png", "main-window-th.png"]
    for path in written:
        assert distinct_colours(QImage(str(path))) > 5
