"""The report builder's rules, on hand-made data: no database, no clock."""

from __future__ import annotations

from datetime import date

import pytest

from tests.reports.gathered import (
    CSC_PLAN,
    GENERATED,
    Q1_END,
    Q2,
    Q2_END,
    TVP_PLAN,
    Assurance,
    Completion,
    challenge,
    escalation,
    gathered,
    moment,
    update,
)
from tracker.core.rag import RagCounts
from tracker.reports.as_stood import FieldChange
from tracker.reports.build import build, movement
from tracker.reports.model import (
    Audience,
    EscalationState,
    Format,
    FrontSheet,
    Marking,
    Movement,
)
from tracker.reports.sections import sections

MAY, AUGUST, OCTOBER = date(2020, 5, 15), date(2020, 8, 15), date(2020, 10, 15)


def business_group(data):
    return build(data, Audience.BUSINESS_GROUP, GENERATED)


@pytest.mark.parametrize(
    ("before", "now", "expected"),
    [
        ("red", "amber", Movement.IMPROVED),
        ("amber", "green", Movement.IMPROVED),
        ("green", "blue", Movement.IMPROVED),
        ("green", "red", Movement.DECLINED),
        ("blue", "amber", Movement.DECLINED),
        ("amber", "amber", Movement.UNCHANGED),
        (None, "green", Movement.NEW),
        ("green", None, Movement.NOT_RATED),
        (None, None, Movement.NOT_RATED),
    ],
)
def test_movement_compares_the_rating_now_with_the_previous_quarter_end(before, now, expected):
    assert movement(before, now) is expected


def test_counts_are_as_at_the_quarter_end_with_the_previous_quarter_ends_beside_them():
    report = business_group(
        gathered(
            [{"id": 1}, {"id": 2}, {"id": 3, "plan": CSC_PLAN}],
            [
                update(1, "red", MAY),
                update(1, "amber", AUGUST),
                update(2, "green", MAY),
                update(3, "green", MAY),
                update(3, "red", AUGUST),
                update(2, "red", OCTOBER),  # after the quarter: never counts in it
            ],
        )
    )
    assert report.counts == RagCounts(red=1, amber=1, green=1)
    assert report.previous_counts == RagCounts(red=1, green=2)
    assert (report.movement.improved, report.movement.declined, report.movement.unchanged) == (
        1,
        1,
        1,
    )
    tvp = next(plan for plan in report.plans if plan.plan == TVP_PLAN.name)
    assert tvp.counts == RagCounts(amber=1, green=1)
    assert tvp.previous_counts == RagCounts(red=1, green=1)
    rows = {row.ref: row for plan in report.appendix for g in plan.objectives for row in g.actions}
    assert rows["1.1"].movement is Movement.IMPROVED and rows["1.1"].previous_rag == "red"
    assert rows["3.1"].movement is Movement.DECLINED


def test_an_action_a_later_return_added_is_left_out_of_the_quarter():
    data = gathered(
        [{"id": 1}, {"id": 2}],
        [update(1, "green", MAY), update(2, "green", OCTOBER)],
        added_on={1: date(2020, 4, 1), 2: date(2020, 10, 20)},
    )
    report = business_group(data)
    assert report.counts == RagCounts(green=1)
    assert [row.ref for p in report.appendix for g in p.objectives for row in g.actions] == ["1.1"]


def test_an_action_added_during_the_quarter_is_counted_as_a_new_rating():
    data = gathered(
        [{"id": 1}],
        [update(1, "amber", AUGUST)],
        added_on={1: date(2020, 8, 1)},
    )
    report = business_group(data)
    assert report.previous_counts == RagCounts()
    assert report.movement.new == 1


def test_exceptions_list_every_red_and_every_overdue_action_but_not_complete_ones():
    report = business_group(
        gathered(
            [
                {"id": 1},
                {"id": 2, "due": date(2020, 7, 31)},
                {"id": 3, "due": date(2020, 7, 31)},
                {"id": 4},
            ],
            [
                update(1, "red", AUGUST),
                update(2, "amber", AUGUST),
                update(3, "blue", AUGUST),
                update(4, "green", AUGUST),
            ],
        )
    )
    found = {row.action.ref: row for row in report.exceptions}
    assert sorted(found) == ["1.1", "2.1"]
    assert found["1.1"].reasons == "Red"
    assert found["2.1"].reasons == "Overdue"
    assert found["2.1"].action.days_overdue == 61
    assert [action.ref for action in report.overdue] == ["2.1"]
    assert [action.ref for action in report.red] == ["1.1"]


