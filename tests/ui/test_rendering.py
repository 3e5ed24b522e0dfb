"""Thai text draws as Thai glyphs with the bundled font, not as boxes."""

from __future__ import annotations

from PySide6.QtGui import QFont, QImage
from PySide6.QtWidgets import QApplication, QLabel

from desktop.ui.fonts import FAMILY, covers_thai
from desktop.ui.i18n import THAI
from desktop.ui.main_window import MainWindow
from desktop.ui.screenshots import distinct_colours, grab_to_png


def render(qtbot, text: str) -> QImage:
    label = QLabel(text)
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    return label.grab().toImage()


def test_application_font_is_sarabun_and_covers_thai(thai_app):
    assert QApplication.font().family() == FAMILY
    assert covers_thai(QFont(FAMILY))


def test_thai_label_is_not_blank(qtbot, thai_app):
    image = render(qtbot, "ครัวเรือน")
    assert not image.isNull()
    assert distinct_colours(image, step=1) > 2


def test_different_thai_words_draw_differently(qtbot, thai_app):
    # Missing glyphs draw as identical boxes: two different words of the same
    # length would then give the same picture.
    first = render(qtbot, "กขคงจ")
    second = render(qtbot, "มนษสห")
    assert first != second


def test_thai_main_window_picture(qtbot, ui_language, tmp_path):
    ui_language.switch(THAI)
    window = MainWindow()
    qtbot.addWidget(window)
    path = grab_to_png(window, tmp_path / "main-window-th.png")
    image = QImage(str(path))
    assert image.width() >= 800 and image.height() >= 600
    assert distinct_colours(image) > 10
