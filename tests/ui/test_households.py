"""The Households page on a real encrypted demo profile of 300 households."""

from __future__ import annotations

import functools

import pytest
from PySide6.QtCore import QCollator, QLocale, Qt
from PySide6.QtGui import QImage, QInputMethodEvent, QKeySequence
from PySide6.QtWidgets import QApplication
from sqlalchemy import update

from desktop.services import HouseholdFilter
from desktop.services.demo import open_demo_workspace
from desktop.store.schema import household_index
from desktop.ui.households import MEMBERS, MOO, NAME, STATE, STATUS, HouseholdsPage
from desktop.ui.i18n import ENGLISH, THAI
from desktop.ui.main_window import MainWindow
from desktop.ui.screenshots import distinct_colours, grab_to_png
from desktop.ui.selftest import is_thai
from sync.records.thai import normalize_thai

HOUSEHOLDS = 300
CONFLICTS = 7


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    """The demo profile with 300 households: one changed here (pending), seven in conflict."""
    ws = open_demo_workspace(tmp_path_factory.mktemp("profiles"), households=HOUSEHOLDS)
    rows = ws.list_households(limit=HOUSEHOLDS).rows
    ws.save("household", {"notes": "ทดสอบ"}, record_id=rows[0].household_id)
    marked = [r.household_id for r in rows[10:10 + CONFLICTS * 20:20]]
    with ws.database.writer.begin() as connection:  # as a pull that lost a merge leaves it
        connection.execute(update(household_index).where(
            household_index.c.household_id.in_(marked)).values(conflict=True))
    yield ws
    ws.close()


@pytest.fixture
def window(qtbot, thai_app, workspace):
    main = MainWindow()
    qtbot.addWidget(main)
    main.resize(1100, 700)
    main.open_workspace(workspace)
    main.show()
    qtbot.waitExposed(main)
    qtbot.waitUntil(lambda: main.households_page.model.loaded)
    yield main
    main.close_workspace()


def head_names(page: HouseholdsPage) -> list[str]:
    return [row.head_name for row in page.model.rows]


def ids(rows) -> list[str]:
    return [row.household_id for row in rows]


def type_as_user(widget, text: str) -> None:
    """Thai typed one character at a time, each committed by the input method."""
    for character in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(character)
        QApplication.sendEvent(widget, event)


def wait_for_filter(qtbot, page: HouseholdsPage, **expected) -> None:
    flt = HouseholdFilter(**expected)
    qtbot.waitUntil(lambda: page.model.filter == flt and page.model.loaded
                    and not page.model.is_loading())


def test_list_shows_total_and_first_rows_in_thai_order(window, workspace):
    page = window.households_page
    assert window.current_page() is page and page.objectName() == "page_households"
    assert page.model.total == HOUSEHOLDS and page.model.rowCount() == 200
    assert page.count_label.text() == "300 households"
    assert ids(page.model.rows) == ids(workspace.list_households(limit=200).rows)
    collator = QCollator(QLocale(QLocale.Language.Thai, QLocale.Country.Thailand))
    names = head_names(page)
    in_order = sorted(names, key=functools.cmp_to_key(
        lambda a, b: collator.compare(normalize_thai(a), normalize_thai(b))))
    assert names == in_order
    assert is_thai(page.model.index(0, NAME).data())


