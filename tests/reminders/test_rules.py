"""Which reminders are due, their keys, who gets a return's, and the digest's words."""

import textwrap
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.core.dates import Quarter
from tracker.core.permissions import Updater
from tracker.core.roles import Role
from tracker.reminders.rules import (
    LINE_WIDTH,
    TEXT_LENGTH,
    ActionFacts,
    ReminderKind,
    ReturnFacts,
    ReturnStage,
    _shortened,
    _wrapped,
    action_reminder,
    compose,
    new_reminders,
    path_for,
    quarters_collected,
    return_goes_to,
    return_reminder,
    return_stage,
)
from tracker.returns.rules import ReturnState

Q1 = Quarter(2020, 1)
DEADLINE = date(2020, 7, 14)
BASE = "https://tracker.example.org"


def q1_return(state=ReturnState.DRAFT, deadline=DEADLINE) -> ReturnFacts:
    return ReturnFacts(8, "Thames Valley Police", Q1, state, deadline)


def action(due=date(2020, 7, 17), rag="amber", recurring=None, action_id=25) -> ActionFacts:
    return ActionFacts(
        action_id, "2.2", "Publish a neglect message", "Thames Valley Police", due, recurring, rag
    )


@pytest.mark.parametrize(
    ("days_left", "stage"),
    [
        (8, None),
        (7, ReturnStage.WEEK_BEFORE),
        (2, ReturnStage.WEEK_BEFORE),
        (1, ReturnStage.DAY_BEFORE),
        (0, ReturnStage.DAY_BEFORE),
        (-1, ReturnStage.OVERDUE),
        (-40, ReturnStage.OVERDUE),
    ],
)
def test_a_returns_reminder_stage_follows_the_days_left_to_its_deadline(days_left, stage):
    assert return_stage(days_left) is stage


@pytest.mark.parametrize(
    ("today", "words"),
    [
        (date(2020, 7, 7), "is due in 7 days"),
        (date(2020, 7, 13), "is due tomorrow"),
        (date(2020, 7, 14), "is due today"),
        (date(2020, 7, 15), "is 1 day overdue"),
        (date(2020, 7, 20), "is 6 days overdue"),
        (date(2023, 7, 14), "is 1,095 days overdue"),
    ],
)
def test_a_return_reminder_says_how_long_is_left(today, words):
    reminder = return_reminder(q1_return(), today)
    assert reminder is not None
    assert f"Thames Valley Police: the 2020-21 Q1 return {words} (deadline 14 Jul 2020)" in (
        reminder.text
    )


def test_a_missed_run_still_sends_the_week_before_reminder_later_in_its_window():
    on_the_day = return_reminder(q1_return(), DEADLINE - timedelta(days=7))
    five_days_before = return_reminder(q1_return(), DEADLINE - timedelta(days=5))
    assert on_the_day and five_days_before
    assert on_the_day.key == five_days_before.key == "return:8:2020-21-Q1:7-days"


def test_each_stage_of_a_return_has_its_own_key_so_each_is_sent_once():
    keys = {
        return_reminder(q1_return(), DEADLINE - timedelta(days=days)).key  # type: ignore[union-attr]
        for days in (7, 1, -1)
    }
    assert keys == {
        "return:8:2020-21-Q1:7-days",
        "return:8:2020-21-Q1:1-day",
        "return:8:2020-21-Q1:overdue",
    }


@pytest.mark.parametrize(
    "state", [ReturnState.SUBMITTED, ReturnState.RESUBMITTED, ReturnState.ACCEPTED]
)
def test_a_return_with_the_chair_or_accepted_is_not_reminded_of(state):
    assert return_reminder(q1_return(state), DEADLINE) is None


