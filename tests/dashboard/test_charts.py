"""The dashboard's charts, drawn from its figures: titled with the day, valid with no data."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

from tests.support.portfolios import TVP_PLAN, make_portfolio, update
from tracker.dashboard.charts import dashboard_charts
from tracker.dashboard.queries import dashboard_of
from tracker.plans.portfolio import Portfolio

TITLE = "{http://www.w3.org/2000/svg}title"
TEXT = "{http://www.w3.org/2000/svg}text"


def charts_of(found: Portfolio) -> list[ET.Element]:
    drawn = dashboard_charts(dashboard_of(found))
    return [
        ET.fromstring(str(chart))
        for chart in (drawn.rag_by_plan, drawn.rag_by_quarter, drawn.overdue_by_agency)
    ]


def test_each_chart_title_says_the_day_or_quarters_it_shows():
    found = make_portfolio(
        date(2020, 8, 15), [{"id": 1, "plan": TVP_PLAN}], [update(1, "red", date(2020, 8, 1))]
    )
    titles = [chart.find(TITLE).text for chart in charts_of(found)]
    assert titles == [
        "RAG status by plan as at 15 Aug 2020",
        "RAG status at the end of each quarter, 2018-19 Q3 to 2020-21 Q2 (to date)",
        "Overdue actions by agency as at 15 Aug 2020",
    ]


def test_an_agency_with_no_actions_is_drawn_with_a_note_not_left_out():
    found = make_portfolio(
        date(2020, 9, 30), [{"id": 1, "plan": TVP_PLAN, "due": date(2020, 9, 1)}]
    )
    overdue = charts_of(found)[2]
    words = [element.text for element in overdue.iter(TEXT)]
    assert "John Henry Newman School" in words and "No actions yet" in words
    assert "1 of 1 action" in words


def test_a_strategy_with_no_plans_still_draws_valid_charts():
    empty = Portfolio(date(2020, 9, 30), (), (), (), (), ())
    assert len(charts_of(empty)) == 3
