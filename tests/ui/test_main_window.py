"""The main window: builds, shows, navigates, and speaks Thai or English."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from desktop.ui.i18n import ENGLISH, THAI
from desktop.ui.main_window import PAGE_NAMES, MainWindow
from desktop.ui.selftest import is_thai

ENGLISH_NAVIGATION = ["Households", "Repairs", "Review", "Sync"]
THAI_NAVIGATION = ["ครัวเรือน", "งานซ่อม", "ตรวจทาน", "ซิงค์ข้อมูล"]


def navigation_texts(window: MainWindow) -> list[str]:
    return [window.navigation.item(row).text() for row in range(window.navigation.count())]


def make_window(qtbot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_window_builds_and_shows(qtbot, thai_app):
    window = make_window(qtbot)
    assert window.isVisible()
    assert window.navigation.count() == len(PAGE_NAMES) == window.pages.count()
    assert window.current_page().objectName() == "page_households"
    assert window.statusBar().currentMessage() == "Ready"
    assert window.profile_label.text() == "No profile open"


def test_navigation_switches_page(qtbot, thai_app):
    window = make_window(qtbot)
    window.navigation.setCurrentRow(2)
    assert window.current_page().objectName() == "page_review"
    window.show_page("sync")
    assert window.current_page().objectName() == "page_sync"
    assert "later version" in window.current_page().notice.text()


def test_english_texts_are_the_source_strings(qtbot, ui_language):
    ui_language.switch(ENGLISH)
    window = make_window(qtbot)
    assert window.windowTitle().startswith("Porpiang")
    assert navigation_texts(window) == ENGLISH_NAVIGATION


def test_thai_translation_gives_thai_title_and_navigation(qtbot, ui_language):
    assert ui_language.switch(THAI)
    window = make_window(qtbot)
    assert is_thai(window.windowTitle())
    assert "Porpiang" not in window.windowTitle()
    assert navigation_texts(window) == THAI_NAVIGATION
    assert is_thai(window.current_page().purpose.text())
    assert is_thai(window.file_menu.title())


def test_switching_language_retranslates_an_open_window(qtbot, ui_language):
    ui_language.switch(THAI)
    window = make_window(qtbot)
    assert navigation_texts(window) == THAI_NAVIGATION
    ui_language.switch(ENGLISH)
    qtbot.waitUntil(lambda: navigation_texts(window) == ENGLISH_NAVIGATION)
    assert window.windowTitle().startswith("Porpiang")
    ui_language.switch(THAI)
    qtbot.waitUntil(lambda: navigation_texts(window) == THAI_NAVIGATION)


def test_language_menu_asks_for_a_language(qtbot, thai_app):
    window = make_window(qtbot)
    with qtbot.waitSignal(window.language_chosen) as blocker:
        window.language_actions[THAI].trigger()
    assert blocker.args == [THAI]
    window.mark_language(ENGLISH)
    assert window.language_actions[ENGLISH].isChecked()
    assert not window.language_actions[THAI].isChecked()


def test_about_credits_geothai_and_sarabun(qtbot, thai_app):
    window = make_window(qtbot)
    dialog = window.show_about()
    qtbot.waitExposed(dialog)
    assert isinstance(dialog, QDialog) and dialog.isVisible()
    credits = " ".join(label.text() for label in dialog.credits)
    assert "GeoThai" in credits and "CC BY 4.0" in credits
    assert "Sarabun" in credits and "Open Font License" in credits
    dialog.close_button.click()
    assert not dialog.isVisible()


def test_about_is_thai_after_thai_loads(qtbot, ui_language):
    ui_language.switch(THAI)
    window = make_window(qtbot)
    dialog = window.show_about()
    qtbot.waitExposed(dialog)
    assert is_thai(dialog.windowTitle()) and is_thai(dialog.close_button.text())
    assert "GeoThai" in dialog.credits[0].text()
    dialog.close()


def test_status_bar_names_the_open_profile_in_each_language(qtbot, ui_language):
    window = make_window(qtbot)
    window.show_profile("field1", demo=False, households=1)
    assert window.profile_label.text() == "Profile field1: 1 household"
    window.show_profile("demo", demo=True, households=500)
    assert window.profile_label.text() == "Demo profile (never syncs): 500 households"
    ui_language.switch(THAI)
    qtbot.waitUntil(lambda: is_thai(window.profile_label.text()))
    assert window.profile_label.text() == "โปรไฟล์สาธิต (ไม่ซิงค์ข้อมูล): 500 ครัวเรือน"


def test_demo_opens_on_sample_households(tmp_path):
    from desktop.paths import AppPaths
    from desktop.ui.app import open_demo

    workspace = open_demo(AppPaths(tmp_path).ensure())
    try:
        assert workspace.replica.demo and workspace.count_households() == 500
        assert all(r.head_name for r in workspace.list_households(limit=20).rows)
    finally:
        workspace.close()
