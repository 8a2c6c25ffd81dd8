"""An action's status on a given day: its latest update dated on or before it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class UpdateRecord:
    id: int
    action_id: int
    rag: str | None
    progress: str | None
    as_at: date
    recorded_at: datetime


def _recency(update: UpdateRecord) -> tuple[date, datetime, int]:
    # Two updates about the same day: the one recorded later is the one that stands.
    return (update.as_at, update.recorded_at, update.id)


def status_as_at(updates: Iterable[UpdateRecord], as_at: date) -> UpdateRecord | None:
    """The update that describes the action on `as_at`, or None if none yet."""
    candidates = [update for update in updates if update.as_at <= as_at]
    return max(candidates, key=_recency, default=None)


def statuses_as_at(updates: Iterable[UpdateRecord], as_at: date) -> dict[int, UpdateRecord]:
    """For each action with an update on or before `as_at`, that latest update."""
    latest: dict[int, UpdateRecord] = {}
    for update in updates:
        if update.as_at > as_at:
            continue
        current = latest.get(update.action_id)
        if current is None or _recency(update) > _recency(current):
            latest[update.action_id] = update
    return latest
