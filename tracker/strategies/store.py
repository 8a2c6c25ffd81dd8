"""Adding a strategy: all-or-nothing and audited. Each agency gets an empty plan in it, as
the seed gives each agency one, for its returns to fill."""

from __future__ import annotations

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core.dates import format_date
from tracker.core.people import Person
from tracker.core.refusals import InvalidInput, NotAllowed
from tracker.core.roles import only
from tracker.core.tables import Agency, Plan, PlanKind, Strategy
from tracker.core.transactions import write_transaction
from tracker.strategies.rules import CAN_ADD_STRATEGY, StrategyForm, checked_strategy


async def add_strategy(form: StrategyForm, *, person: Person, client: str = "") -> int:
    """The new strategy's id; InvalidInput (nothing added) when the form is not right."""
    if person.role not in CAN_ADD_STRATEGY:
        raise NotAllowed(only(CAN_ADD_STRATEGY))
    async with write_transaction(Strategy._meta.db):
        taken = [row["name"] for row in await Strategy.select(Strategy.name)]
        new, problems = checked_strategy(form, taken)
        if new is None:
            raise InvalidInput(problems)
        [row] = await Strategy.insert(
            Strategy(
                name=new.name,
                partnership=new.partnership,
                period=new.period,
                starts=new.starts,
                ends=new.ends,
            )
        ).returning(Strategy.id)
        agencies = await Agency.select(Agency.id, Agency.name).order_by(Agency.position)
        if agencies:
            await Plan.insert(
                *(
                    Plan(
                        strategy=row["id"],
                        name=agency["name"],
                        kind=PlanKind.AGENCY.value,
                        agency=agency["id"],
                    )
                    for agency in agencies
                )
            )
        await append(
            AuditKind.STRATEGY_ADDED,
            person.email,
            subject=new.name,
            summary=(
                f"{new.partnership}, {new.period}: {format_date(new.starts)} to "
                f"{format_date(new.ends)}, with an empty plan for each of {len(agencies)} agencies"
            ),
            after={
                "strategy": row["id"],
                "name": new.name,
                "partnership": new.partnership,
                "period": new.period,
                "starts": new.starts.isoformat(),
                "ends": new.ends.isoformat(),
            },
            client=client,
        )
    return int(row["id"])
