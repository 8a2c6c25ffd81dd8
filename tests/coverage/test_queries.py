"""The coverage matrix, built from a portfolio made by hand."""

from datetime import date

from tests.support.portfolios import own_fields, placed_in
from tracker.coverage.queries import coverage_matrix
from tracker.plans.portfolio import (
    AgencyInfo,
    ComponentInfo,
    PlanInfo,
    Portfolio,
    PortfolioAction,
)
from tracker.plans.slipping import Slipping

AS_AT = date(2020, 9, 30)
POLICE, HEALTH = AgencyInfo(1, "Thames Valley Police"), AgencyInfo(2, "Oxford Health")
OVERARCHING = PlanInfo(10, "Overarching", "overarching", None, None)
POLICE_PLAN = PlanInfo(11, "Thames Valley Police", "agency", 1, POLICE.name)
HEALTH_PLAN = PlanInfo(12, "Oxford Health", "agency", 2, HEALTH.name)
HEALTH_EXTRA = PlanInfo(13, "Oxford Health (additional actions)", "additional", 2, HEALTH.name)
COMPONENTS = tuple(ComponentInfo(number, f"Component {number}") for number in range(1, 13))
FINE = Slipping(False, 0, False, None, False)


def action(number: int, plan: PlanInfo, components: tuple[int, ...], rag: str | None):
    return PortfolioAction(
        id=number,
        **own_fields(ref=f"1.{number}", text="An action"),
        version=1,
        **placed_in(plan),
        as_at=AS_AT,
        objective_id=1,
        objective_ref="1",
        objective_text="An objective",
        components=components,
        rag=rag,
        progress=None,
        status_as_at=None,
        slipping=FINE,
        open_challenges=0,
        open_escalations=0,
    )


def matrix(*actions):
    plans = (OVERARCHING, POLICE_PLAN, HEALTH_PLAN, HEALTH_EXTRA)
    return coverage_matrix(Portfolio(AS_AT, plans, (POLICE, HEALTH), COMPONENTS, actions, ()))


def cell(built, agency, component):
    row = next(row for row in built.rows if row.agency == agency)
    return row.cells[component - 1]


def test_each_cell_counts_the_agencys_actions_tagged_with_the_component_and_their_rag():
    built = matrix(
        action(1, POLICE_PLAN, (1,), "red"),
        action(2, POLICE_PLAN, (1, 4), "green"),
        action(3, POLICE_PLAN, (1,), "green"),
    )
    first = cell(built, POLICE, 1)
    assert (first.actions, first.breakdown) == (3, "1 Red, 2 Green")
    assert cell(built, POLICE, 4).breakdown == "1 Green"


def test_components_with_no_action_are_gaps_and_every_rating_is_in_words():
    built = matrix(
        action(1, POLICE_PLAN, (2,), "blue"),
        action(2, POLICE_PLAN, (2,), None),
        action(3, POLICE_PLAN, (2,), "amber"),
    )
    police = built.rows[0]
    assert cell(built, POLICE, 2).breakdown == "1 Amber, 1 Complete, 1 Not rated"
    assert police.covered == 1
    assert police.gaps == (1, *range(3, 13))
    assert cell(built, POLICE, 1).gap and not cell(built, POLICE, 2).gap


def test_additional_actions_count_for_their_agency_and_the_overarching_plan_for_nobody():
    built = matrix(
        action(1, HEALTH_PLAN, (3,), "green"),
        action(2, HEALTH_EXTRA, (3, 5), "red"),
        action(3, OVERARCHING, (3, 6), "red"),
    )
    assert cell(built, HEALTH, 3).breakdown == "1 Red, 1 Green"
    assert cell(built, HEALTH, 5).actions == 1
    assert all(row.cells[5].gap for row in built.rows)  # component 6: overarching only
    assert built.tagged_actions == 2


def test_totals_per_agency_count_each_action_once_and_name_untagged_ones():
    built = matrix(
        action(1, POLICE_PLAN, (1, 2, 3), "green"),
        action(2, POLICE_PLAN, (), "green"),
        action(3, HEALTH_PLAN, (1,), "red"),
    )
    police, health = built.rows
    assert (police.tagged_actions, police.untagged_actions, police.covered) == (1, 1, 3)
    assert (health.tagged_actions, health.untagged_actions, health.covered) == (1, 0, 1)
    assert (built.tagged_actions, built.untagged_actions) == (2, 1)


def test_totals_per_component_add_up_the_agencies():
    built = matrix(
        action(1, POLICE_PLAN, (1,), "green"),
        action(2, HEALTH_PLAN, (1,), "red"),
        action(3, HEALTH_PLAN, (1,), "red"),
    )
    first = built.totals[0]
    assert (first.actions, first.agencies, first.breakdown) == (3, 2, "2 Red, 1 Green")
    assert built.totals[1].actions == 0


def test_agencies_keep_the_portfolios_order_and_those_with_gaps_are_listed():
    everything = tuple(range(1, 13))
    built = matrix(action(1, HEALTH_PLAN, everything, "green"))
    assert [row.agency for row in built.rows] == [POLICE, HEALTH]
    assert [row.agency for row in built.rows_with_gaps] == [POLICE]
    assert built.rows[0].covered == 0
