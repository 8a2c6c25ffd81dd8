"""A long plan's page lists its objectives with their counts and shows one objective's
actions, 50 a page: its size and its queries do not grow with the plan. A short plan's
page (the real ones) shows every action as before (tests/plans/test_pages.py)."""

import asyncio
import re
from collections import Counter
from datetime import UTC, date, datetime

import pytest

from tests.plans.test_pages import outline, plan_id, text_of
from tests.support.clock import set_up_at
from tests.support.long_plan import add_long_plan
from tests.support.queries import counting_queries
from tracker.core.engine import use_database
from tracker.core.tables import Strategy
from tracker.plans.objective_counts import objective_counts
from tracker.plans.plan import LONG_PLAN, OBJECTIVE_PAGE
from tracker.plans.queries import actions_as_at

DAY = date(2020, 10, 15)  # 2020-21 Q3: updates of 30 Sep 2020 are last quarter's
AT = f"as_at={DAY.isoformat()}"
TVP = "Thames Valley Police"
SIZES = (40, 1200, 250, 10)  # 1,500 actions, as Thames Valley Police's has at 20,000
SHORTER = (60, 90)  # 150: long too, a tenth the size


@pytest.fixture(scope="module")
def long_plans(backend, seeded_template):
    """TVP's plan with 1,500 actions over four objectives, Education's with 150 over two."""
    url = backend.new_database(template=seeded_template)
    use_database(url)
    with set_up_at(9, 30):
        tvp = asyncio.run(add_long_plan(TVP, SIZES))
        education = asyncio.run(
            add_long_plan("Oxfordshire County Council, Education Service", SHORTER)
        )
    # Worked out before any test client opens: on PostgreSQL its pool has a loop of its own.
    tvp["expected"] = reference(tvp["plan"], DAY)
    yield url, tvp, education
    backend.drop_database(url)


@pytest.fixture
def long_client(long_plans, serve):
    url, tvp, education = long_plans
    with serve(url) as client:
        yield client, tvp, education


def reference(plan: int, day: date) -> dict[int, dict[str, int]]:
    """Each objective's counts worked out in Python from every action as at the day (the
    pure rules): what the grouped query must give."""
    found: dict[int, Counter] = {}
    for action in asyncio.run(actions_as_at(day, plan_id=plan)):
        tally = found.setdefault(action.objective_id, Counter())
        if action.withdrawn:
            tally["withdrawn"] += 1
            continue
        tally["counted"] += 1
        tally[action.rag or "none"] += 1
        tally["overdue"] += action.overdue
        tally["due_soon"] += action.due_soon
        tally["stale"] += action.stale
    return {objective: {k: n for k, n in tally.items() if n} for objective, tally in found.items()}


