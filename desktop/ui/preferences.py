"""User-interface preferences: one typed wrapper over ``QSettings``.

Stored as an INI file in the data folder (``AppPaths.preferences_file``), so
``--data-dir`` and ``PORPIANG_DATA_DIR`` move them with everything else.  Each
preference has one key and one default, declared once in :data:`KEYS`; a value
of the wrong type in the file (edited by hand, written by another version) reads
as the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from desktop.defaults import load_ui_defaults
from desktop.ui.i18n import LANGUAGES


@dataclass(frozen=True)
class Key:
    """Where a preference lives in the INI file, and what it is when not set."""

    name: str
    default: object


KEYS = {
    "language": Key("ui/language", None),  # None: the shipped default (ui_defaults.json)
    "window_geometry": Key("window/geometry", b""),  # QWidget.saveGeometry(); b"": none
    "last_profile": Key("profiles/last", None),  # the name of the profile last opened
}


class Preferences:
    """The preferences of this user on this machine, with their defaults declared once."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._settings = QSettings(str(path), QSettings.Format.IniFormat)

    def _read(self, field: str) -> object:
        key = KEYS[field]
        return self._settings.value(key.name, key.default)

    def _write(self, field: str, value: object) -> None:
        if value is None or value == KEYS[field].default:
            self._settings.remove(KEYS[field].name)
        else:
            self._settings.setValue(KEYS[field].name, value)

    @property
    def language(self) -> str:
        value = self._read("language")
        return value if value in LANGUAGES else load_ui_defaults().language

    @language.setter
    def language(self, value: str) -> None:
        if value not in LANGUAGES:
            raise ValueError(f"unknown language: {value!r}")
        self._settings.setValue(KEYS["language"].name, value)

    @property
    def window_geometry(self) -> bytes:
        """The main window's geometry as ``QWidget.saveGeometry`` gave it; b"" if none."""
        value = self._read("window_geometry")
        if isinstance(value, QByteArray):
            return bytes(value.data())
        return value if isinstance(value, bytes) else b""

    @window_geometry.setter
    def window_geometry(self, value: bytes) -> None:
        self._write("window_geometry", QByteArray(bytes(value)) if value else None)

    @property
    def last_profile(self) -> str | None:
        """The name of the profile opened last, or None."""
        value = self._read("last_profile")
        return value if isinstance(value, str) and value else None

    @last_profile.setter
    def last_profile(self, value: str | None) -> None:
        self._write("last_profile", value or None)

    def sync(self) -> None:
        self._settings.sync()
