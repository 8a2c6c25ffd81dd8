"""The changes to tell people of, read from the audit trail, and the people who may be told.

A fixed number of queries however many events, actions and people there are:
the rules in tracker.notifications.rules do the rest in Python.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tracker.audit.kinds import AuditKind
from tracker.core.dates import Quarter
from tracker.core.permissions import ActionScope, lead_parts
from tracker.core.roles import Role
from tracker.core.tables import (
    Account,
    AccountAgency,
    AccountLeadName,
    Action,
    AuditEvent,
    Challenge,
    NoticeChoice,
    Plan,
)
from tracker.notifications.rules import (
    NOTIFIED_EVENTS,
    ActionFacts,
    ChallengeAnswered,
    ChallengeRaised,
    DeadlineSet,
    Event,
    Person,
    PlanFacts,
    ReturnStepped,
    parse_turned_off,
    step_kind,
)


@dataclass(frozen=True)
class People:
    active: tuple[Person, ...]
    names: dict[str, str]  # every account's email: its name, where one is set
    turned_off: dict[str, frozenset[str]]  # email: the notice kinds they turned off


def _after(row: dict[str, Any]) -> dict[str, Any]:
    value = row["after"]
    return json.loads(value) if isinstance(value, str) else dict(value or {})


async def recent_events(since: datetime, skip: Collection[int] = ()) -> list[dict[str, Any]]:
    """The audit events since `since` that may become notices, oldest first."""
    query = AuditEvent.select(
        AuditEvent.id, AuditEvent.kind, AuditEvent.actor, AuditEvent.action_id, AuditEvent.after
    ).where(
        AuditEvent.kind.is_in([kind.value for kind in NOTIFIED_EVENTS])
        & (AuditEvent.occurred_at >= since)
    )
    if skip:
        query = query.where(AuditEvent.id.not_in(list(skip)))
    return [{**row, "after": _after(row)} for row in await query.order_by(AuditEvent.id)]


async def _actions(ids: set[int]) -> dict[int, ActionFacts]:
    if not ids:
        return {}
    rows = await Action.select(
        Action.id,
        Action.ref,
        Action.text,
        Action.lead,
        Action.plan.name.as_alias("plan_name"),
        Action.plan.agency.as_alias("agency_id"),
    ).where(Action.id.is_in(sorted(ids)))
    return {
        row["id"]: ActionFacts(
            row["id"],
            row["ref"],
            row["text"],
            row["plan_name"],
            ActionScope(row["agency_id"], row["lead"]),
        )
        for row in rows
    }


async def _plans(ids: set[int] | None) -> dict[int, PlanFacts]:
    """The plans named (every plan when None), with their actions' lead titles."""
    if ids is not None and not ids:
        return {}
    plans = Plan.select(Plan.id, Plan.name, Plan.agency).order_by(Plan.id)
    leads = Action.select(Action.plan, Action.lead)
    if ids is not None:
        plans = plans.where(Plan.id.is_in(sorted(ids)))
        leads = leads.where(Action.plan.is_in(sorted(ids)))
    titles: dict[int, set[str]] = defaultdict(set)
    for row in await leads:
        titles[row["plan"]] |= lead_parts(row["lead"])
    return {
        row["id"]: PlanFacts(row["id"], row["name"], row["agency"], frozenset(titles[row["id"]]))
        for row in await plans
    }


async def events_from(rows: list[dict[str, Any]]) -> list[Event]:
    """The facts the rules need about each event; an event whose record is gone is dropped."""
    challenge_kinds = (AuditKind.CHALLENGE_RAISED.value, AuditKind.CHALLENGE_ANSWERED.value)
    challenge_ids = {
        int(row["after"]["challenge"])
        for row in rows
        if row["kind"] in challenge_kinds and "challenge" in row["after"]
    }
    challenges = {
        row["id"]: row
        for row in (
            await Challenge.select().where(Challenge.id.is_in(sorted(challenge_ids)))
            if challenge_ids
            else []
        )
    }
    actions = await _actions({row["action"] for row in challenges.values()})
    plan_ids = {
        int(row["after"]["plan"])
        for row in rows
        if step_kind(row["kind"]) and "plan" in row["after"]
    }
    any_deadline = any(row["kind"] == AuditKind.DEADLINE_SET.value for row in rows)
    plans = await _plans(None if any_deadline else plan_ids)
    events: list[Event] = []
    for row in rows:
        after, kind = row["after"], row["kind"]
        if kind in challenge_kinds:
            challenge = challenges.get(int(after.get("challenge", 0)))
            action = actions.get(challenge["action"]) if challenge else None
            if challenge is None or action is None:
                continue
            if kind == AuditKind.CHALLENGE_RAISED.value:
                events.append(
                    ChallengeRaised(
                        row["id"],
                        row["actor"],
                        challenge["id"],
                        action,
                        challenge["question"],
                        challenge["reply_wanted_by"],
                    )
                )
            elif challenge["reply"] is not None:
                events.append(
                    ChallengeAnswered(
                        row["id"],
                        row["actor"],
                        challenge["id"],
                        action,
                        challenge["raised_by"],
                        challenge["reply"],
                    )
                )
        elif (stepped := step_kind(kind)) is not None:
            plan = plans.get(int(after.get("plan", 0)))
            if plan is None:
                continue
            note = after.get("comments") or after.get("cover_note")
            events.append(
                ReturnStepped(
                    row["id"], row["actor"], stepped, plan, Quarter.parse(after["quarter"]), note
                )
            )
        elif kind == AuditKind.DEADLINE_SET.value:
            events.append(
                DeadlineSet(
                    row["id"],
                    row["actor"],
                    Quarter.parse(after["quarter"]),
                    date.fromisoformat(after["deadline"]),
                    tuple(plans.values()),
                )
            )
    return events


async def people() -> People:
    accounts = await Account.select(
        Account.id, Account.email, Account.name, Account.role, Account.active
    ).order_by(Account.email)
    agencies: dict[int, set[int]] = defaultdict(set)
    for row in await AccountAgency.select(AccountAgency.account, AccountAgency.agency):
        agencies[row["account"]].add(row["agency"])
    titles: dict[int, set[str]] = defaultdict(set)
    for row in await AccountLeadName.select(AccountLeadName.account, AccountLeadName.lead_name):
        titles[row["account"]].add(row["lead_name"])
    turned_off = {
        row["email"]: parse_turned_off(row["turned_off"])
        for row in await NoticeChoice.select(
            NoticeChoice.account.email.as_alias("email"), NoticeChoice.turned_off
        )
    }
    return People(
        active=tuple(
            Person(
                row["email"],
                row["name"],
                Role(row["role"]),
                frozenset(agencies[row["id"]]),
                frozenset(titles[row["id"]]),
            )
            for row in accounts
            if row["active"]
        ),
        names={row["email"]: row["name"] for row in accounts if row["name"]},
        turned_off=turned_off,
    )
