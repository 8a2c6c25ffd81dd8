"""Setting the day a quarter's returns are due: the business unit's, audited, all or nothing."""

from __future__ import annotations

from datetime import date

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.closed import refuse_if_closed, refuse_if_quarter_closed
from tracker.core.dates import Quarter, format_date
from tracker.core.people import Person
from tracker.core.refusals import InvalidInput, NotAllowed
from tracker.core.roles import Role
from tracker.core.tables import QuarterDeadline
from tracker.core.transactions import write_transaction
from tracker.returns.rules import check_deadline, default_deadline


async def set_deadline(
    quarter: Quarter, day: str, person: Person, *, strategy_id: int | None, client: str = ""
) -> date:
    """The deadline now set in strategy `strategy_id`; InvalidInput (field "deadline")
    when the day will not do."""
    if person.role is not Role.BUSINESS_UNIT:
        raise NotAllowed("Only the business unit can set the deadline for returns.")
    deadline, problem = check_deadline(day, quarter)
    if deadline is None:
        raise InvalidInput({"deadline": problem or "Enter the deadline as a real date."})
    async with write_transaction(QuarterDeadline._meta.db):
        await refuse_if_quarter_closed(quarter)
        await refuse_if_closed(strategy_id=strategy_id)  # the chosen one's, closed
        row = (
            await QuarterDeadline.select(QuarterDeadline.id, QuarterDeadline.deadline)
            .where(
                (QuarterDeadline.quarter == quarter.slug)
                & (QuarterDeadline.strategy == strategy_id)
            )
            .first()
        )
        before = row["deadline"] if row else None
        now = clock.now()
        if row is None:
            await QuarterDeadline.insert(
                QuarterDeadline(
                    quarter=quarter.slug,
                    deadline=deadline,
                    set_by=person.email,
                    set_at=now,
                    strategy=strategy_id,
                )
            )
        else:
            await QuarterDeadline.update(
                {
                    QuarterDeadline.deadline: deadline,
                    QuarterDeadline.set_by: person.email,
                    QuarterDeadline.set_at: now,
                }
            ).where(QuarterDeadline.id == row["id"])
        await append(
            AuditKind.DEADLINE_SET,
            person.email,
            subject=f"{quarter.label} returns",
            summary=f"Returns due {format_date(deadline)}"
            + (" (the default)" if deadline == default_deadline(quarter) else ""),
            before={"quarter": quarter.slug, "deadline": before},
            after={"quarter": quarter.slug, "deadline": deadline},
            client=client,
        )
    return deadline