def test_completed_lists_actions_completed_in_the_quarter_with_their_evidence_of_impact():
    data = gathered(
        [{"id": 1}, {"id": 2}],
        [
            update(1, "green", MAY),
            update(1, "blue", AUGUST),
            update(2, "blue", MAY),  # complete before the quarter: not this quarter's news
        ],
        completions=(
            Completion(1, AUGUST, moment(AUGUST), "Families seen sooner", "https://example.org/e"),
        ),
        outcomes={1: "partly"},
    )
    report = business_group(data)
    assert [(row.ref, row.completed_on, row.impact, row.outcome) for row in report.completed] == [
        ("1.1", AUGUST, "Families seen sooner", "Partly evidenced")
    ]


def test_escalations_are_as_they_stood_at_the_quarter_end():
    data = gathered(
        [{"id": 1}],
        [],
        escalations=(
            escalation(1, to="masa", raised=AUGUST, resolved=OCTOBER),
            escalation(2, to="business-group", raised=AUGUST, resolved=date(2020, 9, 1)),
            escalation(3, to="business-group", raised=MAY, resolved=date(2020, 6, 1)),
            escalation(4, to="masa", raised=OCTOBER),
            escalation(5, to="business-group", raised=MAY),
        ),
    )
    report = business_group(data)
    states = {row.title: (row.state, row.resolved_on, row.resolution) for row in report.escalations}
    assert states == {
        # raised for the quarter: as it is when the report is made, resolved since or not
        "Issue 1": (EscalationState.RAISED_AND_RESOLVED, OCTOBER, "Settled"),
        "Issue 2": (EscalationState.RAISED_AND_RESOLVED, date(2020, 9, 1), "Settled"),
        "Issue 5": (EscalationState.OPEN, None, None),  # from an earlier quarter, still open
    }
    masa = build(data, Audience.MASA, GENERATED)
    assert [row.title for row in masa.escalations] == ["Issue 1"]


def test_an_escalation_raised_after_the_quarter_ends_for_it_is_in_its_report():
    """Raised on 10 Oct while Q2's returns are read, for Q2: in Q2's report (and MASA's),
    not in Q1's; in Q3's as open from an earlier quarter until resolved."""
    q2_review = escalation(1, to="masa", raised=date(2020, 10, 10), quarter=Q2)
    data = gathered([{"id": 1}], [], escalations=(q2_review,))
    [row] = business_group(data).escalations
    assert (row.title, row.state, row.raised_on) == (
        "Issue 1",
        EscalationState.RAISED,
        date(2020, 10, 10),
    )
    assert [r.title for r in build(data, Audience.MASA, GENERATED).escalations] == ["Issue 1"]
    q1 = gathered([{"id": 1}], [], quarter=Q2.previous(), escalations=(q2_review,))
    assert business_group(q1).escalations == ()
    q3 = gathered([{"id": 1}], [], quarter=Q2.next(), escalations=(q2_review,))
    assert [r.state for r in business_group(q3).escalations] == [EscalationState.OPEN]
    q4 = gathered([{"id": 1}], [], quarter=Q2.next().next(), escalations=(q2_review,))
    assert [r.state for r in business_group(q4).escalations] == [EscalationState.OPEN]


def test_a_challenge_raised_after_the_quarter_ends_for_it_is_in_its_report_as_it_is_now():
    for_q2 = challenge(
        1,
        raised=date(2020, 10, 10),
        replied=date(2020, 10, 12),
        closed=date(2020, 10, 20),
        quarter=Q2,
    )
    for_q3 = challenge(2, raised=date(2020, 10, 10))  # this quarter's own
    data = gathered([{"id": 1}], [], challenges=(for_q2, for_q3))
    assert [(r.question, r.replied, r.closed) for r in business_group(data).challenges] == [
        ("Question 1", True, True)
    ]
    q3 = gathered([{"id": 1}], [], quarter=Q2.next(), challenges=(for_q2, for_q3))
    # Q2's was closed in Q3, before Q3's end; Q3's own is in Q3's report
    assert [r.question for r in business_group(q3).challenges] == ["Question 2"]


