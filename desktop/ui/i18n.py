"""The user-interface language: one Porpiang translator installed at a time.

Thai is the default and is complete; English is the language of the source
strings, so its translation file may be empty.  Installing a translator sends a
``LanguageChange`` event to every widget, and the widgets retranslate themselves.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from desktop.paths import translation_file

THAI, ENGLISH = "th", "en"
LANGUAGES = (THAI, ENGLISH)
LOCALES = {THAI: QLocale(QLocale.Language.Thai, QLocale.Country.Thailand),
           ENGLISH: QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)}


def load_translator(language: str, parent=None) -> QTranslator | None:
    """A translator loaded from ``porpiang_<language>.qm``, or None if it does not load."""
    translator = QTranslator(parent)
    if translator.load(str(translation_file(language))):
        return translator
    return None


# The one Porpiang translator installed, whichever UiLanguage installed it: two
# switches through two objects must never leave two translators (the older one would
# answer every string the newer one lacks, in the other language).
_installed: QTranslator | None = None


class UiLanguage:
    """Switches the application between the languages of :data:`LANGUAGES`."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self.language: str | None = None

    def switch(self, language: str) -> bool:
        """Install ``language``; False if its translation is missing (English still works)."""
        if language not in LANGUAGES:
            raise ValueError(f"unknown language: {language!r}")
        # The locale first: the language-change events that (un)installing sends must
        # find it, for texts that follow the locale (enum labels, month names).
        QLocale.setDefault(LOCALES[language])
        global _installed
        if _installed is not None:
            self._app.removeTranslator(_installed)
            _installed = None
        translator = load_translator(language, self._app)
        if translator is not None:
            self._app.installTranslator(translator)
            _installed = translator
        self.language = language
        return translator is not None or language == ENGLISH
