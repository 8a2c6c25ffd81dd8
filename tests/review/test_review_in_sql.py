"""The review page's view worked out by the database is the pure rules' view.

tracker.review.table (over a loaded Portfolio, with tracker.plans.slipping and
tracker.assurance.rules) is the reference; tracker.review.queries asks the database.
On generated actions and histories (updates about the same day, recorded late,
recurring, complete, undated, withdrawn, assurance ratings that agree and disagree),
for every filter and every sort, both give the same actions in the same order, the
same counts, the same page and the same choices, on SQLite and PostgreSQL.
"""

import asyncio
import random
from dataclasses import replace
from datetime import UTC, date, datetime

from tracker.assurance.queries import with_assurance
from tracker.core.tables import (
    Action,
    ActionCoreComponent,
    AssuranceRating,
    CoreComponent,
    Plan,
    Strategy,
    Update,
)
from tracker.plans.portfolio import portfolio
from tracker.review import queries
from tracker.review.queries import matching_ids, review_view
from tracker.review.query import SORT_LABELS, read_review_query
from tracker.review.table import ReviewTable, review_table

DAYS = [date(2020, 6, 29), date(2020, 9, 30), date(2020, 10, 1), date(2020, 11, 15)]
UPDATE_DAYS = [date(2020, 6, 30), date(2020, 9, 30), date(2020, 10, 1), date(2020, 11, 10)]
MOMENTS = [
    datetime(2020, 10, 1, 9, 0, tzinfo=UTC),
    datetime(2020, 10, 1, 9, 0, 0, 1, tzinfo=UTC),
    datetime(2020, 10, 2, 17, 30, tzinfo=UTC),  # some recorded after the day they are about
    datetime(2021, 1, 5, 8, 0, tzinfo=UTC),
]
RAGS = ["red", "amber", "green", "blue", None]
DUES = [None, date(2020, 7, 31), date(2020, 9, 30), date(2020, 10, 20), date(2020, 12, 31)]
LEADS = [None, "", "DCI Public Protection", "dci public protection", "Head of Service", "Zed",
         "Łukasz Nowak"]  # fmt: skip
# Capitals beyond A to Z too: SQLite's own LOWER folds only those (ÉLAN stayed ÉLAN).
WORDS = ["visits", "Briefings", "50% done", "a_b", "audit", "ÉLAN review"]


async def _generate(seed: int) -> None:
    chance = random.Random(seed)
    components = [row["id"] for row in await CoreComponent.select(CoreComponent.id)]
    for number, row in enumerate(await Action.select(Action.id, Action.plan)):
        # Refs whose natural order is not their text order: 1.2 before 1.10 before 2.1,
        # 1.2.105 before 1.105; written with spaces as well as dots, and a third number.
        first, second = chance.choice([1, 2, 10]), chance.choice([2, 10])
        ref = chance.choice(
            [
                f"{first}.{number + 100}",
                f"{first}.{second}.{number + 100}",
                f" {first} {number + 100}",
            ]
        )
        await Action.update(
            {
                Action.ref: ref,
                Action.due: chance.choice(DUES),
                Action.recurring: chance.choice([None, None, None, "quarterly"]),
                # Capitals beyond A to Z in some leads and texts, whatever the chance gives.
                Action.lead: "Łukasz Nowak" if number % 5 == 1 else chance.choice(LEADS),
                Action.withdrawn_on: chance.choice(
                    [None] * 6 + [date(2020, 9, 30), date(2020, 10, 1)]
                ),
            }
        ).where(Action.id == row["id"])
        if number % 5 == 0:
            await Action.update({Action.text: Action.text + " (ÉLAN)"}).where(
                Action.id == row["id"]
            )
        await ActionCoreComponent.delete().where(ActionCoreComponent.action == row["id"])
        for component in chance.sample(components, chance.randint(0, 2)):
            await ActionCoreComponent.insert(
                ActionCoreComponent(action=row["id"], core_component=component)
            )
        for quarter in ("2020-21-Q1", "2020-21-Q2", "2020-21-Q3"):
            if chance.random() < 0.3:
                await AssuranceRating.insert(
                    AssuranceRating(
                        action=row["id"],
                        quarter=quarter,
                        rag=chance.choice(RAGS[:4]),
                        reason="generated",
                        set_by="chair@example.org",
                        set_at=MOMENTS[0],
                    )
                )
    updates = [
        Update(
            action=row["id"],
            rag=chance.choice(RAGS),
            progress=f"{chance.choice(WORDS)} {number}",
            as_at=chance.choice(UPDATE_DAYS),
            recorded_at=chance.choice(MOMENTS),
            recorded_by="generated",
            source="web",
        )
        for row in await Action.select(Action.id)
        for number in range(chance.randint(0, 4))
    ]
    chance.shuffle(updates)
    await Update.insert(*updates)


