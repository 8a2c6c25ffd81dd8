"""Active leads and the reminders that concern each, as at a day.

A fixed number of queries whatever the number of leads, plans and actions:
everything after loading is done in Python by the pure rules in
tracker.reminders.rules and tracker.core.permissions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from tracker.core.dates import Quarter
from tracker.core.permissions import ActionScope, Updater, may_update
from tracker.core.roles import Role
from tracker.core.tables import Account, AccountAgency, AccountLeadName, Action, Plan
from tracker.plans.queries import actions_as_at, in_force
from tracker.reminders.rules import (
    ActionFacts,
    Reminder,
    ReturnFacts,
    action_reminder,
    quarters_collected,
    return_goes_to,
    return_reminder,
)
from tracker.returns.rules import ReturnState
from tracker.returns.store import deadline_for, return_states


@dataclass(frozen=True)
class Lead:
    email: str
    name: str
    updater: Updater


@dataclass(frozen=True)
class _Plan:
    id: int
    name: str
    agency_id: int | None


async def active_leads() -> tuple[Lead, ...]:
    accounts = (
        await Account.select(Account.id, Account.email, Account.name)
        .where((Account.role == Role.LEAD.value) & (Account.active.eq(True)))
        .order_by(Account.email)
    )
    agencies: dict[int, set[int]] = defaultdict(set)
    for row in await AccountAgency.select(AccountAgency.account, AccountAgency.agency):
        agencies[row["account"]].add(row["agency"])
    names: dict[int, set[str]] = defaultdict(set)
    for row in await AccountLeadName.select(AccountLeadName.account, AccountLeadName.lead_name):
        names[row["account"]].add(row["lead_name"])
    return tuple(
        Lead(
            email=row["email"],
            name=row["name"],
            updater=Updater(Role.LEAD, frozenset(agencies[row["id"]]), frozenset(names[row["id"]])),
        )
        for row in accounts
    )


# Reminders run for every strategy that is not closed: a closed one is read only, and
# nothing in it is due from anyone.
_OPEN_STRATEGY_PLAN = Plan.strategy._.closed_at.is_null()


async def _plans() -> dict[int, _Plan]:
    rows = (
        await Plan.select(Plan.id, Plan.name, Plan.agency)
        .where(_OPEN_STRATEGY_PLAN)
        .order_by(Plan.id)
    )
    return {row["id"]: _Plan(row["id"], row["name"], row["agency"]) for row in rows}


async def _returns(today: date, plans: dict[int, _Plan]) -> list[ReturnFacts]:
    """Every plan's return for each quarter being collected (two queries per quarter)."""
    current = Quarter.of(today)
    deadlines = {current: await deadline_for(current)}
    facts = []
    for quarter in quarters_collected(today, deadlines[current]):
        deadline = deadlines.get(quarter) or await deadline_for(quarter)
        states = await return_states(quarter)
        for plan in plans.values():
            state = ReturnState(states.get(plan.id, ReturnState.NOT_STARTED.value))
            facts.append(ReturnFacts(plan.id, plan.name, quarter, state, deadline))
    return facts


@dataclass(frozen=True)
class _Action:
    facts: ActionFacts
    scope: ActionScope
    plan_id: int


async def _actions(today: date) -> list[_Action]:
    return [
        _Action(
            ActionFacts(
                id=action.id,
                ref=action.ref,
                text=action.text,
                plan_name=action.plan,
                due=action.due,
                recurring=action.recurring,
                rag=action.rag,
            ),
            action.scope,
            action.plan_id,
        )
        for action in await actions_as_at(
            today,
            in_force(today),
            Action.plan._.strategy._.closed_at.is_null(),
            order_by=(Action.id,),
        )
    ]


async def reminders_by_lead(today: date) -> list[tuple[Lead, list[Reminder]]]:
    """Each active lead with every reminder that concerns them today, sent before or not."""
    leads = await active_leads()
    if not leads:
        return []
    plans = await _plans()
    actions = await _actions(today)
    plan_leads: dict[int, list[str]] = defaultdict(list)
    for action in actions:
        if action.scope.lead:
            plan_leads[action.plan_id].append(action.scope.lead)
    returns = [
        (reminder, plans[facts.plan_id])
        for facts in await _returns(today, plans)
        if (reminder := return_reminder(facts, today)) is not None
    ]
    about_actions = [
        (reminder, action.scope)
        for action in actions
        if (reminder := action_reminder(action.facts, today)) is not None
    ]
    concerned = []
    for lead in leads:
        items = [
            reminder
            for reminder, plan in returns
            if return_goes_to(lead.updater, plan.agency_id, plan_leads[plan.id])
        ]
        items += [reminder for reminder, scope in about_actions if may_update(lead.updater, scope)]
        concerned.append((lead, items))
    return concerned
