"""``porpiang screenshots``: pictures of the windows, drawn offscreen, as PNG files."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ui.about import AboutDialog
from desktop.ui.app import create_application
from desktop.ui.fonts import use_thai_font
from desktop.ui.i18n import UiLanguage
from desktop.ui.main_window import MainWindow


def use_offscreen_platform() -> None:
    """Draw without a screen unless the caller chose a Qt platform already."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def settle(rounds: int = 3) -> None:
    """Deliver posted events (language changes, layout requests) until things rest."""
    for _ in range(rounds):
        QApplication.sendPostedEvents()
        QApplication.processEvents()


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


def save_screenshots(out: Path, languages: Iterable[str]) -> list[Path]:
    """Save the main window and the About box in each language; return the files."""
    use_offscreen_platform()
    app = create_application()
    use_thai_font(app)
    language = UiLanguage(app)
    out.mkdir(parents=True, exist_ok=True)
    window = MainWindow()
    written = []
    for code in languages:
        language.switch(code)
        window.mark_language(code)
        written.append(grab_to_png(window, out / f"main-window-{code}.png"))
        about = AboutDialog(window)
        written.append(grab_to_png(about, out / f"about-{code}.png"))
        about.close()
        about.deleteLater()
    window.close()
    return written
