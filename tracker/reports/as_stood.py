"""An action's own fields as they stood at the end of a day, from the changes recorded since.

Pure: no database. The tracker keeps only an action's fields as they are now;
every change records what they were before it: an edit on the action's page
(its audit entry's `before`), an import of a return (its undo log's
`edited_actions`). A change takes effect on the UK day an edit was made, or on
the as-at day of the return an import read (a Q2 return imported in October
speaks for 30 September).

The value of a field at the end of a day is therefore the value it had before
the first change recorded after that day took effect (in the order the
changes were recorded), or its value now if none has. An import that was
undone is not a change: undoing it put back what it overwrote.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from tracker.plans.slipping import slipping
from tracker.reports.model import ReportAction

# The action's fields a report shows that edits and imports change.
FIELDS = ("text", "lead", "timeframe", "due", "recurring")


@dataclass(frozen=True)
class FieldChange:
    action_id: int
    takes_effect: date  # an edit's UK day; an import's as-at day
    recorded_at: datetime  # when it was made: the order changes were made in
    before: Mapping[str, Any]  # the fields it may have changed, as they were before it


def fields_on(changes: Iterable[FieldChange], day: date) -> dict[int, dict[str, Any]]:
    """For each action changed after `day`, its fields (of FIELDS) as they were at its end."""
    later = sorted(
        (change for change in changes if change.takes_effect > day),
        key=lambda change: change.recorded_at,
    )
    stood: dict[int, dict[str, Any]] = {}
    for change in later:
        values = stood.setdefault(change.action_id, {})
        for name in FIELDS:
            if name in change.before and name not in values:
                values[name] = change.before[name]
    return stood


def as_it_stood(action: ReportAction, values: Mapping[str, Any]) -> ReportAction:
    """The action with its fields as they stood, and whether it was overdue by them."""
    if not values:
        return action
    changed = replace(action, **values)
    return replace(
        changed,
        slipping=slipping(
            due=changed.due,
            recurring=changed.recurring,
            rag=changed.rag,
            last_update=changed.status_as_at,
            as_at=changed.as_at,
        ),
    )
