"""Change events: after a write finishes (on its worker thread), the one who wrote
tells the window's :class:`ChangeBus` what changed, and each view refreshes only if
the change concerns it — the list its rows, the status bar its pending count.

``data_changed(change_set, initiator)``: ``initiator`` is the object that made the
change (an editor, the sync screen), so it can skip refreshing itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal


@dataclass(frozen=True)
class ChangeSet:
    """What a write changed."""

    households: frozenset[str] = frozenset()  # households whose subtree changed
    outbox: bool = True  # the changes waiting to be sent changed
    everything: bool = False  # a sync, restore or import: refresh every view

    def touches_households(self) -> bool:
        return self.everything or bool(self.households)


class ChangeBus(QObject):
    """The window's one channel of change events."""

    data_changed = Signal(object, object)  # ChangeSet, initiator (or None)

    def announce(self, change_set: ChangeSet, initiator: object | None = None) -> None:
        self.data_changed.emit(change_set, initiator)
