"""``porpiang screenshots``: pictures of the windows, drawn offscreen, as PNG files.

The windows are shown on a demo replica: a demo profile with a few invented
households, made in a temporary data folder that is removed afterwards (the
user's own data folder is never touched).  For each language the command saves
the main window on each page, the About box, the household editor for a demo
household and for a new one, and the start-up screens: the welcome screen, the
unlock screen (after a wrong password, and with the clock warning), the "Create a
profile" dialog showing a new profile's recovery key, and the "Enrol with a
server" dialog filled in, with a refused login's message.

Before each picture every visible text of the window is checked against the
font it is drawn in: a character the font itself has no glyph for (Qt's fallback
to other fonts of the machine does not count, since a field laptop may have none)
is reported, and the command fails once all pictures are saved.
"""

from __future__ import annotations

import os
import tempfile
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from PySide6.QtCore import QAbstractListModel, QLocale, QModelIndex, Qt
from PySide6.QtGui import QFont, QFontMetrics, QImage
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenuBar,
    QStatusBar,
    QTabBar,
    QWidget,
)

from desktop.paths import AppPaths
from desktop.services import ServiceError
from desktop.services.models import ProfileSummary
from desktop.services.profiles import ProfileService
from desktop.store.crypto import FAST_KDF
from desktop.ui.about import AboutDialog
from desktop.ui.app import create_application
from desktop.ui.fonts import use_thai_font
from desktop.ui.household_editor import HouseholdEditor
from desktop.ui.i18n import UiLanguage
from desktop.ui.main_window import PAGE_NAMES, MainWindow
from desktop.ui.profile_dialogs import CreateProfileDialog, EnrolDialog
from desktop.ui.screenshots_people import (
    shoot_conflict,
    shoot_consent,
    shoot_duplicate,
    shoot_health,
)
from desktop.ui.screenshots_photos import shoot_photos
from desktop.ui.screenshots_repairs import shoot_repairs
from desktop.ui.screenshots_survey import shoot_survey
from desktop.ui.screenshots_sync import shoot_sync
from desktop.ui.start import StartWindow
from desktop.ui.start_parts import error_text
from desktop.ui.tasks import TaskRunner
from sync.records.errors import Issue

SCREENSHOT_HOUSEHOLDS = 120  # enough for a full first page of the list, quick to make
SAMPLE_PASSWORD = "a long password 1"
SAMPLE_CLOCK_ISSUE = Issue("clock.behind_days", None, {"days": 412})
LOAD_TIMEOUT_S = 30.0
# Characters that draw nothing of their own: format characters (U+200B, the word
# breaks the Thai wrapping inserts), spaces and controls.
SILENT_CATEGORIES = frozenset({"Cf", "Cc", "Zs", "Zl", "Zp"})
DISPLAY = Qt.ItemDataRole.DisplayRole


class MissingGlyphsError(RuntimeError):
    """Visible texts have characters their font cannot draw; ``problems`` lists them."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        listed = "\n".join(f"  {problem}" for problem in self.problems)
        super().__init__(f"{len(self.problems)} visible character(s) the font cannot "
                         f"draw:\n{listed}")


def use_offscreen_platform() -> None:
    """Draw without a screen unless the caller chose a Qt platform already."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def settle(rounds: int = 3) -> None:
    """Deliver posted events (language changes, layout requests) until things rest."""
    for _ in range(rounds):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def wait_until(condition: Callable[[], bool], what: str,
               timeout_s: float = LOAD_TIMEOUT_S) -> None:
    """Process events until ``condition()`` holds; TimeoutError after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"gave up waiting for {what} after {timeout_s:.0f} s")
        QApplication.processEvents()
        time.sleep(0.005)
    settle()


def grab_to_png(widget: QWidget, path: Path) -> Path:
    """Show ``widget``, let it lay itself out, and save what it draws to ``path``."""
    widget.show()
    settle()
    pixmap = widget.grab()
    if pixmap.isNull() or not pixmap.save(str(path), "PNG"):
        raise OSError(f"could not save a picture of {widget.objectName()} to {path}")
    return path


def distinct_colours(image: QImage, step: int = 4) -> int:
    """How many different colours a sample of the image's pixels has (1 means blank)."""
    colours = set()
    for y in range(0, image.height(), step):
        for x in range(0, image.width(), step):
            colours.add(image.pixel(x, y))
    return len(colours)