def test_scrolling_to_the_bottom_fetches_every_page(qtbot, thai_app, workspace):
    page = HouseholdsPage(workspace, MainWindow().tasks, page_size=40)
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    qtbot.waitUntil(lambda: page.model.loaded)
    assert page.model.rowCount() == 40
    bar = page.table.verticalScrollBar()
    pages = 1
    while page.model.rowCount() < HOUSEHOLDS:
        before = page.model.rowCount()
        bar.setValue(bar.maximum())
        qtbot.waitUntil(lambda before=before: page.model.rowCount() > before)
        pages += 1
    assert pages == -(-HOUSEHOLDS // 40)
    assert not page.model.canFetchMore()
    assert ids(page.model.rows) == ids(workspace.list_households(limit=1000).rows)
    assert len(set(ids(page.model.rows))) == HOUSEHOLDS


@pytest.mark.parametrize("fragment", ["ทอ", "ศรีท"])
def test_typing_thai_narrows_the_list_after_a_pause(qtbot, window, workspace, fragment):
    page = window.households_page
    loads = []
    page.model.page_loaded.connect(lambda: loads.append(page.model.filter.query))
    page.search.setFocus()
    type_as_user(page.search, fragment)
    assert page.search.text() == fragment
    wait_for_filter(qtbot, page, query=fragment)
    assert loads == [fragment]  # one search after the pause, not one per character
    expected = workspace.list_households(HouseholdFilter(query=fragment), limit=1000)
    assert 0 < expected.total < HOUSEHOLDS
    assert ids(page.model.rows) == ids(expected.rows)
    assert page.count_label.text() == f"{expected.total} households"
    assert any(fragment in name for name in head_names(page))


def test_moo_and_conflict_filters_narrow_the_list(qtbot, window, workspace):
    page = window.households_page
    page.moo_combo.setCurrentIndex(page.moo_combo.findData(3))
    wait_for_filter(qtbot, page, moo=3)
    in_moo = workspace.list_households(HouseholdFilter(moo=3), limit=1000)
    assert 0 < len(page.model.rows) == in_moo.total < HOUSEHOLDS
    assert {page.model.index(r, MOO).data() for r in range(page.model.rowCount())} == {"3"}
    page.moo_combo.setCurrentIndex(0)
    page.conflict_check.setChecked(True)
    wait_for_filter(qtbot, page, conflict=True)
    assert page.model.total == CONFLICTS == page.model.rowCount()
    assert all("Conflict" in page.model.index(r, STATUS).data()
               for r in range(page.model.rowCount()))


def test_state_and_vulnerability_filters(qtbot, window, workspace):
    page = window.households_page
    page.state_combo.setCurrentIndex(page.state_combo.findData("returned"))
    wait_for_filter(qtbot, page, state="returned")
    assert page.model.total == workspace.count_households(HouseholdFilter(state="returned"))
    assert {row.state for row in page.model.rows} == {"returned"}
    page.vulnerability_combo.setCurrentIndex(page.vulnerability_combo.findData("elderly"))
    wait_for_filter(qtbot, page, state="returned", vulnerability="elderly")
    assert all("elderly" in row.vulnerabilities for row in page.model.rows)


def test_switching_to_thai_translates_headers_states_and_badges(qtbot, window, ui_language):
    page, model = window.households_page, window.households_page.model
    row = next(i for i, r in enumerate(model.rows) if r.pending)
    assert model.headerData(NAME, Qt.Orientation.Horizontal) == "Head of household"
    assert model.index(row, STATUS).data().startswith("Pending changes")
    ui_language.switch(THAI)
    qtbot.waitUntil(lambda: page.count_label.text() == "300 ครัวเรือน")  # LanguageChange
    assert model.headerData(NAME, Qt.Orientation.Horizontal) == "หัวหน้าครัวเรือน"
    assert all(is_thai(model.headerData(c, Qt.Orientation.Horizontal)) for c in range(6))
    assert model.index(row, STATUS).data().startswith("รอส่งข้อมูล")
    assert is_thai(model.index(row, STATE).data())
    assert is_thai(page.search.placeholderText()) and is_thai(page.moo_combo.itemText(0))
    ui_language.switch(ENGLISH)
    qtbot.waitUntil(lambda: page.count_label.text() == "300 households")
    assert model.headerData(MEMBERS, Qt.Orientation.Horizontal) == "Members"
    assert page.moo_combo.itemText(3) == "Moo 3"
    assert model.index(row, STATUS).data().startswith("Pending changes")
    assert not is_thai(model.index(row, STATE).data())


def test_ctrl_f_focuses_the_search_box(qtbot, window):
    page = window.households_page
    page.table.setFocus()
    qtbot.waitUntil(lambda: page.table.hasFocus())
    qtbot.keySequence(window, QKeySequence(QKeySequence.StandardKey.Find))
    qtbot.waitUntil(lambda: page.search.hasFocus())


def test_refresh_reloads_the_rows_shown(qtbot, window, workspace):
    page = window.households_page
    before = page.model.rowCount()
    with qtbot.waitSignal(page.model.page_loaded):
        page.refresh()
    assert page.model.rowCount() == before and page.model.total == HOUSEHOLDS


def test_thai_page_picture(qtbot, window, ui_language, tmp_path):
    ui_language.switch(THAI)
    page = window.households_page
    qtbot.waitUntil(lambda: page.count_label.text() == "300 ครัวเรือน")
    path = grab_to_png(window, tmp_path / "households-th.png")
    image = QImage(str(path))
    assert image.width() >= 1000 and distinct_colours(image) > 10
    print(f"screenshot: {path}")
