"""Many actions at once, for tests that check query counts do not grow with the data."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.core import clock
from tracker.core.tables import (
    Action,
    ActionCoreComponent,
    Agency,
    Challenge,
    CoreComponent,
    Escalation,
    Objective,
    Plan,
    Update,
)

RAGS = ("red", "amber", "green", "blue", None)


async def add_actions(count: int, *, as_at: date = date(2020, 9, 30)) -> None:
    """`count` actions spread over the agencies' plans, each with updates in two quarters,
    a core-component tag, and an open challenge and escalation on every tenth."""
    agencies = await Agency.select(Agency.id, Agency.name).order_by(Agency.position)
    plans = {
        row["agency"]: row["id"]
        for row in await Plan.select(Plan.id, Plan.agency).where(Plan.kind == "agency")
    }
    components = [row["id"] for row in await CoreComponent.select(CoreComponent.id)]
    now = clock.now()
    objectives = []
    for index, agency in enumerate(agencies):
        objectives.append(
            Objective(
                plan=plans[agency["id"]],
                ref="90",
                text=f"Bulk objective for {agency['name']}",
                position=900 + index,
            )
        )
    await Objective.insert(*objectives)
    objective_of = {
        row["plan"]: row["id"]
        for row in await Objective.select(Objective.id, Objective.plan).where(Objective.ref == "90")
    }
    actions = []
    for number in range(count):
        agency = agencies[number % len(agencies)]
        plan = plans[agency["id"]]
        actions.append(
            Action(
                plan=plan,
                objective=objective_of[plan],
                ref=f"90.{number + 1}",
                position=1000 + number,
                text=f"Bulk action {number + 1}",
                lead="Bulk lead",
                timeframe="Dec 20",
                due=as_at + timedelta(days=(number % 90) - 45),
                created_at=now,
            )
        )
    await Action.insert(*actions)
    ids = [
        row["id"]
        for row in await Action.select(Action.id).where(Action.ref.like("90.%")).order_by(Action.id)
    ]
    updates, tags, challenges, escalations = [], [], [], []
    for number, action_id in enumerate(ids):
        for days_back, offset in ((92, 1), (0, 0)):
            updates.append(
                Update(
                    action=action_id,
                    rag=RAGS[(number + offset) % len(RAGS)],
                    progress=f"Progress on bulk action {number + 1}",
                    as_at=as_at - timedelta(days=days_back),
                    recorded_at=now,
                    recorded_by="bulk",
                    source="import",
                )
            )
        tags.append(ActionCoreComponent(action=action_id, core_component=components[number % 12]))
        if number % 10 == 0:
            challenges.append(
                Challenge(
                    action=action_id,
                    question="Why is this behind?",
                    reply_wanted_by=as_at,
                    raised_by="chair@example.org",
                    raised_at=now,
                )
            )
            escalations.append(
                Escalation(
                    action=action_id,
                    escalated_to="masa",
                    rationale="Needs senior partners",
                    raised_by="chair@example.org",
                    raised_at=now,
                )
            )
    for table, rows in (
        (Update, updates),
        (ActionCoreComponent, tags),
        (Challenge, challenges),
        (Escalation, escalations),
    ):
        for start in range(0, len(rows), 500):
            await table.insert(*rows[start : start + 500])
