"""Fixtures for widget tests: one QApplication (pytest-qt's) with the Thai font.

The language is reset to English after each test that switches it, so tests do
not depend on their order.  No fixture builds the main window for every test.
"""

from __future__ import annotations

import pytest

from desktop.ui.fonts import use_thai_font
from desktop.ui.i18n import ENGLISH, UiLanguage


@pytest.fixture(scope="session")
def thai_app(qapp):
    """The test QApplication, with Sarabun registered and set as its font."""
    family = use_thai_font(qapp)
    assert family == "Sarabun"
    return qapp


@pytest.fixture
def ui_language(thai_app):
    """Switches the application's language; back to English after the test."""
    language = UiLanguage(thai_app)
    yield language
    language.switch(ENGLISH)
