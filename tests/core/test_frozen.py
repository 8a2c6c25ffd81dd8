"""A frozen select (tracker.core.frozen) gives what Piccolo's select gives, run after run
with other values, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta

from tests.support.queries import counting_queries
from tracker.core.among import among
from tracker.core.frozen import Frozen, Given, given_ids
from tracker.core.tables import Action, ActionCoreComponent, AuditEvent, Update
from tracker.plans.queries import ACTION_COLUMNS

ONE = Frozen(lambda: Action.select(*ACTION_COLUMNS).where(Action.id == Given("id")))
SOME = Frozen(
    lambda: (
        Action.select(*ACTION_COLUMNS)
        .where(given_ids(Action.id, "ids"), Action.due <= Given("due"))
        .order_by(Action.position, Action.id)
    )
)
TAGS = Frozen(
    lambda: ActionCoreComponent.select(
        ActionCoreComponent.action,
        ActionCoreComponent.core_component.number.as_alias("number"),
        ActionCoreComponent.suggested,
    ).where(given_ids(ActionCoreComponent.action, "ids"))
)
UPDATES = Frozen(
    lambda: (
        Update.select()
        .where(Update.action == Given("action"), Update.recorded_at < Given("before"))
        .limit(1)
    )
)


def _both(frozen: Frozen, select, **values):
    async def run():
        return await frozen.rows(**values), await select

    return asyncio.run(run())


def test_a_frozen_select_gives_what_the_select_gives_for_each_run(seeded_db):
    ids = [row["id"] for row in Action.select(Action.id).order_by(Action.id).run_sync()]
    assert len(ids) > 15
    for action_id in (ids[0], ids[7], ids[-1], -1):
        frozen, select = _both(
            ONE, Action.select(*ACTION_COLUMNS).where(Action.id == action_id), id=action_id
        )
        assert frozen == select
    for chosen, due, limit, offset in (
        (ids[:20], date(2021, 3, 31), 5, 0),
        (ids[5:], date(2022, 3, 31), 10, 3),
        ([], date(2022, 3, 31), 10, 0),
    ):
        select = (
            Action.select(*ACTION_COLUMNS)
            .where(among(Action.id, chosen), Action.due <= due)
            .order_by(Action.position, Action.id)
            .limit(limit)
            .offset(offset)
        )
        frozen, expected = _both(SOME, select, ids=chosen, due=due, limit=limit, offset=offset)
        assert frozen == expected
        assert chosen == [] or frozen  # the generated data has rows to compare
    tags, expected = _both(
        TAGS,
        ActionCoreComponent.select(
            ActionCoreComponent.action,
            ActionCoreComponent.core_component.number.as_alias("number"),
            ActionCoreComponent.suggested,
        ).where(among(ActionCoreComponent.action, ids)),
        ids=ids,
    )
    assert tags == expected and tags
    for action_id in ids[:3]:
        later = datetime.now().astimezone() + timedelta(days=1)
        frozen, expected = _both(
            UPDATES,
            Update.select().where(Update.action == action_id, Update.recorded_at < later).limit(1),
            action=action_id,
            before=later,
        )
        assert frozen == expected


def test_a_frozen_select_is_made_once_and_sent_as_it_is(seeded_db):
    made = []
    frozen = Frozen(
        lambda: made.append(1) or Action.select(Action.id).where(Action.id == Given("id"))
    )
    assert asyncio.run(frozen.rows(id=1)) == [{"id": 1}]
    with counting_queries() as log:
        assert asyncio.run(frozen.rows(id=2)) == [{"id": 2}]
        assert asyncio.run(frozen.first(id=-1)) is None
    assert len(log.queries) == 2
    assert len(made) == 1  # made once, for this kind of database: never again


def test_a_question_mark_in_a_value_is_a_value(seeded_db):
    """Only the SQL's own text is read for placeholders: a value holding '?' is a value."""
    odd = Frozen(lambda: AuditEvent.select(AuditEvent.id).where(AuditEvent.subject == Given("s")))
    assert asyncio.run(odd.rows(s="a ? b")) == []


def test_on_postgresql_the_ids_are_one_value_so_each_run_sends_the_same_statement(
    seeded_db, monkeypatch
):
    """asyncpg keeps a statement prepared (and PostgreSQL plans it once) only if its text is
    the same run after run: there the ids go as one array value. SQLite's text holds them."""
    sent: list[tuple[str, tuple]] = []
    engine = Action._meta.db
    original = type(engine).run_querystring

    async def recording(self, querystring, *args, **kwargs):
        text, values = querystring.compile_string(engine_type=self.engine_type)
        sent.append((text, tuple(values)))
        return await original(self, querystring, *args, **kwargs)

    monkeypatch.setattr(type(engine), "run_querystring", recording)
    due = date(2099, 12, 31)
    ids = (
        Action.select(Action.id)
        .where(Action.due <= due)
        .order_by(Action.id)
        .output(as_list=True)
        .run_sync()
    )
    sent.clear()
    first = asyncio.run(SOME.rows(ids=ids[:5], due=due))
    second = asyncio.run(SOME.rows(ids=ids[5:8], due=due))
    nothing = asyncio.run(SOME.rows(ids=[], due=due))
    assert sorted(row["id"] for row in first) == ids[:5]
    assert sorted(row["id"] for row in second) == ids[5:8]
    assert nothing == []
    texts = {text for text, _ in sent}
    if engine.engine_type == "postgres":
        assert len(texts) == 1  # one statement, whatever the ids
        assert [values[0] for _, values in sent] == [ids[:5], ids[5:8], []]
    else:
        assert len(texts) == 3
