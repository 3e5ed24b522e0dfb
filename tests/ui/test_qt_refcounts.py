"""The Qt binding keeps Python's reference counts right where Qt calls Python code.

PySide6 6.12.0 on Python 3.11 dropped one reference to ``None``, ``True`` or ``False``
each time Qt called a Python override or slot that returned one (a model's ``data``,
a lambda connected to a signal): after some thousands of calls — minutes of scrolling
a list — Python aborted with "deallocating None".  pyproject.toml keeps that version
out; this test fails on any installed binding with the fault.  Python 3.12 and later
make these objects immortal, so there the counts do not move at all.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, Qt, Signal

CALLS = 500


class _Returns(QAbstractListModel):
    def __init__(self, value) -> None:
        super().__init__()
        self.value = value

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 1

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        return self.value

    def flags(self, index):
        return super().flags(index)


class _Emitter(QObject):
    fired = Signal()


def _drift(obj, action) -> int:
    before = sys.getrefcount(obj)
    for _ in range(CALLS):
        action()
    return sys.getrefcount(obj) - before


def test_overrides_returning_none_or_a_bool_keep_their_references(qapp):
    for value in (None, True, False):
        model = _Returns(value)
        index = model.index(0, 0)
        assert _drift(value, index.data) == 0, f"data() returning {value!r}"


def test_slots_returning_none_keep_their_references(qapp):
    emitter, calls = _Emitter(), []
    emitter.fired.connect(lambda: calls.append(1))  # returns None
    assert _drift(None, emitter.fired.emit) == 0
    assert _drift(True, emitter.fired.emit) == 0
    assert len(calls) == 2 * CALLS
