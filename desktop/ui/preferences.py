"""User-interface preferences: one typed wrapper over ``QSettings``.

Stored as an INI file in the data folder (``AppPaths.preferences_file``), so
``--data-dir`` and ``PORPIANG_DATA_DIR`` move them with everything else.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from desktop.defaults import load_ui_defaults
from desktop.ui.i18n import LANGUAGES


class Preferences:
    """The preferences of this user on this machine, with their defaults declared once."""

    def __init__(self, path: Path) -> None:
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        value = self._settings.value("ui/language", load_ui_defaults().language)
        return value if value in LANGUAGES else load_ui_defaults().language

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language: {value!r}")
        self._settings.setValue("ui/language", value)

    def sync(self) -> None:
        self._settings.sync()
