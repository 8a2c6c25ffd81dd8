"""The rules of assurance ratings and outcome evidence, on plain data."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tracker.assurance.rules import (
    CAN_ASSURE,
    MAX_REASON,
    Assurance,
    AssuranceForm,
    Evidenced,
    OutcomeForm,
    Rating,
    assurance_as_at,
    check_assurance,
    check_outcome,
    compared_on,
    default_quarter,
    disagrees,
    evidenced_label,
    quarter_to_rate,
    withdrawn_problem,
)
from tracker.core.dates import Quarter
from tracker.core.roles import Role

TODAY = date(2020, 11, 15)  # in 2020-21 Q3
Q1, Q2, Q3 = Quarter(2020, 1), Quarter(2020, 2), Quarter(2020, 3)


def rating(quarter: Quarter, rag: str = "red") -> Rating:
    return Rating(1, quarter, rag, "Evidence does not support green", "chair@example.org",
                  datetime(2020, 10, 5, tzinfo=UTC))  # fmt: skip


def test_a_complete_form_is_checked_into_quarter_rag_and_trimmed_reason():
    check = check_assurance(AssuranceForm("2020-21-Q2", "Red", "  No evidence of impact.  "), TODAY)
    assert check.problems == {}
    assert check.assurance is not None
    assert (check.assurance.quarter, check.assurance.rag, check.assurance.reason) == (
        Q2,
        "red",
        "No evidence of impact.",
    )


def test_the_quarter_may_be_written_with_a_space_as_pages_show_it():
    check = check_assurance(AssuranceForm("2020-21 Q3", "amber", "Slipping"), TODAY)
    assert check.assurance is not None and check.assurance.quarter == Q3


@pytest.mark.parametrize(
    ("quarter", "message"),
    [
        ("", "Choose the quarter the assurance rating is for."),
        ("Q2 2020", "Enter the quarter like 2020-21 Q2."),
        ("2020-22-Q2", "Enter the quarter like 2020-21 Q2."),
        ("2020-21-Q4", "2020-21 Q4 has not begun: choose 2020-21 Q3 or an earlier quarter."),
    ],
)
def test_a_quarter_that_cannot_be_read_or_has_not_begun_is_refused(quarter, message):
    check = check_assurance(AssuranceForm(quarter, "red", "Reason"), TODAY)
    assert check.assurance is None
    assert check.problems == {"quarter": message}


@pytest.mark.parametrize("rag", ["", "purple", "none", "not rated"])
def test_the_rating_must_be_red_amber_green_or_complete(rag):
    check = check_assurance(AssuranceForm("2020-21-Q2", rag, "Reason"), TODAY)
    assert check.problems == {"rag": "Choose the assurance rating: Red, Amber, Green or Complete."}


def test_complete_is_a_rating_a_chair_may_give():
    assert check_assurance(AssuranceForm("2020-21-Q2", "blue", "Done"), TODAY).assurance


def test_a_reason_is_required_and_at_most_2000_characters():
    empty = check_assurance(AssuranceForm("2020-21-Q2", "red", "   "), TODAY)
    assert empty.problems == {"reason": "Give the reason for the assurance rating."}
    long = check_assurance(AssuranceForm("2020-21-Q2", "red", "x" * (MAX_REASON + 1)), TODAY)
    assert long.problems == {
        "reason": "The reason must be 2,000 characters or fewer (it is 2,001)."
    }
    assert check_assurance(AssuranceForm("2020-21-Q2", "red", "x" * MAX_REASON), TODAY).assurance


def test_every_problem_is_reported_at_once():
    check = check_assurance(AssuranceForm("", "", ""), TODAY)
    assert set(check.problems) == {"quarter", "rag", "reason"}


def test_only_chairs_and_the_business_unit_may_assure():
    assert CAN_ASSURE == {Role.CHAIR, Role.BUSINESS_UNIT}


def test_the_form_offers_the_quarter_just_ended_first():
    assert default_quarter(TODAY) == Q2
    assert default_quarter(date(2021, 4, 1)) == Quarter(2020, 4)


@pytest.mark.parametrize(
    ("agency", "assurance", "expected"),
    [
        ("green", "red", True),
        ("amber", "amber", False),
        (None, "amber", True),  # the agency has not rated it
        ("blue", "green", True),
        ("green", None, False),  # no assurance rating: nothing to disagree with
    ],
)
def test_an_assurance_rating_disagrees_when_it_differs_from_the_agencys(
    agency, assurance, expected
):
    assert disagrees(agency, assurance) is expected


def test_as_at_a_day_the_rating_for_the_latest_quarter_up_to_that_days_stands():
    ratings = [rating(Q1, "amber"), rating(Q2, "red")]
    assert assurance_as_at(ratings, date(2020, 6, 30)).quarter == Q1
    assert assurance_as_at(ratings, date(2020, 9, 30)).quarter == Q2
    # The Q2 rating set in October is still shown in November.
    assert assurance_as_at(ratings, date(2020, 11, 15)).quarter == Q2
    assert assurance_as_at(ratings, date(2020, 3, 31)) is None
    assert assurance_as_at([], TODAY) is None


def test_the_agencys_rating_is_compared_at_the_quarters_end_or_the_day_if_sooner():
    assert compared_on(Q2, date(2020, 11, 15)) == date(2020, 9, 30)
    assert compared_on(Q3, date(2020, 11, 15)) == date(2020, 11, 15)


def test_an_assurance_is_shown_with_its_quarter_and_rag_word():
    assured = Assurance(rating(Q2, "red"), "green", date(2020, 9, 30))
    assert assured.rating.label == "Assurance (2020-21 Q2): Red"
    assert assured.disagrees
    assert not Assurance(rating(Q2, "green"), "green", date(2020, 9, 30)).disagrees


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("yes", Evidenced.YES), ("Partly", Evidenced.PARTLY), ("not-yet", Evidenced.NOT_YET)],
)
def test_outcome_evidence_is_yes_partly_or_not_yet(typed, expected):
    check = check_outcome(OutcomeForm(typed, ""))
    assert check.outcome is not None
    assert (check.outcome.evidenced, check.outcome.note) == (expected, None)


def test_the_outcome_labels_are_the_words_users_see():
    assert [item.label for item in Evidenced] == ["Yes", "Partly", "Not yet"]
    assert evidenced_label("not-yet") == "Not yet"
    assert evidenced_label(None) == ""


def test_an_outcome_without_a_choice_or_with_too_long_a_note_is_refused():
    assert check_outcome(OutcomeForm("", "")).problems == {
        "evidenced": "Choose whether the desired outcome is evidenced: Yes, Partly or Not yet."
    }
    assert set(check_outcome(OutcomeForm("maybe", "x" * 2001)).problems) == {"evidenced", "note"}


def test_an_outcome_note_is_kept_trimmed():
    check = check_outcome(OutcomeForm("partly", "  Audit due in March.  "))
    assert check.outcome is not None and check.outcome.note == "Audit due in March."


def test_a_withdrawn_action_is_rated_only_for_quarters_that_ended_before_it_was_withdrawn():
    q1, q2 = Q1, Q2
    assert withdrawn_problem("1.2", None, q2) is None
    assert withdrawn_problem("1.2", date(2020, 8, 1), q1) is None  # Q1 ended 30 Jun 2020
    assert withdrawn_problem("1.2", date(2020, 8, 1), q2) == (
        "Action 1.2 was withdrawn on 1 Aug 2020, so it is not counted in 2020-21 Q2: "
        "rate a quarter that ended before then."
    )
    # Withdrawn on the quarter's last day: not counted on it (the withdrawal rule).
    assert withdrawn_problem("1.2", q1.last_day, q1) is not None
    assert withdrawn_problem("1.2", q1.last_day + timedelta(days=1), q1) is None


def test_a_withdrawn_actions_form_opens_on_the_last_quarter_before_its_withdrawal():
    assert default_quarter(TODAY) == Q2  # 15 Nov 2020: Q2 has just ended
    assert default_quarter(TODAY, date(2020, 11, 1)) == Q2  # withdrawn after Q2 ended
    assert default_quarter(TODAY, date(2020, 9, 30)) == Q1  # not counted on Q2's last day
    assert default_quarter(TODAY, date(2020, 8, 1)) == Q1


def test_the_action_page_as_at_a_past_day_offers_the_last_quarter_ended_by_then():
    assert quarter_to_rate(TODAY, TODAY) == default_quarter(TODAY) == Q2
    assert quarter_to_rate(date(2020, 9, 30), TODAY) == Q2  # Q2's last day: it has ended
    assert quarter_to_rate(date(2020, 9, 29), TODAY) == Q1
    assert quarter_to_rate(date(2020, 8, 15), TODAY) == Q1
    assert quarter_to_rate(date(2020, 6, 30), TODAY) == Q1
    # Withdrawn by then: the last quarter that ended before the withdrawal.
    assert quarter_to_rate(date(2020, 9, 30), TODAY, date(2020, 8, 1)) == Q1
    assert quarter_to_rate(date(2020, 9, 30), TODAY, date(2020, 9, 30)) == Q1
    assert quarter_to_rate(date(2020, 9, 30), TODAY, date(2020, 10, 1)) == Q2
