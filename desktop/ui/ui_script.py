"""Scripted input for crash tests: the app acts out a list of steps as a user would.

Only when ``PORPIANG_UI_SCRIPT`` names a JSON file (a list of steps) does the app
read it, once the households page is shown.  A step is one of:

- ``{"do": "add_household"}`` — Add household (the editor opens);
- ``{"do": "type", "widget": NAME, "text": TEXT}`` — TEXT typed one character at a
  time into the widget of that object name in the editor in front, each character
  committed through the input method as a Thai keyboard does;
- ``{"do": "wait", "ms": N}``.

Steps run on the GUI thread's event loop, ``STEP_MS`` apart, so timers (autosave)
fire between them just as they do between a person's keystrokes.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget

from desktop.ui.household_editor import HouseholdEditor
from desktop.ui.households import HouseholdsPage

ENVIRONMENT = "PORPIANG_UI_SCRIPT"
STEP_MS = 120
log = logging.getLogger("porpiang.ui_script")


def load_steps(path: Path) -> list[dict[str, Any]]:
    steps = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(steps, list) or not all(isinstance(s, dict) for s in steps):
        raise ValueError(f"{path}: a UI script is a JSON list of steps")
    return steps


class UiScript(QObject):
    """Plays ``steps`` on ``page``; one character of typing is one step."""

    def __init__(self, page: HouseholdsPage, steps: list[dict[str, Any]]) -> None:
        super().__init__(page)
        self.page = page
        self.steps = self._expand(steps)
        self.timer = QTimer(self, singleShot=True, interval=STEP_MS)
        self.timer.timeout.connect(self._next)

    @staticmethod
    def _expand(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
        out = []
        for step in steps:
            if step.get("do") == "type":
                out += [{**step, "text": ch} for ch in str(step.get("text", ""))]
            else:
                out.append(step)
        return out

    def start(self) -> None:
        log.info("ui script: %d steps", len(self.steps))
        self.timer.start()

    def _next(self) -> None:
        if not self.steps:
            log.info("ui script: done")
            return
        step = self.steps.pop(0)
        action = step.get("do")
        if action == "add_household":
            self.page.open_editor(None)
        elif action == "type":
            self._type(str(step["widget"]), step["text"])
        elif action == "wait":
            self.timer.start(int(step.get("ms", 0)))
            return
        else:
            raise ValueError(f"unknown UI script step: {step!r}")
        self.timer.start(STEP_MS)

    def _type(self, name: str, text: str) -> None:
        editors = [e for e in self.page.findChildren(HouseholdEditor) if e.isVisible()]
        if not editors:
            raise RuntimeError("no household editor is open")
        widget = editors[-1].findChild(QWidget, name)
        if widget is None:
            raise RuntimeError(f"no widget named {name!r} in the editor")
        widget.setFocus()
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QApplication.sendEvent(widget, event)


def start_from_environment(page: HouseholdsPage) -> UiScript | None:
    """Play the script ``PORPIANG_UI_SCRIPT`` names, if it names one."""
    path = os.environ.get(ENVIRONMENT)
    if not path:
        return None
    script = UiScript(page, load_steps(Path(path)))
    script.start()
    return script
