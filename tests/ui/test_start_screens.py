"""The start-up screens on real encrypted profiles, driven as a user drives them:
welcome, create a profile, unlock (password, recovery key, a wrong password, the
clock warning), enrol with a real server on 127.0.0.1, the app's flow, and the
preferences they keep."""

from __future__ import annotations

import re
import time

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication, QInputMethodEvent
from PySide6.QtWidgets import QApplication

from desktop.services import message
from desktop.services.demo import open_demo_workspace
from desktop.services.profiles import ProfileService
from desktop.services.sync import SyncService
from desktop.store.crypto import KdfParams
from desktop.store.rows import write_setting
from desktop.ui.app import DesktopApp
from desktop.ui.i18n import ENGLISH, THAI
from desktop.ui.preferences import Preferences
from desktop.ui.profile_dialogs import CreateProfileDialog, EnrolDialog
from desktop.ui.start import StartWindow
from desktop.ui.tasks import TaskRunner
from tests.ui.live_server import SERVER_PASSWORD, field_server

FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
PASSWORD = "correct horse battery"
RECOVERY_KEY = re.compile(r"^([A-Z2-9]{4}-){7}[A-Z2-9]{4}$")
DAY_MS = 86_400_000
LEFT = Qt.MouseButton.LeftButton


# -- fixtures and helpers ---------------------------------------------------------------
@pytest.fixture
def service(tmp_path):
    return ProfileService(tmp_path / "profiles", kdf=FAST_KDF)


@pytest.fixture
def opened_workspaces():
    """Workspaces a test opened; closed at its end."""
    found = []
    yield found
    for workspace in found:
        workspace.close()


@pytest.fixture
def start(qtbot, thai_app, service, tmp_path, opened_workspaces):
    """The start window on an empty profiles folder (demo: 20 households)."""
    tasks = TaskRunner()
    window = StartWindow(service, tasks, open_demo=lambda: open_demo_workspace(
        service.profiles_dir, households=20))
    window.opened.connect(opened_workspaces.append)
    qtbot.addWidget(window)
    yield window
    window.unlock.cancel()
    tasks.shutdown()


def show(qtbot, window, last_profile=None):
    window.start(last_profile)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()


def click(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, LEFT)


