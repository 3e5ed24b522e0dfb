"""A sync attempt in sentences, in the interface language: what was sent and what
became of it (applied, merged, awaiting a coordinator, kept for a coordinator, sent
back with its reason), photos sent, rows received — or why it failed."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QCoreApplication

from desktop.services import message
from desktop.services.sync_history import SyncAttempt


def outcome_text(outcome: str) -> str:
    texts = {"ok": QCoreApplication.translate("SyncLines", "Done"), "failed": QCoreApplication.translate("SyncLines", "Failed"),
             "running": QCoreApplication.translate("SyncLines", "Syncing…"),
             "interrupted": QCoreApplication.translate("SyncLines", "Interrupted")}
    return texts.get(outcome, outcome)


def _status_lines(statuses: Counter) -> list[str]:
    texts = {
        "applied": QCoreApplication.translate("SyncLines", "Applied on the server: %n", None, statuses["applied"]),
        "merged": QCoreApplication.translate("SyncLines", "Merged with other people's edits: %n", None,
                    statuses["merged"]),
        "conflict": QCoreApplication.translate("SyncLines", "Awaiting a coordinator (conflicting edits): %n", None,
                      statuses["conflict"]),
        "quarantined": QCoreApplication.translate("SyncLines", "Kept for a coordinator (outside your area or role): %n",
                         None, statuses["quarantined"]),
    }
    return [texts[status] for status in texts if statuses.get(status)]


def attempt_lines(attempt: SyncAttempt, lang: str) -> list[str]:
    """One sentence per line; reasons of edits sent back indented under them."""
    if attempt.outcome == "running":
        return [QCoreApplication.translate("SyncLines", "Syncing…")]
    if attempt.outcome == "interrupted":
        return [QCoreApplication.translate(
            "SyncLines", "Interrupted (the app closed or the power went); nothing was lost.")]
    counts, lines = attempt.counts, []
    if attempt.outcome == "failed":
        reason = message(attempt.code, lang) if attempt.code else "?"
        lines.append(QCoreApplication.translate("SyncLines", "Failed: %1").replace("%1", reason))
    if counts.get("pushed"):
        lines.append(QCoreApplication.translate("SyncLines", "Sent: %n change(s)", None, counts["pushed"]))
    lines += _status_lines(Counter(counts.get("statuses") or {}))
    rejected = counts.get("rejected") or []
    if rejected:
        lines.append(QCoreApplication.translate("SyncLines", "Sent back to you to correct: %n", None, len(rejected)))
        reasons = Counter(message(r["error"]["code"], lang, **(r["error"].get("params") or {}))
                          for r in rejected if r.get("error"))
        lines += [f"  • {reason}" + (f" ({n})" if n > 1 else "") for reason, n in reasons.items()]
    if counts.get("files_sent"):
        lines.append(QCoreApplication.translate("SyncLines", "Photos sent: %n", None, counts["files_sent"]))
    if counts.get("pulled"):
        lines.append(QCoreApplication.translate("SyncLines", "Received from the server: %n", None, counts["pulled"]))
    if attempt.outcome == "ok" and not lines:
        lines.append(QCoreApplication.translate("SyncLines", "Nothing to send or receive."))
    return lines
