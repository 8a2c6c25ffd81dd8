"""Rows of a file that would move an action backwards, listed per action so the officer can
skip them: a Complete action rated lower, older progress put back, a return dated before
progress the tracker already has, or an action's words put back as they were before someone
changed them in the tracker (an older copy of the plan imported again). The rules are pure;
`find_risks` reads what they need."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from tracker.audit.kinds import AuditKind
from tracker.core.dates import format_date
from tracker.core.rag import rag_label
from tracker.core.tables import AuditEvent, Update
from tracker.imports.batches import batches
from tracker.imports.changes import ActionChange, PlanChanges
from tracker.imports.proforma.model import Problem
from tracker.plans.fields import ACTION_FIELDS


@dataclass(frozen=True)
class WebEdit:
    """The latest change of one of an action's fields made in the tracker (not by an import):
    what the field held before it, when and by whom."""

    before: Any
    on: date
    by: str


@dataclass(frozen=True)
class Risk:
    action_id: int
    plan: str
    sheet: str
    ref: str
    reasons: tuple[str, ...]


# The import's names of an action's fields (tracker.imports.changes) that the tracker's
# register (tracker.plans.fields), and so the audit trail, names otherwise.
_TRACKER_NAMES = {"action": "text"}


def _as_audited(value: Any) -> Any:
    """A value as the audit trail holds it: text as it is, a day as its ISO text."""
    return value.isoformat() if isinstance(value, date) else value


def undone_edits(change: ActionChange, edits: Mapping[str, WebEdit]) -> list[str]:
    """Why `change` would undo words changed in the tracker: each field the file would put
    back exactly as it was before its latest change there."""
    reasons = []
    for field in change.changes:
        name = _TRACKER_NAMES.get(field.field, field.field)
        edit = edits.get(name)
        if name in ACTION_FIELDS and edit is not None and edit.before == _as_audited(field.after):
            words = "wording" if name == "text" else ACTION_FIELDS[name].in_words
            reasons.append(
                f"its {words} would go back to what it was before "
                f"{edit.by} changed it in the tracker on {format_date(edit.on)}"
            )
    return reasons


def risky_changes(
    changes: Iterable[PlanChanges],
    earlier_progress: Mapping[int, frozenset[str]],
    later_updates: Mapping[int, date],
    web_edits: Mapping[int, Mapping[str, WebEdit]] | None = None,
) -> tuple[Risk, ...]:
    """`earlier_progress`: each action's progress texts before its latest;
    `later_updates`: the day of each action's latest update dated after the file's day;
    `web_edits`: each action's latest change of each field made in the tracker."""
    found = []
    for plan in changes:
        for change in plan.updated:
            fields = {c.field: c for c in change.changes}
            reasons = undone_edits(change, (web_edits or {}).get(change.existing.id, {}))
            rag = fields.get("rag")
            if rag is not None and rag.before == "blue" and rag.after != "blue":
                reasons.append(
                    f"Complete in the tracker; this file rates it {rag_label(rag.after)}"
                )
            progress = fields.get("progress")
            if progress is not None and progress.after in earlier_progress.get(
                change.existing.id, frozenset()
            ):
                reasons.append("its progress would go back to an older note the tracker had")
            later = later_updates.get(change.existing.id)
            if later is not None and (rag is not None or progress is not None):
                reasons.append(f"the tracker has a later update, dated {format_date(later)}")
            if reasons:
                found.append(
                    Risk(
                        change.existing.id,
                        plan.plan.plan,
                        plan.plan.sheet,
                        change.existing.ref,
                        tuple(reasons),
                    )
                )
    return tuple(found)


def older_text_warnings(risks: Iterable[Risk]) -> tuple[Problem, ...]:
    """Warnings for what the Complete warnings (tracker.imports.backward) do not say."""
    return tuple(
        Problem(
            risk.sheet,
            None,
            None,
            f"Action {risk.ref} of {risk.plan}: {'; '.join(others)}. "
            "Skip the row if the file is older than the tracker.",
        )
        for risk in risks
        if (others := [r for r in risk.reasons if not r.startswith("Complete")])
    )


async def find_risks(changes: tuple[PlanChanges, ...], as_at: date) -> tuple[Risk, ...]:
    ids = [change.existing.id for plan in changes for change in plan.updated]
    if not ids:
        return ()
    earlier: dict[int, set[str]] = {}
    latest: dict[int, str | None] = {}
    later: dict[int, date] = {}
    for chunk in batches(ids):
        rows = (
            await Update.select(Update.action, Update.progress, Update.as_at)
            .where(Update.action.is_in(list(chunk)))
            .order_by(Update.as_at, Update.id)
        )
        for row in rows:
            action = row["action"]
            if row["as_at"] > as_at:
                later[action] = row["as_at"]
                continue
            if latest.get(action):
                earlier.setdefault(action, set()).add(latest[action])  # type: ignore[arg-type]
            latest[action] = row["progress"]
    texts = {
        action: frozenset(t for t in found if t != latest.get(action))
        for action, found in earlier.items()
    }
    return risky_changes(changes, texts, later, await _web_edits(ids))


# Changes of an action's details made in the tracker: on its page, or reworded in the plan.
_WEB_EDITS = (AuditKind.EDIT.value, AuditKind.ACTION_REWORDED.value)


async def _web_edits(ids: list[int]) -> dict[int, dict[str, WebEdit]]:
    found: dict[int, dict[str, WebEdit]] = {}
    for chunk in batches(ids):
        rows = (
            await AuditEvent.select(
                AuditEvent.action_id,
                AuditEvent.occurred_at,
                AuditEvent.actor,
                AuditEvent.before,
                AuditEvent.after,
            )
            .where(
                AuditEvent.action_id.is_in(list(chunk)) & AuditEvent.kind.is_in(list(_WEB_EDITS))
            )
            .order_by(AuditEvent.id)
        )
        for row in rows:  # oldest first: each field's latest change is the one kept
            before, after = json.loads(row["before"] or "{}"), json.loads(row["after"] or "{}")
            edits = found.setdefault(row["action_id"], {})
            for name in after:
                if name in ACTION_FIELDS:
                    edits[name] = WebEdit(before.get(name), row["occurred_at"].date(), row["actor"])
    return found
