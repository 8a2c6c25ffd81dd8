"""The checks on a plan-change form, and the withdrawal rule: plain data, no database."""

from datetime import date

from tracker.core.permissions import may_change_plan
from tracker.core.roles import Role
from tracker.plan_changes.rules import (
    ActionWordingForm,
    NewActionForm,
    ObjectiveForm,
    WithdrawForm,
    check_new_action,
    check_objective,
    check_withdrawal,
    check_wording,
    counts_on,
    in_natural_order,
)

TODAY = date(2026, 11, 10)


def test_refs_keep_their_natural_order_not_the_alphabets():
    refs = [(1, "1.10"), (2, "1.2"), (3, "10"), (4, "2"), (5, "1.1"), (6, "2a")]
    assert in_natural_order(refs) == [5, 2, 1, 4, 6, 3]


def test_an_objective_needs_a_ref_and_words():
    check = check_objective(ObjectiveForm(ref="  ", text=""))
    assert check.change is None
    assert set(check.problems) == {"ref", "text"}
    check = check_objective(ObjectiveForm(ref=" 7 ", text="  Better early help  "))
    assert check.change is not None
    assert (check.change.ref, check.change.text) == ("7", "Better early help")


def test_a_ref_longer_than_its_column_is_refused():
    check = check_objective(ObjectiveForm(ref="1" * 21, text="Words"))
    assert "20 characters" in check.problems["ref"]


def test_an_action_may_only_go_to_its_own_plans_objectives():
    form = ActionWordingForm(ref="1.4", text="Train staff", objective="99")
    assert "objective" in check_wording(form, [1, 2]).problems
    moved = check_wording(ActionWordingForm(ref="1.4", text="Train staff", objective="2"), [1, 2])
    assert moved.change is not None and moved.change.objective_id == 2


def test_a_new_action_reads_its_due_day_and_refuses_a_false_one():
    form = NewActionForm(ref="1.4", text="Train", objective="1", due="2021-02-30")
    assert "real date" in check_new_action(form, [1]).problems["due"]
    form = NewActionForm(
        ref="1.4", text="Train", objective="1", due="2021-03-31", lead=" ESAT  Manager "
    )
    new = check_new_action(form, [1]).change
    assert new is not None
    assert (new.due, new.lead, new.timeframe) == (date(2021, 3, 31), "ESAT Manager", None)


def test_a_withdrawal_needs_a_reason_and_a_day_not_in_the_future():
    check = check_withdrawal(WithdrawForm(withdrawn_on="2026-11-11", withdrawn_reason=""), TODAY)
    assert set(check.problems) == {"withdrawn_on", "withdrawn_reason"}
    assert "future" in check.problems["withdrawn_on"]
    check = check_withdrawal(WithdrawForm(withdrawn_reason="Dropped by the group"), TODAY)
    assert check.change is not None and check.change.on == TODAY


def test_a_withdrawn_action_counts_until_the_day_before_it_was_withdrawn():
    assert counts_on(None, TODAY)
    assert counts_on(date(2020, 10, 1), date(2020, 9, 30))
    assert not counts_on(date(2020, 10, 1), date(2020, 10, 1))
    assert not counts_on(date(2020, 10, 1), date(2020, 12, 31))


def test_the_business_unit_changes_any_plan_and_a_lead_only_their_agencys():
    assert may_change_plan(Role.BUSINESS_UNIT, frozenset(), None)
    assert may_change_plan(Role.LEAD, frozenset({3}), 3)
    assert not may_change_plan(Role.LEAD, frozenset({3}), 4)
    assert not may_change_plan(Role.LEAD, frozenset({3}), None)  # the overarching plan
    assert not may_change_plan(Role.CHAIR, frozenset({3}), 3)
    assert not may_change_plan(Role.VIEWER, frozenset({3}), 3)
