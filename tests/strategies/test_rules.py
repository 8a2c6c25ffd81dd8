"""Checking a new strategy's form: what is wrong is said next to each field."""

from datetime import date

from tracker.strategies.rules import StrategyForm, checked_strategy

GOOD = StrategyForm(
    "Oxfordshire Neglect Strategy 2023-26",
    "Oxfordshire Safeguarding Children Partnership",
    "2023-26",
    "2023-04-01",
    "2026-03-31",
)


def test_a_complete_form_gives_the_strategy():
    found, problems = checked_strategy(GOOD, ["Oxfordshire Neglect Strategy 2020-23"])
    assert problems == {}
    assert found is not None
    assert (found.starts, found.ends) == (date(2023, 4, 1), date(2026, 3, 31))


def test_a_name_already_taken_is_refused_whatever_its_case():
    _, problems = checked_strategy(GOOD, ["OXFORDSHIRE NEGLECT STRATEGY 2023-26"])
    assert problems == {"name": "There is already a strategy with this name: choose another"}


def test_each_missing_or_wrong_field_is_named():
    _, problems = checked_strategy(StrategyForm(" ", "", "", "2023-02-30", "someday"), [])
    assert set(problems) == {"name", "partnership", "period", "starts", "ends"}


def test_the_last_day_must_come_after_the_first():
    form = StrategyForm("A", "B", "2023-26", "2026-03-31", "2023-04-01")
    _, problems = checked_strategy(form, [])
    assert problems == {"ends": "The last day must be after the first day"}


def test_overlong_names_are_refused():
    form = StrategyForm("x" * 201, "y" * 201, "z" * 21, "2023-04-01", "2026-03-31")
    _, problems = checked_strategy(form, [])
    assert set(problems) == {"name", "partnership", "period"}
