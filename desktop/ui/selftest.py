"""``porpiang --self-test``: check an installation offscreen, one line per check.

Exit 0 only when every check passes; otherwise 1, naming the checks that failed.
Checks: a temporary encrypted profile (migrations, areas, a Thai save and search),
the shipped settings, the geography data,
the Thai font, the Thai translation, and the main window drawn to a PNG file in
the temporary folder.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QApplication

from desktop.ui.app import create_application
from desktop.ui.fonts import FAMILY, covers_thai, use_thai_font
from desktop.ui.i18n import THAI, UiLanguage, load_translator
from desktop.ui.main_window import MainWindow
from desktop.ui.screenshots import distinct_colours, grab_to_png, use_offscreen_platform

EXPECTED_AREAS = {"provinces": 77, "districts": 928, "subdistricts": 7436}
THAI_TEXT = "บ้านพอเพียง ซ่อมแซมบ้าน"
SCREENSHOT_NAME = "porpiang-self-test.png"


@dataclass(frozen=True)
class CheckResult:
    name: str
    passed: bool
    detail: str

    def line(self) -> str:
        return f"{'ok  ' if self.passed else 'FAIL'}  {self.name}: {self.detail}"


def is_thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def check_database(folder: Path) -> str:
    """A throwaway profile: SQLCipher, the migrations, the GeoThai areas, a Thai save
    and a Thai search — what every real profile needs from the installation."""
    from desktop.services import HouseholdFilter
    from desktop.services.profiles import ProfileService

    service = ProfileService(folder / "profiles")
    service.create_demo_profile("self-test")
    workspace = service.unlock("self-test")
    try:
        household = workspace.save("household", {"house_no": "1", "moo": 1},
                                   tambon="800101").record
        workspace.save("member", {"household_id": household.id, "given_name": "น้ำผึ้ง",
                                  "family_name": "ใจดี"})
        found = workspace.list_households(HouseholdFilter(query="ผึ้ง")).total
        with workspace.database.reader.connect() as connection:
            cipher = connection.exec_driver_sql("PRAGMA cipher_version").scalar_one()
            version = connection.exec_driver_sql("select sqlite_version()").scalar_one()
            areas = connection.exec_driver_sql("select count(*) from area").scalar_one()
    finally:
        workspace.close()
    if found != 1 or areas != sum(EXPECTED_AREAS.values()):
        raise AssertionError(f"found {found} households and {areas} areas")
    return (f"SQLCipher {cipher} (SQLite {version}): migrated, {areas:,} areas, "
            "saved and found a Thai name")


def check_resources() -> str:
    """The shipped settings files are there and parse."""
    import json

    from desktop import paths
    from desktop.defaults import load_ui_defaults

    defaults = load_ui_defaults()
    programme = json.loads(paths.programme_defaults_file().read_text(encoding="utf-8"))
    if "subsidy_cap_by_fiscal_year" not in programme:
        raise AssertionError("programme_defaults.json has no subsidy caps")
    return f"settings in {paths.settings_dir()} (default language {defaults.language})"


def check_geography() -> str:
    import geothai

    provinces = geothai.provinces()
    districts = [d for p in provinces for d in geothai.districts(p.code)]
    subdistricts = [s for d in districts for s in geothai.subdistricts(d.code)]
    found = {"provinces": len(provinces), "districts": len(districts),
             "subdistricts": len(subdistricts)}
    if found != EXPECTED_AREAS:
        raise AssertionError(f"found {found}, expected {EXPECTED_AREAS}")
    return f"GeoThai {geothai.DATA_VERSION}: 77 provinces, 928 districts, 7,436 subdistricts"


def check_font(family: str | None) -> str:
    if family != FAMILY:
        raise AssertionError(f"the {FAMILY} font did not register")
    font = QApplication.font()
    if font.family() != FAMILY:
        raise AssertionError(f"the application font is {font.family()!r}")
    if not covers_thai(QFont(FAMILY)):
        raise AssertionError(f"{FAMILY} has no Thai glyphs")
    return f"{FAMILY} registered, application font, covers Thai"


def check_thai_breaks() -> str:
    from desktop.text.thai_breaks import breakable, segmenter_ready

    if not segmenter_ready():
        raise AssertionError("the Thai word segmenter (thaibreak) did not load")
    marked = breakable("หลังคารั่วซึม")
    if marked != "หลังคา\u200bรั่ว\u200bซึม":
        raise AssertionError(f"Thai word breaks: {marked!r}")
    return "Thai word breaks without libthai: หลังคา|รั่ว|ซึม"


def check_photos() -> str:
    """Pillow decodes and re-encodes: a sideways camera picture comes out upright."""
    import io

    from PIL import Image

    from desktop.services.photos import prepare_photo

    picture = Image.new("RGB", (2400, 1200), (200, 60, 40))
    exif = Image.Exif()
    exif[0x0112] = 6  # the camera was held sideways
    data = io.BytesIO()
    picture.save(data, "JPEG", exif=exif)
    prepared = prepare_photo(data.getvalue(), name="self-test.jpg")
    if (prepared.width, prepared.height) != (800, 1600):
        raise AssertionError(f"photo prepared as {prepared.width}x{prepared.height}")
    return "Pillow: a 2400x1200 sideways photo stored upright at 800x1600"


def check_translation() -> str:
    translator = load_translator(THAI)
    if translator is None:
        raise AssertionError("porpiang_th.qm did not load")
    source = "Households"
    text = translator.translate("MainWindow", source)
    if not text or text == source or not is_thai(text):
        raise AssertionError(f"{source!r} translated to {text!r}")
    return f"porpiang_th.qm loaded: {source!r} -> {text!r}"


def check_window(app: QApplication, out: Path) -> str:
    UiLanguage(app).switch(THAI)
    window = MainWindow()
    try:
        title = window.windowTitle()
        if not is_thai(title):
            raise AssertionError(f"the window title is not Thai: {title!r}")
        path = grab_to_png(window, out / SCREENSHOT_NAME)
        image = QImage(str(path))
        if image.isNull() or distinct_colours(image) < 3:
            raise AssertionError(f"the picture {path} is blank")
    finally:
        window.close()
        window.deleteLater()
        QCoreApplication.processEvents()
    return f"main window shown and saved to {path}"


def run_check(name: str, check: Callable[[], str]) -> CheckResult:
    try:
        return CheckResult(name, True, check())
    except Exception as exc:  # a self-test reports every failure and goes on
        return CheckResult(name, False, f"{type(exc).__name__}: {exc}")


def run_self_test() -> int:
    use_offscreen_platform()
    app = create_application()
    family = use_thai_font(app)
    screenshot_dir = Path(tempfile.gettempdir())
    with tempfile.TemporaryDirectory(prefix="porpiang-self-test-") as folder:
        results = [
            run_check("database", lambda: check_database(Path(folder))),
            run_check("resources", check_resources),
            run_check("geography", check_geography),
            run_check("font", lambda: check_font(family)),
            run_check("translation", check_translation),
            run_check("thai breaks", check_thai_breaks),
            run_check("photos", check_photos),
            run_check("window", lambda: check_window(app, screenshot_dir)),
        ]
    for result in results:
        print(result.line())
    failed = [r.name for r in results if not r.passed]
    if failed:
        print(f"self-test failed: {', '.join(failed)}")
        return 1
    print(f"self-test passed ({len(results)} checks)")
    return 0