def tick(qtbot, box) -> None:
    """Click a check box on its indicator (its widget may be wider than its text)."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(6, box.height() // 2))


def type_thai(widget, text: str) -> None:
    """Thai typed one character at a time, each committed by the input method
    (``qtbot.keyClicks`` cannot type Thai)."""
    widget.setFocus()
    for character in text:
        event = QInputMethodEvent("", [])
        event.setCommitString(character)
        QApplication.sendEvent(widget, event)


def retype(qtbot, widget, text: str) -> None:
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, text)


def shown(label) -> str:
    return label.text().replace("\u200b", "")


def make_profile(service, name="field1", display="สมใจ ใจดี"):
    return service.create_profile(name, PASSWORD, display_name=display)


# -- create a profile ---------------------------------------------------------------------
def fill_create(qtbot, dialog, password_again: str) -> None:
    qtbot.keyClicks(dialog.inputs["name"], "malee")
    type_thai(dialog.inputs["display_name"], "มาลี ศรีสุข")
    qtbot.keyClicks(dialog.inputs["password"], PASSWORD)
    qtbot.keyClicks(dialog.inputs["password_again"], password_again)


def test_create_a_profile_shows_the_key_once_and_opens_it(qtbot, start, service,
                                                          opened_workspaces):
    show(qtbot, start)
    assert start.stack.currentWidget() is start.welcome
    assert not start.welcome.profile_box.isVisible()  # no profiles yet
    click(qtbot, start.welcome.buttons["create"])
    dialog = start.dialog
    assert isinstance(dialog, CreateProfileDialog) and dialog.isVisible()
    fill_create(qtbot, dialog, PASSWORD + "x")
    click(qtbot, dialog.submit_button)
    assert dialog.errors.text("password_again") == "The two passwords are not the same"
    assert service.list_profiles() == []
    retype(qtbot, dialog.inputs["password_again"], PASSWORD)
    click(qtbot, dialog.submit_button)
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.recovery, timeout=10_000)
    key = dialog.recovery.key.text()
    assert RECOVERY_KEY.match(key), key
    [summary] = service.list_profiles()
    assert (summary.name, summary.display_name) == ("malee", "มาลี ศรีสุข")
    assert (service.profiles_dir / "malee" / "profile.json").is_file()
    dialog.reject()  # Escape or the close button: refused until the key is acknowledged
    assert dialog.isVisible() and not opened_workspaces
    assert not dialog.recovery.continue_button.isEnabled()
    click(qtbot, dialog.recovery.copy_button)
    assert QGuiApplication.clipboard().text() == key
    tick(qtbot, dialog.recovery.written_down)
    with qtbot.waitSignal(start.opened, timeout=5_000):
        click(qtbot, dialog.recovery.continue_button)
    assert opened_workspaces[0].profile.name == "malee"
    for secret in ({"password": PASSWORD}, {"recovery_key": key}):
        opened_workspaces.append(service.unlock("malee", **secret))
    assert opened_workspaces[-1].count_households() == 0


def test_a_bad_profile_name_is_shown_beside_the_name(qtbot, start, service):
    show(qtbot, start)
    dialog = start.create_profile()
    qtbot.keyClicks(dialog.inputs["name"], "Bad Name")
    for field in ("password", "password_again"):
        qtbot.keyClicks(dialog.inputs[field], PASSWORD)
    click(qtbot, dialog.submit_button)
    qtbot.waitUntil(lambda: not dialog.busy and dialog.errors.text("name") != "")
    assert dialog.errors.text("name") == message("profile.bad_name", "en")
    assert dialog.inputs["name"].selectedText() == "Bad Name"
    assert dialog.isVisible() and service.list_profiles() == []


# -- unlock -------------------------------------------------------------------------------
def test_a_wrong_password_is_refused_beside_the_field_then_the_right_one_opens(
        qtbot, start, service, opened_workspaces):
    make_profile(service)
    show(qtbot, start, last_profile="field1")  # the last profile's unlock screen at once
    page = start.unlock
    assert start.stack.currentWidget() is page
    assert page.heading.text() == "สมใจ ใจดี" and page.secret_label.text() == "Password"
    qtbot.keyClicks(page.secret, "wrong password")
    qtbot.keyClick(page.secret, Qt.Key.Key_Return)
    assert page.busy_bar.isVisible() and not page.unlock_button.isEnabled()
    qtbot.waitUntil(lambda: page.errors.text("secret") != "", timeout=10_000)
    assert page.errors.text("secret") == message("profile.wrong_secret", "en")
    assert QApplication.focusWidget() is page.secret
    assert page.secret.selectedText() == "wrong password"
    assert not page.busy_bar.isVisible() and page.unlock_button.isEnabled()
    assert start.stack.currentWidget() is page and opened_workspaces == []
    qtbot.keyClicks(page.secret, PASSWORD)  # typed over the selected text
    with qtbot.waitSignal(start.opened, timeout=10_000):
        click(qtbot, page.unlock_button)
    assert opened_workspaces[0].profile.name == "field1"
    assert page.secret.text() == ""


def test_unlock_with_the_recovery_key(qtbot, start, service, opened_workspaces):
    key = make_profile(service).recovery_key
    make_profile(service, "other", "คนอื่น")
    show(qtbot, start)
    assert start.stack.currentWidget() is start.welcome
    names = [start.welcome.profile_list.item(r).text()
             for r in range(start.welcome.profile_list.count())]
    assert names == ["สมใจ ใจดี (profile field1)", "คนอื่น (profile other)"]
    listing = start.welcome.profile_list
    where = listing.visualItemRect(listing.item(0)).center()
    qtbot.mouseClick(listing.viewport(), LEFT, pos=where)  # a double click: press, release,
    qtbot.mouseDClick(listing.viewport(), LEFT, pos=where)  # then the second press
    page = start.unlock
    assert start.stack.currentWidget() is page and page.profile.name == "field1"
    tick(qtbot, page.use_recovery)
    assert page.secret_label.text() == "Recovery key"
    qtbot.keyClicks(page.secret, key.lower())  # typed in lower case: still the key
    with qtbot.waitSignal(start.opened, timeout=10_000):
        qtbot.keyClick(page.secret, Qt.Key.Key_Return)
    assert opened_workspaces[0].profile.name == "field1"


def set_server_time_ahead(service, name: str, ahead_ms: int) -> None:
    """The profile last saw a server time ``ahead_ms`` later than this laptop's clock."""
    workspace = service.unlock(name, password=PASSWORD)
    try:
        with workspace.database.writer.begin() as connection:
            write_setting(connection, "server_time_ms", time.time_ns() // 1_000_000 + ahead_ms)
    finally:
        workspace.close()


def test_the_clock_warning_must_be_acknowledged(qtbot, start, service, opened_workspaces,
                                                ui_language):
    make_profile(service)
    set_server_time_ahead(service, "field1", 3 * DAY_MS + 60_000)
    show(qtbot, start, last_profile="field1")
    page = start.unlock
    qtbot.keyClicks(page.secret, PASSWORD)
    qtbot.keyClick(page.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(page.warning_frame.isVisible, timeout=10_000)
    assert shown(page.warning_text) == message("clock.behind_days", "en", days=3)
    assert not page.form.isVisible() and opened_workspaces == []
    ui_language.switch(THAI)
    qtbot.waitUntil(lambda: shown(page.warning_text) == message("clock.behind_days", "th",
                                                                  days=3))
    ui_language.switch(ENGLISH)
    with qtbot.waitSignal(start.opened, timeout=5_000):
        click(qtbot, page.acknowledge_button)
    assert opened_workspaces[0].profile.name == "field1"
    assert not page.warning_frame.isVisible()


def test_a_clock_within_five_minutes_shows_no_warning(qtbot, start, service,
                                                      opened_workspaces):
    make_profile(service)
    set_server_time_ahead(service, "field1", 4 * 60_000)
    show(qtbot, start, last_profile="field1")
    qtbot.keyClicks(start.unlock.secret, PASSWORD)
    with qtbot.waitSignal(start.opened, timeout=10_000):
        qtbot.keyClick(start.unlock.secret, Qt.Key.Key_Return)
    assert not start.unlock.warning_frame.isVisible()


# -- enrol with a real server -------------------------------------------------------------
@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """A real server with the field worker somchai of tambon 800101, on 127.0.0.1."""
    with field_server(tmp_path_factory.mktemp("server")) as base:
        yield base


def fill_enrol(qtbot, dialog, server: str, server_password: str) -> None:
    values = {"server": server, "username": "somchai", "server_password": server_password,
              "name": "somchai", "password": PASSWORD, "password_again": PASSWORD}
    for name, value in values.items():
        qtbot.keyClicks(dialog.inputs[name], value)


def test_enrol_with_a_wrong_password_then_the_right_one(qtbot, start, service, server,
                                                        opened_workspaces):
    show(qtbot, start)
    click(qtbot, start.welcome.buttons["enrol"])
    dialog = start.dialog
    assert isinstance(dialog, EnrolDialog)
    fill_enrol(qtbot, dialog, server, "not the password")
    click(qtbot, dialog.submit_button)
    qtbot.waitUntil(lambda: not dialog.busy, timeout=20_000)
    assert dialog.errors.text("server_password") == message("auth.bad_credentials", "en")
    assert QApplication.focusWidget() is dialog.inputs["server_password"]
    assert dialog.isVisible() and dialog.stack.currentWidget() is not dialog.recovery
    assert service.list_profiles() == []  # the profile made for the login is gone
    assert not (service.profiles_dir / "somchai").exists()
    qtbot.keyClicks(dialog.inputs["server_password"], SERVER_PASSWORD)
    click(qtbot, dialog.submit_button)
    qtbot.waitUntil(lambda: dialog.stack.currentWidget() is dialog.recovery, timeout=20_000)
    assert shown(dialog.recovery.note) == "Logged in to the server as สมชาย (field_worker)."
    assert RECOVERY_KEY.match(dialog.recovery.key.text())
    tick(qtbot, dialog.recovery.written_down)
    with qtbot.waitSignal(start.opened, timeout=5_000):
        click(qtbot, dialog.recovery.continue_button)
    workspace = opened_workspaces[0]
    sync = SyncService(workspace)
    assert sync.server_url == server and workspace.role == "field_worker"
    assert sync.run().ok  # the device the dialog registered really syncs


def test_enrol_asks_for_the_server_address_before_anything_is_made(qtbot, start, service):
    show(qtbot, start)
    dialog = start.enrol()
    fill_enrol(qtbot, dialog, "", SERVER_PASSWORD)
    click(qtbot, dialog.submit_button)  # nothing typed in the address: checked here
    assert dialog.errors.text("server") == "Enter the server's address"
    assert not dialog.busy and service.list_profiles() == []


# -- the application ----------------------------------------------------------------------
@pytest.fixture
def desktop_app(qtbot, thai_app, tmp_path, service, ui_language):
    preferences = Preferences(tmp_path / "preferences.ini")
    preferences.language = ENGLISH
    running = DesktopApp(thai_app, preferences, profiles=service,
                         open_demo=lambda: open_demo_workspace(service.profiles_dir,
                                                               households=20))
    qtbot.addWidget(running.window)
    qtbot.addWidget(running.start_window)
    yield running
    running.shut_down()
    running.tasks.shutdown()


def test_the_app_opens_the_demo_then_switches_to_the_last_profile(qtbot, desktop_app,
                                                                  service, tmp_path):
    running = desktop_app
    make_profile(service)
    start = running.show_start()
    assert start.stack.currentWidget() is start.welcome  # no profile used yet
    click(qtbot, start.welcome.buttons["demo"])
    qtbot.waitUntil(running.window.isVisible, timeout=30_000)
    assert not start.isVisible() and running.workspace.profile.demo
    assert running.window.profile_label.text() == "Demo profile (never syncs): 20 households"
    running.window.switch_profile_action.trigger()
    assert start.isVisible() and not running.window.isVisible()
    assert running.workspace is None and running.window.households_page is None
    assert start.welcome.selected().name == "demo"  # the last used, selected
    start.welcome.profile_list.setCurrentRow(1)  # field1
    click(qtbot, start.welcome.open_button)
    qtbot.keyClicks(start.unlock.secret, PASSWORD)
    qtbot.keyClick(start.unlock.secret, Qt.Key.Key_Return)
    qtbot.waitUntil(running.window.isVisible, timeout=10_000)
    assert running.window.profile_label.text() == "Profile สมใจ ใจดี: 0 households"
    assert Preferences(tmp_path / "preferences.ini").last_profile == "field1"


def test_window_geometry_is_saved_on_close_and_restored(qtbot, desktop_app, tmp_path,
                                                        thai_app):
    window = desktop_app.window
    window.show()
    qtbot.waitExposed(window)
    window.resize(700, 450)  # inside the offscreen screen (800 × 600): not clamped
    window.move(40, 30)
    qtbot.waitUntil(lambda: window.size().width() == 700)
    geometry = window.geometry()
    window.close()
    saved = Preferences(tmp_path / "preferences.ini").window_geometry
    assert saved
    again = DesktopApp(thai_app, Preferences(tmp_path / "preferences.ini"))
    qtbot.addWidget(again.window)
    assert again.window.geometry() == geometry


# -- preferences --------------------------------------------------------------------------
def test_preferences_round_trip_through_an_ini_file(tmp_path, thai_app):
    path = tmp_path / "preferences.ini"
    fresh = Preferences(path)
    assert (fresh.window_geometry, fresh.last_profile, fresh.language) == (b"", None, THAI)
    fresh.window_geometry = b"\x01\xd9\xd0\xcb\x00\x03geometry\x00\xff"
    fresh.last_profile = "field1"
    fresh.language = ENGLISH
    fresh.sync()
    text = path.read_text(encoding="utf-8")
    assert "last=field1" in text and "geometry=@ByteArray(" in text
    read = Preferences(path)
    assert read.window_geometry == b"\x01\xd9\xd0\xcb\x00\x03geometry\x00\xff"
    assert (read.last_profile, read.language) == ("field1", ENGLISH)
    read.last_profile = None
    read.window_geometry = b""
    read.sync()
    assert "last=" not in path.read_text(encoding="utf-8")
    again = Preferences(path)
    assert (again.last_profile, again.window_geometry) == (None, b"")


def test_preferences_of_the_wrong_type_read_as_their_defaults(tmp_path, thai_app):
    path = tmp_path / "preferences.ini"
    path.write_text("[ui]\nlanguage=fr\n[window]\ngeometry=12\n[profiles]\nlast=\n",
                    encoding="utf-8")
    preferences = Preferences(path)
    assert preferences.language == THAI
    assert preferences.window_geometry == b""
    assert preferences.last_profile is None
