"""The rows of a plan's table and of My actions (tracker.plans.rows): each cell as the page
shows it, every value escaped, the Update link coming back to the page showing the row."""

from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pytest

from tests.review.builders import AS_AT, TVP, action
from tracker.core.settings import Settings
from tracker.plans.rows import my_row, plan_row
from tracker.web.app import create_app

TODAY = {"is_today": True, "day": AS_AT}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('rows')}/rows.sqlite3"
    return create_app(Settings.from_environment({"DATABASE_URL": url}), check_migrations=False)


def context(app, path: str = "/plans/2", plan=None) -> dict:
    request = SimpleNamespace(app=app, url=SimpleNamespace(path=path))
    found = {"glossary": {"DCI": "Detective Chief Inspector"}, "request": request}
    if plan is not None:
        found["plan"] = plan
    return found


def test_a_plan_row_shows_each_cell_escaped_with_an_update_link_back(app):
    row = action(
        5, "1.<i>1</i>", text="Brief <script>x</script>", lead="DCI team",
        due=date(2020, 9, 1), rag="red", progress="Half & half",
    )  # fmt: skip
    chosen = SimpleNamespace(chosen=SimpleNamespace(id=12), paging=SimpleNamespace(number=3))
    html = str(plan_row(context(app, plan=chosen), row, TODAY, True))
    assert html.startswith('<tr id="action-1.&lt;i&gt;1&lt;/i&gt;">')
    assert "&lt;script&gt;x&lt;/script&gt;" in html and "<script>" not in html
    assert '<abbr title="Detective Chief Inspector">DCI</abbr> team' in html
    assert '<strong class="overdue">Overdue by 29 days</strong>' in html
    assert "<p>Half &amp; half</p>" in html and "As at 30 Sep 2020" in html
    assert 'href="/actions/5"' in html
    assert (
        'href="/actions/5/update?view=plan&amp;next=/plans/2%3Fobjective%3D12%26page%3D3"' in html
    )
    assert 'hx-get="/actions/5/update?view=plan"' in html and "autofocus" not in html
    assert html.count('<span class="empty" aria-label="None">–</span>') == 3  # input etc.


def test_a_plan_row_on_an_earlier_day_links_to_that_day_and_a_saved_one_says_so(app):
    row = action(6, "2.1", due=date(2020, 10, 10), rag="amber")
    earlier = str(plan_row(context(app), row, {"is_today": False, "day": AS_AT}))
    assert 'href="/actions/6?as_at=2020-09-30"' in earlier and "button-update" not in earlier
    assert '<span class="due-soon">Due in 10 days</span>' in earlier
    saved = str(plan_row(context(app), row, TODAY, True, True, "Moved to <Q3>"))
    assert "<strong>Saved:</strong> Amber as at 30 Sep 2020. Moved to &lt;Q3&gt;</p>" in saved
    assert " autofocus>Update" in saved


def test_a_withdrawn_row_is_marked_in_words_and_cannot_be_updated(app):
    row = replace(
        action(7, "3.1", due=date(2020, 8, 1)),
        withdrawn_on=date(2020, 9, 1),
        withdrawn_reason="Merged into <3.2>",
    )
    html = str(plan_row(context(app), row, TODAY, True))
    assert html.startswith('<tr id="action-3.1" class="withdrawn">')
    assert "Withdrawn</strong> on 1 Sep 2020: Merged into &lt;3.2&gt;" in html
    assert "Overdue" not in html and "button-update" not in html


def test_a_my_actions_row_says_whether_it_is_updated_and_comes_back_to_the_list(app):
    row = action(8, "4.1", TVP, recurring="quarterly", rag=None, last_update=None)
    for updated, tag in ((False, "Not yet"), (True, "Updated")):
        item = SimpleNamespace(action=row, plan=row.plan, updated_this_quarter=updated)
        html = str(my_row(context(app), item))
        assert f">{tag}</span>" in html
    assert html.startswith('<tr id="my-action-8">')
    assert 'aria-label="Action 4.1 of Thames Valley Police"' in html
    assert ">Quarterly</td>" in html
    assert 'href="/actions/8/update?view=my&amp;next=/my-actions"' in html


def test_each_request_and_page_has_its_own_way_back(app):
    """The way back is worked out once a request: another request's page is its own."""
    row = action(7, "3.1", rag="green")
    first = context(app, "/plans/2", SimpleNamespace(chosen=None))
    again = dict(first)
    other = context(app, "/plans/9", SimpleNamespace(chosen=None))
    assert "next=/plans/2" in str(plan_row(first, row, TODAY, True))
    assert "next=/plans/9" in str(plan_row(other, row, TODAY, True))
    assert "next=/plans/2" in str(plan_row(again, row, TODAY, True))  # the same request
    mine = SimpleNamespace(action=row, plan=row.plan, updated_this_quarter=False)
    assert "next=/my-actions" in str(my_row(other, mine))
