"""The workflows: states, commands, who may give each, what reopens review, and who
may move a household to another tambon.

The case workflow belongs to the repair project (one household, one programme, one
fiscal year); the tambon plan has a small workflow of its own.  Every replica checks
a command against these tables before it writes the op; the server checks again,
against the author's role, and writes the review event itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sync.records.enums import Enumeration, _enum
from sync.records.errors import Issue

CASE_STATE = _enum(
    "case_state",
    ("draft", "ร่าง", "Draft"),
    ("submitted", "ส่งแล้ว", "Submitted"),
    ("community_verified", "ผ่านประชาคม", "Community-verified"),
    ("tambon_reviewed", "ตำบลตรวจแล้ว", "Tambon-reviewed"),
    ("approved", "อนุมัติ", "Approved"),
    ("purchasing", "จัดซื้อ", "Purchasing"),
    ("in_repair", "กำลังซ่อม", "In repair"),
    ("completed", "ซ่อมเสร็จ", "Completed"),
    ("inspected", "ตรวจรับ/ส่งมอบ", "Inspected"),
    ("reported", "รายงานแล้ว", "Reported"),
    ("returned", "รอข้อมูล", "Returned (needs info)"),
    ("rejected", "ไม่ผ่านเกณฑ์", "Rejected"),
    ("cancelled", "ยกเลิก", "Cancelled"),
)

PLAN_STATE = _enum(
    "plan_state",
    ("draft", "ร่าง", "Draft"),
    ("proposed", "เสนอแล้ว", "Proposed"),
    ("approved", "อนุมัติ", "Approved"),
)

FW, CO, SU, AD = "field_worker", "coordinator", "supervisor", "admin"
REVIEWERS = frozenset({CO, SU, AD})


@dataclass(frozen=True)
class Transition:
    command: str
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    th: str
    en: str
    comment_required: bool = False


@dataclass(frozen=True)
class Workflow:
    name: str
    states: Enumeration
    initial: str
    transitions: tuple[Transition, ...]
    # States in which a change to a "reopens review" field group sends the case back.
    reopen_from: frozenset[str] = frozenset()
    reopen_to: str | None = None

    def transition(self, command: str) -> Transition | None:
        for t in self.transitions:
            if t.command == command:
                return t
        return None

    def commands_for(self, state: str, role: str) -> list[Transition]:
        return [t for t in self.transitions if state in t.sources and role in t.roles]

    def check(self, state: str, command: str, role: str, comment: str | None) -> list[Issue]:
        """Issues that forbid ``role`` giving ``command`` in ``state`` (empty: allowed)."""
        t = self.transition(command)
        if t is None:
            return [Issue("workflow.unknown_command", "command", {"command": command})]
        if state not in t.sources:
            return [Issue("workflow.bad_transition", "status",
                          {"state": state, "command": command})]
        if role not in t.roles:
            return [Issue("workflow.role_forbidden", "command",
                          {"role": role, "command": command})]
        if t.comment_required and not (comment or "").strip():
            return [Issue("workflow.comment_required", "comment", {"command": command})]
        return []

    def reopens(self, state: str) -> str | None:
        """The state a case in ``state`` returns to after a reopening change."""
        return self.reopen_to if state in self.reopen_from else None


def _t(command: str, sources: set[str], target: str, roles: set[str], th: str, en: str,
       comment: bool = False) -> Transition:
    return Transition(command, frozenset(sources), target, frozenset(roles), th, en, comment)


_REVIEWABLE = {"submitted", "community_verified", "tambon_reviewed"}
_OPEN = _REVIEWABLE | {"draft", "returned", "approved", "purchasing", "in_repair"}

CASE_WORKFLOW = Workflow(
    name="case",
    states=CASE_STATE,
    initial="draft",
    transitions=(
        _t("submit", {"draft", "returned"}, "submitted", {FW, CO, SU},
           "ส่งตรวจ", "Submit"),
        _t("verify_community", {"submitted"}, "community_verified", REVIEWERS,
           "บันทึกผ่านประชาคม", "Record community verification"),
        _t("review", {"community_verified"}, "tambon_reviewed", REVIEWERS,
           "ตำบลตรวจแล้ว", "Mark tambon-reviewed"),
        _t("approve", {"tambon_reviewed"}, "approved", REVIEWERS, "อนุมัติ", "Approve"),
        _t("return", _REVIEWABLE | {"approved"}, "returned", REVIEWERS,
           "ส่งกลับแก้ไข", "Return with comment", comment=True),
        _t("reject", _REVIEWABLE, "rejected", REVIEWERS,
           "ไม่ผ่านเกณฑ์", "Reject", comment=True),
        _t("start_purchasing", {"approved"}, "purchasing", REVIEWERS,
           "เริ่มจัดซื้อ", "Start purchasing"),
        _t("start_repair", {"purchasing"}, "in_repair", {FW} | REVIEWERS,
           "เริ่มซ่อม", "Start repair"),
        _t("complete", {"in_repair"}, "completed", {FW} | REVIEWERS,
           "ซ่อมเสร็จ", "Mark completed"),
        _t("inspect", {"completed"}, "inspected", REVIEWERS,
           "ตรวจรับงาน", "Record inspection"),
        _t("report", {"inspected"}, "reported", {SU, AD}, "รายงานผล", "Report"),
        _t("cancel", _OPEN, "cancelled", REVIEWERS, "ยกเลิก", "Cancel", comment=True),
    ),
    # Content that changes after the tambon looked at it goes back to the tambon.
    reopen_from=frozenset({"tambon_reviewed", "approved"}),
    reopen_to="community_verified",
)

PLAN_WORKFLOW = Workflow(
    name="plan",
    states=PLAN_STATE,
    initial="draft",
    transitions=(
        _t("propose", {"draft"}, "proposed", {CO, SU, AD}, "เสนอแผน", "Propose plan"),
        _t("approve_plan", {"proposed"}, "approved", {SU, AD}, "อนุมัติแผน", "Approve plan"),
        _t("return_plan", {"proposed", "approved"}, "draft", {SU, AD},
           "ส่งแผนกลับแก้ไข", "Return plan", comment=True),
    ),
    reopen_from=frozenset({"proposed", "approved"}),
    reopen_to="draft",
)

WORKFLOWS: dict[str, Workflow] = {"repair_project": CASE_WORKFLOW, "tambon_plan": PLAN_WORKFLOW}


@dataclass(frozen=True)
class MoveRule:
    """Moving a household, with its whole subtree, to another tambon.

    A command of its own (not a transition: the case keeps its state), given on the
    household with ``args: {"tambon": "<new tambon>"}`` and the versions of every live
    row of the subtree, like a review command.  Only ``roles`` may move, and only
    between two tambons the author may write (the server judges both: the old one
    from the stored row, the new one from ``args``); a move of content that changed
    since the author looked is a conflict, never a move.
    """

    command: str
    record_type: str
    roles: frozenset[str]
    th: str
    en: str

    def check(self, type_name: str, role: str, old_tambon: str | None,
              args: dict[str, object]) -> list[Issue]:
        """Issues that forbid ``role`` moving a ``type_name`` row from ``old_tambon``
        with ``args`` (empty: allowed, scope aside)."""
        if type_name != self.record_type:
            return [Issue("workflow.unknown_command", "command", {"command": self.command})]
        if role not in self.roles:
            return [Issue("workflow.role_forbidden", "command",
                          {"role": role, "command": self.command})]
        if set(args) != {"tambon"}:
            return [Issue("op.malformed", "command.args",
                          {"detail": "a move takes args {\"tambon\": …} only"})]
        tambon = args["tambon"]
        if not isinstance(tambon, str) or not re.fullmatch(r"[0-9]{6}", tambon):
            return [Issue("tambon.invalid", "command.args.tambon")]
        if tambon == old_tambon:
            return [Issue("move.same_tambon", "command.args.tambon", {"tambon": tambon})]
        return []


MOVE = MoveRule("move", "household", frozenset({CO, SU, AD}), "ย้ายไปตำบลอื่น",
                "Move to another tambon")

# A record that has left the draft stage must be complete.
INCOMPLETE_ALLOWED = frozenset({"draft", "returned"})


def requires_complete(state: str | None) -> bool:
    """Whether ``ON_SUBMIT`` fields are required of a record whose case is in ``state``."""
    return state is not None and state not in INCOMPLETE_ALLOWED
