"""Reading the audit trail: each filter really narrows, newest first, 50 a page."""

import asyncio
import json
from datetime import UTC, date, datetime

import pytest

from tracker.audit.browse import AuditFilter, audit_page, changes, read_filter
from tracker.audit.kinds import AuditKind
from tracker.core.tables import AuditEvent


def event(when: datetime, actor: str, kind: AuditKind, subject="", summary="", **extra):
    return AuditEvent(
        occurred_at=when,
        actor=actor,
        kind=kind.value,
        subject=subject,
        summary=summary,
        action_id=extra.get("action_id"),
        before=json.dumps(extra.get("before", {})),
        after=json.dumps(extra.get("after", {})),
        client="",
    )


@pytest.fixture
def trail(empty_db):
    AuditEvent.insert(
        # 23:30 UTC on 29 Sep is 00:30 on 30 Sep in London (BST).
        event(datetime(2020, 9, 29, 23, 30, tzinfo=UTC), "ann@example.org", AuditKind.SIGN_IN),
        event(
            datetime(2020, 9, 30, 13, 5, tzinfo=UTC),
            "bob@example.org",
            AuditKind.UPDATE,
            "TVP 1.2",
            "Progress 100% done_now",
            action_id=12,
            before={"rag": "amber", "progress": "Started"},
            after={"rag": "green", "progress": "Finished"},
        ),
        event(datetime(2020, 10, 1, 9, 0, tzinfo=UTC), "ANN@example.org", AuditKind.SIGN_IN_FAILED),
        event(
            datetime(2020, 10, 2, 9, 0, tzinfo=UTC),
            "system",
            AuditKind.ACCOUNT_CREATED,
            "carl@example.org",
            "Agency lead account created for ŁUKASZ NOWAK",
            after={"role": "lead", "agencies": ["Thames Valley Police"]},
        ),
    ).run_sync()


def subjects(chosen: AuditFilter) -> list[tuple[str, str]]:
    page = asyncio.run(audit_page(chosen))
    assert page.total == len(page.entries)
    return [(entry.actor, entry.kind) for entry in page.entries]


def test_everything_newest_first_with_times_in_london(trail):
    page = asyncio.run(audit_page(AuditFilter()))
    assert [entry.kind for entry in page.entries] == [
        "account-created",
        "sign-in-failed",
        "update",
        "sign-in",
    ]
    assert page.entries[-1].when == "30 Sep 2020 00:30"
    assert page.entries[1].kind_label == "Failed sign-in"
    assert (page.total, page.pages, page.previous, page.next) == (4, 1, None, None)


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (AuditFilter(kind=AuditKind.SIGN_IN), [("ann@example.org", "sign-in")]),
        (
            AuditFilter(person="ann@"),
            [("ANN@example.org", "sign-in-failed"), ("ann@example.org", "sign-in")],
        ),
        (AuditFilter(person="%"), []),  # taken literally, not as a wildcard
        (AuditFilter(text="tvp 1."), [("bob@example.org", "update")]),
        (AuditFilter(text="done_now"), [("bob@example.org", "update")]),
        (AuditFilter(text="_"), [("bob@example.org", "update")]),
        (AuditFilter(text="agency lead"), [("system", "account-created")]),
        # Capitals beyond A to Z fold too (SQLite's LOWER, and C-locale PostgreSQL's, did not).
        (AuditFilter(text="łukasz nowak"), [("system", "account-created")]),
        (AuditFilter(action_id=12), [("bob@example.org", "update")]),
        (AuditFilter(action_id=13), []),
        (
            AuditFilter(since=date(2020, 9, 30), until=date(2020, 9, 30)),
            [("bob@example.org", "update"), ("ann@example.org", "sign-in")],
        ),
        (
            AuditFilter(since=date(2020, 10, 1)),
            [("system", "account-created"), ("ANN@example.org", "sign-in-failed")],
        ),
        (AuditFilter(until=date(2020, 9, 29)), []),
        (AuditFilter(kind=AuditKind.SIGN_IN, person="bob"), []),
    ],
)
def test_each_filter_narrows_the_trail(trail, chosen, expected):
    assert subjects(chosen) == expected


def test_fifty_a_page_with_previous_and_next_keeping_the_filter(empty_db):
    AuditEvent.insert(
        *(
            event(
                datetime(2021, 1, 1, 9, minute % 60, minute // 60, tzinfo=UTC),
                f"p{minute}@x.org",
                AuditKind.SIGN_IN,
            )
            for minute in range(120)
        )
    ).run_sync()
    first = asyncio.run(audit_page(AuditFilter(kind=AuditKind.SIGN_IN)))
    assert (first.total, first.pages, len(first.entries)) == (120, 3, 50)
    assert first.entries[0].actor == "p119@x.org"
    assert first.previous is None and first.next == "kind=sign-in&page=2"
    last = asyncio.run(audit_page(AuditFilter(kind=AuditKind.SIGN_IN, page=3)))
    assert len(last.entries) == 20 and last.entries[-1].actor == "p0@x.org"
    assert last.previous == "kind=sign-in&page=2" and last.next is None
    beyond = asyncio.run(audit_page(AuditFilter(page=99)))
    assert beyond.filter.page == 3 and len(beyond.entries) == 20


def test_a_query_string_is_read_into_a_filter_and_bad_parts_are_said():
    asked = read_filter(
        {
            "kind": "update",
            "person": " ann ",
            "from": "2020-09-30",
            "to": "2020-10-31",
            "action": "7",
        }
    )
    assert asked.problems == []
    assert asked.filter == AuditFilter(
        AuditKind.UPDATE, "ann", date(2020, 9, 30), date(2020, 10, 31), "", 7, 1
    )
    bad = read_filter({"kind": "nonsense", "from": "30/9/2020", "action": "x", "page": "-3"})
    assert dict(bad.problems).keys() == {"kind", "from", "action"}
    assert bad.filter == AuditFilter()
    assert bad.typed["from"] == "30/9/2020"
    backwards = read_filter({"from": "2020-10-01", "to": "2020-09-01"})
    assert [field for field, _ in backwards.problems] == ["to"]


def test_before_and_after_are_shown_per_field():
    shown = changes(
        '{"rag": "amber", "agencies": [], "active": true}',
        '{"rag": "green", "agencies": ["A", "B"], "active": false, "name": "Nia", "role": "lead"}',
    )
    assert [(c.field, c.before, c.after) for c in shown] == [
        ("RAG", "amber", "green"),
        ("Agencies", "(none)", "A; B"),
        ("Can sign in", "Yes", "No"),
        ("Name", "", "Nia"),
        ("Role", "", "Agency lead"),
    ]


@pytest.mark.parametrize(
    "statement", ["UPDATE audit_event SET actor = 'someone else'", "DELETE FROM audit_event"]
)
def test_the_database_refuses_to_change_or_delete_an_entry(trail, statement):
    with pytest.raises(Exception, match="append-only"):
        AuditEvent.raw(statement).run_sync()
    assert AuditEvent.count().where(AuditEvent.actor == "someone else").run_sync() == 0
    assert AuditEvent.count().run_sync() == 4
