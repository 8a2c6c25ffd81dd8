"""An action's wording, lead, time-frame and due date in a quarter's report are as they stood at
the quarter end: the rules with plain data, then a Q3 edit against the Q2 report."""

from __future__ import annotations

from datetime import UTC, date, datetime

import time_machine

from tests.reports.test_page import report_json
from tests.support.accounts import csrf_headers
from tests.support.clock import UK
from tests.support.lookups import ids
from tracker.reports.as_stood import FieldChange, fields_on

Q2_END = date(2020, 9, 30)


def change(action_id: int, takes_effect: date, hour: int, **before) -> FieldChange:
    recorded = datetime(2020, 10, 1, hour, tzinfo=UTC)
    return FieldChange(action_id, takes_effect, recorded, before)


def test_an_action_changed_after_the_day_had_its_fields_before_the_first_such_change():
    changes = [
        change(1, date(2020, 10, 5), 9, due=date(2020, 12, 31), lead="A"),
        change(1, date(2020, 11, 5), 10, due=date(2021, 3, 31), lead="B", timeframe="Soon"),
    ]
    assert fields_on(changes, Q2_END) == {
        1: {"due": date(2020, 12, 31), "lead": "A", "timeframe": "Soon"}
    }
    # At the end of October only the November change is later.
    assert fields_on(changes, date(2020, 10, 31)) == {
        1: {"due": date(2021, 3, 31), "lead": "B", "timeframe": "Soon"}
    }
    assert fields_on(changes, date(2020, 11, 5)) == {}  # took effect by then: as it is now


def test_changes_are_taken_in_the_order_they_were_made_not_the_day_they_speak_for():
    # An edit on 10 Oct, then a return as at 31 Dec imported in January: on 30 Sep the
    # action had what the edit found, not what the import found.
    edit = FieldChange(7, date(2020, 10, 10), datetime(2020, 10, 10, 9, tzinfo=UTC), {"due": 1})
    late = FieldChange(7, date(2020, 12, 31), datetime(2021, 1, 20, 9, tzinfo=UTC), {"due": 2})
    assert fields_on([late, edit], Q2_END) == {7: {"due": 1}}
    assert fields_on([late, edit], date(2020, 12, 1)) == {7: {"due": 2}}


def test_only_the_reports_fields_are_taken_and_other_actions_are_untouched():
    changes = [change(3, date(2020, 10, 2), 9, objective=5, input="x", text="Old wording")]
    assert fields_on(changes, Q2_END) == {3: {"text": "Old wording"}}
    assert fields_on([], Q2_END) == {}


def test_the_q2_report_made_after_a_q3_edit_shows_the_q2_due_date_and_overdue_list(
    two_quarters_client,
):
    client = two_quarters_client
    before = report_json(client)
    q1_before = report_json(client, "2020-21-Q1")
    row = next(
        a
        for plan in before["appendix"]
        if plan["plan"] == "Thames Valley Police"
        for a in plan["actions"]
        if a["ref"] == "1.1"
    )
    assert (row["due"], row["overdue"]) == ("2020-09-30", False)
    action = ids(client, "agency", "1.1")
    # Edited on 15 Oct 2020: due a month before Q2 ended, under a new lead.
    with time_machine.travel(datetime(2020, 10, 15, 12, tzinfo=UK), tick=False):
        edited = client.post(
            f"/actions/{action['id']}/edit",
            data={
                "lead": "Head of Safeguarding Policy",
                "timeframe": "By August 2020",
                "due": "2020-08-31",
                "version": action["version"],
            },
            headers=csrf_headers(client),
            follow_redirects=False,
        )
    assert edited.status_code == 303

    after = report_json(client)
    after.pop("generated_at"), before.pop("generated_at")
    assert after == before  # every action, figure and list as at 30 Sep 2020
    # Q1's too, changed since both by the Q2 return's import and by the edit.
    q1_after = report_json(client, "2020-21-Q1")
    q1_after.pop("generated_at"), q1_before.pop("generated_at")
    assert q1_after == q1_before

    q3 = report_json(client, "2020-21-Q3")
    moved = [a for a in q3["overdue"] if a["plan"] == "Thames Valley Police" and a["ref"] == "1.1"]
    assert [(a["due"], a["lead"], a["timeframe"]) for a in moved] == [
        ("2020-08-31", "Head of Safeguarding Policy", "By August 2020")
    ]