async def _reference(day: date, values: dict[str, list[str]]) -> ReviewTable:
    loaded = await with_assurance(await portfolio(day))
    withdrawn = {
        row["id"]
        for row in await Action.select(Action.id).where(
            Action.withdrawn_on.is_not_null() & (Action.withdrawn_on <= day)
        )
    }
    counting = tuple(action for action in loaded.actions if action.id not in withdrawn)
    return review_table(replace(loaded, actions=counting), read_review_query(values, day))


async def _both(day: date, values: dict[str, list[str]]):
    strategy = await Strategy.select(Strategy.id).first()
    view = await review_view(read_review_query(values, day), strategy["id"])
    return await _reference(day, values), view, await matching_ids(view)


def _queries(plan: int, agency: int, objective: int, component: int, lead: str):
    """Every filter alone, some together, and every sort, on the second page of 10."""
    filters: list[dict[str, list[str]]] = [
        {},
        {"plan": [str(plan)]},
        {"agency": [str(agency)]},
        {"objective": [str(objective)]},
        {"component": [str(component)]},
        {"lead": [lead]},
        {"q": ["VISITS"]},
        {"q": ["50%"]},
        {"q": ["a_b"]},
        {"q": ["1. briefings"]},
        {"q": ["élan"]},
        {"q": ["łukasz"]},
        {"rag": ["red"]},
        {"rag": ["none"]},
        {"rag": ["amber", "none", "blue"]},
        {"overdue": ["yes"]},
        {"due_soon": ["yes"]},
        {"stale": ["yes"]},
        {"disagrees": ["yes"]},
        {"stale": ["yes"], "rag": ["red", "amber"], "q": ["dci"]},
    ]
    yield from filters
    for sort in SORT_LABELS:
        yield {"sort": [sort], "per_page": ["25"], "page": ["2"]}
        yield {"sort": [sort], "overdue": ["yes"]}


def _ids_of(rows) -> list[int]:
    return [row.id for row in rows]


def test_the_database_gives_the_rules_view_for_every_filter_and_sort(seeded_db):
    asyncio.run(_generate(18))
    plan = Plan.select(Plan.id).where(Plan.kind == "agency").first().run_sync()["id"]
    agency = Plan.select(Plan.agency).where(Plan.id == plan).first().run_sync()["agency"]
    objective = Action.select(Action.objective).first().run_sync()["objective"]
    component = CoreComponent.select(CoreComponent.number).first().run_sync()["number"]
    checked = 0
    for day in DAYS:
        for values in _queries(plan, agency, objective, component, "DCI Public Protection"):
            expected, view, ids = asyncio.run(_both(day, values))
            found = view.table
            where = (day, values)
            assert ids == _ids_of(expected.rows), where
            assert found.tally == expected.tally, where
            assert found.total == expected.total, where
            assert found.paging == expected.paging, where
            assert _ids_of(found.shown) == _ids_of(expected.shown), where
            assert found.shown == expected.shown, where  # every value shown, assurance too
            assert found.choices == expected.choices, where
            assert found.problems == expected.problems, where
            checked += 1
    assert checked == len(DAYS) * (20 + 2 * len(SORT_LABELS))


def test_the_generated_data_has_every_case_the_rules_tell_apart(seeded_db):
    """So the comparison above means something: each filter finds some actions, not all."""
    asyncio.run(_generate(18))
    day = date(2020, 10, 1)
    everything, _, _ = asyncio.run(_both(day, {}))
    for flag in ("overdue", "due_soon", "stale", "disagrees"):
        some, _, _ = asyncio.run(_both(day, {flag: ["yes"]}))
        assert 0 < some.tally.matching < everything.tally.matching, flag
    for word in ("élan", "łukasz"):  # found written in capitals, in the rules and the SQL
        expected, view, _ = asyncio.run(_both(day, {"q": [word]}))
        assert 0 < view.table.tally.matching == expected.tally.matching, word
    withdrawn = Action.count().where(Action.withdrawn_on.is_not_null()).run_sync()
    assert 0 < everything.total < everything.total + withdrawn


def test_a_download_reads_its_rows_a_batch_at_a_time(seeded_db, monkeypatch):
    asyncio.run(_generate(7))
    loaded: list[int] = []
    original = queries.actions_of

    async def counted(ids, as_at, latest=None):
        loaded.append(len(ids))
        return await original(ids, as_at, latest)

    monkeypatch.setattr(queries, "actions_of", counted)

    async def every(day: date) -> list[int]:
        strategy = await Strategy.select(Strategy.id).first()
        view = await review_view(read_review_query({}, day), strategy["id"], with_page=False)
        loaded.clear()
        return [row.id async for rows in queries.every_row(view, batch=4) for row in rows]

    day = date(2020, 9, 30)
    expected, _, _ = asyncio.run(_both(day, {}))
    streamed = asyncio.run(every(day))
    assert streamed == _ids_of(expected.rows)
    assert len(loaded) == -(-len(streamed) // 4) > 2  # never every row at once
    assert max(loaded) == 4
