"""The translations: Thai complete, in step with the code, and compiled.

``scripts/update-translations.sh`` regenerates the files; these tests fail when
someone added a string without running it, or left a Thai text unfinished.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
THAI_TS = TRANSLATIONS / "porpiang_th.ts"
LANGUAGES = ("th", "en")
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%n|%\d")


def tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is not installed (it comes with PySide6)")
    return found


def texts(message: ET.Element) -> list[str]:
    """The translated text, or each plural form's text."""
    translation = message.find("translation")
    forms = translation.findall("numerusform")
    return [f.text or "" for f in forms] if forms else [translation.text or ""]


def messages(ts: Path) -> list[ET.Element]:
    """The live messages of a .ts file (not the vanished or obsolete ones)."""
    found = []
    for message in ET.parse(ts).iter("message"):
        kind = message.find("translation").get("type")
        if kind not in ("vanished", "obsolete"):
            found.append(message)
    return found


def sources(ts: Path) -> set[tuple[str, str]]:
    return {
        (context.findtext("name"), message.findtext("source"))
        for context in ET.parse(ts).iter("context")
        for message in context.iter("message")
        if message.find("translation").get("type") not in ("vanished", "obsolete")
    }


def ui_sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in (ROOT / "desktop" / "ui").rglob("*.py"))


def test_every_thai_message_is_translated_and_finished():
    found = messages(THAI_TS)
    assert found, "porpiang_th.ts has no messages"
    for message in found:
        translation = message.find("translation")
        source = message.findtext("source")
        assert all(text.strip() for text in texts(message)), f"no Thai text for {source!r}"
        assert translation.get("type") is None, f"{source!r} is {translation.get('type')}"


def test_thai_keeps_the_placeholders():
    for message in messages(THAI_TS):
        source = message.findtext("source")
        for text in texts(message):
            assert sorted(PLACEHOLDER.findall(source)) == sorted(PLACEHOLDER.findall(text)), source


def test_every_tr_string_in_the_ui_is_in_the_ts_file(tmp_path):
    fresh = tmp_path / "porpiang_th.ts"
    shutil.copy(THAI_TS, fresh)
    subprocess.run(
        [tool("pyside6-lupdate"), "-silent", "-no-obsolete", "-locations", "none",
         *ui_sources(), "-ts", str(fresh)],
        cwd=ROOT, check=True, capture_output=True, timeout=120,
    )
    committed, extracted = sources(THAI_TS), sources(fresh)
    assert extracted - committed == set(), "run scripts/update-translations.sh"
    assert committed - extracted == set(), "strings no longer in the code: run the script"


@pytest.mark.parametrize("language", LANGUAGES)
def test_committed_qm_is_a_fresh_compile_of_the_ts(language, tmp_path):
    ts = TRANSLATIONS / f"porpiang_{language}.ts"
    fresh = tmp_path / f"porpiang_{language}.qm"
    subprocess.run([tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(fresh)],
                   check=True, capture_output=True, timeout=120)
    committed = TRANSLATIONS / f"porpiang_{language}.qm"
    assert committed.read_bytes() == fresh.read_bytes(), "run scripts/update-translations.sh"


def test_compiled_thai_translates_every_message():
    from PySide6.QtCore import QTranslator

    translator = QTranslator()
    assert translator.load(str(TRANSLATIONS / "porpiang_th.qm"))
    for context, source in sources(THAI_TS):
        assert translator.translate(context, source), f"{context}: {source!r}"