def test_the_grouped_counts_agree_with_the_rules_on_a_generated_plan(long_plans):
    url, tvp, _ = long_plans
    use_database(url)
    for day in (date(2020, 7, 1), DAY, date(2020, 12, 31)):
        expected = reference(tvp["plan"], day)
        counted = asyncio.run(objective_counts(tvp["plan"], day))
        assert [one.ref for one in counted] == ["1", "2", "3", "4"]
        for one in counted:
            got = {
                "counted": one.actions.counted,
                "withdrawn": one.actions.withdrawn,
                "overdue": one.actions.overdue,
                "due_soon": one.actions.due_soon,
                "stale": one.actions.stale,
                **{
                    rag: getattr(one.actions.counts, rag)
                    for rag in ("red", "amber", "green", "blue")
                },
                "none": one.actions.counts.none,
            }
            assert {name: n for name, n in got.items() if n} == expected[one.id], (day, one.ref)
        assert sum(one.actions.shown for one in counted) == sum(SIZES)
        # every 25th action is withdrawn from 1 Aug 2020: counted before, not after
        withdrawn = sum(one.actions.withdrawn for one in counted)
        assert withdrawn == (0 if day < date(2020, 8, 1) else sum(SIZES) // 25)


def test_a_long_plan_lists_its_objectives_with_their_counts_in_words(long_client):
    client, tvp, _ = long_client
    response = client.get(f"/plans/{tvp['plan']}?{AT}")
    assert response.status_code == 200
    page = response.text
    assert 'id="action-' not in page  # no action's row
    assert "This plan has 1,500 actions" in page
    assert outline(page).captions == outline(page).tables == 1
    expected = tvp["expected"]
    for ref, size in zip(("1", "2", "3", "4"), SIZES, strict=True):
        objective = tvp[ref]
        row = page[page.index(f'<tr id="objective-{ref}">') :]
        row = row[: row.index("</tr>")]
        assert f'href="/plans/{tvp["plan"]}?{AT}&amp;objective={objective}"' in row
        assert f'hx-get="/plans/{tvp["plan"]}?{AT}&amp;objective={objective}"' in row
        numbers = [
            int(n.replace(",", ""))
            for n in re.findall(r'class="numeric"[^>]*>(?:<strong>)?([\d,]+)', row)
        ]
        counts = expected[objective]
        assert numbers == [
            counts.get(name, 0)
            for name in ("counted", "red", "amber", "green", "blue", "none", "overdue", "withdrawn")
        ]
        assert numbers[0] + numbers[-1] == size
    # The RAG columns are headed by their words, not colour alone.
    for word in ("Red", "Amber", "Green", "Complete", "Not rated", "Overdue", "Withdrawn"):
        assert f">{word}</" in page
    # The plan's summary still counts every action, from the same grouped counts.
    summary = text_of(
        page[page.index('class="summary"') : page.index("</p>", page.index('class="summary"'))]
    )
    counted = sum(one.get("counted", 0) for one in expected.values())
    assert f"{counted:,} actions (60 more withdrawn)" in summary
    overdue = sum(one.get("overdue", 0) for one in expected.values())
    assert f"{overdue:,} overdue" in summary


def test_choosing_an_objective_shows_its_actions_fifty_a_page(long_client):
    client, tvp, _ = long_client
    base = f"/plans/{tvp['plan']}?{AT}&objective={tvp['2']}"
    first = client.get(base).text
    refs = re.findall(r'aria-label="Action ([\d.]+)"', first)
    assert refs == [f"2.{n}" for n in range(1, OBJECTIVE_PAGE + 1)]
    assert "Showing 1–50 of 1,200 actions" in first
    assert "Actions for objective 2, page 1 of 24" in first
    assert "Objective 1 " not in text_of(first[first.index('id="plan-actions"') :])
    # Page links keep the day and the objective, and swap the actions alone.
    assert f'href="/plans/{tvp["plan"]}?{AT}&amp;objective={tvp["2"]}&amp;page=2"' in first
    assert 'hx-target="#plan-actions"' in first
    second = client.get(base + "&page=2").text
    assert re.findall(r'aria-label="Action ([\d.]+)"', second) == [f"2.{n}" for n in range(51, 101)]
    last = client.get(base + "&page=999").text
    assert re.findall(r'aria-label="Action ([\d.]+)"', last)[-1] == "2.1200"
    assert "There are only 24 pages of this objective" in last
    # A short objective is one page, with no page links.
    short = client.get(f"/plans/{tvp['plan']}?{AT}&objective={tvp['4']}").text
    assert len(re.findall(r'aria-label="Action ([\d.]+)"', short)) == 10
    assert 'aria-label="Pages of' not in short
    # A link back to the list of objectives, keeping the day.
    assert f'href="/plans/{tvp["plan"]}?{AT}"' in short


def test_an_objective_page_marks_its_withdrawn_actions(long_client):
    client, tvp, _ = long_client
    page = client.get(f"/plans/{tvp['plan']}?{AT}&objective={tvp['1']}").text
    # Plan positions 24 (1.25) is withdrawn from 1 Aug 2020, with its reason.
    row = page[page.index('id="action-1.25"') :]
    row = row[: row.index("</tr>")]
    assert 'class="withdrawn"' in row
    assert "Withdrawn</strong> on 1 Aug 2020: Merged into another" in row


def test_the_as_at_form_keeps_the_chosen_objective(long_client):
    client, tvp, _ = long_client
    page = client.get(f"/plans/{tvp['plan']}?{AT}&objective={tvp['3']}").text
    form = page[
        page.index('<form class="as-at"') : page.index("</form>", page.index('<form class="as-at"'))
    ]
    assert f'<input type="hidden" name="objective" value="{tvp["3"]}">' in form
    assert f'href="/plans/{tvp["plan"]}?objective={tvp["3"]}">Show as at today' in form
    listed = client.get(f"/plans/{tvp['plan']}?{AT}").text
    form = listed[listed.index('<form class="as-at"') :]
    assert 'name="objective"' not in form[: form.index("</form>")]


def test_htmx_gets_the_objective_alone_and_the_as_at_form_what_to_keep(long_client):
    client, tvp, _ = long_client
    response = client.get(
        f"/plans/{tvp['plan']}?{AT}&objective={tvp['3']}",
        headers={"HX-Request": "true", "HX-Target": "plan-actions"},
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<div id="plan-actions"')
    assert "<html" not in response.text
    assert len(re.findall(r'aria-label="Action ([\d.]+)"', response.text)) == 50
    kept = response.text[response.text.index('<span id="as-at-kept" hx-swap-oob="true">') :]
    assert f'name="objective" value="{tvp["3"]}"' in kept
    assert response.headers["hx-push-url"].endswith(f"objective={tvp['3']}")


def test_an_objective_of_another_plan_shows_the_objectives_and_says_so(long_client):
    client, tvp, education = long_client
    for asked in (str(education["1"]), "not-a-number"):
        page = client.get(f"/plans/{tvp['plan']}?{AT}&objective={asked}").text
        assert "That objective is not one of this plan" in page
        assert "This plan has 1,500 actions" in page


def test_a_long_plans_pages_stay_small(long_client):
    client, tvp, _ = long_client
    for path in (f"?{AT}", f"?{AT}&objective={tvp['2']}", f"?{AT}&objective={tvp['2']}&page=7"):
        response = client.get(f"/plans/{tvp['plan']}{path}")
        assert response.status_code == 200
        assert len(response.content) < 500 * 1024, path
    assert len(client.get(f"/plans/{tvp['plan']}?{AT}").content) < 50 * 1024


def test_a_long_plans_pages_run_the_same_queries_at_150_actions_as_at_1500(long_client):
    client, tvp, education = long_client
    short = plan_id(client, "Overarching")
    with counting_queries() as overarching:
        client.get(f"/plans/{short}?{AT}")
    counts = {}
    for name, plan in (("tvp", tvp), ("education", education)):
        for view, path in (("list", f"?{AT}"), ("objective", f"?{AT}&objective={plan['2']}")):
            # Seen once already: its counts by objective kept (tracker.core.kept_counts).
            assert client.get(f"/plans/{plan['plan']}{path}").status_code == 200
            with counting_queries() as counted:
                assert client.get(f"/plans/{plan['plan']}{path}").status_code == 200
            counts[name, view] = counted.count
    assert counts["tvp", "list"] == counts["education", "list"] < overarching.count
    assert counts["tvp", "objective"] == counts["education", "objective"] <= overarching.count


def test_the_editing_controls_stay_on_a_long_plan(long_client):
    client, tvp, _ = long_client
    plan = tvp["plan"]
    listed = client.get(f"/plans/{plan}").text  # today: the business unit may change it
    assert f'href="/plans/{plan}/objectives/new"' in listed or "Add an objective" in listed
    for ref in ("1", "2", "3", "4"):
        assert f"/plans/{plan}/actions/new?objective={tvp[ref]}" in listed
        assert f"/objectives/{tvp[ref]}/edit" in listed or f"objective {ref}</span>" in listed
    chosen = client.get(f"/plans/{plan}?objective={tvp['2']}").text
    assert f"/plans/{plan}/actions/new?objective={tvp['2']}" in chosen
    assert "Reword or renumber" in chosen
    # Without JS an update comes back to the same objective and page.
    update = re.search(
        r'class="button button-update" href="([^"]+)"',
        client.get(f"/plans/{plan}?objective={tvp['2']}&page=3").text,
    )
    assert update
    assert f"next=/plans/{plan}%3Fobjective%3D{tvp['2']}%26page%3D3" in update[1]


def test_a_closed_strategys_long_plan_is_read_only_and_says_so(long_plans, serve, backend):
    url, tvp, _ = long_plans
    copy = backend.new_database(template=url)
    use_database(copy)
    Strategy.update(
        {
            Strategy.closed_at: datetime(2023, 4, 1, 9, tzinfo=UTC),
            Strategy.closed_by: "bu@example.org",
        },
        force=True,
    ).run_sync()
    with serve(copy) as client:
        listed = client.get(f"/plans/{tvp['plan']}").text
        chosen = client.get(f"/plans/{tvp['plan']}?objective={tvp['1']}").text
    for page in (listed, chosen):
        assert "This strategy is closed: read only." in page
        assert "Add an action" not in page and "Add an objective" not in page
        assert "button-update" not in page
    backend.drop_database(copy)


def test_a_short_plan_is_not_shown_by_objective(client):
    overarching = client.get(f"/plans/{plan_id(client, 'Overarching')}").text
    assert LONG_PLAN >= 100
    assert len(re.findall(r'aria-label="Action ([\d.]+)"', overarching)) == 10
    assert "too many for one page" not in overarching
    assert 'name="objective"' not in overarching


def test_a_page_of_an_objective_is_read_down_its_index_not_sorted(long_plans):
    """Migration 0031: the database reads a page of the objective's actions in the plan's
    order from the (objective, position, id) index, rather than every one of its 1,200 and
    a sort, on either database."""
    from tracker.core.tables import Action, Objective
    from tracker.plans.queries import _OF_OBJECTIVE

    url, tvp, _ = long_plans
    use_database(url)
    biggest = max(
        Objective.select(Objective.id).where(Objective.plan == tvp["plan"]).run_sync(),
        key=lambda row: Action.count().where(Action.objective == row["id"]).run_sync(),
    )["id"]
    postgres = Action._meta.db.engine_type == "postgres"
    text, values, _ = _OF_OBJECTIVE._made_for("postgres" if postgres else "sqlite")
    text += " LIMIT 50 OFFSET 50"
    if postgres:
        Action.raw("ANALYZE action").run_sync()
    explain = "EXPLAIN " if postgres else "EXPLAIN QUERY PLAN "
    plan = " ".join(
        str(value)
        for row in Action.raw(explain + text, *[biggest for _ in values]).run_sync()
        for value in row.values()
    )
    assert "action_objective_order" in plan, plan
    assert "TEMP B-TREE" not in plan and "Sort Key" not in plan, plan