# -- glyph coverage -------------------------------------------------------------------
def own_metrics(font: QFont) -> QFontMetrics:
    """Metrics of ``font`` alone: no fallback to the other fonts of the machine.

    ``QFontMetrics(font).inFontUcs4`` answers for the font *and* its fallbacks
    (an emoji is "in" Sarabun when DejaVu Sans is installed); with font merging
    off it answers for the font's own glyphs.
    """
    alone = QFont(font)
    alone.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    return QFontMetrics(alone)


def _visible_rows(view: QAbstractItemView) -> Iterator[QModelIndex]:
    model, area = view.model(), view.viewport().rect()
    if model is None:
        return
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(QModelIndex())
    for row in range(model.rowCount(QModelIndex())):
        first = view.visualRect(model.index(row, 0))
        if first.isValid() and first.top() > area.bottom():
            break  # rows below the viewport: lists lay rows out top to bottom
        for column in range(columns):
            index = model.index(row, column)
            if view.visualRect(index).intersects(area):
                yield index


def widget_texts(widget: QWidget) -> list[str]:
    """The texts ``widget`` itself shows (not those of its child widgets)."""
    texts: list[str] = []
    if widget.isWindow():
        texts.append(widget.windowTitle())
    if isinstance(widget, QLabel | QAbstractButton):
        texts.append(widget.text())
    if isinstance(widget, QLineEdit):
        texts += [widget.text(), widget.placeholderText()]
    if isinstance(widget, QComboBox):
        texts += [widget.itemText(i) for i in range(widget.count())]
    if isinstance(widget, QGroupBox):
        texts.append(widget.title())
    if isinstance(widget, QTabBar):
        texts += [widget.tabText(i) for i in range(widget.count())]
    if isinstance(widget, QMenuBar):
        texts += [action.text() for action in widget.actions() if action.isVisible()]
    if isinstance(widget, QStatusBar):
        texts.append(widget.currentMessage())
    if isinstance(widget, QHeaderView):
        model = widget.model()
        if model is not None:
            texts += [str(model.headerData(s, widget.orientation(), DISPLAY) or "")
                      for s in range(widget.count()) if not widget.isSectionHidden(s)]
    elif isinstance(widget, QAbstractItemView):
        texts += [str(index.data(DISPLAY) or "") for index in _visible_rows(widget)]
    return texts


def _shown_widgets(root: QWidget) -> Iterator[QWidget]:
    yield root
    for child in root.findChildren(QWidget):
        if child.isVisibleTo(root):
            yield child


def missing_glyphs(root: QWidget, window: str | None = None) -> list[str]:
    """Each visible character under ``root`` that its widget's font cannot draw.

    One line per (widget, character): ``"window: widget (Class): U+XXXX c"``.
    Whitespace and format characters (U+200B and the like) are not checked.
    """
    window = window or root.objectName() or type(root).__name__
    metrics: dict[str, QFontMetrics] = {}
    problems: list[str] = []
    for widget in _shown_widgets(root):
        characters = {ch for text in widget_texts(widget) for ch in text
                      if unicodedata.category(ch) not in SILENT_CATEGORIES}
        if not characters:
            continue
        font = widget.font()
        own = metrics.setdefault(font.key(), own_metrics(font))
        name = widget.objectName() or "(no name)"
        for ch in sorted(characters):
            if not own.inFontUcs4(ord(ch)):
                problems.append(f"{window}: {name} ({type(widget).__name__}): "
                                f"U+{ord(ch):04X} {ch}")
    return problems


