"""The review's matches, counts and choices are kept between views (tracker.review.queries
`matching`, tracker.review.reads `choices_of`; migration 0029) and used until a change
their queries did not see. Whatever the change (to words, refs, places, objectives,
assurance ratings, plans' names or agencies' order, or anything that ends kept counts), the
view given after it is the one worked out afresh, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime

import asyncpg
import pytest

from tracker.core.kept_counts import kept
from tracker.core.tables import Action, Agency, AssuranceRating, Objective, Plan, Strategy, Update
from tracker.plans.tallies import RAGS_ON_DAY, rags_on_days
from tracker.review.queries import MOST_VIEWS, VIEW, review_view, view_kind
from tracker.review.query import read_review_query
from tracker.review.reads import CHOICES

DAY = date(2020, 9, 30)
TODAY = date(2021, 1, 5)
MOMENT = datetime(2021, 1, 5, 9, tzinfo=UTC)
# Views reading what kept counts do not: words, refs, places, objectives, assurance.
ASKED = (
    {},
    {"q": ["reworded"]},
    {"sort": ["ref"]},
    {"sort": ["-plan"], "per_page": ["25"], "page": ["2"]},
    {"disagrees": ["yes"]},
    {"q": ["renamed objective"]},
)


def _query(values: dict[str, list[str]]):
    return read_review_query({"as_at": [DAY.isoformat()], **values}, TODAY)


async def _strategy() -> int:
    return int((await Strategy.select(Strategy.id).first())["id"])


def _seen(view) -> tuple:
    table = view.table
    return (
        view.ids,
        [row.id for row in table.shown],
        table.tally,
        table.total,
        table.choices,
        table.paging,
    )


async def _views(strategy_id: int) -> list[tuple]:
    return [_seen(await review_view(_query(values), strategy_id)) for values in ASKED]


async def _all_kept(strategy_id: int) -> bool:
    kinds = [CHOICES, *(view_kind(_query(values)) for values in ASKED)]
    return all([DAY in await kept(kind, strategy_id, [DAY], view=True) for kind in kinds])


async def _none_kept(strategy_id: int) -> bool:
    kinds = [view_kind(_query(values)) for values in ASKED]
    return not any([DAY in await kept(kind, strategy_id, [DAY], view=True) for kind in kinds])


def test_kept_views_end_with_any_change_to_what_they_show_and_are_then_fresh(seeded_db):
    async def run() -> None:
        strategy_id = await _strategy()
        actions = [row["id"] for row in await Action.select(Action.id).order_by(Action.id)]
        await _views(strategy_id)
        assert await _all_kept(strategy_id)
        await rags_on_days([DAY], strategy_id)
        assert DAY in await kept(RAGS_ON_DAY, strategy_id, [DAY])

        async def after(change: Callable[[], Awaitable[object]], *, ends_counts: bool) -> None:
            """The change ends every kept view (and kept counts only if `ends_counts`); the
            views given then are kept again, and are those worked out afresh."""
            await change()
            assert (DAY not in await kept(RAGS_ON_DAY, strategy_id, [DAY])) == ends_counts
            assert await _none_kept(strategy_id), change
            given = await _views(strategy_id)
            assert await _all_kept(strategy_id)
            await Update.raw("DELETE FROM kept_count")
            assert given == await _views(strategy_id), change
            await rags_on_days([DAY], strategy_id)  # counts kept again for the next change

        [objective] = await Objective.select(Objective.id, Objective.plan).limit(1)
        [agency] = await Agency.select(Agency.id).order_by(Agency.position).limit(1)
        [plan] = await Plan.select(Plan.id).order_by(Plan.id).limit(1)
        changes: list[Callable[[], Awaitable[object]]] = [
            lambda: Action.update({Action.text: "Reworded"}).where(Action.id == actions[0]),
            lambda: Action.update({Action.ref: "0.1"}).where(Action.id == actions[1]),
            lambda: Action.update({Action.position: -5}).where(Action.id == actions[2]),
            lambda: Action.update({Action.objective: objective["id"]}).where(
                Action.id == actions[3]
            ),
            lambda: Objective.update({Objective.text: "Renamed objective"}).where(
                Objective.id == objective["id"]
            ),
            lambda: AssuranceRating.insert(
                AssuranceRating(
                    action=actions[4],
                    quarter="2020-21-Q2",
                    rag="red",
                    reason="Not what we see",
                    set_by="chair@example.org",
                    set_at=MOMENT,
                )
            ),
            lambda: Plan.update({Plan.name: "AAA first by name"}).where(Plan.id == plan["id"]),
            lambda: Agency.update({Agency.position: 99}).where(Agency.id == agency["id"]),
        ]
        for change in changes:  # none of these ends kept counts
            await after(change, ends_counts=False)
        # What ends kept counts ends kept views too: an update on the day, a due date.
        await after(
            lambda: Update.insert(
                Update(
                    action=actions[5],
                    rag="red",
                    progress="reworded",
                    as_at=DAY,
                    recorded_at=MOMENT,
                    recorded_by="generated",
                    source="web",
                )
            ),
            ends_counts=True,
        )
        await after(
            lambda: Action.update({Action.due: date(2020, 8, 1)}).where(Action.id == actions[6]),
            ends_counts=True,
        )

    asyncio.run(run())


def test_a_view_kept_shows_the_page_asked_for_from_its_matches(seeded_db):
    async def run() -> None:
        strategy_id = await _strategy()
        pages = []
        for page in ("1", "2", "3"):
            asked = {"per_page": ["25"], "page": [page]}
            view = await review_view(_query(asked), strategy_id)
            pages.append([row.id for row in view.table.shown])
            assert view.table.paging.number == min(int(page), view.table.paging.pages)
        # One view kept for them all; each page is its slice of the matches, and a page
        # past the end (the seeded strategy has 21 actions) is the last.
        assert view_kind(_query({"page": ["2"]})) == view_kind(_query({}))
        ids = list(view.ids)
        assert len(ids) == 21 and pages == [ids, ids, ids]

    asyncio.run(run())


def test_views_kept_for_a_strategy_are_bounded(seeded_db):
    async def run() -> None:
        strategy_id = await _strategy()
        for number in range(MOST_VIEWS + 5):
            await review_view(_query({"q": [f"word{number}"]}), strategy_id)
        [row] = await Update.raw(
            "SELECT COUNT(*) AS n FROM kept_count WHERE kind LIKE {} AND strategy = {}",
            VIEW + "%",
            strategy_id,
        )
        assert 0 < row["n"] <= MOST_VIEWS
        # The latest is kept, and gives the same view again.
        latest = _query({"q": [f"word{MOST_VIEWS + 4}"]})
        assert DAY in await kept(view_kind(latest), strategy_id, [DAY], view=True)

    asyncio.run(run())


# SQLite has one writer at a time; PostgreSQL's writers and readers work at once.
@pytest.mark.parametrize("backend", ["postgres"], indirect=True)
def test_a_view_made_while_a_change_was_being_written_ends_when_it_is(seeded_db):
    async def run() -> None:
        strategy_id = await _strategy()
        action_id = (await Action.select(Action.id).order_by(Action.id).first())["id"]
        asked = _query({"q": ["written meanwhile"]})
        writer = await asyncpg.connect(seeded_db)
        try:
            writing = writer.transaction()
            await writing.start()
            await writer.execute(
                "UPDATE action SET text = 'Written meanwhile' WHERE id = $1", action_id
            )
            # Worked out while the change is written but not committed: it is not seen.
            before = await review_view(asked, strategy_id)
            assert before.ids == ()
            assert DAY in await kept(view_kind(asked), strategy_id, [DAY], view=True)
            await writing.commit()
        finally:
            await writer.close()
        assert DAY not in await kept(view_kind(asked), strategy_id, [DAY], view=True)
        assert (await review_view(asked, strategy_id)).ids == (action_id,)

    asyncio.run(run())


def test_a_views_matches_give_any_page_of_them():
    from tracker.review.matches import Matches

    ids = [5, 3, 12, 7, 1]
    kept_text = Matches.of(ids)
    assert Matches(kept_text.text).every() == ids
    assert [kept_text.page(start, start + 2) for start in (0, 2, 4, 6)] == [
        [5, 3], [12, 7], [1], []
    ]  # fmt: skip
    assert Matches.of([]).every() == [] and Matches.of([]).page(0, 50) == []
