"""A database with two strategies: the seeded 2020-23 one (with TVP's Q1 return) and
"Oxfordshire Neglect Strategy 2023-26", added as the business unit adds one, with a plan of
its own for Thames Valley Police holding three actions with updates.

Each strategy's content can be told apart on a page: the 2023-26 actions' words all hold
NEW_MARK; the 2020-23 strategy's TVP action 1.1 holds OLD_MARK.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date

import pytest

from tests.support.accounts import csrf_headers
from tests.support.clock import set_up_at
from tracker.core import clock
from tracker.core.engine import use_database
from tracker.core.roles import Role
from tracker.core.tables import (
    Action,
    AssuranceRating,
    Challenge,
    Escalation,
    Objective,
    Plan,
    Strategy,
    Update,
)
from tracker.strategies.rules import StrategyForm
from tracker.strategies.store import add_strategy

NEW_STRATEGY = "Oxfordshire Neglect Strategy 2023-26"
OLD_STRATEGY = "Oxfordshire Neglect Strategy 2020-23"
NEW_MARK = "Kestrel"  # in every 2023-26 action's text
NEW_OBJECTIVE = "Kestrel objective: neglect is recognised early by every officer"
NEW_ACTIONS = (
    # ref, text, due, rag on 30 Jun 2024
    ("1.1", "Kestrel training on neglect for every response officer", date(2024, 9, 30), "red"),
    ("1.2", "Kestrel audit of neglect referrals from custody", date(2025, 3, 31), "amber"),
    ("1.3", "Kestrel briefing for neighbourhood teams", date(2024, 6, 30), "blue"),
)


STRATEGY_IDS: dict[str, int] = {}  # name: id, once the template is made
CHALLENGE_IDS: dict[str, int] = {}  # NEW_MARK or OLD_MARK: the challenge saying it


@dataclass(frozen=True)
class _BusinessUnit:
    email: str = "business-unit@example.org"
    role: Role = Role.BUSINESS_UNIT
    agency_ids: frozenset[int] = frozenset()
    lead_names: frozenset[str] = frozenset()


async def add_second_strategy() -> int:
    """The 2023-26 strategy's id, its TVP plan filled with three actions and their updates."""
    strategy_id = await add_strategy(
        StrategyForm(
            NEW_STRATEGY,
            "Oxfordshire Safeguarding Children Partnership",
            "2023-26",
            "2023-04-01",
            "2026-03-31",
        ),
        person=_BusinessUnit(),
    )
    plan = (
        await Plan.select(Plan.id)
        .where((Plan.strategy == strategy_id) & (Plan.name == "Thames Valley Police"))
        .first()
    )
    [objective] = await Objective.insert(
        Objective(plan=plan["id"], ref="1", text=NEW_OBJECTIVE, position=0)
    ).returning(Objective.id)
    now = clock.now()
    for position, (ref, text, due, rag) in enumerate(NEW_ACTIONS):
        [action] = await Action.insert(
            Action(
                plan=plan["id"],
                objective=objective["id"],
                ref=ref,
                position=position,
                text=text,
                lead="DI Kestrel",
                timeframe="2024-25",
                due=due,
                created_at=now,
            )
        ).returning(Action.id)
        await Update.insert(
            Update(
                action=action["id"],
                rag=rag,
                progress=f"{NEW_MARK} progress on {ref}",
                as_at=date(2024, 6, 30),
                recorded_at=now,
                recorded_by="test officer",
                source="web",
                impact="Officers spot neglect sooner" if rag == "blue" else None,
            )
        )
    return strategy_id


OLD_MARK = "Merlin"  # in the 2020-23 strategy's challenge, escalation and assurance
RATED_QUARTER = "2024-25-Q1"  # both strategies' actions have an assurance rating for it


async def add_reviews() -> None:
    """An open challenge, an escalation and an assurance rating on an action of each
    strategy: the 2023-26 one's say NEW_MARK, the 2020-23 one's OLD_MARK."""
    new = (
        await Action.select(Action.id)
        .where(Action.text.like(f"{NEW_MARK}%"))
        .order_by(Action.id)
        .first()
    )
    old = (
        await Action.select(Action.id)
        .where(
            (Action.plan._.strategy._.name == OLD_STRATEGY)
            & (Action.plan._.name == "Thames Valley Police")
            & (Action.ref == "1.1")
        )
        .first()
    )
    now = clock.now()
    for action, mark in ((new["id"], NEW_MARK), (old["id"], OLD_MARK)):
        [challenge] = await Challenge.insert(
            Challenge(
                action=action,
                question=f"{mark} question: what has changed?",
                reply_wanted_by=date(2024, 8, 1),
                raised_by="chair@example.org",
                raised_at=now,
                quarter=RATED_QUARTER,
            )
        ).returning(Challenge.id)
        CHALLENGE_IDS[mark] = challenge["id"]
        await Escalation.insert(
            Escalation(
                action=action,
                issue=f"{mark} issue",
                escalated_to="business-group",
                rationale=f"{mark} rationale",
                raised_by="chair@example.org",
                raised_at=now,
                quarter=RATED_QUARTER,
            )
        )
        await AssuranceRating.insert(
            AssuranceRating(
                action=action,
                quarter=RATED_QUARTER,
                rag="green" if mark == NEW_MARK else "red",
                reason=f"{mark} reason for red",
                set_by="chair@example.org",
                set_at=now,
            )
        )


async def strategy_ids() -> dict[str, int]:
    return {row["name"]: row["id"] for row in await Strategy.select(Strategy.id, Strategy.name)}


@pytest.fixture(scope="session")
def two_strategies_template(backend, tvp_template) -> str:
    url = backend.new_database(template=tvp_template)
    use_database(url)
    with set_up_at(9, 0):
        asyncio.run(add_second_strategy())
        asyncio.run(add_reviews())
    STRATEGY_IDS.update(asyncio.run(strategy_ids()))
    return url


@pytest.fixture
def two_strategies_db(backend, two_strategies_template):
    """The seeded 2020-23 strategy (TVP's Q1 return imported) and the 2023-26 one."""
    url = backend.new_database(template=two_strategies_template)
    use_database(url)
    yield url
    backend.drop_database(url)


@pytest.fixture
def two_strategies_client(two_strategies_db, serve):
    """The business unit on the two-strategy database: on the current one (2023-26) until
    it chooses (`choose(client, name)`)."""
    with serve(two_strategies_db) as client:
        yield client


def choose(client, name: str) -> None:
    """Choose strategy `name` in the header's switcher."""
    response = client.post(
        "/strategy",
        data={"strategy": str(STRATEGY_IDS[name]), "next": "/"},
        headers=csrf_headers(client),
        follow_redirects=False,
    )
    assert response.status_code == 303, response.text
