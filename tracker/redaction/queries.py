"""The business unit's list of flagged text: open, redacted or cleared.

A fixed number of queries however many flags: the flags, their counts, one
query per table that holds flagged text, and one for the actions they are about.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from tracker.core.personal_data.finders import IdentifierKind, find_identifiers
from tracker.core.tables import Action, FlaggedText
from tracker.redaction.registry import REDACTABLE, FreeText


class Show(StrEnum):
    OPEN = "open"
    REDACTED = "redacted"
    CLEARED = "cleared"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def show_from(value: str | None) -> Show:
    try:
        return Show(value or Show.OPEN)
    except ValueError:
        return Show.OPEN


@dataclass(frozen=True)
class Piece:
    text: str
    kind: IdentifierKind | None  # set: this piece looks like it identifies a person


@dataclass(frozen=True)
class FlagItem:
    id: int
    where: str  # "Update to action 1.2, Thames Valley Police"
    link: str | None
    field: str  # as the pages name it: "Progress"
    kinds: tuple[IdentifierKind, ...]  # what was found when the text was saved
    pieces: tuple[Piece, ...]  # the text as it is now, identifiers marked
    exists: bool  # False: the record has gone (its text with it)
    confirmed_by: str
    flagged_at: datetime
    redacted_by: str | None
    redacted_at: datetime | None
    cleared_by: str | None
    cleared_at: datetime | None


@dataclass(frozen=True)
class FlagList:
    show: Show
    items: list[FlagItem]
    counts: dict[Show, int]


def pieces(text: str) -> tuple[Piece, ...]:
    """The text cut into plain pieces and identifiers, in order."""
    out: list[Piece] = []
    last = 0
    for finding in find_identifiers(text):
        if finding.start > last:
            out.append(Piece(text[last : finding.start], None))
        out.append(Piece(finding.text, finding.kind))
        last = finding.end
    if last < len(text):
        out.append(Piece(text[last:], None))
    return tuple(out)


def _kinds(text: str) -> tuple[IdentifierKind, ...]:
    values = set(text.split(","))
    return tuple(kind for kind in IdentifierKind if kind.value in values)


def _state(show: Show) -> Any:
    if show is Show.REDACTED:
        return FlaggedText.redacted_at.is_not_null()
    if show is Show.CLEARED:
        return FlaggedText.cleared_at.is_not_null()
    return FlaggedText.redacted_at.is_null() & FlaggedText.cleared_at.is_null()


async def _texts(flags: list[dict[str, Any]]) -> dict[tuple[str, int], dict[str, Any]]:
    """Each flagged record's text columns, one query per table."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for flag in flags:
        if flag["record_table"] in REDACTABLE:
            wanted[flag["record_table"]].add(flag["record_id"])
    found: dict[tuple[str, int], dict[str, Any]] = {}
    for name, ids in wanted.items():
        text = REDACTABLE[name]
        key = text.table._meta.primary_key
        columns = [text.table._meta.get_column_by_name(field) for field in text.fields]
        rows = await text.table.select(key.as_alias("record_id"), *columns).where(
            key.is_in(sorted(ids))
        )
        found.update({(name, row["record_id"]): row for row in rows})
    return found


async def _actions(flags: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    ids = sorted({flag["action_id"] for flag in flags if flag["action_id"] is not None})
    if not ids:
        return {}
    rows = await Action.select(Action.id, Action.ref, Action.plan.name.as_alias("plan")).where(
        Action.id.is_in(ids)
    )
    return {row["id"]: row for row in rows}


def _where(flag: dict[str, Any], text: FreeText | None, action: dict[str, Any] | None) -> str:
    what = text.what if text else flag["record_table"]
    if action is not None:
        joiner = text.joiner if text else "on"
        return f"{what} {joiner} action {action['ref']}, {action['plan']}"
    if flag["subject"]:
        return f"{what}: {flag['subject']}"
    return f"{what} {flag['record_id']}"


def _link(flag: dict[str, Any], action: dict[str, Any] | None) -> str | None:
    if flag["record_table"] == "challenge":
        return f"/challenges/{flag['record_id']}"
    if flag["record_table"] == "escalation":
        return f"/escalations/{flag['record_id']}"
    return f"/actions/{action['id']}" if action else None


def _item(
    flag: dict[str, Any],
    texts: dict[tuple[str, int], dict[str, Any]],
    actions: dict[int, dict[str, Any]],
) -> FlagItem:
    text = REDACTABLE.get(flag["record_table"])
    record = texts.get((flag["record_table"], flag["record_id"]))
    action = actions.get(flag["action_id"]) if flag["action_id"] is not None else None
    return FlagItem(
        id=flag["id"],
        where=_where(flag, text, action),
        link=_link(flag, action),
        field=text.fields.get(flag["field"], flag["field"]) if text else flag["field"],
        kinds=_kinds(flag["kinds"]),
        pieces=pieces((record or {}).get(flag["field"]) or ""),
        exists=record is not None,
        confirmed_by=flag["confirmed_by"],
        flagged_at=flag["flagged_at"],
        redacted_by=flag["redacted_by"],
        redacted_at=flag["redacted_at"],
        cleared_by=flag["cleared_by"],
        cleared_at=flag["cleared_at"],
    )


async def flagged_text(show: Show) -> FlagList:
    flags = (
        await FlaggedText.select()
        .where(_state(show))
        .order_by(FlaggedText.flagged_at, ascending=show is Show.OPEN)
    )
    texts = await _texts(flags)
    actions = await _actions(flags)
    counts = await _count_each()
    return FlagList(show, [_item(flag, texts, actions) for flag in flags], counts)


COUNTS = (
    "SELECT "
    "SUM(CASE WHEN redacted_at IS NULL AND cleared_at IS NULL THEN 1 ELSE 0 END) AS still_open, "
    "SUM(CASE WHEN redacted_at IS NOT NULL THEN 1 ELSE 0 END) AS redacted, "
    "SUM(CASE WHEN redacted_at IS NULL AND cleared_at IS NOT NULL THEN 1 ELSE 0 END) AS cleared "
    "FROM flagged_text"
)


async def _count_each() -> dict[Show, int]:
    [row] = await FlaggedText.raw(COUNTS)
    return {
        Show.OPEN: int(row["still_open"] or 0),
        Show.REDACTED: int(row["redacted"] or 0),
        Show.CLEARED: int(row["cleared"] or 0),
    }