# -- the pictures -----------------------------------------------------------------------
class Photographer:
    """Saves pictures into ``out`` and keeps the glyph problems found on the way."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.written: list[Path] = []
        self.problems: list[str] = []

    def shoot(self, widget: QWidget, name: str) -> Path:
        widget.show()
        settle()
        self.problems += missing_glyphs(widget, name)
        path = grab_to_png(widget, self.out / f"{name}.png")
        self.written.append(path)
        return path


def demo_household(workspace) -> str:
    """The id of a demo household with several members (the most of the first page)."""
    rows = workspace.list_households(limit=50).rows
    if not rows:
        raise RuntimeError("the demo profile has no households")
    return max(rows, key=lambda row: row.member_count).household_id


def shoot_editor(camera: Photographer, editor: HouseholdEditor, name: str,
                 member: int = 0) -> None:
    try:
        if editor.members.rows:
            editor.select_member(min(member, len(editor.members.rows) - 1))
        editor.show()
        editor.table.setFocus(Qt.FocusReason.OtherFocusReason)  # no text caret in a field
        camera.shoot(editor, name)
    finally:
        editor.autosave_timer.stop()  # a picture is no edit: no draft is written
        editor.writes.pool.waitForDone()
        editor.hide()
        editor.deleteLater()


def shoot_language(camera: Photographer, window: MainWindow, code: str,
                   household_id: str) -> None:
    for page in PAGE_NAMES:
        window.show_page(page)
        camera.shoot(window, f"main-{page}-{code}")
    window.show_page("households")
    about = AboutDialog(window)
    try:
        camera.shoot(about, f"about-{code}")
    finally:
        about.close()
        about.deleteLater()
    workspace = window.workspace
    shoot_editor(camera, HouseholdEditor(workspace, window, household_id=household_id),
                 f"household-editor-{code}", member=1)
    shoot_editor(camera, HouseholdEditor(workspace, window), f"household-new-{code}")

    def shoot(editor: HouseholdEditor, name: str, member: int) -> None:
        shoot_editor(camera, editor, name, member)

    shoot_health(shoot, workspace, window, household_id, code)
    shoot_consent(camera.shoot, window, code)
    shoot_duplicate(shoot, workspace, window, household_id, code, wait_until)
    shoot_conflict(camera.shoot, workspace, window, household_id, code)
    shoot_survey(camera.shoot, workspace, window, household_id, code)
    shoot_photos(camera.shoot, workspace, window.tasks, window, household_id, code)
    shoot_repairs(camera.shoot, workspace, window.tasks, window, household_id, code)


# -- the start-up screens -----------------------------------------------------------------
def shoot_unlock(camera: Photographer, start: StartWindow, profile: ProfileSummary,
                 code: str) -> None:
    """The unlock screen after a real wrong password, then with the clock warning."""
    start.choose(profile)
    start.unlock.secret.setText("not the password")
    start.unlock.unlock()
    wait_until(lambda: not start.unlock.busy, "the wrong password to be refused")
    camera.shoot(start, f"unlock-{code}")
    start.unlock.show_clock_warning(SAMPLE_CLOCK_ISSUE)
    camera.shoot(start, f"unlock-clock-{code}")
    start.unlock.set_profile(profile)


def shoot_create(camera: Photographer, creator: ProfileService, tasks: TaskRunner,
                 parent: QWidget, code: str) -> None:
    """A profile really created through the dialog, its recovery key on show."""
    dialog = CreateProfileDialog(creator, tasks, parent)
    values = {"name": f"malee-{code}", "display_name": "มาลี ศรีสุข",
              "password": SAMPLE_PASSWORD, "password_again": SAMPLE_PASSWORD}
    for name, value in values.items():
        dialog.inputs[name].setText(value)
    dialog.submit()
    wait_until(lambda: not dialog.busy, "the profile to be created")
    try:
        camera.shoot(dialog, f"create-profile-{code}")
    finally:
        dialog.recovery.written_down.setChecked(True)
        dialog.recovery.continue_button.click()
        if dialog.workspace is not None:
            dialog.workspace.close()
        dialog.deleteLater()


def shoot_enrol(camera: Photographer, creator: ProfileService, tasks: TaskRunner,
                parent: QWidget, code: str) -> None:
    """The enrol dialog filled in, with the message of a refused login (nothing is
    sent: the picture is of the form)."""
    dialog = EnrolDialog(creator, tasks, parent)
    values = {"server": "https://porpiang.example.org", "username": "somchai",
              "server_password": SAMPLE_PASSWORD, "name": "somchai",
              "password": SAMPLE_PASSWORD, "password_again": SAMPLE_PASSWORD}
    for name, value in values.items():
        dialog.inputs[name].setText(value)
    dialog.errors.show("server_password", error_text(ServiceError("auth.bad_credentials")))
    try:
        camera.shoot(dialog, f"enrol-{code}")
    finally:
        dialog.close()
        dialog.deleteLater()


def shoot_start(camera: Photographer, start: StartWindow, creator: ProfileService,
                profile: ProfileSummary, code: str) -> None:
    start.show_welcome(selected=profile.name)
    camera.shoot(start, f"welcome-{code}")
    shoot_unlock(camera, start, profile, code)
    shoot_create(camera, creator, start.tasks, start, code)
    shoot_enrol(camera, creator, start.tasks, start, code)
    start.show_welcome(selected=profile.name)


def start_window(folder: Path, workspace) -> tuple[StartWindow, ProfileService, ProfileSummary]:
    """A start window on the demo folder with one more profile in it, and a service
    on another folder for the profiles the create dialog makes."""
    service = ProfileService(folder / "profiles", kdf=FAST_KDF)
    summary = service.create_profile("somchai", SAMPLE_PASSWORD,
                                     display_name="สมชาย ใจดี").profile
    start = StartWindow(service, TaskRunner(), open_demo=lambda: workspace)
    return start, ProfileService(folder / "created", kdf=FAST_KDF), summary


def close_windows(start: StartWindow, window: MainWindow) -> None:
    start.close()
    start.deleteLater()
    window.close_workspace()
    window.close()
    window.deleteLater()
    settle()


def save_screenshots(out: Path, languages: Iterable[str], *,
                     households: int = SCREENSHOT_HOUSEHOLDS) -> list[Path]:
    """Save every window in each language, on a demo replica; return the files.

    Raises :class:`MissingGlyphsError` (after saving every picture) when a visible
    text has a character its font cannot draw.
    """
    from desktop.services.demo import open_demo_workspace

    use_offscreen_platform()
    app = create_application()
    use_thai_font(app)
    language = UiLanguage(app)
    language_before = "th" if QLocale().language() == QLocale.Language.Thai else "en"
    out.mkdir(parents=True, exist_ok=True)
    camera = Photographer(out)
    with tempfile.TemporaryDirectory(prefix="porpiang-screenshots-") as folder:
        paths = AppPaths(Path(folder)).ensure()
        workspace = open_demo_workspace(paths.profiles_dir, households=households)
        start, creator, profile = start_window(Path(folder), workspace)
        window = MainWindow()
        try:
            window.show_profile(workspace.profile.display_name, demo=True,
                                households=workspace.count_households())
            page = window.open_workspace(workspace)
            window.show()
            wait_until(lambda: page.model.loaded and page.model.rowCount() > 0,
                       "the first page of households")
            household_id = demo_household(workspace)
            for code in languages:
                language.switch(code)
                window.mark_language(code)
                start.mark_language(code)
                settle()
                shoot_language(camera, window, code, household_id)
                shoot_sync(camera.shoot, Path(folder), wait_until, code)
                shoot_start(camera, start, creator, profile, code)
        finally:
            close_windows(start, window)
            workspace.close()
            language.switch(language_before)  # a failure midway leaves no language behind
    if camera.problems:
        raise MissingGlyphsError(camera.problems)
    return camera.written
