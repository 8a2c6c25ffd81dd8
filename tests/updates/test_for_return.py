"""Issue 15: after a quarter ends, an update is for its open return unless the person says
otherwise, on the full form, inline, from the return's page and through the API."""

from datetime import date, datetime

import pytest
from litestar.testing import TestClient

from tests.api.conftest import bearer
from tests.support.accounts import csrf_headers
from tests.support.clock import on_today
from tests.support.lookups import count, ids
from tracker.core.tables import PlanReturn, Update

HTMX = {"HX-Request": "true"}
Q1, Q2, Q3 = "2026-27-Q1", "2026-27-Q2", "2026-27-Q3"  # today (10 Nov 2026) is in Q3


@pytest.fixture
def api(tvp_db, settings_for):
    """Nobody signed in: the calls bring a token (as tests/api/conftest.py)."""
    from tracker.web.app import create_app

    with TestClient(create_app(settings_for(tvp_db))) as client:
        yield client


def post_update(client, action, **fields):
    data = {"rag": "amber", "progress": "Training delayed", "version": action["version"], **fields}
    return client.post(
        f"/actions/{action['id']}/update",
        data=data,
        headers=csrf_headers(client),
        follow_redirects=False,
    )


def latest_as_at(client, action) -> date:
    rows = count(
        client,
        Update.select(Update.as_at).where(Update.action == action["id"]).order_by(Update.id),
    )
    return rows[-1]["as_at"]


def return_state(client, plan_id: int, quarter: str) -> str | None:
    row = count(
        client,
        PlanReturn.select(PlanReturn.state)
        .where((PlanReturn.plan == plan_id) & (PlanReturn.quarter == quarter))
        .first(),
    )
    return row["state"] if row else None


def accept(client, plan_id: int, quarter: str) -> None:
    count(
        client,
        PlanReturn.insert(
            PlanReturn(
                plan=plan_id,
                quarter=quarter,
                state="accepted",
                started_at=datetime(2026, 10, 1),
                accepted_at=datetime(2026, 10, 20),
                accepted_by="chair@example.org",
            )
        ),
    )


@on_today
def test_the_form_says_which_return_it_is_for_and_defaults_to_its_last_day(lead_client):
    action = ids(lead_client, "agency", "1.1")
    for headers in ({}, HTMX):  # the full form, and inline in a row
        form = lead_client.get(f"/actions/{action['id']}/update", headers=headers).text
        assert "For the 2026-27 Q2 return" in form
        assert 'id="dated-return" name="dated" value="return" checked' in form.replace(
            f"a{action['id']}-", ""
        )
        assert "Dated 30 Sep 2026, the quarter&#39;s last day." in form
        assert 'name="quarter" value="2026-27-Q2"' in form
    assert post_update(lead_client, action).status_code == 303  # nobody touched the date
    assert latest_as_at(lead_client, action) == date(2026, 9, 30)


@on_today
def test_an_update_for_the_return_starts_it_and_counts_for_its_quarter_only(lead_client):
    action = ids(lead_client, "agency", "1.1")
    plan = action["plan"]
    assert return_state(lead_client, plan, Q2) is None
    post_update(lead_client, action, quarter=Q2, dated="return")
    assert return_state(lead_client, plan, Q2) == "draft"
    page = lead_client.get(f"/returns/{Q2}/plans/{plan}").text
    assert "1 of 13 updated for this quarter" in page
    assert ">In progress<" in page
    assert "Started by an update of action 1.1" in page
    later = lead_client.get(f"/returns/{Q3}/plans/{plan}").text
    assert "0 of 13 updated for this quarter" in later and ">Not started<" in later
    mine = lead_client.get("/my-actions").text
    assert "<strong>12 of 13</strong> actions not yet updated for the 2026-27 Q2 return" in mine


@on_today
def test_the_person_can_choose_today_instead(lead_client):
    action = ids(lead_client, "agency", "1.1")
    assert post_update(lead_client, action, quarter=Q2, dated="today").status_code == 303
    assert latest_as_at(lead_client, action) == date(2026, 11, 10)
    assert return_state(lead_client, action["plan"], Q2) is None
    assert return_state(lead_client, action["plan"], Q3) == "draft"


@on_today
def test_the_return_pages_update_links_are_for_that_returns_quarter(lead_client):
    action = ids(lead_client, "agency", "1.1")
    page = lead_client.get(f"/returns/{Q1}/plans/{action['plan']}").text
    link = f"/actions/{action['id']}/update?quarter={Q1}&amp;next="
    assert link in page
    form = lead_client.get(f"/actions/{action['id']}/update?quarter={Q1}").text
    assert "For the 2026-27 Q1 return" in form and "Dated 30 Jun 2026" in form
    post_update(lead_client, action, quarter=Q1, dated="return")
    assert latest_as_at(lead_client, action) == date(2026, 6, 30)


@on_today
def test_an_accepted_quarter_stays_locked_and_the_update_describes_today(lead_client):
    action = ids(lead_client, "agency", "1.1")
    accept(lead_client, action["plan"], Q2)
    form = lead_client.get(f"/actions/{action['id']}/update").text
    assert "For the 2026-27 Q2 return" not in form and 'name="dated"' not in form
    post_update(lead_client, action, as_at="")
    assert latest_as_at(lead_client, action) == date(2026, 11, 10)
    post_update(lead_client, {**action, "version": action["version"] + 1}, as_at="2026-09-01")
    assert latest_as_at(lead_client, action) == date(2026, 10, 1)  # moved out of Q2, as before


@on_today
@pytest.mark.parametrize("sent", [{}, {"as_at": "2026-11-10"}])
def test_the_api_dates_an_update_without_as_at_on_the_open_returns_last_day(api, sent):
    headers = bearer(api, "lead@example.org")
    action = ids(api, "agency", "1.1")
    response = api.post(
        f"/api/actions/{action['id']}/updates",
        json={"rag": "amber", "progress": "Held", "version": action["version"], **sent},
        headers=headers,
    )
    assert response.status_code == 201
    expected = date(2026, 11, 10) if sent else date(2026, 9, 30)
    assert latest_as_at(api, action) == expected
    assert return_state(api, action["plan"], Q2) == (None if sent else "draft")


@on_today
def test_once_the_return_is_accepted_my_actions_counts_updates_made_this_quarter(lead_client):
    action = ids(lead_client, "agency", "1.1")
    accept(lead_client, action["plan"], Q2)
    before = lead_client.get("/my-actions").text
    assert "<strong>13 of 13</strong> actions not yet updated in 2026-27 Q3" in before
    post_update(lead_client, action, as_at="")  # dated today, in Q3
    after = lead_client.get("/my-actions").text
    assert "<strong>12 of 13</strong> actions not yet updated in 2026-27 Q3" in after
