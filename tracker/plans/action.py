"""One action with every field and its whole update history."""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tracker.audit.kinds import AuditKind
from tracker.core.frozen import Frozen, Given
from tracker.core.tables import ActionCoreComponent, AuditEvent, Update
from tracker.plans.carried import Lineage, lineage
from tracker.plans.fields import ACTION_FIELDS
from tracker.plans.model import ActionAsAt, action_as_at
from tracker.plans.queries import one_action_row
from tracker.plans.status import UpdateRecord, status_as_at


@dataclass(frozen=True)
class HistoryEntry:
    rag: str | None
    progress: str | None
    as_at: date
    recorded_at: datetime
    recorded_by: str
    source: str
    impact: str | None = None
    evidence_link: str | None = None


@dataclass(frozen=True)
class DetailChange:
    """An edit of the action's editable fields, from the audit trail."""

    occurred_at: datetime
    actor: str
    fields: tuple[tuple[str, Any, Any], ...]  # (field, before, after)


@dataclass(frozen=True)
class ActionView:
    action: ActionAsAt
    core_components: tuple[tuple[int, str], ...]
    history: tuple[HistoryEntry, ...]
    detail_changes: tuple[DetailChange, ...] = ()
    suggested_components: frozenset[int] = frozenset()  # guessed by the importer, unconfirmed
    lineage: Lineage = Lineage(False, ())  # its strategy closed? the actions it carries on

    @property
    def plan_id(self) -> int:
        return self.action.plan_id

    @property
    def plan(self) -> str:
        return self.action.plan

    @property
    def agency_id(self) -> int | None:
        return self.action.agency_id

    @property
    def objective_ref(self) -> str:
        return self.action.objective_ref

    @property
    def objective(self) -> str:
        return self.action.objective_text


async def action_view(action_id: int, as_at: date) -> ActionView | None:
    # Five independent reads at once, each on a connection of its own (one after another,
    # most of the page's time was spent waiting on them in turn).
    found, components, updates, changes, carried = await asyncio.gather(
        one_action_row(action_id),
        _TAGS.rows(id=action_id),
        _UPDATES.rows(id=action_id),
        detail_changes(action_id),
        lineage(action_id),
    )
    if not found:
        return None
    history = sorted(updates, key=lambda u: (u["as_at"], u["recorded_at"], u["id"]), reverse=True)
    status = status_as_at(
        (
            UpdateRecord(u["id"], action_id, u["rag"], u["progress"], u["as_at"], u["recorded_at"])
            for u in updates
        ),
        as_at,
    )
    return ActionView(
        action=action_as_at(found[0], status, as_at),
        core_components=tuple(sorted((row["number"], row["text"]) for row in components)),
        history=tuple(
            HistoryEntry(
                u["rag"],
                u["progress"],
                u["as_at"],
                u["recorded_at"],
                u["recorded_by"],
                u["source"],
                u["impact"],
                u["evidence_link"],
            )
            for u in history
        ),
        detail_changes=changes,
        suggested_components=frozenset(row["number"] for row in components if row["suggested"]),
        lineage=carried,
    )


# The audited changes of an action's own details: its editable fields, and (through
# tracker.plan_changes) its words, ref, objective, withdrawal and reinstatement.
_DETAIL_KINDS = (
    AuditKind.EDIT.value,
    AuditKind.ACTION_ADDED.value,
    AuditKind.ACTION_REWORDED.value,
    AuditKind.ACTION_WITHDRAWN.value,
    AuditKind.ACTION_REINSTATED.value,
)
# Every action's page reads these: their SQL made once (tracker.core.frozen).
_TAGS = Frozen(
    lambda: ActionCoreComponent.select(
        ActionCoreComponent.core_component.number.as_alias("number"),
        ActionCoreComponent.core_component.text.as_alias("text"),
        ActionCoreComponent.suggested,
    ).where(ActionCoreComponent.action == Given("id"))
)
_UPDATES = Frozen(lambda: Update.select().where(Update.action == Given("id")))
_DETAILS = Frozen(
    lambda: (
        AuditEvent.select(
            AuditEvent.occurred_at, AuditEvent.actor, AuditEvent.before, AuditEvent.after
        )
        .where((AuditEvent.action_id == Given("id")) & AuditEvent.kind.is_in(list(_DETAIL_KINDS)))
        .order_by(AuditEvent.id, ascending=False)
    )
)


_OTHER_WORDS = {
    "objective": "objective",
    "withdrawn_on": "withdrawn on",
    "withdrawn_reason": "reason withdrawn",
    "withdrawn_by": "withdrawn by",
}


def _in_words(name: str) -> str:
    if name in ACTION_FIELDS:
        return ACTION_FIELDS[name].in_words
    return _OTHER_WORDS.get(name, name)


async def detail_changes(action_id: int) -> tuple[DetailChange, ...]:
    rows = await _DETAILS.rows(id=action_id)
    changes = []
    for row in rows:
        before, after = json.loads(row["before"]), json.loads(row["after"])
        fields = tuple(
            (_in_words(name), before.get(name), value)
            for name, value in after.items()
            if name not in ("version", "withdrawn_by")
        )
        changes.append(DetailChange(row["occurred_at"], row["actor"], fields))
    return tuple(changes)
