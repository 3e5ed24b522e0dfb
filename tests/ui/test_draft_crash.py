"""Never lose typing: the real app, in its own process on the demo profile, types a
household (a scripted user), autosaves it, is killed with SIGKILL mid-edit — and the
next start reopens the draft and says so."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from desktop.services.demo import open_demo_workspace

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
STARTUP_TIMEOUT_S = 180  # the first start fills the demo profile


class App:
    """``python -m desktop --demo`` offscreen, its log lines read as they come."""

    def __init__(self, data_dir: Path, script: Path | None = None) -> None:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONUNBUFFERED": "1"}
        env.pop("PORPIANG_UI_SCRIPT", None)
        if script is not None:
            env["PORPIANG_UI_SCRIPT"] = str(script)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "desktop", "--data-dir", str(data_dir), "--demo"],
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            encoding="utf-8")
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, marker: str, timeout: float = STARTUP_TIMEOUT_S) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.5)
            except queue.Empty:
                if self.process.poll() is not None:
                    break
                continue
            self.seen.append(line)
            if marker in line:
                return line
        raise AssertionError(f"no {marker!r} line; the app wrote:\n" + "\n".join(self.seen))

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        assert self.process.wait(timeout=30) == -signal.SIGKILL


def test_a_draft_survives_kill_9_and_is_reopened(tmp_path):
    script = tmp_path / "type.json"
    script.write_text(json.dumps([
        {"do": "add_household"},
        {"do": "type", "widget": "house_no", "text": "๙๙/๑"},
        {"do": "type", "widget": "given_name", "text": "ทองใบ"},
        {"do": "wait", "ms": 2500},  # the autosave fires in this pause
        {"do": "type", "widget": "family_name", "text": "ศรีสุข"},  # killed while typing
        {"do": "wait", "ms": 60000},
    ]), encoding="utf-8")
    first = App(tmp_path / "data", script)
    try:
        saved = first.wait_for("draft saved ")
        draft_id = saved.rsplit(" ", 1)[1]
        time.sleep(0.3)  # a few keystrokes more, after the draft
    finally:
        first.kill()

    second = App(tmp_path / "data")
    try:
        reopened = second.wait_for("draft reopened ")
    finally:
        second.kill()
    assert reopened.rsplit(" ", 1)[1] == draft_id

    workspace = open_demo_workspace(tmp_path / "data" / "profiles", households=0)
    try:
        (draft,) = [d for d in workspace.drafts() if d.draft_id == draft_id]
    finally:
        workspace.close()
    assert draft.origin == "autosave" and draft.record_type == "household"
    assert draft.fields["house_no"] == "๙๙/๑"
    assert draft.fields["members"][0]["given_name"] == "ทองใบ"


def test_the_households_page_reopens_a_draft_and_says_so(qtbot, thai_app, tmp_path):
    from desktop.ui.household_editor import HouseholdEditor
    from desktop.ui.households import HouseholdsPage
    from desktop.ui.tasks import TaskRunner

    workspace = open_demo_workspace(tmp_path / "profiles", households=3)
    workspace.autosave("household-crash", "household", {
        "house_no": "๙๙/๑", "moo": 2, "members": [{"given_name": "ทองใบ", "id": None}]},
        tambon="800101")
    tasks = TaskRunner()
    page = HouseholdsPage(workspace, tasks)
    qtbot.addWidget(page)
    try:
        page.reopen_drafts()
        qtbot.waitUntil(lambda: bool(page.findChildren(HouseholdEditor)), timeout=5000)
        (editor,) = page.findChildren(HouseholdEditor)
        assert editor.isVisible() and editor.house_no.text() == "๙๙/๑"
        assert editor.moo.value() == 2 and editor.form.given_name.text() == "ทองใบ"
        assert "Reopened what you were typing" in editor.status.text()
        assert editor.discard_button.isVisible()
        editor.discard_button.click()
        editor.writes.pool.waitForDone()
        assert [d.draft_id for d in workspace.drafts()] == []
    finally:
        tasks.shutdown()
        workspace.close()
