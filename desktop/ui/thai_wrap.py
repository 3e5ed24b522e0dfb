"""Thai text that wraps between words in labels and item views.

Qt finds breaks inside Thai text only through libthai, which many machines lack
(see ``desktop.text.thai_breaks``).  These helpers hand Qt text with U+200B at
the Thai word boundaries, so wrapping works the same everywhere.  The marks are
for display only: read data from the model or the record, never back from a
label's text (or pass it through ``unbreakable`` first).
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QLabel, QStyledItemDelegate, QStyleOptionViewItem

from desktop.text.thai_breaks import breakable


def wrap_label(label: QLabel, text: str) -> None:
    """Show ``text`` in ``label`` with word wrap on and Thai word breaks marked."""
    label.setWordWrap(True)
    label.setText(breakable(text))


class ThaiWrapDelegate(QStyledItemDelegate):
    """Draws cell text wrapped at Thai word boundaries.

    Painting and ``sizeHint`` both go through ``initStyleOption``, so the height
    a view asks for (``resizeRowsToContents``) matches what is drawn.  A view
    sizes wrapped rows for the column width only when its own word wrap is on
    (the default for ``QTableView``; ``QListView.setWordWrap(True)``).
    """

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        if option.text:
            option.text = breakable(option.text)
            option.features |= QStyleOptionViewItem.ViewItemFeature.WrapText
