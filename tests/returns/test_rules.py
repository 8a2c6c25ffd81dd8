"""The rules of a plan's quarterly return: its states, who takes which step, its deadline."""

from datetime import date

import pytest

from tracker.core.dates import Quarter
from tracker.core.roles import Role
from tracker.returns.rules import (
    MAX_COMMENTS,
    ReturnState,
    ReturnStep,
    StepRefused,
    Submitter,
    chair_order,
    check_comments,
    check_deadline,
    collecting,
    dated_outside_accepted,
    days_overdue,
    default_deadline,
    may_decide,
    may_submit,
    next_state,
)

Q1, Q2, Q3, Q4 = (Quarter(2020, number) for number in (1, 2, 3, 4))
S = ReturnState
TVP, HEALTH = 8, 5

ALLOWED = [
    (S.NOT_STARTED, ReturnStep.SUBMIT, S.SUBMITTED),
    (S.DRAFT, ReturnStep.SUBMIT, S.SUBMITTED),
    (S.RETURNED, ReturnStep.SUBMIT, S.RESUBMITTED),
    (S.SUBMITTED, ReturnStep.RETURN, S.RETURNED),
    (S.SUBMITTED, ReturnStep.ACCEPT, S.ACCEPTED),
    (S.RESUBMITTED, ReturnStep.RETURN, S.RETURNED),
    (S.RESUBMITTED, ReturnStep.ACCEPT, S.ACCEPTED),
    # Withdrawn by its lead before a chair acts: back to the agency as it was.
    (S.SUBMITTED, ReturnStep.WITHDRAW, S.DRAFT),
    (S.RESUBMITTED, ReturnStep.WITHDRAW, S.RETURNED),
]
REFUSED = [
    (S.SUBMITTED, ReturnStep.SUBMIT, "already submitted"),
    (S.RESUBMITTED, ReturnStep.SUBMIT, "already submitted"),
    (S.ACCEPTED, ReturnStep.SUBMIT, "already accepted: it cannot change"),
    (S.NOT_STARTED, ReturnStep.RETURN, "has not been submitted yet"),
    (S.NOT_STARTED, ReturnStep.ACCEPT, "has not been submitted yet"),
    (S.DRAFT, ReturnStep.RETURN, "has not been submitted yet"),
    (S.DRAFT, ReturnStep.ACCEPT, "has not been submitted yet"),
    (S.RETURNED, ReturnStep.RETURN, "already returned for changes"),
    (S.RETURNED, ReturnStep.ACCEPT, "already returned for changes"),
    (S.ACCEPTED, ReturnStep.RETURN, "already accepted"),
    (S.ACCEPTED, ReturnStep.ACCEPT, "already accepted"),
    (S.NOT_STARTED, ReturnStep.WITHDRAW, "not been submitted: there is nothing to withdraw"),
    (S.DRAFT, ReturnStep.WITHDRAW, "not been submitted: there is nothing to withdraw"),
    (S.RETURNED, ReturnStep.WITHDRAW, "already sent back for changes"),
    (S.ACCEPTED, ReturnStep.WITHDRAW, "already accepted: it cannot be withdrawn"),
]


def test_every_state_and_step_pair_is_either_allowed_or_refused():
    named = {(state, step) for state, step, _ in ALLOWED + REFUSED}
    assert named == {(state, step) for state in S for step in ReturnStep}


@pytest.mark.parametrize(("state", "step", "after"), ALLOWED)
def test_allowed_steps_move_the_return_on(state, step, after):
    assert next_state(state, step, Q2) is after


@pytest.mark.parametrize(("state", "step", "reason"), REFUSED)
def test_refused_steps_say_why_naming_the_quarter(state, step, reason):
    with pytest.raises(StepRefused, match=reason) as refused:
        next_state(state, step, Q2)
    assert "2020-21 Q2" in str(refused.value)


def lead(*agencies: int, titles: tuple[str, ...] = ()) -> Submitter:
    return Submitter(Role.LEAD, frozenset(agencies), frozenset(titles))


def test_a_lead_submits_their_own_agencys_plan_only():
    assert may_submit(lead(TVP), TVP, [])
    assert not may_submit(lead(TVP), HEALTH, [])


def test_a_lead_named_on_the_overarching_plans_actions_submits_it():
    leads = ["Head of Safeguarding Policy", "OSCB Business Unit Manager"]
    assert may_submit(lead(TVP, titles=("OSCB Business Unit Manager",)), None, leads)
    assert not may_submit(lead(TVP), None, leads)


