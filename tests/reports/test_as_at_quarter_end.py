"""The "done when": TVP's Q1 and Q2 returns imported, each quarter's report keeps its figures."""

from __future__ import annotations

import asyncio
import json
from datetime import date

from tests.support.queries import counting_queries
from tracker.core.dates import Quarter
from tracker.core.rag import RagCounts
from tracker.reports.as_json import report_json
from tracker.reports.gather import gather
from tracker.reports.model import Audience
from tracker.reports.render import report_for

TVP = "Thames Valley Police"
Q1, Q2 = Quarter.parse("2020-21-Q1"), Quarter.parse("2020-21-Q2")


def tvp_plan(quarter: Quarter):
    report = asyncio.run(report_for(quarter, Audience.BUSINESS_GROUP))
    return report, next(plan for plan in report.plans if plan.plan == TVP)


def test_the_q2_report_shows_q2_counts_with_movement_from_q1(two_quarters_db):
    report, tvp = tvp_plan(Q2)
    assert tvp.previous_counts == RagCounts(red=1, amber=4, green=6, blue=1, none=1)
    assert tvp.counts == RagCounts(red=0, amber=5, green=7, blue=1, none=1)
    assert tvp.movement.improved == 1  # 4.1, red to amber
    assert tvp.movement.new == 1  # 11.3, added in Q2
    rows = {
        a.ref: a for p in report.appendix if p.plan == TVP for g in p.objectives for a in g.actions
    }
    assert (rows["4.1"].previous_rag, rows["4.1"].rag, rows["4.1"].movement.value) == (
        "red",
        "amber",
        "improved",
    )
    assert rows["1.1"].progress == "three of five briefings delivered"


def test_the_q1_report_generated_after_q2_was_imported_still_shows_q1(two_quarters_db):
    report, tvp = tvp_plan(Q1)
    assert tvp.counts == RagCounts(red=1, amber=4, green=6, blue=1, none=1)
    refs = {
        a.ref for p in report.appendix if p.plan == TVP for g in p.objectives for a in g.actions
    }
    assert "11.3" not in refs  # added by the Q2 return: not in the plan at the end of June
    assert [a.ref for a in report.red if a.plan == TVP] == ["4.1"]
    data = json.loads(report_json(report))
    assert data["as_at"] == "2020-06-30"


def test_the_q1_report_is_the_same_before_and_after_q2_is_imported(tvp_db, tmp_path):
    from tests.support.returns import tvp_q2
    from tracker.imports.service import import_workbook

    def q1_data() -> dict:
        data = json.loads(report_json(asyncio.run(report_for(Q1, Audience.BUSINESS_GROUP))))
        data.pop("generated_at")
        return data

    before = q1_data()
    q2 = tvp_q2(tmp_path)
    asyncio.run(
        import_workbook(q2, file_name=q2.name, as_at=date(2020, 9, 30), recorded_by="officer")
    )
    after = q1_data()
    # Every figure is Q1's, and every action's details as they stood then: 1.2's lead,
    # changed by the Q2 return, is Q1's.
    assert after == before


def test_gathering_a_quarter_takes_the_same_queries_whatever_the_number_of_actions(
    database_with_actions,
):
    database_with_actions(5)
    with counting_queries() as few:
        asyncio.run(gather(Q2))
    database_with_actions(60)
    with counting_queries() as many:
        asyncio.run(gather(Q2))
    assert many.count == few.count
    assert few.count <= 24  # 4 of them the sources of learning, their items, links, impact
