"""What every autosaving form does with its draft: say when a reopened draft was
saved, discard it on request, and keep unsaved typing as the draft when it closes.

A subclass has ``workspace``, ``draft_id``, ``writes`` (its one-thread runner),
``autosave_timer``, ``status`` and ``reopened_at``, and gives
:meth:`reopened_text` (its own wording, translated in its own context) and
:meth:`write_draft_now` (the draft written at once, on the GUI thread, as the dialog
closes).  :meth:`closing` is where a subclass stops its other work.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from desktop.ui.form_fields import local_clock


class DraftedDialog(QDialog):
    """A dialog whose form autosaves to the profile's drafts table."""

    def reopened_text(self, time: str) -> str:
        raise NotImplementedError

    def write_draft_now(self) -> None:
        raise NotImplementedError

    def draft_ready(self) -> bool:
        """Whether the form holds something to keep (a form still loading does not)."""
        return True

    def closing(self) -> None:
        """Stop the dialog's other work (lookups, reads) before it goes."""

    def say_reopened(self, updated_at: str) -> None:
        """Tell the user this is what they typed before, and when it was kept."""
        self.reopened_at = updated_at
        self._say_reopened()

    def _say_reopened(self) -> None:
        if self.reopened_at is not None:
            self.status.setText(self.reopened_text(local_clock(self.reopened_at)))

    def discard_draft(self) -> None:
        """Drop the draft and close without keeping what is shown."""
        self.autosave_timer.stop()
        self.writes.submit(self.workspace.discard_draft, self.draft_id)
        self.reject()

    def done(self, result: int) -> None:
        """Closing keeps unsaved edits as the draft before the dialog goes."""
        if self.autosave_timer.isActive() and self.draft_ready():
            self.autosave_timer.stop()
            self.write_draft_now()
        self.writes.pool.waitForDone()
        self.closing()
        super().done(result)