def test_a_lead_title_does_not_submit_an_agencys_plan():
    """The issue's case: "DI MASH", a lead by title only, submitted another agency's return."""
    titled = lead(titles=("DI MASH",))
    assert not may_submit(titled, TVP, ["DI MASH", "DCI Public Protection"])
    assert not may_submit(lead(HEALTH, titles=("DI MASH",)), TVP, ["DI MASH"])
    assert may_submit(lead(TVP, titles=("DI MASH",)), TVP, ["DI MASH"])
    assert may_submit(titled, None, ["DI MASH"])


def test_the_business_unit_submits_any_plan():
    business_unit = Submitter(Role.BUSINESS_UNIT, frozenset(), frozenset())
    assert may_submit(business_unit, TVP, [])
    assert may_submit(business_unit, None, [])


def test_a_chair_submits_only_the_overarching_plan_and_a_viewer_nothing():
    chair = Submitter(Role.CHAIR, frozenset(), frozenset())
    viewer = Submitter(Role.VIEWER, frozenset({TVP}), frozenset())
    assert may_submit(chair, None, [])
    assert not may_submit(chair, TVP, [])
    assert not may_submit(viewer, TVP, [])
    assert not may_submit(viewer, None, [])


@pytest.mark.parametrize(
    ("role", "decides"),
    [(Role.CHAIR, True), (Role.BUSINESS_UNIT, True), (Role.LEAD, False), (Role.VIEWER, False)],
)
def test_only_chairs_and_the_business_unit_accept_or_return(role, decides):
    assert may_decide(role) is decides


def test_returning_needs_comments_of_a_sensible_length():
    assert check_comments("  Say more about 4.1.  ") == ("Say more about 4.1.", None)
    assert check_comments("   ")[1] == "Say what needs changing: returning a return needs comments."
    assert (
        check_comments("x" * (MAX_COMMENTS + 1))[1] == "Comments must be 4,000 characters or fewer."
    )


def test_returns_are_due_14_days_after_the_quarter_ends():
    assert default_deadline(Q2) == date(2020, 10, 14)
    assert default_deadline(Q4) == date(2021, 4, 14)


def test_a_deadline_is_on_or_after_the_quarters_end_and_within_a_year():
    assert check_deadline("2020-09-30", Q2) == (date(2020, 9, 30), None)
    assert check_deadline("2020-09-29", Q2)[1] == (
        "The deadline must be on or after the quarter's last day, 30 Sep 2020."
    )
    assert (
        check_deadline("2021-10-02", Q2)[1]
        == "The deadline must be within a year of the quarter's end."
    )
    assert check_deadline("14/10/2020", Q2)[1] == (
        "Enter the deadline as a real date, for example 2020-10-14."
    )


def test_a_return_still_with_the_agency_is_overdue_the_day_after_its_deadline():
    deadline = date(2020, 10, 14)
    for state in (S.NOT_STARTED, S.DRAFT, S.RETURNED):
        assert days_overdue(state, deadline, date(2020, 10, 14)) == 0
        assert days_overdue(state, deadline, date(2020, 10, 15)) == 1
        assert days_overdue(state, deadline, date(2020, 11, 13)) == 30
    for state in (S.SUBMITTED, S.RESUBMITTED, S.ACCEPTED):
        assert days_overdue(state, deadline, date(2020, 11, 13)) == 0


def test_a_change_dated_in_an_accepted_quarter_moves_to_the_next_open_quarters_first_day():
    assert dated_outside_accepted(date(2020, 6, 30), {Q1}) == date(2020, 7, 1)
    assert dated_outside_accepted(date(2020, 5, 2), {Q1, Q2}) == date(2020, 10, 1)
    assert dated_outside_accepted(date(2020, 6, 30), set()) == date(2020, 6, 30)
    assert dated_outside_accepted(date(2020, 8, 1), {Q1}) == date(2020, 8, 1)
    assert dated_outside_accepted(date(2021, 3, 31), {Q4}) == date(2021, 4, 1)


def test_returns_being_collected_are_the_previous_quarters():
    assert collecting(date(2020, 10, 5)) == Q2
    assert collecting(date(2020, 4, 1)) == Quarter(2019, 4)


def test_the_chairs_see_overdue_returns_first_then_those_awaiting_them():
    rows = [
        ("accepted", S.ACCEPTED, 0),
        ("late", S.DRAFT, 3),
        ("submitted", S.SUBMITTED, 0),
        ("very late", S.NOT_STARTED, 20),
        ("draft on time", S.DRAFT, 0),
        ("resubmitted", S.RESUBMITTED, 0),
    ]
    ordered = sorted(rows, key=lambda row: chair_order(row[1], row[2]))
    assert [name for name, *_ in ordered] == [
        "very late",
        "late",
        "submitted",
        "resubmitted",
        "accepted",
        "draft on time",
    ]


def test_states_read_in_words():
    assert [state.label for state in S] == [
        "Not started",
        "In progress",
        "Submitted",
        "Returned for changes",
        "Resubmitted",
        "Accepted",
    ]
