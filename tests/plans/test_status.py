from datetime import date, datetime

from tracker.core.rag import RagCounts
from tracker.plans.slipping import days_overdue, is_overdue
from tracker.plans.status import UpdateRecord, status_as_at, statuses_as_at


def update(id, action_id, rag, as_at, recorded_at=datetime(2020, 10, 1)):
    return UpdateRecord(id, action_id, rag, f"progress {id}", as_at, recorded_at)


def test_status_is_the_latest_update_on_or_before_the_day():
    history = [
        update(1, 7, "red", date(2020, 6, 30)),
        update(2, 7, "amber", date(2020, 9, 30)),
        update(3, 7, "green", date(2020, 12, 31)),
    ]
    assert status_as_at(history, date(2020, 6, 29)) is None
    assert status_as_at(history, date(2020, 6, 30)).rag == "red"
    assert status_as_at(history, date(2020, 11, 15)).rag == "amber"
    assert status_as_at(history, date(2021, 3, 31)).rag == "green"


def test_an_update_recorded_late_about_an_earlier_day_counts_from_that_day():
    history = [
        update(1, 7, "amber", date(2020, 12, 31), recorded_at=datetime(2021, 1, 2)),
        update(2, 7, "red", date(2020, 9, 30), recorded_at=datetime(2021, 1, 5)),
    ]
    assert status_as_at(history, date(2020, 10, 1)).rag == "red"
    assert status_as_at(history, date(2021, 1, 10)).rag == "amber"


def test_of_two_updates_about_the_same_day_the_later_recorded_stands():
    history = [
        update(2, 7, "amber", date(2020, 9, 30), recorded_at=datetime(2020, 10, 3)),
        update(1, 7, "red", date(2020, 9, 30), recorded_at=datetime(2020, 10, 1)),
    ]
    assert status_as_at(history, date(2020, 9, 30)).rag == "amber"


def test_statuses_are_kept_apart_per_action():
    history = [
        update(1, 1, "red", date(2020, 6, 30)),
        update(2, 2, "green", date(2020, 6, 30)),
        update(3, 1, "blue", date(2020, 9, 30)),
    ]
    latest = statuses_as_at(history, date(2020, 9, 30))
    assert {action: u.rag for action, u in latest.items()} == {1: "blue", 2: "green"}


def test_rag_counts_put_unrated_actions_under_none():
    counts = RagCounts.of(["red", "red", None, "blue", "green", None])
    assert (counts.red, counts.amber, counts.green, counts.blue, counts.none) == (2, 0, 1, 1, 2)
    assert counts.total == 6


def test_an_action_past_its_due_date_and_not_complete_is_overdue():
    due = date(2020, 12, 31)
    assert not is_overdue(due, None, "amber", date(2020, 12, 31))
    assert is_overdue(due, None, "amber", date(2021, 1, 1))
    assert days_overdue(due, None, None, date(2021, 1, 10)) == 10


def test_complete_and_recurring_actions_are_never_overdue_by_date():
    due = date(2020, 12, 31)
    assert not is_overdue(due, None, "blue", date(2021, 6, 1))
    assert not is_overdue(due, "quarterly", "red", date(2021, 6, 1))
    assert not is_overdue(None, None, "red", date(2021, 6, 1))
    assert days_overdue(due, None, "blue", date(2021, 6, 1)) == 0


def test_rag_counts_from_the_databases_counts_match_counting_each_action():
    counts = {"red": 3, "amber": 0, "green": 5, "blue": 1, None: 4, "purple": 2}
    each = [rag for rag, count in counts.items() for _ in range(count)]
    assert RagCounts.counted(counts) == RagCounts.of(each)
    assert RagCounts.counted(counts).none == 6  # not rated, and a RAG it does not know
    assert RagCounts.counted({}) == RagCounts()
