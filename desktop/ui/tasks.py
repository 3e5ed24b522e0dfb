"""The task runner: database work off the GUI thread, results back on it.

``TaskRunner.submit(fn, *args, key=..., on_done=..., on_error=...)`` runs ``fn`` on
a small thread pool and calls ``on_done(result)`` or ``on_error(exception)`` on the
GUI thread (the worker emits a signal; Qt queues it to the runner's thread).  A
request made with a ``key`` supersedes every earlier request of the same key: their
results and errors are dropped, so a list searched as the user types never shows
the answer to an older query.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QObject,
    QRunnable,
    QThreadPool,
    Signal,
)

MAX_THREADS = 2
Ticket = int


@dataclass(frozen=True)
class _Request:
    ticket: Ticket
    key: str | None
    on_done: Callable[[Any], None] | None
    on_error: Callable[[BaseException], None] | None


class _Job(QRunnable):
    """Runs one function on a pool thread and reports through the runner's signal."""

    def __init__(self, runner: TaskRunner, ticket: Ticket, fn: Callable[..., Any],
                 args: tuple[Any, ...]) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._runner, self._ticket, self._fn, self._args = runner, ticket, fn, args

    def run(self) -> None:
        try:
            outcome, failed = self._fn(*self._args), False
        except Exception as error:  # noqa: BLE001 - every failure goes to on_error
            outcome, failed = error, True
        try:
            self._runner.finished_in_worker.emit(self._ticket, outcome, failed)
        except RuntimeError:  # the runner is gone (the window closed): nobody waits
            pass


class TaskRunner(QObject):
    """Runs functions on a pool of at most :data:`MAX_THREADS` threads."""

    # Emitted from a worker thread; delivered queued on the runner's (GUI) thread.
    finished_in_worker = Signal(int, object, bool)
    task_finished = Signal(int)  # a ticket whose callback ran (or was dropped)

    def __init__(self, parent: QObject | None = None, *,
                 max_threads: int = MAX_THREADS) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(max_threads)
        self._tickets = itertools.count(1)
        self._requests: dict[Ticket, _Request] = {}
        self._latest: dict[str, Ticket] = {}
        self.finished_in_worker.connect(self._deliver)

    def submit(self, fn: Callable[..., Any], *args: Any, key: str | None = None,
               on_done: Callable[[Any], None] | None = None,
               on_error: Callable[[BaseException], None] | None = None) -> Ticket:
        """Run ``fn(*args)`` off the GUI thread; return the request's ticket."""
        ticket = next(self._tickets)
        self._requests[ticket] = _Request(ticket, key, on_done, on_error)
        if key is not None:
            self._latest[key] = ticket
        self.pool.start(_Job(self, ticket, fn, args))
        return ticket

    def cancel(self, key: str) -> None:
        """Drop the results of every request of ``key`` still running."""
        self._latest.pop(key, None)

    def is_current(self, ticket: Ticket) -> bool:
        """False once a newer request of the same key was made (or the key cancelled)."""
        request = self._requests.get(ticket)
        if request is None:
            return False
        return request.key is None or self._latest.get(request.key) == ticket

    def pending(self) -> int:
        """Requests whose function has not reported back yet."""
        return len(self._requests)

    def shutdown(self, msecs: int = 30_000) -> bool:
        """Forget queued jobs, wait for running ones, drop every result still due."""
        self.pool.clear()
        done = self.pool.waitForDone(msecs)
        self._requests.clear()
        self._latest.clear()
        return done

    def _deliver(self, ticket: Ticket, outcome: Any, failed: bool) -> None:
        current = self.is_current(ticket)
        request = self._requests.pop(ticket, None)
        if request is not None and request.key is not None and current:
            del self._latest[request.key]
        try:
            if request is None or not current:
                return
            callback = request.on_error if failed else request.on_done
            if callback is not None:
                callback(outcome)
            elif failed:
                raise outcome
        finally:
            self.task_finished.emit(ticket)
