"""The task runner: work off the GUI thread, answers on it, stale answers dropped."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QThread

from desktop.ui.tasks import MAX_THREADS, TaskRunner


@pytest.fixture
def runner(qapp):
    tasks = TaskRunner()
    yield tasks
    tasks.shutdown()


def test_result_arrives_on_the_gui_thread(qtbot, runner):
    gui = QThread.currentThread()
    seen = {}

    def work(a, b):
        seen["worker"] = QThread.currentThread()
        return a + b

    def done(result):
        seen["result"], seen["callback"] = result, QThread.currentThread()

    ticket = runner.submit(work, 2, 3, on_done=done)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == 5
    assert seen["callback"] is gui
    assert seen["worker"] is not gui
    assert ticket > 0 and runner.pending() == 0


def test_error_reaches_on_error(qtbot, runner):
    errors, results = [], []

    def fail():
        raise ValueError("no such household")

    runner.submit(fail, on_done=results.append, on_error=errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "no such household"
    assert results == []


def test_a_newer_request_of_the_same_key_drops_the_older_result(qtbot, runner):
    release = threading.Event()
    results, errors = [], []

    def slow(text):
        release.wait(5)
        return text

    def failing_slow():
        release.wait(5)
        raise RuntimeError("stale")

    first = runner.submit(slow, "สม", key="search", on_done=results.append)
    second = runner.submit(failing_slow, key="search", on_error=errors.append)
    third = runner.submit(slow, "สมชาย", key="search", on_done=results.append)
    other = runner.submit(slow, "other key", key="page", on_done=results.append)
    assert not runner.is_current(first) and not runner.is_current(second)
    assert runner.is_current(third) and runner.is_current(other)
    release.set()
    qtbot.waitUntil(lambda: runner.pending() == 0)
    assert sorted(results) == sorted(["สมชาย", "other key"])
    assert errors == []


def test_superseded_even_when_the_newer_answer_comes_first(qtbot, runner):
    release_old = threading.Event()
    results = []

    def old():
        release_old.wait(5)
        return "old"

    runner.submit(old, key="search", on_done=results.append)
    runner.submit(lambda: "new", key="search", on_done=results.append)
    qtbot.waitUntil(lambda: results == ["new"])
    release_old.set()
    qtbot.waitUntil(lambda: runner.pending() == 0)
    assert results == ["new"]


def test_cancel_drops_a_running_request(qtbot, runner):
    results = []
    release = threading.Event()
    runner.submit(lambda: release.wait(5) and "late", key="page", on_done=results.append)
    runner.cancel("page")
    release.set()
    qtbot.waitUntil(lambda: runner.pending() == 0)
    assert results == []


def test_at_most_two_threads_work_at_once(qtbot, runner):
    lock, running, peak = threading.Lock(), [0], [0]
    release = threading.Event()

    def work():
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        release.wait(0.2)
        with lock:
            running[0] -= 1

    for _ in range(6):
        runner.submit(work)
    qtbot.waitUntil(lambda: runner.pending() == 0, timeout=10_000)
    assert peak[0] == MAX_THREADS == runner.pool.maxThreadCount()
