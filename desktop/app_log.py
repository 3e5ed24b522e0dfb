"""The desktop app's log: what it did, never what was typed.

``configure(paths)`` sends the ``porpiang`` loggers (and this package's modules) at
INFO to standard error and to ``<data folder>/logs/porpiang.log`` (1 MB, three old
files kept).  Lines name records by id only — no names, ID numbers or other
personal data — so the log can be sent with a bug report.  Support and the crash
tests read lines such as ``draft saved <id>`` and ``draft reopened <id>``.
"""

from __future__ import annotations

import logging
import logging.handlers

from desktop.paths import AppPaths

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOGGERS = ("porpiang", "desktop")
LOG_FILE = "porpiang.log"
MAX_BYTES = 1_000_000
BACKUPS = 3


def configure(paths: AppPaths, *, level: int = logging.INFO) -> list[logging.Handler]:
    """Attach the stderr and file handlers once (a second call changes nothing)."""
    paths.ensure()
    formatter = logging.Formatter(FORMAT)
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    handlers.append(logging.handlers.RotatingFileHandler(
        paths.logs_dir / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"))
    for handler in handlers:
        handler.setFormatter(formatter)
    for name in LOGGERS:
        logger = logging.getLogger(name)
        if any(getattr(h, "_porpiang", False) for h in logger.handlers):
            continue
        logger.setLevel(level)
        for handler in handlers:
            handler._porpiang = True  # type: ignore[attr-defined]
            logger.addHandler(handler)
    return handlers
