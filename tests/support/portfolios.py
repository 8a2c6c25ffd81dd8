"""Portfolios made by hand for the dashboard's pure tests: actions as `portfolio()` makes them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from itertools import count
from typing import Any

from tracker.plans.fields import ACTION_FIELDS
from tracker.plans.portfolio import AgencyInfo, PlanInfo, Portfolio, PortfolioAction
from tracker.plans.slipping import slipping
from tracker.plans.status import UpdateRecord, statuses_as_at

TVP = AgencyInfo(1, "Thames Valley Police")
CSC = AgencyInfo(2, "Children's Social Care")
SCHOOL = AgencyInfo(3, "John Henry Newman School")
OVERARCHING_PLAN = PlanInfo(10, "Overarching", "overarching", None, None)
TVP_PLAN = PlanInfo(11, "Thames Valley Police", "agency", TVP.id, TVP.name)
CSC_PLAN = PlanInfo(12, "Children's Social Care", "agency", CSC.id, CSC.name)
CSC_EXTRA = PlanInfo(13, "Children's Social Care (additional actions)", "additional", CSC.id, None)
SCHOOL_PLAN = PlanInfo(14, "John Henry Newman School", "agency", SCHOOL.id, SCHOOL.name)
PLANS = (OVERARCHING_PLAN, TVP_PLAN, CSC_PLAN, CSC_EXTRA, SCHOOL_PLAN)


_ids = count(1)


def own_fields(**given: Any) -> dict[str, Any]:
    """A hand-made action's own fields (every one the register names): None unless given."""
    unknown = given.keys() - {field.name for field in ACTION_FIELDS}
    assert not unknown, f"not an action field: {unknown}"
    return {field.name: given.get(field.name) for field in ACTION_FIELDS}


def placed_in(plan: PlanInfo) -> dict[str, Any]:
    """An action's plan and agency, as ActionAsAt holds them."""
    return {
        "plan_id": plan.id,
        "plan": plan.name,
        "plan_kind": plan.kind,
        "agency_id": plan.agency_id,
        "agency": plan.agency,
    }


def update(action_id: int, rag: str | None, day: date) -> UpdateRecord:
    recorded = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    return UpdateRecord(next(_ids), action_id, rag, "", day, recorded)


def make_portfolio(
    as_at: date,
    actions: list[dict],
    updates: Sequence[UpdateRecord] = (),
) -> Portfolio:
    """Actions as the portfolio makes them: RAG and slipping from their updates up to `as_at`."""
    kept = tuple(u for u in updates if u.as_at <= as_at)
    latest = statuses_as_at(kept, as_at)
    made = []
    for spec in actions:
        status = latest.get(spec["id"])
        rag = status.rag if status else None
        made.append(
            PortfolioAction(
                id=spec["id"],
                **own_fields(
                    ref=f"{spec['id']}.1",
                    text="An action",
                    due=spec.get("due"),
                    recurring=spec.get("recurring"),
                ),
                version=1,
                **placed_in(spec.get("plan", TVP_PLAN)),
                as_at=as_at,
                objective_id=1,
                objective_ref="1",
                objective_text="An objective",
                components=(),
                rag=rag,
                progress=None,
                status_as_at=status.as_at if status else None,
                slipping=slipping(
                    due=spec.get("due"),
                    recurring=spec.get("recurring"),
                    rag=rag,
                    last_update=status.as_at if status else None,
                    as_at=as_at,
                ),
                open_challenges=spec.get("challenges", 0),
                open_escalations=spec.get("escalations", 0),
            )
        )
    return Portfolio(as_at, PLANS, (TVP, CSC, SCHOOL), (), tuple(made), kept)