def test_challenges_raised_for_the_quarter_are_in_its_report_as_they_are_now():
    data = gathered(
        [{"id": 1}],
        [],
        challenges=(
            challenge(1, raised=AUGUST, closed=OCTOBER, replied=date(2020, 9, 1)),
            challenge(2, raised=MAY, closed=date(2020, 9, 1)),
            challenge(3, raised=OCTOBER),
            challenge(4, raised=AUGUST, replied=OCTOBER),
        ),
    )
    report = business_group(data)
    assert [(row.question, row.replied, row.closed) for row in report.challenges] == [
        ("Question 1", True, True),  # raised for the quarter: as it is now, closed since
        ("Question 4", True, False),
    ]


def test_agencies_whose_return_is_not_in_are_listed_as_not_returned():
    data = gathered(
        [{"id": 1}, {"id": 2, "plan": CSC_PLAN}],
        [update(1, "green", MAY), update(2, "green", MAY)],
        return_states={TVP_PLAN.id: "submitted", CSC_PLAN.id: "draft"},
    )
    report = business_group(data)
    assert "Thames Valley Police" not in report.not_returned
    assert "Children's Social Care" in report.not_returned
    assert "John Henry Newman School" in report.not_returned  # no return started at all
    assert next(p for p in report.plans if p.plan == TVP_PLAN.name).returned


def test_disagreements_are_assurance_ratings_that_differ_from_the_agencys_rating():
    data = gathered(
        [{"id": 1}, {"id": 2}],
        [update(1, "green", AUGUST), update(2, "amber", AUGUST)],
        assurance=(
            Assurance(1, "amber", "No evidence of impact yet", "chair@example.org"),
            Assurance(2, "amber", "Agreed", "chair@example.org"),
        ),
    )
    report = business_group(data)
    assert [(d.ref, d.agency_rag, d.assurance_rag) for d in report.disagreements] == [
        ("1.1", "green", "amber")
    ]


def test_the_masa_report_is_headline_escalations_red_actions_and_agencies_not_returned():
    data = gathered([{"id": 1}], [update(1, "red", AUGUST)], key_messages="Police on track.")
    masa = build(data, Audience.MASA, GENERATED)
    assert [section.title for section in sections(masa)] == [
        "Headline",
        "Escalations to MASA",
        "Red actions, the longest overdue first",
        "Agencies not returned",
    ]
    assert masa.key_messages == "Police on track."
    business = [section.key for section in sections(business_group(data))]
    assert business == [
        "headline",
        "returns",
        "disagreements",
        "exceptions",
        "completed",
        "escalations",
        "challenges",
        "coverage",
        "learning",
        "appendix",
    ]


def test_the_report_is_about_the_quarter_and_its_previous_quarter_end():
    report = business_group(gathered([], []))
    assert (report.as_at, report.previous_as_at) == (Q2_END, Q1_END)
    assert report.quarter == Q2
    assert report.file_name(Format.XLSX) == "assurance-report-2020-21-Q2-business-group.xlsx"


def test_each_audiences_report_carries_its_own_front_sheet_or_a_blank_one():
    sheet = FrontSheet(meeting="MASA Executive", marking=Marking.OFFICIAL_SENSITIVE)
    data = gathered([{"id": 1}], [], front_sheets={Audience.MASA: sheet})
    assert build(data, Audience.MASA, GENERATED).front == sheet
    blank = business_group(data).front
    assert (blank.meeting, blank.marking, blank.author) == (
        "OSCB Business Group",
        Marking.OFFICIAL,
        "OSCB Business Unit",
    )


def test_a_due_date_changed_after_the_quarter_leaves_its_overdue_list_as_it_stood():
    # Now: 1 due in July (moved forward in October), 2 due next March (moved back in
    # October from July). At the end of September 1 was not due yet and 2 was overdue.
    data = gathered(
        [
            {"id": 1, "due": date(2020, 7, 31), "lead": "New lead"},
            {"id": 2, "due": date(2021, 3, 31)},
        ],
        [update(1, "amber", AUGUST), update(2, "amber", AUGUST)],
        changes=(
            FieldChange(1, OCTOBER, moment(OCTOBER), {"due": date(2020, 12, 31), "lead": "Old"}),
            FieldChange(2, OCTOBER, moment(OCTOBER), {"due": date(2020, 7, 31)}),
        ),
    )
    report = business_group(data)
    assert [(action.ref, action.due) for action in report.overdue] == [("2.1", date(2020, 7, 31))]
    [first] = [
        a for plan in report.appendix for g in plan.objectives for a in g.actions if a.id == 1
    ]
    assert (first.due, first.lead, first.overdue) == (date(2020, 12, 31), "Old", False)
