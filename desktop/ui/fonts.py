"""The bundled Thai font.

Most machines have no Thai font and would draw Thai text as boxes, so the app
registers Sarabun (SIL Open Font License, from the ``fontpkg_sarabun`` package)
before it builds the first widget, and makes it the application font.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
from PySide6.QtWidgets import QApplication

FAMILY = "Sarabun"
FONT_STYLES = ("Regular", "Italic", "Medium", "MediumItalic", "Bold", "BoldItalic")
POINT_SIZE = 11
THAI_SAMPLE = "กขคงจฉ่้๊๋ำ"


def font_files() -> list[Path]:
    import fontpkg_sarabun

    folder = Path(fontpkg_sarabun.ROOT) / "files"
    return [folder / f"{FAMILY}-{style}.ttf" for style in FONT_STYLES]


def register_thai_font() -> str | None:
    """Add the Sarabun files to Qt's font database; return the family, or None.

    Registering twice is harmless: Qt returns the same family.
    """
    families: set[str] = set()
    for path in font_files():
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id != -1:
            families.update(QFontDatabase.applicationFontFamilies(font_id))
    return FAMILY if FAMILY in families else None


def thai_font(point_size: int = POINT_SIZE) -> QFont:
    font = QFont(FAMILY)
    font.setPointSize(point_size)
    return font


def use_thai_font(app: QApplication) -> str | None:
    """Register Sarabun and make it the application font; return the family or None."""
    family = register_thai_font()
    if family:
        app.setFont(thai_font())
    return family


def covers_thai(font: QFont) -> bool:
    """True when ``font`` itself has glyphs for the Thai sample (no fallback)."""
    metrics = QFontMetrics(font)
    return all(metrics.inFontUcs4(ord(ch)) for ch in THAI_SAMPLE)
