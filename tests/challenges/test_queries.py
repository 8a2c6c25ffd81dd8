"""How challenge and escalation lists are filtered, ordered and grouped: pure, no database."""

from datetime import UTC, date, datetime

from tracker.challenges.queries import (
    Show,
    awaiting_reply_from,
    challenge_item,
    listed,
    show_from,
)
from tracker.escalations.queries import escalation_item, grouped, to_from

TODAY = date(2020, 9, 30)
NOW = datetime(2020, 9, 1, tzinfo=UTC)
TVP, CSC = 5, 9


def challenge(number: int, *, wanted=TODAY, reply=None, closed=False, agency=TVP, lead=None):
    return challenge_item(
        {
            "id": number,
            "action": 100 + number,
            "action_ref": f"1.{number}",
            "action_text": "Text",
            "action_lead": lead,
            "plan_id": 1,
            "plan": "Plan",
            "agency_id": agency,
            "question": f"Question {number}?",
            "reply_wanted_by": wanted,
            "raised_by": "chair@example.org",
            "raised_at": NOW,
            "reply": reply,
            "replied_by": "lead@example.org" if reply else None,
            "replied_at": NOW if reply else None,
            "closed_by": "chair@example.org" if closed else None,
            "closed_at": NOW if closed else None,
            "closing_note": None,
        },
        TODAY,
    )


def test_open_lists_awaiting_and_answered_but_not_closed_and_counts_each_choice():
    items = [challenge(1), challenge(2, reply="Yes"), challenge(3, reply="Yes", closed=True)]
    found = listed(items, Show.OPEN)
    assert [item.id for item in found.items] == [1, 2]
    assert found.counts == {
        Show.OPEN: 2,
        Show.AWAITING_REPLY: 1,
        Show.ANSWERED: 1,
        Show.CLOSED: 1,
        Show.ALL: 3,
    }
    assert [item.id for item in listed(items, Show.CLOSED).items] == [3]
    assert [item.id for item in listed(items, Show.ALL).items] == [1, 2, 3]


def test_open_challenges_come_soonest_wanted_first_and_closed_ones_after():
    items = [
        challenge(1, wanted=date(2020, 10, 20)),
        challenge(2, closed=True),
        challenge(3, wanted=date(2020, 9, 1)),
        challenge(4, closed=True),
    ]
    assert [item.id for item in listed(items, Show.ALL).items] == [3, 1, 4, 2]


def test_an_overdue_reply_counts_its_days():
    assert challenge(1, wanted=date(2020, 9, 25)).reply_overdue_by == 5
    assert challenge(2, wanted=date(2020, 9, 25), reply="Done").reply_overdue_by == 0


def test_a_lead_is_asked_about_their_agencys_actions_and_those_they_lead_by_title():
    items = [
        challenge(1, agency=TVP),
        challenge(2, agency=CSC),
        challenge(3, agency=CSC, lead="ESAT Manager / Head of EH"),
        challenge(4, agency=TVP, reply="Answered already"),
    ]
    mine = awaiting_reply_from(items, frozenset({TVP}), frozenset({"Head of EH"}))
    assert [item.id for item in mine] == [1, 3]


def test_an_unknown_filter_shows_the_open_ones():
    assert show_from("nonsense") is Show.OPEN
    assert show_from(None) is Show.OPEN
    assert show_from("answered") is Show.ANSWERED
    assert to_from("masa") == "masa"
    assert to_from("police") is None


def escalation(number: int, to: str, *, resolved=False, issue="", action=True):
    return escalation_item(
        {
            "id": number,
            "action": 100 + number if action else None,
            "action_ref": f"1.{number}" if action else None,
            "action_text": "Do the thing" if action else None,
            "plan_id": 1 if action else None,
            "plan": "Plan" if action else None,
            "issue": issue,
            "escalated_to": to,
            "rationale": "Why",
            "raised_by": "chair@example.org",
            "raised_at": NOW,
            "resolution": "Done" if resolved else None,
            "resolved_by": "chair@example.org" if resolved else None,
            "resolved_at": NOW if resolved else None,
        }
    )


def test_open_escalations_are_grouped_by_body_and_resolved_ones_listed_after():
    items = [
        escalation(1, "masa"),
        escalation(2, "business-group"),
        escalation(3, "masa", resolved=True),
        escalation(4, "masa"),
    ]
    found = grouped(items, None)
    assert [(group.label, [i.id for i in group.items]) for group in found.open_by_body] == [
        ("OSCB Business Group", [2]),
        ("MASA", [1, 4]),
    ]
    assert [item.id for item in found.resolved] == [3]
    assert found.open_count == 3


def test_filtering_by_body_keeps_the_count_of_everything_open():
    items = [
        escalation(1, "masa"),
        escalation(2, "business-group"),
        escalation(3, "masa", resolved=True),
    ]
    found = grouped(items, "business-group")
    assert [group.value for group in found.open_by_body] == ["business-group"]
    assert found.resolved == ()
    assert (found.open_count, found.shown_open) == (2, 1)


def test_an_escalation_is_titled_by_its_issue_or_else_by_its_action():
    assert escalation(1, "masa", issue="Vacancies").title == "Vacancies"
    assert escalation(2, "masa").title == "Action 1.2: Do the thing"
    assert escalation(3, "masa").body == "MASA"
