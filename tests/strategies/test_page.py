"""The business unit's Strategies page: every strategy listed, and the next one added
(all-or-nothing, audited, what was typed kept when something is wrong)."""

import pytest

from tests.support.accounts import CHAIR, csrf_headers, sign_in
from tests.support.lookups import count
from tests.support.portal import call
from tests.support.two_strategies import NEW_STRATEGY, OLD_STRATEGY
from tracker.core.tables import AuditEvent, Plan, Strategy

FORM = {
    "name": "Oxfordshire Exploitation Strategy 2024-27",
    "partnership": "Oxfordshire Safeguarding Children Partnership",
    "period": "2024-27",
    "starts": "2024-04-01",
    "ends": "2027-03-31",
}


def _add(client, **changed):
    return client.post(
        "/strategies",
        data={**FORM, **changed},
        headers=csrf_headers(client),
        follow_redirects=False,
    )


def test_the_page_lists_each_strategy_with_its_days_plans_and_state(two_strategies_client):
    page = two_strategies_client.get("/strategies")
    assert page.status_code == 200
    main = page.text.split("<main", 1)[1]
    for said in (
        NEW_STRATEGY,
        OLD_STRATEGY,
        "1 Apr 2023 to 31 Mar 2026",
        "1 Apr 2020 to 31 Mar 2023",
    ):
        assert said in main
    assert main.count("<td>Open") == 2
    assert f'{NEW_STRATEGY} <span class="tag">Chosen</span></th>' in main


def test_adding_a_strategy_gives_each_agency_a_plan_in_it_and_is_audited(client):
    agency_plans = count(client, Plan.count().where(Plan.kind == "agency"))
    answer = _add(client)
    assert answer.status_code == 303
    page = client.get(answer.headers["location"])
    assert f"{FORM['name']} added" in page.text
    added = call(client, Strategy.select().where(Strategy.name == FORM["name"]).first().run)
    assert str(added["starts"]) == "2024-04-01" and added["period"] == "2024-27"
    assert count(client, Plan.count().where(Plan.strategy == added["id"])) == agency_plans
    [event] = call(client, AuditEvent.select().where(AuditEvent.kind == "strategy-added").run)
    assert event["subject"] == FORM["name"] and event["actor"] == "business-unit@example.org"
    assert 'id="strategy-choice"' in page.text  # two strategies now: the switcher shows


def test_a_duplicate_name_is_refused_next_to_the_field_keeping_what_was_typed(client):
    answer = _add(client, name=" oxfordshire neglect strategy 2020-23 ", period="2024-27")
    assert answer.status_code == 422
    assert "There is already a strategy with this name" in answer.text
    assert 'value=" oxfordshire neglect strategy 2020-23 "' in answer.text
    assert 'value="2024-27"' in answer.text
    assert 'href="#name"' in answer.text  # the error summary links to the field
    assert count(client, Strategy.count()) == 1


def test_wrong_days_add_nothing(client):
    answer = _add(client, starts="2024-04-01", ends="2024-03-31")
    assert answer.status_code == 422
    assert "The last day must be after the first day" in answer.text
    assert count(client, Strategy.count()) == 1
    assert count(client, AuditEvent.count().where(AuditEvent.kind == "strategy-added")) == 0


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_only_the_business_unit_reaches_the_page(client, method):
    client.post("/sign-out", headers=csrf_headers(client))
    assert sign_in(client, CHAIR).status_code == 303
    answer = client.request(
        method,
        "/strategies",
        data=FORM if method == "POST" else None,
        headers=csrf_headers(client),
        follow_redirects=False,
    )
    assert answer.status_code == 403
    assert count(client, Strategy.count()) == 1
