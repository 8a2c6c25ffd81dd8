"""The rules an update must meet, before anything is written."""

from datetime import date

import pytest

from tracker.core.rag import Rag
from tracker.updates.rules import UpdateForm, check_update

TODAY = date(2020, 9, 30)


def check(current_rag=None, **typed):
    return check_update(UpdateForm(**typed), current_rag=current_rag, today=TODAY)


def test_a_complete_update_passes_with_the_as_at_day_defaulting_to_today():
    result = check("green", rag="green", progress="On track")
    assert result.problems == {}
    assert result.update is not None
    assert (result.update.rag, result.update.progress, result.update.as_at) == (
        Rag.GREEN,
        "On track",
        TODAY,
    )


def test_a_rag_status_must_be_chosen_from_the_four():
    assert "rag" in check(rag="").problems
    assert "rag" in check(rag="purple", progress="x").problems
    assert "rag" in check(rag="RED", progress="x").problems


@pytest.mark.parametrize("rag", ["red", "amber"])
def test_red_and_amber_need_progress_even_when_unchanged(rag):
    problems = check(rag, rag=rag, progress="  ").problems
    assert "progress" in problems
    assert "needed when the status is" in problems["progress"]


def test_green_unchanged_may_be_confirmed_without_progress():
    assert check("green", rag="green").problems == {}


def test_a_change_of_status_needs_progress_saying_why():
    problems = check("green", rag="amber").problems
    assert "progress" in problems
    problems = check(None, rag="green").problems
    assert problems["progress"].endswith("changes from not rated to green.")


def test_complete_needs_evidence_of_impact():
    problems = check("green", rag="blue", progress="Done").problems
    assert set(problems) == {"impact"}
    assert "children" in problems["impact"]
    passed = check("green", rag="blue", progress="Done", impact="Referrals up 20%")
    assert passed.update is not None
    assert passed.update.impact == "Referrals up 20%"


@pytest.mark.parametrize(
    ("as_at", "fragment"),
    [
        ("2020-10-01", "cannot be after today"),
        ("30/09/2020", "real date"),
        ("1999-12-31", "on or after"),
    ],
)
def test_the_as_at_day_must_be_a_real_day_not_in_the_future(as_at, fragment):
    problems = check("green", rag="green", progress="x", as_at=as_at).problems
    assert fragment in problems["as_at"]


def test_a_past_as_at_day_is_kept():
    result = check("green", rag="green", progress="x", as_at="2020-06-30")
    assert result.update is not None and result.update.as_at == date(2020, 6, 30)


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "www.example.org", "https://", "ftp://x.org/a"]
)
def test_an_evidence_link_must_be_a_web_address(link):
    assert "evidence_link" in check("green", rag="green", evidence_link=link).problems


def test_every_problem_is_reported_at_once():
    problems = check("green", rag="blue", as_at="tomorrow", evidence_link="nope").problems
    assert set(problems) == {"progress", "impact", "as_at", "evidence_link"}


def test_overlong_progress_is_refused_with_the_limit():
    problems = check("green", rag="green", progress="x" * 4001).problems
    assert "4,000" in problems["progress"]
