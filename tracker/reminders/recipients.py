"""Active leads and the reminders that concern each, as at a day.

A fixed number of queries whatever the number of leads, plans and actions:
everything after loading is done in Python by the pure rules in
tracker.reminders.rules and tracker.core.permissions.
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from piccolo.columns.combination import Combinable, WhereRaw

from tracker.core.dates import Quarter
from tracker.core.permissions import ActionScope, Updater, may_update
from tracker.core.roles import Role
from tracker.core.tables import Account, AccountAgency, AccountLeadName, Action, Plan
from tracker.plans.queries import in_force
from tracker.plans.slipping import COMPLETE
from tracker.plans.statuses import all_dated_by
from tracker.reminders.rules import (
    ACTION_DUE_DAYS,
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


def _in_force_and_open(today: date) -> list[Combinable]:
    return [in_force(today), Action.plan._.strategy._.closed_at.is_null()]


def _reminded_of(today: date) -> list[Combinable]:
    """The actions a reminder may be about: in force, due by ACTION_DUE_DAYS from today
    (overdue ones included), not recurring (action_reminder decides on each)."""
    return [
        *_in_force_and_open(today),
        Action.due.is_not_null(),
        Action.due <= today + timedelta(days=ACTION_DUE_DAYS),
        Action.recurring.is_null() | (Action.recurring == ""),
    ]


async def _scopes(today: date) -> list[ActionScope]:
    """Who may update the actions a reminder may be about: each scope once."""
    rows = await (
        Action.select(Action.plan.agency.as_alias("agency_id"), Action.lead)
        .where(*_reminded_of(today))
        .distinct()
    )
    return [ActionScope(row["agency_id"], row["lead"]) for row in rows]


@dataclass(frozen=True)
class _Wanted:
    """The scopes some active lead may update: those of these agencies, and those whose
    lead cell is one of these (a title a lead holds is theirs in whichever plan)."""

    agencies: frozenset[int]
    leads: frozenset[str]

    def __contains__(self, scope: ActionScope) -> bool:
        return scope.agency_id in self.agencies or scope.lead in self.leads


def _wanted(
    leads: tuple[Lead, ...], scopes: list[ActionScope]
) -> tuple[dict[str, list[ActionScope]], _Wanted]:
    """Each lead's scopes (checked once a scope, not once an action), and all of them."""
    scopes_of = {
        lead.email: [scope for scope in scopes if may_update(lead.updater, scope)] for lead in leads
    }
    agencies = frozenset(agency for lead in leads for agency in lead.updater.agency_ids)
    titled = {
        scope.lead
        for found in scopes_of.values()
        for scope in found
        if scope.agency_id not in agencies and scope.lead is not None
    }
    return scopes_of, _Wanted(agencies, frozenset(titled))


_NAMED_AT_ONCE = 500  # agencies and lead cells named in one query; more reads every action


async def _candidates(
    today: date, wanted: _Wanted | None = None
) -> dict[ActionScope, list[dict[str, Any]]]:
    """The actions a reminder may be about (of the `wanted` scopes only, none complete
    today), by who may update them. Only the facts a reminder needs are read."""
    conditions = [*_reminded_of(today), _not_complete(today, await all_dated_by(today))]
    if wanted is not None:
        if not wanted.agencies and not wanted.leads:
            return {}
        if len(wanted.agencies) + len(wanted.leads) <= _NAMED_AT_ONCE:
            named = [
                *([Action.plan.agency.is_in(sorted(wanted.agencies))] if wanted.agencies else []),
                *([Action.lead.is_in(sorted(wanted.leads))] if wanted.leads else []),
            ]
            conditions.append(named[0] | named[1] if len(named) == 2 else named[0])
    rows = (
        await Action.select(
            Action.id,
            Action.ref,
            Action.text,
            Action.plan.name.as_alias("plan_name"),
            Action.plan.agency.as_alias("agency_id"),
            Action.lead,
            Action.due,
            Action.recurring,
        )
        .where(*conditions)
        .order_by(Action.id)
    )
    by_scope: dict[ActionScope, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        scope = ActionScope(row["agency_id"], row["lead"])
        if wanted is None or scope in wanted:
            by_scope[scope].append(row)
    return by_scope


def _not_complete(today: date, latest: bool) -> WhereRaw:
    """The action's update standing today does not say it is complete (action_reminder's
    rule, worked out by the database: a step of an index for each candidate)."""
    if latest:  # no update is dated after today: the kept latest updates serve
        return WhereRaw(
            "NOT EXISTS (SELECT 1 FROM standing_now AS u WHERE u.action = action.id"
            " AND u.rag = {})",
            COMPLETE,
        )
    return WhereRaw(
        "COALESCE((SELECT v.rag FROM action_update AS v WHERE v.action = action.id"
        " AND v.as_at <= {} ORDER BY v.as_at DESC, v.recorded_at DESC, v.id DESC LIMIT 1),"
        " '') <> {}",
        today,
        COMPLETE,
    )


async def _action_reminders(
    today: date, by_scope: dict[ActionScope, list[dict[str, Any]]]
) -> dict[ActionScope, list[Reminder]]:
    """The reminders about these actions (none complete today), by scope."""
    found: dict[ActionScope, list[Reminder]] = defaultdict(list)
    for scope, rows in by_scope.items():
        for row in rows:
            facts = ActionFacts(
                id=row["id"],
                ref=row["ref"],
                text=row["text"],
                plan_name=row["plan_name"],
                due=row["due"],
                recurring=row["recurring"],
                rag=None,  # complete ones are not candidates
            )
            if (reminder := action_reminder(facts, today)) is not None:
                found[scope].append(reminder)
    return found


async def _leads_of_plans_without_agency(today: date) -> dict[int, list[str]]:
    """The lead titles of the actions of each plan of no agency (the overarching plan):
    its return goes to those who lead one (return_goes_to)."""
    found: dict[int, list[str]] = defaultdict(list)
    for row in await Action.select(Action.plan, Action.lead).where(
        *_in_force_and_open(today), Action.plan._.agency.is_null()
    ):
        if row["lead"]:
            found[row["plan"]].append(row["lead"])
    return found


async def reminders_by_lead(today: date) -> list[tuple[Lead, list[Reminder]]]:
    """Each active lead with every reminder that concerns them today, sent before or not."""
    leads = await active_leads()
    if not leads:
        return []
    plans = await _plans()
    # Independent reads at once, each on a connection of its own.
    plan_leads, due_returns, scopes = await asyncio.gather(
        _leads_of_plans_without_agency(today), _returns(today, plans), _scopes(today)
    )
    returns = [
        (reminder, plans[facts.plan_id])
        for facts in due_returns
        if (reminder := return_reminder(facts, today)) is not None
    ]
    # Who may update the actions a reminder may be about first (each lead checked once a
    # scope, not once an action), then only the actions of scopes some lead may update.
    scopes_of, wanted = _wanted(leads, scopes)
    by_scope = await _action_reminders(today, await _candidates(today, wanted))
    concerned = []
    for lead in leads:
        items = [
            reminder
            for reminder, plan in returns
            if return_goes_to(lead.updater, plan.agency_id, plan_leads[plan.id])
        ]
        for scope in scopes_of[lead.email]:
            items += by_scope.get(scope, [])
        concerned.append((lead, items))
    return concerned
