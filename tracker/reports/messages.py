"""The key messages the business unit writes for a quarter's reports: read, and saved with audit."""

from __future__ import annotations

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.closed import refuse_if_closed, refuse_if_quarter_closed
from tracker.core.dates import Quarter
from tracker.core.people import Person
from tracker.core.personal_data.check import guard
from tracker.core.personal_data.flags import record_flags
from tracker.core.refusals import InvalidInput, NotAllowed
from tracker.core.roles import Role
from tracker.core.tables import ReportMessage
from tracker.core.transactions import write_transaction

MAX_MESSAGES = 10_000
LABEL = "Key messages"


def check_messages(text: str) -> str:
    """The text to save (trimmed; empty clears them), or InvalidInput saying why not."""
    text = text.replace("\r\n", "\n").strip()
    if len(text) > MAX_MESSAGES:
        raise InvalidInput(
            {"text": f"Key messages must be {MAX_MESSAGES:,} characters or fewer: shorten them."}
        )
    return text


async def key_messages(quarter: Quarter, *, strategy_id: int | None) -> str:
    """The quarter's key messages in strategy `strategy_id`."""
    row = (
        await ReportMessage.select(ReportMessage.text)
        .where((ReportMessage.quarter == quarter.slug) & (ReportMessage.strategy == strategy_id))
        .first()
    )
    return row["text"] if row else ""


async def save_messages(
    quarter: Quarter,
    text: str,
    *,
    person: Person,
    strategy_id: int | None,
    confirmed: bool = False,
    client: str = "",
) -> None:
    """Replace the quarter's key messages; PossiblePersonalData if they look so, unconfirmed."""
    if person.role is not Role.BUSINESS_UNIT:
        raise NotAllowed("Only the business unit writes the reports' key messages.")
    text = check_messages(text)
    flagged = guard({"text": (LABEL, text)}, confirmed=confirmed)
    subject = f"Key messages, {quarter.label}"
    async with write_transaction(ReportMessage._meta.db):
        await refuse_if_quarter_closed(quarter)
        await refuse_if_closed(strategy_id=strategy_id)  # the chosen one's, closed
        row = (
            await ReportMessage.select(ReportMessage.id, ReportMessage.text)
            .where(
                (ReportMessage.quarter == quarter.slug) & (ReportMessage.strategy == strategy_id)
            )
            .first()
        )
        now = clock.now()
        if row is None:
            created = await ReportMessage.insert(
                ReportMessage(
                    quarter=quarter.slug,
                    text=text,
                    written_by=person.email,
                    written_at=now,
                    strategy=strategy_id,
                )
            )
            message_id = int(created[0]["id"])
        else:
            message_id = int(row["id"])
            await ReportMessage.update(
                {
                    ReportMessage.text: text,
                    ReportMessage.written_by: person.email,
                    ReportMessage.written_at: now,
                }
            ).where(ReportMessage.id == message_id)
        await record_flags(
            flagged,
            record_table="report_message",
            record_id=message_id,
            confirmed_by=person.email,
            subject=subject,
        )
        await append(
            AuditKind.REPORT_MESSAGES_SAVED,
            person.email,
            subject=subject,
            summary=f"Key messages for the {quarter.label} reports saved",
            before={"text": row["text"] if row else ""},
            after={"text": text},
            client=client,
        )
