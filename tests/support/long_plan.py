"""A plan far longer than the real ones (5-40 actions), for the plan page's objectives view."""

from __future__ import annotations

from datetime import date, timedelta

from tracker.core import clock
from tracker.core.tables import Action, Agency, Objective, Plan, Update

RAGS = ("red", "amber", "green", "blue", None)
WITHDRAWN_ON = date(2020, 8, 1)


async def add_long_plan(agency: str, sizes: tuple[int, ...]) -> dict[str, int]:
    """Objectives 1, 2, ... on `agency`'s own plan with `sizes` actions each. Action n of the
    plan: RAG n mod 5 on 30 Jun 2020, the next one on 30 Sep 2020 for every other action,
    due n mod 120 days after 1 Aug 2020 (every 7th undated, every 11th quarterly),
    and every 25th withdrawn on 1 Aug 2020. Returns {"plan": id, "1": objective id, ...}."""
    found = await Agency.select(Agency.id).where(Agency.name == agency).first()
    assert found is not None, agency
    plan = (
        await Plan.select(Plan.id)
        .where((Plan.agency == found["id"]) & (Plan.kind == "agency"))
        .first()
    )
    assert plan is not None, agency
    ids = {"plan": plan["id"]}
    now = clock.now()
    for index in range(1, len(sizes) + 1):
        made = await Objective.insert(
            Objective(
                plan=plan["id"],
                ref=str(index),
                text=f"Generated objective {index} of {agency}",
                position=index,
            )
        )
        ids[str(index)] = made[0]["id"]
    actions = []
    number = 0
    for index, size in enumerate(sizes, start=1):
        for within in range(1, size + 1):
            actions.append(
                Action(
                    plan=plan["id"],
                    objective=ids[str(index)],
                    ref=f"{index}.{within}",
                    position=number,
                    text=f"Generated action {index}.{within}",
                    lead="Generated lead",
                    timeframe="Dec 20",
                    due=None if number % 7 == 0 else date(2020, 8, 1) + timedelta(number % 120),
                    recurring="quarterly" if number % 11 == 0 else None,
                    withdrawn_on=WITHDRAWN_ON if number % 25 == 24 else None,
                    withdrawn_reason="Merged into another" if number % 25 == 24 else None,
                    withdrawn_by="bu@example.org" if number % 25 == 24 else None,
                    created_at=now,
                )
            )
            number += 1
    for start in range(0, len(actions), 500):
        await Action.insert(*actions[start : start + 500])
    rows = await Action.select(Action.id, Action.position).where(Action.plan == plan["id"])
    updates = []
    for row in rows:
        n = row["position"]
        steps = ((date(2020, 6, 30), n), (date(2020, 9, 30), n + 1))[: 2 if n % 2 else 1]
        for as_at, rag in steps:
            updates.append(
                Update(
                    action=row["id"],
                    rag=RAGS[rag % len(RAGS)],
                    progress=f"Progress {as_at.isoformat()} on generated action {n}",
                    as_at=as_at,
                    recorded_at=now,
                    recorded_by="generated",
                    source="import",
                )
            )
    for start in range(0, len(updates), 500):
        await Update.insert(*updates[start : start + 500])
    return ids
