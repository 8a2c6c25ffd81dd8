"""Loading the strategy from imports/ on a first start."""

import asyncio
from datetime import date

from tests.conftest import SEED_DAY
from tests.support.snapshots import snapshot
from tracker.cli.commands.seeding import seed_day
from tracker.core.engine import sqlite_path
from tracker.core.settings import REPO_ROOT
from tracker.core.tables import (
    Action,
    Agency,
    AgencyShortName,
    CoreComponent,
    GlossaryTerm,
    Objective,
    Plan,
    PlanReturn,
    Strategy,
    Update,
)
from tracker.imports.seed import seed

IMPORTS = REPO_ROOT / "imports"


def count(table) -> int:
    return table.count().run_sync()


def test_seeding_an_empty_database_loads_the_whole_strategy(empty_db):
    report = asyncio.run(seed(IMPORTS, as_at=SEED_DAY))

    assert report.changed
    strategy = Strategy.select().first().run_sync()
    assert strategy["name"] == "Oxfordshire Neglect Strategy 2020-23"
    assert strategy["partnership"] == "Oxfordshire Safeguarding Children Board"
    assert count(Agency) == 13
    assert count(CoreComponent) == 12
    assert count(GlossaryTerm) == 17
    plans = {row["name"]: row["kind"] for row in Plan.select(Plan.name, Plan.kind).run_sync()}
    assert plans["Overarching"] == "overarching"
    assert plans["Thames Valley Police"] == "agency"
    assert (
        plans["Oxfordshire County Council, Children's Social Care (additional actions)"]
        == "additional"
    )
    assert len(plans) == 1 + 13 + 1
    assert count(Action) == 10 + 11
    assert count(Objective) == 5 + 5
    assert count(Update) == 0  # the appendices carry no RAG yet
    assert (strategy["starts"], strategy["ends"]) == (date(2020, 4, 1), date(2023, 3, 31))
    # The strategy's own plans are not an agency's quarterly return: none is started.
    assert count(PlanReturn) == 0


def test_the_command_loads_the_strategy_as_at_its_first_day():
    assert seed_day(IMPORTS) == date(2020, 4, 1)


def test_seeding_twice_changes_nothing(empty_db):
    asyncio.run(seed(IMPORTS, as_at=SEED_DAY))
    before = {table.__name__: count(table) for table in (Action, Agency, Plan, Objective)}

    again = asyncio.run(seed(IMPORTS, as_at=SEED_DAY))

    assert not again.changed
    assert again.lines() == ["Nothing changed: the strategy in imports/ is already loaded."]
    assert {table.__name__: count(table) for table in (Action, Agency, Plan, Objective)} == before


def test_seeding_again_leaves_the_database_exactly_as_it_was(empty_db):
    asyncio.run(seed(IMPORTS, as_at=SEED_DAY))
    before = snapshot(empty_db)
    path = sqlite_path(empty_db)
    file_before = path.read_bytes() if path else None

    asyncio.run(seed(IMPORTS, as_at=SEED_DAY))

    # No empty import recorded, no audit entry: every row as it was, and on SQLite
    # not a byte of the file different.
    assert snapshot(empty_db) == before
    assert (path.read_bytes() if path else None) == file_before


def test_agencies_keep_their_short_names(empty_db):
    asyncio.run(seed(IMPORTS, as_at=SEED_DAY))
    rows = AgencyShortName.select(
        AgencyShortName.short_name, AgencyShortName.agency.name.as_alias("agency")
    ).run_sync()
    short = {row["short_name"]: row["agency"] for row in rows}
    assert short["TVP"] == "Thames Valley Police"
    assert short["OUH"] == "Oxford University Hospitals"
    assert short["CSC"] == "Oxfordshire County Council, Children's Social Care"


def test_overarching_action_4_2_is_loaded_with_its_lead_and_due_date(empty_db):
    asyncio.run(seed(IMPORTS, as_at=SEED_DAY))
    action = (
        Action.select()
        .where((Action.ref == "4.2") & (Action.plan.name == "Overarching"))
        .first()
        .run_sync()
    )
    assert action["lead"] == "ESAT Manager"
    assert action["timeframe"] == "Dec 20"
    assert str(action["due"]) == "2020-12-31"
