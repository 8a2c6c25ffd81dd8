"""The rules for challenges, replies, escalations and resolutions: pure, no database."""

from datetime import date

import pytest

from tracker.challenges.rules import (
    MAX_QUESTION,
    MAX_REPLY,
    ChallengeForm,
    ChallengeState,
    challenge_state,
    check_challenge,
    check_closing_note,
    check_reply,
    reply_overdue_by,
)
from tracker.core.tables import EscalatedTo
from tracker.escalations.rules import (
    BODIES,
    MAX_ISSUE,
    MAX_RATIONALE,
    EscalationForm,
    check_escalation,
    check_resolution,
)

TODAY = date(2020, 9, 30)


def test_a_challenge_with_a_question_and_a_date_from_today_is_accepted():
    checked = check_challenge(ChallengeForm("  Why is this behind?  ", "2020-09-30"), TODAY)
    assert checked.problems == {}
    assert checked.challenge is not None
    assert checked.challenge.question == "Why is this behind?"
    assert checked.challenge.reply_wanted_by == TODAY


def test_a_reply_wanted_yesterday_is_refused_as_in_the_past():
    checked = check_challenge(ChallengeForm("Why?", "2020-09-29"), TODAY)
    assert checked.challenge is None
    assert checked.problems["reply_wanted_by"] == (
        "The date a reply is wanted by cannot be in the past: make it today (30 Sep 2020) or later."
    )


@pytest.mark.parametrize("typed", ["31/10/2020", "2020-02-30", "next week"])
def test_a_wanted_by_date_that_is_not_a_real_date_is_said(typed):
    checked = check_challenge(ChallengeForm("Why?", typed), TODAY)
    assert "as a real date" in checked.problems["reply_wanted_by"]


def test_an_empty_challenge_names_both_missing_fields():
    checked = check_challenge(ChallengeForm("   ", ""), TODAY)
    assert checked.problems == {
        "question": "Write the question for the lead.",
        "reply_wanted_by": "Enter the date a reply is wanted by.",
    }


def test_a_question_at_the_limit_is_accepted_and_one_over_is_refused():
    at_limit = check_challenge(ChallengeForm("q" * MAX_QUESTION, "2020-10-31"), TODAY)
    over = check_challenge(ChallengeForm("q" * (MAX_QUESTION + 1), "2020-10-31"), TODAY)
    assert at_limit.problems == {}
    assert (
        over.problems["question"] == "The question must be 4,000 characters or fewer (it is 4,001)."
    )


def test_a_reply_is_required_and_limited():
    assert check_reply("  Done: see the audit.  ").text == "Done: see the audit."
    assert check_reply(" ").problems == {"reply": "Write your reply to the challenge."}
    assert "4,000 characters or fewer" in check_reply("r" * (MAX_REPLY + 1)).problems["reply"]


def test_a_closing_note_is_optional_but_limited():
    assert check_closing_note("").text is None
    assert check_closing_note("").problems == {}
    assert check_closing_note(" Settled ").text == "Settled"
    assert "closing note" in check_closing_note("n" * 4001).problems["closing_note"]


def test_a_challenge_is_awaiting_reply_then_answered_then_closed():
    assert challenge_state(None, closed=False) is ChallengeState.AWAITING_REPLY
    assert challenge_state("Because", closed=False) is ChallengeState.ANSWERED
    assert challenge_state("Because", closed=True) is ChallengeState.CLOSED
    assert challenge_state(None, closed=True) is ChallengeState.CLOSED


def test_a_reply_is_overdue_only_after_the_wanted_by_day_and_only_while_awaited():
    awaiting = ChallengeState.AWAITING_REPLY
    assert reply_overdue_by(awaiting, TODAY, TODAY) == 0
    assert reply_overdue_by(awaiting, date(2020, 9, 29), TODAY) == 1
    assert reply_overdue_by(awaiting, date(2020, 9, 20), TODAY) == 10
    assert reply_overdue_by(ChallengeState.ANSWERED, date(2020, 9, 20), TODAY) == 0
    assert reply_overdue_by(ChallengeState.CLOSED, date(2020, 9, 20), TODAY) == 0


def test_the_bodies_are_the_two_the_database_accepts():
    assert set(BODIES) == {body.value for body in EscalatedTo}
    assert set(BODIES.values()) == {"OSCB Business Group", "MASA"}


def test_an_escalation_must_go_to_one_of_the_two_bodies():
    checked = check_escalation(
        EscalationForm("police", "", "Needs partners"), for_action=True, today=TODAY
    )
    assert checked.problems == {
        "escalated_to": "Choose who to escalate to: OSCB Business Group or MASA."
    }


def test_an_actions_escalation_may_leave_the_issue_empty_but_a_free_standing_one_may_not():
    form = EscalationForm("masa", "", "Needs senior partners")
    assert check_escalation(form, for_action=True, today=TODAY).problems == {}
    assert check_escalation(form, for_action=False, today=TODAY).problems == {
        "issue": "Write the issue in a line."
    }


def test_an_issue_is_one_line_of_at_most_300_characters():
    checked = check_escalation(
        EscalationForm("business-group", "Two\nlines", "Why"), for_action=False, today=TODAY
    )
    assert checked.escalation is not None
    assert checked.escalation.issue == "Two lines"
    at_limit = EscalationForm("masa", "i" * MAX_ISSUE, "Why")
    over = EscalationForm("masa", "i" * (MAX_ISSUE + 1), "Why")
    assert check_escalation(at_limit, for_action=False, today=TODAY).problems == {}
    assert check_escalation(over, for_action=False, today=TODAY).problems["issue"] == (
        "The issue must be 300 characters or fewer (it is 301)."
    )


def test_an_escalation_needs_a_rationale_within_the_limit():
    empty = check_escalation(EscalationForm("masa", "Issue", "  "), for_action=False, today=TODAY)
    assert empty.problems == {"rationale": "Write why it needs escalating."}
    long = check_escalation(
        EscalationForm("masa", "Issue", "r" * (MAX_RATIONALE + 1)), for_action=False, today=TODAY
    )
    assert "4,000 characters or fewer" in long.problems["rationale"]


def test_a_resolution_is_required():
    assert check_resolution(" Agreed at MASA ").text == "Agreed at MASA"
    assert check_resolution("").problems == {"resolution": "Write how the escalation was resolved."}
