"""The header's strategy switcher: it shows when there are two strategies, remembers the
browser's choice, and sends the person back where they were, never elsewhere."""

import pytest

from tests.support.accounts import csrf_headers
from tests.support.portal import call
from tests.support.two_strategies import (
    NEW_MARK,
    NEW_STRATEGY,
    OLD_STRATEGY,
    STRATEGY_IDS,
    choose,
)

pytestmark = pytest.mark.usefixtures("two_strategies_db")


def _switch(client, name: str, next_path: str):
    return client.post(
        "/strategy",
        data={"strategy": str(STRATEGY_IDS[name]), "next": next_path},
        headers=csrf_headers(client),
        follow_redirects=False,
    )


def test_the_current_strategy_is_shown_until_another_is_chosen(two_strategies_client):
    home = two_strategies_client.get("/")
    assert 'id="strategy-choice"' in home.text
    assert f"selected>{NEW_STRATEGY}</option>" in home.text
    assert "<h1>" in home.text and NEW_STRATEGY in home.text.split("<main")[1]


def test_choosing_a_strategy_goes_back_to_the_page_and_keeps_the_choice(two_strategies_client):
    answer = _switch(two_strategies_client, OLD_STRATEGY, "/dashboard?as_at=2020-09-30")
    assert answer.status_code == 303
    assert answer.headers["location"] == "/dashboard?as_at=2020-09-30"
    home = two_strategies_client.get("/")
    assert f"selected>{OLD_STRATEGY}</option>" in home.text
    assert OLD_STRATEGY in home.text.split("<main")[1]
    assert NEW_STRATEGY not in home.text.split("<main")[1]


@pytest.mark.parametrize("elsewhere", ["https://evil.example/", "//evil.example/x", "/\\evil"])
def test_the_switcher_never_sends_anyone_to_another_site(two_strategies_client, elsewhere):
    answer = _switch(two_strategies_client, OLD_STRATEGY, elsewhere)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/"


def test_a_strategy_that_does_not_exist_cannot_be_chosen(two_strategies_client):
    answer = two_strategies_client.post(
        "/strategy",
        data={"strategy": "999999", "next": "/"},
        headers=csrf_headers(client := two_strategies_client),
        follow_redirects=False,
    )
    assert answer.status_code == 404
    assert f"selected>{NEW_STRATEGY}</option>" in client.get("/").text


def test_the_choice_belongs_to_the_browser_not_the_person(two_strategies_db, serve):
    with serve(two_strategies_db) as first:
        choose(first, OLD_STRATEGY)
        assert f"selected>{OLD_STRATEGY}</option>" in first.get("/").text
    with serve(two_strategies_db) as second:  # the same person, signed in elsewhere
        assert f"selected>{NEW_STRATEGY}</option>" in second.get("/").text


def test_with_one_strategy_there_is_no_switcher(client):
    assert 'id="strategy-choice"' not in client.get("/").text


def test_the_api_chooses_with_its_strategy_parameter(two_strategies_client):
    old = STRATEGY_IDS[OLD_STRATEGY]
    current = two_strategies_client.get("/api/plans").json()
    chosen = two_strategies_client.get(f"/api/plans?strategy={old}").json()
    assert NEW_MARK in str(current) or "Thames Valley Police" in str(current)
    assert current != chosen


def test_a_closed_strategy_is_named_read_only_in_the_switcher(two_strategies_client):
    from datetime import UTC, datetime

    from tracker.core.tables import Strategy

    call(
        two_strategies_client,
        Strategy.update({Strategy.closed_at: datetime(2026, 5, 1, tzinfo=UTC)})
        .where(Strategy.name == OLD_STRATEGY)
        .run,
    )
    home = two_strategies_client.get("/").text
    assert f"{OLD_STRATEGY} (closed, read only)</option>" in home
    assert f"{NEW_STRATEGY}</option>" in home


def test_the_api_refuses_a_strategy_that_does_not_exist(two_strategies_client):
    answer = two_strategies_client.get("/api/actions?strategy=999")
    assert answer.status_code in (400, 422)
    assert "There is no strategy 999." in answer.text


def test_the_api_schema_documents_the_strategy_parameter(two_strategies_client):
    schema = two_strategies_client.get("/schema/openapi.json").json()
    for path in ("/api/plans", "/api/actions"):
        [found] = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == "strategy"]
        assert found["in"] == "query" and "current strategy" in found["description"]
