"""`tracker seed` loads the nine sources of learning with the links the strategy gives,
and a second seed writes nothing of them."""

import asyncio
from collections import Counter

from tests.conftest import SEED_DAY
from tests.support.queries import counting_queries
from tracker.core.personal_data.finders import find_identifiers
from tracker.core.settings import REPO_ROOT
from tracker.core.tables import LearningItem, LearningLink, LearningSource
from tracker.imports.seed import seed
from tracker.learning.seed import seed_learning
from tracker.learning.seed_file import read_learning


def test_the_nine_sources_are_loaded_with_the_plr_answered_by_objectives_4_and_5(seeded_db):
    assert LearningSource.count().run_sync() == 9
    links = (
        LearningLink.select(
            LearningLink.item.number, LearningLink.action.ref, LearningLink.action.plan.kind
        )
        .where(LearningLink.item.source.key == "plr-2020")
        .run_sync()
    )
    answered = {(r["item.number"], r["action.plan.kind"], r["action.ref"]) for r in links}
    assert {
        ("1", "overarching", "4.1"),
        ("2", "overarching", "4.2"),
        ("3", "overarching", "4.3"),
        ("4", "overarching", "5.1"),
    } <= answered
    visit = (
        LearningLink.select(LearningLink.action.ref)
        .where(LearningLink.item.source.key == "ofsted-focused-visit-2020")
        .run_sync()
    )
    assert {r["action.ref"] for r in visit} == {"2.1", "2.2"}


def test_a_second_seed_writes_no_learning(seeded_db):
    before = LearningItem.select().run_sync(), LearningLink.select().run_sync()
    report = asyncio.run(seed(REPO_ROOT / "imports", as_at=SEED_DAY))
    assert not any("learning" in line for line in report.lines())
    assert (LearningItem.select().run_sync(), LearningLink.select().run_sync()) == before


def test_the_seeded_learning_names_no_one():
    for source in read_learning(REPO_ROOT / "imports" / "learning.toml"):
        for item in source.items:
            assert find_identifiers(item.text) == (), (source.key, item.number)


def test_loading_the_learning_again_runs_no_write(seeded_db):
    created, updated = Counter(), Counter()
    with counting_queries() as counted:
        asyncio.run(seed_learning(REPO_ROOT / "imports", created, updated))
    writes = [
        q for q in counted.queries if q.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))
    ]
    assert writes == []
    assert not +created and not +updated
