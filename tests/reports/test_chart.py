"""The RAG chart: the quarter against the previous one, labelled, with the same figures."""

from __future__ import annotations

from tests.reports.busy import busy_report
from tracker.reports.chart import BLOCKS, chart_rows, chart_svg
from tracker.reports.model import Audience


def test_each_rag_has_the_previous_then_this_quarter_ends_count():
    report = busy_report(Audience.BUSINESS_GROUP)
    rows = chart_rows(report)
    assert [(r.label, r.when, r.count) for r in rows[:2]] == [
        ("Red", "30 Jun 2020", report.previous_counts.red),
        ("Red", "30 Sep 2020", report.counts.red),
    ]
    assert len(rows) == 10
    assert max(r.blocks for r in rows) == BLOCKS  # the largest count is the longest bar


def test_the_chart_is_an_image_with_a_title_and_every_bar_says_its_count():
    report = busy_report(Audience.BUSINESS_GROUP)
    svg = chart_svg(report)
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" class="rag-chart" role="img"')
    assert '<title id="rag-chart-title">Actions by RAG, 30 Jun 2020 and 30 Sep 2020</title>' in svg
    assert f">{report.counts.red} at 30 Sep 2020<" in svg  # not told by colour alone
    assert svg.count("<rect ") == 10
