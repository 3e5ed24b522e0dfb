"""Where Porpiang keeps its files: the one module that knows paths.

Two kinds of places:

* the **data folder** of this user (profiles, logs, preferences).  It comes from
  ``platformdirs`` ("porpiang"), unless ``--data-dir`` or the environment variable
  ``PORPIANG_DATA_DIR`` names another one (tests and development use that);
* the **resources** shipped with the program (translations, default settings).
  They live in the ``resources`` package of a source checkout or an installed
  wheel, and under ``sys._MEIPASS/resources`` inside a PyInstaller bundle.

Nothing here imports Qt.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "porpiang"
DATA_DIR_ENV = "PORPIANG_DATA_DIR"


def default_data_dir() -> Path:
    """The platform's data folder for Porpiang, ignoring any override."""
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def resolve_data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The data folder: ``override`` first, then ``PORPIANG_DATA_DIR``, then platformdirs."""
    if override:
        return Path(override).expanduser().resolve()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser().resolve()
    return default_data_dir()


@dataclass(frozen=True)
class AppPaths:
    """The folders of one data folder.  Reading a property creates nothing."""

    data_dir: Path

    @classmethod
    def resolve(cls, override: str | os.PathLike[str] | None = None) -> AppPaths:
        return cls(resolve_data_dir(override))

    @property
    def profiles_dir(self) -> Path:
        return self.data_dir / "profiles"

    @property
    def logs_dir(self) -> Path:
        return self.data_dir / "logs"

    @property
    def preferences_file(self) -> Path:
        return self.data_dir / "preferences.ini"

    def profile_dir(self, name: str) -> Path:
        """The folder of the profile called ``name`` (a plain folder name)."""
        if not name or name in {".", ".."} or any(c in name for c in "/\\\0"):
            raise ValueError(f"not a valid profile name: {name!r}")
        return self.profiles_dir / name

    def ensure(self) -> AppPaths:
        """Create the data, profiles and logs folders if they are missing."""
        for folder in (self.data_dir, self.profiles_dir, self.logs_dir):
            folder.mkdir(parents=True, exist_ok=True)
        return self


def is_bundled() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False)) and hasattr(sys, "_MEIPASS")


def resources_dir() -> Path:
    """The folder of the ``resources`` package, in a checkout, a wheel or a bundle."""
    if is_bundled():
        return Path(sys._MEIPASS) / "resources"  # type: ignore[attr-defined]
    import resources

    return Path(resources.__file__).resolve().parent


def translations_dir() -> Path:
    return resources_dir() / "translations"


def translation_file(language: str) -> Path:
    """The compiled translation (``.qm``) of the user interface in ``language``."""
    return translations_dir() / f"porpiang_{language}.qm"


def settings_dir() -> Path:
    return resources_dir() / "settings"


def ui_defaults_file() -> Path:
    """Defaults of the user interface (its language) for a new installation."""
    return settings_dir() / "ui_defaults.json"


def programme_defaults_file() -> Path:
    """Default programme settings per fiscal year, until real settings are synced."""
    return settings_dir() / "programme_defaults.json"
