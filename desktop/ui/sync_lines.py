"""A sync attempt in sentences, in the interface language: what was sent and what
became of it (applied, merged, awaiting a coordinator, kept for a coordinator, sent
back with its reason), photos sent, rows received — or why it failed."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QObject

from desktop.services import message
from desktop.services.sync_history import SyncAttempt


class SyncLines(QObject):
    """The sentences (a QObject for ``tr``: the translations live under its name)."""

    def outcome_text(self, outcome: str) -> str:
        texts = {"ok": self.tr("Done"), "failed": self.tr("Failed"),
                 "running": self.tr("Syncing…"), "interrupted": self.tr("Interrupted")}
        return texts.get(outcome, outcome)

    def status_lines(self, statuses: Counter) -> list[str]:
        texts = {
            "applied": self.tr("Applied on the server: %n", "", statuses["applied"]),
            "merged": self.tr("Merged with other people's edits: %n", "", statuses["merged"]),
            "conflict": self.tr("Awaiting a coordinator (conflicting edits): %n", "",
                                statuses["conflict"]),
            "quarantined": self.tr("Kept for a coordinator (outside your area or role): %n",
                                   "", statuses["quarantined"]),
        }
        return [texts[status] for status in texts if statuses.get(status)]

    def photo_lines(self, counts: dict) -> list[str]:
        lines = []
        if counts.get("files_sent"):
            lines.append(self.tr("Photos sent: %n", "", counts["files_sent"]))
        if counts.get("files_received"):
            lines.append(self.tr("Photos received: %n", "", counts["files_received"]))
        if counts.get("files_waiting"):
            lines.append(self.tr("Photos still waiting to be sent: %n", "",
                                 counts["files_waiting"]))
        refused = counts.get("files_refused") or []
        if refused:
            lines.append(self.tr("Photos the server refused (kept here): %n", "", len(refused)))
        return lines

    def attempt_lines(self, attempt: SyncAttempt, lang: str) -> list[str]:
        """One sentence per line; reasons of edits sent back indented under them."""
        if attempt.outcome == "running":
            return [self.tr("Syncing…")]
        if attempt.outcome == "interrupted":
            return [self.tr("Interrupted (the app closed or the power went); nothing was lost.")]
        counts, lines = attempt.counts, []
        if attempt.outcome == "failed":
            reason = message(attempt.code, lang) if attempt.code else "?"
            lines.append(self.tr("Failed: %1").replace("%1", reason))
        if counts.get("pushed"):
            lines.append(self.tr("Sent: %n change(s)", "", counts["pushed"]))
        lines += self.status_lines(Counter(counts.get("statuses") or {}))
        rejected = counts.get("rejected") or []
        if rejected:
            lines.append(self.tr("Sent back to you to correct: %n", "", len(rejected)))
            reasons = Counter(message(r["error"]["code"], lang,
                                      **(r["error"].get("params") or {}))
                              for r in rejected if r.get("error"))
            lines += [f"  • {reason}" + (f" ({n})" if n > 1 else "")
                      for reason, n in reasons.items()]
        lines += self.photo_lines(counts)
        if counts.get("pulled"):
            lines.append(self.tr("Received from the server: %n", "", counts["pulled"]))
        if attempt.outcome == "ok" and not lines:
            lines.append(self.tr("Nothing to send or receive."))
        return lines


_LINES: SyncLines | None = None


def _lines() -> SyncLines:
    global _LINES
    if _LINES is None:
        _LINES = SyncLines()
    return _LINES


def outcome_text(outcome: str) -> str:
    return _lines().outcome_text(outcome)


def attempt_lines(attempt: SyncAttempt, lang: str) -> list[str]:
    return _lines().attempt_lines(attempt, lang)
