"""`tracker seed` loads the nine sources of learning with the links the strategy gives,
and a second seed writes nothing of them."""

import asyncio
import shutil
from collections import Counter

import pytest

from tests.conftest import SEED_DAY
from tests.support.queries import counting_queries
from tracker.core.personal_data.finders import find_identifiers
from tracker.core.settings import REPO_ROOT
from tracker.core.tables import LearningItem, LearningLink, LearningSource
from tracker.imports.seed import seed
from tracker.learning.seed import seed_learning
from tracker.learning.seed_file import LearningFileError, read_learning


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


def test_a_learning_file_naming_an_action_that_is_not_there_stops_the_seed(tmp_path, seeded_db):
    for path in (REPO_ROOT / "imports").iterdir():
        shutil.copy(path, tmp_path / path.name)
    text = (tmp_path / "learning.toml").read_text(encoding="utf-8")
    (tmp_path / "learning.toml").write_text(
        text.replace('answered_by = ["overarching 4.1"]', 'answered_by = ["overarching 9.9"]'),
        encoding="utf-8",
    )
    LearningLink.delete(force=True).run_sync()
    LearningItem.delete(force=True).run_sync()
    with pytest.raises(LearningFileError, match="there is no overarching action 9.9"):
        asyncio.run(seed(tmp_path, as_at=SEED_DAY))
    assert LearningItem.count().run_sync() == 0  # all or nothing


def test_a_learning_item_of_an_unknown_kind_is_refused_saying_where(tmp_path):
    path = tmp_path / "learning.toml"
    path.write_text(
        '[[source]]\nkey = "x"\nkind = "review"\ntitle = "X"\n'
        '[[source.item]]\nnumber = "1"\nkind = "plea"\nto = "partnership"\ntext = "T"\n',
        encoding="utf-8",
    )
    with pytest.raises(LearningFileError, match="source 'x', item '1': kind must be one of"):
        read_learning(path)
