"""How files become photos in the strip: dropped onto it (``PhotoDrops``, which finds
the row they fell on), then imported one after another on the task runner
(``PhotoImportQueue``: the second pool thread stays free for thumbnails, and the order
is the order given)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from functools import partial
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QDropEvent

from desktop.services import photos
from desktop.ui.photo_tiles import dropped_paths
from desktop.ui.tasks import TaskRunner


class PhotoImportQueue(QObject):
    """``add(paths, kind)``; ``imported(record)`` or ``failed(error)`` for each file."""

    imported = Signal(object)  # the attachment's RecordView
    failed = Signal(object)  # the exception (a coded ServiceError naming the file)
    progress = Signal(int)  # files left, the one being imported included

    def __init__(self, workspace, tasks: TaskRunner, *, household_id: str, owner_type: str,
                 owner_id: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.tasks = workspace, tasks
        self.owner = {"household_id": household_id, "owner_type": owner_type,
                      "owner_id": owner_id}
        self._waiting: deque[tuple[str, str]] = deque()
        self._running = False

    @property
    def remaining(self) -> int:
        return len(self._waiting) + int(self._running)

    def add(self, paths: Iterable[str], kind: str) -> None:
        self._waiting.extend((str(path), kind) for path in paths)
        self._next()

    def _next(self) -> None:
        if not self._running and self._waiting:
            path, kind = self._waiting.popleft()
            self._running = True
            self.tasks.submit(partial(photos.import_photo, kind=kind, **self.owner),
                              self.workspace, path, on_done=partial(self._ended, False),
                              on_error=partial(self._ended, True))
        self.progress.emit(self.remaining)

    def _ended(self, failed: bool, outcome: Any) -> None:
        if not shiboken6.isValid(self):  # the strip closed while a file was imported
            return
        self._running = False
        (self.failed if failed else self.imported).emit(outcome)
        self._next()


class PhotoDrops(QObject):
    """An event filter making its parent (the strip) a drop target for picture files:
    a drop adds them as the kind of the row under the pointer (``kind_at``), else as
    the kind chosen.  Anything but local files (text, web links) is refused."""

    _DRAGS = (QEvent.Type.DragEnter, QEvent.Type.DragMove)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        strip: Any = self.parent()
        kind = event.type()
        if kind in self._DRAGS or kind == QEvent.Type.Drop:
            paths = dropped_paths(event.mimeData())  # type: ignore[attr-defined]
            if not paths:
                event.ignore()
                return True
            event.acceptProposedAction()  # type: ignore[attr-defined]
            strip.set_dragging(kind in self._DRAGS)
            if kind == QEvent.Type.Drop and isinstance(event, QDropEvent):
                strip.add_files(paths, strip.kind_at(event.position().toPoint()))
            return True
        if kind == QEvent.Type.DragLeave:
            strip.set_dragging(False)
        return False
