"""The user-interface defaults shipped in ``resources/settings/ui_defaults.json``.

What a new installation starts from before the user chooses otherwise (the
choices themselves are kept by ``desktop.ui.preferences``).  Programme settings
are another file (``programme_defaults.json``) read through ``sync.records``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from desktop import paths


@dataclass(frozen=True)
class UiDefaults:
    language: str
    languages: tuple[str, ...]


def parse_ui_defaults(data: dict) -> UiDefaults:
    languages = tuple(data["languages"])
    if data["language"] not in languages:
        raise ValueError(f"default language {data['language']!r} is not in {languages}")
    return UiDefaults(language=data["language"], languages=languages)


@cache
def load_ui_defaults(path: Path | None = None) -> UiDefaults:
    """Read the shipped defaults (``path`` overrides the file, for tests)."""
    source = path or paths.ui_defaults_file()
    return parse_ui_defaults(json.loads(source.read_text(encoding="utf-8")))
