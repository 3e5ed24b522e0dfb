"""The editor's "possible duplicate" warning: another household in the replica with
the same tambon, moo and house number, or with a member holding a national ID typed
here.  Each one is a link; following it asks for that household to be opened.

The lookup runs off the GUI thread, 500 ms after the last change of what it reads,
and a newer lookup drops the answer of an older one.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

from desktop.services.duplicates import PossibleDuplicate
from desktop.services.workspace import Workspace
from desktop.ui.tasks import TaskRunner

log = logging.getLogger("porpiang.ui")

LOOKUP_MS = 500
SHOWN = 3  # at most this many households are named; the rest are counted
STYLE = ("QLabel#duplicate_warning { background: #fff3e0; color: #6d3a00; "
         "border: 1px solid #ef6c00; border-radius: 4px; padding: 6px; }")
LINK = "household:"


class DuplicateWarning(QLabel):
    """Hidden until a lookup finds another household; ``open_requested(id)`` on a link."""

    open_requested = Signal(str)
    checked = Signal(int)  # after each lookup: how many households were found

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="duplicate_warning", wordWrap=True)
        self.workspace = workspace
        self.setStyleSheet(STYLE)
        # As wide as the editor makes it: a long name wraps, it never widens the editor.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setOpenExternalLinks(False)
        self.linkActivated.connect(self._link)
        self.lookups = TaskRunner(self, max_threads=1)
        self.timer = QTimer(self, singleShot=True, interval=LOOKUP_MS)
        self.timer.timeout.connect(self._look_up)
        self.query: dict[str, Any] | None = None
        self.found: list[PossibleDuplicate] = []
        self.hide()

    def look_for(self, *, tambon: str | None, moo: int | None, house_no: str | None,
                 national_ids: list[str | None], exclude_id: str | None) -> None:
        """Look again after a pause, if what the lookup reads has changed."""
        query = {"tambon": tambon, "moo": moo, "house_no": house_no,
                 "national_ids": [i for i in national_ids if i], "exclude_id": exclude_id}
        if query != self.query:
            self.query = query
            self.timer.start()

    def _look_up(self) -> None:
        if self.query is None:
            return
        self.lookups.submit(lambda q: self.workspace.possible_duplicates(**q), dict(self.query),
                            key="duplicates", on_done=self.show_found,
                            on_error=self._failed)

    def _failed(self, error: BaseException) -> None:
        """A lookup that fails (the profile closing under it) warns of nothing."""
        log.warning("duplicate lookup failed: %s", type(error).__name__)
        self.show_found([])

    def show_found(self, found: list[PossibleDuplicate]) -> None:
        self.found = list(found)
        self.setVisible(bool(found))
        self.retranslate()
        self.checked.emit(len(found))

    def _link(self, target: str) -> None:
        if target.startswith(LINK):
            self.open_requested.emit(target[len(LINK):])

    def _describe(self, other: PossibleDuplicate) -> str:
        name = html.escape(other.head_name or self.tr("(no name)"))
        place = self.tr("house %1, moo %2").replace("%1", other.house_no or "—").replace(
            "%2", str(other.moo or "—"))
        reasons = []
        if other.same_address:
            reasons.append(self.tr("same house number and moo"))
        if other.national_ids:
            reasons.append(self.tr("same national ID"))
        return (f'<a href="{LINK}{other.household_id}">{name}</a>, {html.escape(place)} '
                f'({html.escape(", ".join(reasons))})')

    def retranslate(self) -> None:
        if not self.found:
            self.setText("")
            return
        lines = [self._describe(other) for other in self.found[:SHOWN]]
        more = len(self.found) - SHOWN
        if more > 0:
            lines.append(html.escape(self.tr("and %n more", "", more)))
        heading = html.escape(self.tr("Possible duplicate — this household may already be "
                                      "recorded. Open it to check:"))
        self.setText(f"<b>{heading}</b><br>" + "<br>".join(lines))