@pytest.mark.parametrize(
    ("state", "note"),
    [
        (ReturnState.NOT_STARTED, "it has not been started"),
        (ReturnState.DRAFT, "it is in progress, not yet submitted"),
        (ReturnState.RETURNED, "it was returned for changes"),
    ],
)
def test_a_return_still_with_the_agency_is_reminded_of_with_its_state(state, note):
    reminder = return_reminder(q1_return(state), DEADLINE)
    assert reminder is not None and note in reminder.text
    assert reminder.path == "/returns/2020-21-Q1/plans/8"


def test_a_return_more_than_a_week_from_its_deadline_is_not_reminded_of():
    assert return_reminder(q1_return(), DEADLINE - timedelta(days=8)) is None


def test_the_quarter_just_ended_is_collected_and_the_current_one_only_near_its_deadline():
    today = date(2020, 7, 7)
    assert quarters_collected(today, date(2020, 10, 14)) == (Q1,)
    assert quarters_collected(today, date(2020, 7, 14)) == (Q1, Quarter(2020, 2))


@pytest.mark.parametrize(
    ("due", "kind", "key", "words"),
    [
        (date(2020, 7, 21), ReminderKind.DUE, "due:25:2020-07-21", "due in 14 days, on 21 Jul"),
        (date(2020, 7, 8), ReminderKind.DUE, "due:25:2020-07-08", "due tomorrow, on 8 Jul 2020"),
        (date(2020, 7, 7), ReminderKind.DUE, "due:25:2020-07-07", "due today, on 7 Jul 2020"),
        (
            date(2020, 7, 2),
            ReminderKind.OVERDUE,
            "overdue:25:2020-07-02",
            "was due on 2 Jul 2020, 5 days overdue",
        ),
    ],
)
def test_an_action_due_within_14_days_or_overdue_is_reminded_of(due, kind, key, words):
    reminder = action_reminder(action(due=due), date(2020, 7, 7))
    assert reminder is not None
    assert (reminder.kind, reminder.key, reminder.path) == (kind, key, "/actions/25")
    assert reminder.text.startswith("Thames Valley Police, action 2.2 (Publish a neglect message)")
    assert words in reminder.text


@pytest.mark.parametrize(
    "facts",
    [
        action(due=date(2020, 7, 22)),  # 15 days away
        action(rag="blue"),  # complete
        action(recurring="quarterly"),
        action(due=None),
        action(due=date(2020, 7, 1), rag="blue"),  # complete, though past its date
    ],
    ids=["15 days away", "complete", "recurring", "no due date", "complete and past its date"],
)
def test_an_action_far_off_complete_recurring_or_undated_is_not_reminded_of(facts):
    assert action_reminder(facts, date(2020, 7, 7)) is None


def test_a_changed_due_date_makes_a_new_key():
    today = date(2020, 7, 7)
    before = action_reminder(action(due=date(2020, 7, 10)), today)
    after = action_reminder(action(due=date(2020, 7, 17)), today)
    assert before and after and before.key != after.key


def test_reminders_already_sent_are_left_out_and_the_rest_ordered_returns_overdue_due():
    today = date(2020, 7, 7)
    soon = action_reminder(action(due=date(2020, 7, 17), action_id=25), today)
    sooner = action_reminder(action(due=date(2020, 7, 9), action_id=26), today)
    late = action_reminder(action(due=date(2020, 7, 1), action_id=28), today)
    due_return = return_reminder(q1_return(), today)
    items = [soon, sooner, late, due_return, soon]
    fresh = new_reminders([item for item in items if item], sent_keys=["due:26:2020-07-09"])
    assert [item.key for item in fresh] == [
        "return:8:2020-21-Q1:7-days",
        "overdue:28:2020-07-01",
        "due:25:2020-07-17",
    ]


