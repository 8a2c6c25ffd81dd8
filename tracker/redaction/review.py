"""Redacting flagged text, or clearing the flag: audited, all or nothing, once.

Redacting replaces each identifier in the record's text with "[redacted NHS
number]" and the like, rewrites the same identifiers wherever the audit trail
kept a copy (the entries about the same action, or for a record without one,
with the same subject), removes staged uploads holding them, and appends an
entry that names what was redacted but not what it said. The original is then
kept nowhere in the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.personal_data.finders import (
    Finding,
    IdentifierKind,
    find_identifiers,
    kinds_found,
    redacted,
)
from tracker.core.refusals import Conflict, NotFound
from tracker.core.tables import AuditEvent, FlaggedText
from tracker.core.transactions import write_transaction
from tracker.notifications.store import redact_copies
from tracker.redaction.registry import FreeText, free_text
from tracker.redaction.rewrite import replacements, rewritten_json
from tracker.redaction.staged import remove_staged_copies


class FlagNotFound(NotFound):
    pass


class FlagSettled(Conflict):
    """Redacted or cleared already: the message says when and by whom."""


@dataclass(frozen=True)
class Redaction:
    flag_id: int
    replaced: tuple[Finding, ...]  # what was found and replaced in the record's text
    flagged_kinds: tuple[IdentifierKind, ...]  # what the flag found when the text was saved
    audit_entries: int  # earlier audit entries rewritten

    @property
    def changed_since(self) -> bool:
        """The text no longer holds what was flagged, as it was flagged."""
        return kinds_found(self.replaced) != self.flagged_kinds

    @property
    def message(self) -> str:
        if not self.replaced:
            return (
                "The text has changed since it was flagged and nothing in it still looks like "
                "personal data, so nothing was replaced. The flag is closed as redacted."
            )
        what = ", ".join(kind.label for kind in kinds_found(self.replaced))
        if self.changed_since:
            return (
                "The text has changed since it was flagged: only what still looks like "
                f"personal data was redacted ({what})."
            )
        return f"Redacted {what}. The original is no longer kept anywhere in the tracker."


def _kinds(text: str) -> tuple[IdentifierKind, ...]:
    values = {value for value in text.split(",") if value}
    return tuple(kind for kind in IdentifierKind if kind.value in values)


async def _claim(flag_id: int, values: dict[Any, Any]) -> dict[str, Any]:
    """The flag, marked as `values` say, if it is still open: the one change that wins."""
    claimed = (
        await FlaggedText.update(values)
        .where(
            (FlaggedText.id == flag_id)
            & FlaggedText.redacted_at.is_null()
            & FlaggedText.cleared_at.is_null()
        )
        .returning(*FlaggedText.all_columns())
    )
    if claimed:
        return claimed[0]
    row = await FlaggedText.select().where(FlaggedText.id == flag_id).first()
    if row is None:
        raise FlagNotFound(f"There is no flagged text {flag_id}.")
    if row["redacted_at"] is not None:
        raise FlagSettled(f"This text was already redacted by {row['redacted_by']}.")
    raise FlagSettled(f"This flag was already cleared by {row['cleared_by']}.")


def _text_of(flag: dict[str, Any]) -> FreeText:
    found = free_text(flag["record_table"], flag["field"])
    if found is None:  # never recorded by the tracker's own services
        raise FlagSettled(
            f"The tracker cannot redact {flag['field']} of {flag['record_table']}: "
            "it is not free text it knows."
        )
    return found


async def _rewrite_audit(flag: dict[str, Any], swaps: dict[str, str]) -> int:
    about = (
        AuditEvent.action_id == flag["action_id"]
        if flag["action_id"] is not None
        else AuditEvent.subject == flag["subject"]
    )
    rows = await AuditEvent.select(AuditEvent.id, AuditEvent.before, AuditEvent.after).where(about)
    rewritten = 0
    for row in rows:
        before = rewritten_json(row["before"], swaps)
        after = rewritten_json(row["after"], swaps)
        if before is None and after is None:
            continue
        changes: dict[Any, Any] = {}
        if before is not None:
            changes[AuditEvent.before] = before
        if after is not None:
            changes[AuditEvent.after] = after
        await AuditEvent.update(changes).where(AuditEvent.id == row["id"])
        rewritten += 1
    return rewritten


async def redact_flag(flag_id: int, *, redacted_by: str, client: str = "") -> Redaction:
    async with write_transaction(FlaggedText._meta.db):
        flag = await _claim(
            flag_id,
            {FlaggedText.redacted_at: clock.now(), FlaggedText.redacted_by: redacted_by},
        )
        text = _text_of(flag)
        column = text.table._meta.get_column_by_name(flag["field"])
        record = (
            await text.table.select(column)
            .where(text.table._meta.primary_key == flag["record_id"])
            .first()
        )
        current = (record or {}).get(flag["field"]) or ""
        findings = find_identifiers(current)
        if findings:
            await text.table.update({column: redacted(current, findings)}).where(
                text.table._meta.primary_key == flag["record_id"]
            )
        swaps = replacements(findings)
        rewritten = await _rewrite_audit(flag, swaps)
        await remove_staged_copies(list(swaps))
        await redact_copies(swaps)  # the e-mails' copies kept by notifications
        redaction = Redaction(flag_id, findings, _kinds(flag["kinds"]), rewritten)
        label = text.fields[flag["field"]]
        await append(
            AuditKind.TEXT_REDACTED,
            redacted_by,
            subject=flag["subject"],
            action_id=flag["action_id"],
            summary=(
                f"Redacted {len(findings)} item(s) from {label.lower()} of "
                f"{text.what.lower()} {flag['record_id']}"
            ),
            before={"flag": flag_id, "kinds": flag["kinds"].split(",")},
            after={
                "flag": flag_id,
                "record_table": flag["record_table"],
                "record_id": flag["record_id"],
                "field": flag["field"],
                "redacted": [finding.kind.value for finding in findings],
                "audit_entries_rewritten": rewritten,
            },
            client=client,
        )
    return redaction


async def clear_flag(flag_id: int, *, cleared_by: str, client: str = "") -> None:
    """ "Not personal data": the text stays as it is and leaves the open list."""
    async with write_transaction(FlaggedText._meta.db):
        flag = await _claim(
            flag_id,
            {FlaggedText.cleared_at: clock.now(), FlaggedText.cleared_by: cleared_by},
        )
        text = _text_of(flag)
        await append(
            AuditKind.FLAG_CLEARED,
            cleared_by,
            subject=flag["subject"],
            action_id=flag["action_id"],
            summary=(
                f"Not personal data: {text.fields[flag['field']].lower()} of "
                f"{text.what.lower()} {flag['record_id']}"
            ),
            before={"flag": flag_id, "open": True},
            after={"flag": flag_id, "open": False},
            client=client,
        )
