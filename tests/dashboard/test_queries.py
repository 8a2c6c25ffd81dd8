"""The dashboard's figures, worked out from a portfolio made by hand (no database)."""

from __future__ import annotations

from datetime import date

from tests.support.portfolios import (
    CSC_EXTRA,
    CSC_PLAN,
    OVERARCHING_PLAN,
    TVP_PLAN,
    make_portfolio,
    update,
)
from tracker.core.rag import RagCounts
from tracker.dashboard.queries import (
    OVERARCHING,
    dashboard_of,
    overdue_by_agency,
    quarters_up_to,
    rags_by_plan,
    rags_by_quarter,
)
from tracker.plans.portfolio import Portfolio


def by_label(found: Portfolio) -> dict[str, RagCounts]:
    return {quarter.label: quarter.counts for quarter in rags_by_quarter(found)}


def test_eight_quarters_end_with_the_as_at_days_quarter_across_financial_years():
    labels = [quarter.label for quarter in quarters_up_to(date(2021, 2, 1))]
    assert labels == [
        "2019-20 Q1",
        "2019-20 Q2",
        "2019-20 Q3",
        "2019-20 Q4",
        "2020-21 Q1",
        "2020-21 Q2",
        "2020-21 Q3",
        "2020-21 Q4",
    ]


def test_an_update_dated_30_june_counts_in_q1_and_one_dated_1_july_only_in_q2():
    found = make_portfolio(
        date(2020, 9, 30),
        [{"id": 1}, {"id": 2}],
        [update(1, "red", date(2020, 6, 30)), update(2, "green", date(2020, 7, 1))],
    )
    counts = by_label(found)
    assert counts["2020-21 Q1"] == RagCounts(red=1, none=1)
    assert counts["2020-21 Q2"] == RagCounts(red=1, green=1)
    assert counts["2019-20 Q4"] == RagCounts(none=2)


def test_a_later_update_replaces_the_rating_from_the_quarter_it_is_dated_in():
    found = make_portfolio(
        date(2020, 12, 31),
        [{"id": 1}],
        [
            update(1, "red", date(2020, 6, 30)),
            update(1, "amber", date(2020, 9, 30)),
            update(1, "blue", date(2020, 11, 2)),
        ],
    )
    counts = by_label(found)
    assert [counts[q] for q in ("2020-21 Q1", "2020-21 Q2", "2020-21 Q3")] == [
        RagCounts(red=1),
        RagCounts(amber=1),
        RagCounts(blue=1),
    ]


def test_the_as_at_days_quarter_is_counted_as_at_that_day_and_said_to_be_to_date():
    found = make_portfolio(
        date(2020, 8, 15),
        [{"id": 1}, {"id": 2}],
        [update(1, "amber", date(2020, 8, 10)), update(2, "green", date(2020, 8, 20))],
    )
    last = rags_by_quarter(found)[-1]
    assert last.label == "2020-21 Q2 (to date)"
    assert last.counted_on == date(2020, 8, 15)
    assert last.counts == RagCounts(amber=1, none=1)  # the 20 Aug update is after the day


def test_a_quarter_seen_on_its_last_day_is_whole_not_to_date():
    found = make_portfolio(date(2020, 9, 30), [{"id": 1}])
    last = rags_by_quarter(found)[-1]
    assert (last.label, last.to_date, last.counted_on) == ("2020-21 Q2", False, date(2020, 9, 30))
    assert all(not quarter.to_date for quarter in rags_by_quarter(found)[:-1])


def test_each_quarter_counts_every_action_once():
    actions = [{"id": n} for n in range(1, 6)]
    found = make_portfolio(date(2020, 9, 30), actions, [update(3, "red", date(2019, 5, 1))])
    assert {quarter.counts.total for quarter in rags_by_quarter(found)} == {5}


def test_each_plans_rag_counts_and_the_plans_with_no_actions_yet_apart():
    found = make_portfolio(
        date(2020, 9, 30),
        [
            {"id": 1, "plan": TVP_PLAN},
            {"id": 2, "plan": TVP_PLAN},
            {"id": 3, "plan": CSC_EXTRA},
        ],
        [update(1, "red", date(2020, 9, 1)), update(3, "blue", date(2020, 9, 1))],
    )
    plans, without = rags_by_plan(found)
    assert [(row.plan.name, row.counts) for row in plans] == [
        ("Thames Valley Police", RagCounts(red=1, none=1)),
        ("Children's Social Care (additional actions)", RagCounts(blue=1)),
    ]
    assert [plan.name for plan in without] == [
        "Overarching",
        "Children's Social Care",
        "John Henry Newman School",
    ]


def test_overdue_by_agency_counts_additional_actions_with_their_agency_and_overarching_apart():
    as_at = date(2020, 10, 1)
    past, future = date(2020, 9, 1), date(2021, 3, 31)
    found = make_portfolio(
        as_at,
        [
            {"id": 1, "plan": OVERARCHING_PLAN, "due": past},
            {"id": 2, "plan": TVP_PLAN, "due": past},
            {"id": 3, "plan": TVP_PLAN, "due": past},  # complete: never overdue
            {"id": 4, "plan": TVP_PLAN, "due": past, "recurring": "quarterly"},
            {"id": 5, "plan": TVP_PLAN, "due": future},
            {"id": 6, "plan": CSC_PLAN, "due": past},
            {"id": 7, "plan": CSC_EXTRA, "due": past},
        ],
        [update(3, "blue", date(2020, 8, 1))],
    )
    rows = [(row.name, row.overdue, row.actions) for row in overdue_by_agency(found)]
    assert rows == [
        (OVERARCHING, 1, 1),
        ("Thames Valley Police", 1, 4),
        ("Children's Social Care", 2, 2),
        ("John Henry Newman School", 0, 0),
    ]


def test_the_headline_figures_follow_the_slipping_rules():
    as_at = date(2020, 10, 1)
    found = make_portfolio(
        as_at,
        [
            {"id": 1, "due": date(2020, 9, 1), "challenges": 2},  # overdue, never updated
            {"id": 2, "due": date(2020, 10, 20), "escalations": 1},  # due soon
            {"id": 3, "due": date(2020, 9, 1)},  # complete
            {"id": 4},  # red, updated this quarter: not stale
        ],
        [update(3, "blue", date(2020, 6, 1)), update(4, "red", date(2020, 10, 1))],
    )
    figures = dashboard_of(found).headline
    assert figures.actions == 4
    assert figures.red == 1
    assert figures.overdue == 1
    assert figures.due_soon == 1
    assert figures.stale == 2  # 1 and 2: open and not updated in 2020-21 Q3
    assert (figures.open_challenges, figures.open_escalations) == (2, 1)


def test_the_all_plans_row_adds_up_the_plans():
    found = make_portfolio(
        date(2020, 9, 30),
        [{"id": 1, "plan": TVP_PLAN}, {"id": 2, "plan": CSC_PLAN}, {"id": 3, "plan": CSC_PLAN}],
        [update(1, "amber", date(2020, 9, 1)), update(2, "amber", date(2020, 9, 1))],
    )
    assert dashboard_of(found).all_plans == RagCounts(amber=2, none=1)


def test_open_escalations_count_free_standing_issues_too():
    found = make_portfolio(date(2020, 10, 1), [{"id": 1, "escalations": 1}], [])
    with_issues = Portfolio(**{**found.__dict__, "open_issue_escalations": 2})
    assert dashboard_of(with_issues).headline.open_escalations == 3
