"""Rows of a file that would move an action backwards, listed per action so the officer can
skip them: a Complete action rated lower, older progress put back, or a return dated before
progress the tracker already has. The rules are pure; `find_risks` reads what they need."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from tracker.core.dates import format_date
from tracker.core.rag import rag_label
from tracker.core.tables import Update
from tracker.imports.batches import batches
from tracker.imports.changes import PlanChanges
from tracker.imports.proforma.model import Problem


@dataclass(frozen=True)
class Risk:
    action_id: int
    plan: str
    sheet: str
    ref: str
    reasons: tuple[str, ...]


def risky_changes(
    changes: Iterable[PlanChanges],
    earlier_progress: Mapping[int, frozenset[str]],
    later_updates: Mapping[int, date],
) -> tuple[Risk, ...]:
    """`earlier_progress`: each action's progress texts before its latest;
    `later_updates`: the day of each action's latest update dated after the file's day."""
    found = []
    for plan in changes:
        for change in plan.updated:
            fields = {c.field: c for c in change.changes}
            reasons = []
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
    return risky_changes(changes, texts, later)