def test_a_digest_names_everything_with_uk_dates_the_quarter_and_links_to_act_on():
    today = date(2020, 7, 7)
    items = new_reminders(
        [
            action_reminder(action(due=date(2020, 7, 17)), today),
            action_reminder(action(due=date(2020, 7, 1), action_id=28), today),
            return_reminder(q1_return(), today),
        ],  # type: ignore[list-item]
        sent_keys=[],
    )
    digest = compose("lead@example.org", "Jo Lead", today, items, BASE + "/")
    assert digest.subject == (
        "Neglect strategy tracker, 7 Jul 2020: 1 return to submit, 1 overdue action, "
        "1 action due soon"
    )
    body = digest.body
    assert body.startswith("Dear Jo Lead,\n")
    assert (
        body.index("Returns to submit")
        < body.index("Overdue actions")
        < body.index("Actions due in the next 14 days")
    )
    assert "the 2020-21 Q1 return is due in 7 days (deadline 14 Jul 2020)" in " ".join(body.split())
    assert f"  {BASE}/returns/2020-21-Q1/plans/8\n" in body
    assert f"  {BASE}/actions/25\n" in body and f"  {BASE}/actions/28\n" in body
    assert all(len(line) <= 100 for line in body.splitlines())


def test_a_digest_to_someone_without_a_name_greets_their_address_and_counts_in_the_plural():
    today = date(2020, 7, 7)
    items = new_reminders(
        [
            action_reminder(action(due=date(2020, 7, 1), action_id=number), today)
            for number in (28, 29)
        ],  # type: ignore[misc]
        sent_keys=[],
    )
    digest = compose("lead@example.org", "", today, items, BASE)
    assert digest.body.startswith("Dear lead@example.org,")
    assert digest.subject.endswith(": 2 overdue actions")


def test_a_plans_return_goes_to_its_agencys_leads_and_the_overarching_plans_to_its_action_leads():
    tvp_lead = Updater(Role.LEAD, frozenset({8}), frozenset())
    esat = Updater(Role.LEAD, frozenset(), frozenset({"ESAT Manager"}))
    overarching_leads = ["Strategy Group Chairs", "PLR Panel/ ESAT manager"]
    assert return_goes_to(tvp_lead, 8, ["DCI Public Protection"])
    assert not return_goes_to(esat, 8, ["ESAT Manager"])
    assert return_goes_to(esat, None, overarching_leads)
    assert not return_goes_to(tvp_lead, None, overarching_leads)


@pytest.mark.parametrize(
    ("key", "path"),
    [
        ("return:8:2020-21-Q1:7-days", "/returns/2020-21-Q1/plans/8"),
        ("due:25:2020-07-17", "/actions/25"),
        ("overdue:25:2020-07-01", "/actions/25"),
        ("something:else", None),
    ],
)
def test_a_logged_reminders_key_leads_back_to_its_page(key, path):
    assert path_for(key) == path


@given(st.text(alphabet=st.sampled_from("ab cdé\t\n\xa0 xyz"), max_size=200))
def test_an_actions_text_is_shortened_as_textwrap_shortens_it(text):
    assert _shortened(text) == textwrap.shorten(text, TEXT_LENGTH, placeholder="…")


_PLAIN_WORD = st.text(alphabet=st.sampled_from("abcé\xa0…"), min_size=1, max_size=14)
_ANY_WORD = st.text(alphabet=st.sampled_from("abcé-\t\xa0…"), max_size=12)


@given(
    st.lists(_PLAIN_WORD, min_size=5, max_size=40).map(" ".join)
    | st.lists(_ANY_WORD, max_size=30).map(" ".join)
    | st.text(alphabet="ab -\t", max_size=200),
    st.sampled_from([("- ", "  "), ("", ""), ("* ", "    ")]),
)
def test_a_reminder_is_wrapped_as_textwrap_wraps_it(text, indents):
    first, then = indents
    expected = textwrap.wrap(text, LINE_WIDTH, initial_indent=first, subsequent_indent=then)
    assert _wrapped(text, first, then) == expected


def test_a_long_word_is_broken_as_textwrap_breaks_it():
    text = "see " + "x" * 100 + " now"
    assert _wrapped(text, "- ", "  ") == textwrap.wrap(
        text, LINE_WIDTH, initial_indent="- ", subsequent_indent="  "
    )
