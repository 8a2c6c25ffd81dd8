"""Every GET route of the application is accounted for on a database with two strategies:
shown to use the chosen strategy (ROUTES and LEAD_ROUTES of test_chosen_everywhere, or a
test named in TESTED_ELSEWHERE), shared by every strategy (SHARED, with the reason), or
about one thing whose id says which strategy it belongs to (ID_SCOPED). A new GET route
fails `test_every_get_route_is_accounted_for` until someone decides which it is."""

from __future__ import annotations

import asyncio
import re

import pytest

from tests.strategies.test_chosen_everywhere import LEAD_ROUTES, ROUTES
from tests.support.two_strategies import NEW_STRATEGY, OLD_STRATEGY, choose
from tests.web.test_route_matrix import app_routes
from tracker.core.tables import Action

# route: where it is shown to use the chosen strategy
TESTED_ELSEWHERE = {
    "/todo": "test_chosen_everywhere::test_to_do_lists_the_chosen_strategys_overdue_replies_alone",
    "/todo/count": "the count of /todo's list, from the same read (tracker.todo)",
    "/my-actions/remaining": "the rest of /my-actions' list, from the same read",
    "/reports/{quarter:str}": "test_kept_per_strategy (key messages, front sheets, versions)",
    "/reports/{quarter:str}/{audience:str}/publish": "test_kept_per_strategy (front sheet)",
    "/reports/{quarter:str}/{audience:str}/{file_name:str}": "test_kept_per_strategy "
    "(a published version's file)",
    "/returns/{quarter:str}/proformas/email": "test_kept_per_strategy (its deadline)",
    "/returns": "test_the_returns_index_opens_the_chosen_strategys_returns",
    "/escalations/new": "test_kept_per_strategy (the free-standing issue it raises)",
}
_EVERY = "shared by every strategy"
SHARED = {
    "/agencies": f"agencies are {_EVERY}",
    "/glossary": f"the glossary is {_EVERY}",
    "/core-components": f"the core components are {_EVERY}",
    "/learning": f"learning is {_EVERY}",
    "/learning/gaps": f"learning is {_EVERY}",
    "/learning/gaps.csv": f"learning is {_EVERY}",
    "/learning/gaps.xlsx": f"learning is {_EVERY}",
    "/learning/sources/new": f"learning is {_EVERY}",
    "/api/learning": f"learning is {_EVERY}",
    "/audit": "the audit trail records every strategy's changes",
    "/flagged-text": "the personal-data review covers every strategy's words",
    "/users": f"accounts are {_EVERY}",
    "/profile": f"accounts are {_EVERY}",
    "/sign-in": "before any strategy is chosen",
    "/sign-in/forgotten": "before any strategy is chosen",
    "/sign-in/password/{token:str}": "before any strategy is chosen",
    "/static/{file_path:path}": "static files",
    "/vendor/htmx/{file_path:path}": "static files",
    "/reports/paper.css": "static files",
    "/healthz": "the server's health",
    "/strategies": "lists every strategy: where one is added, closed or carried over",
    "/reminders": "reminders go out for every open strategy at once (test_reminders.py)",
    "/reminders/e-mail": "one person's e-mail of /reminders, for every open strategy at once",
    "/imports": "the history of every import: each names the plans it loaded",
    "/upload-links": "every live upload link, each naming its plan and quarter, to revoke",
}
SCHEMA = re.compile(r"^/schema(/|$)")  # the API's description: the same for every strategy
# A page about one thing: its id says which strategy it belongs to.
ID_SCOPED = {
    "/actions/{action_id:int}",
    "/actions/{action_id:int}/assurance",
    "/actions/{action_id:int}/challenges/new",
    "/actions/{action_id:int}/core-components",
    "/actions/{action_id:int}/edit",
    "/actions/{action_id:int}/outcome",
    "/actions/{action_id:int}/row",
    "/actions/{action_id:int}/update",
    "/actions/{action_id:int}/withdraw",
    "/actions/{action_id:int}/wording",
    "/api/actions/{action_id:int}",
    "/challenges/{challenge_id:int}",
    "/escalations/{escalation_id:int}",
    "/imports/{import_id:int}",
    "/imports/staged/{token:str}",
    "/imports/staged/{token:str}/progress",
    "/learning/items/{item_id:int}",
    "/learning/sources/{source_id:int}",
    "/learning/sources/{source_id:int}/edit",
    "/objectives/{objective_id:int}/edit",
    "/plans/{plan_id:int}",
    "/plans/{plan_id:int}/actions/new",
    "/plans/{plan_id:int}/objectives/new",
    "/plans/{plan_id:int}/proforma/{quarter:str}",
    "/returns/{quarter:str}/plans/{plan_id:int}",
    "/returns/{quarter:str}/plans/{plan_id:int}/submit",
    "/upload/{token:str}",
    "/upload-links/{link_id:int}/revoke",
    "/upload/{token:str}/receipts/{reference:str}",
    "/users/{account_id:int}",
    "/strategies/{strategy_id:int}/carry",
    "/strategies/{strategy_id:int}/close",
    "/strategies/{strategy_id:int}/closing-report",
    "/strategies/{strategy_id:int}/closing-report.docx",
    "/strategies/{strategy_id:int}/closing-report.xlsx",
}


def _pattern(route: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", route)
    return re.compile(
        "^"
        + "".join(
            (".+" if part.endswith(":path}") else "[^/]+")
            if part.startswith("{")
            else re.escape(part)
            for part in parts
        )
        + "$"
    )


def _route_of(path: str, routes: set[str]) -> str | None:
    bare = path.split("?", 1)[0]
    if bare in routes:  # a fixed route before one with a parameter
        return bare
    return next((route for route in sorted(routes) if _pattern(route).match(bare)), None)


def test_every_get_route_is_accounted_for(two_strategies_db, serve):
    with serve(two_strategies_db) as client:
        routes = {path for method, path in app_routes(client.app) if method == "GET"}
    tested = {_route_of(path, routes) for path in (*ROUTES, *LEAD_ROUTES)} - {None}
    kinds = (tested, set(TESTED_ELSEWHERE), set(SHARED), ID_SCOPED)
    unaccounted = sorted(
        route
        for route in routes
        if not SCHEMA.match(route) and not any(route in kind for kind in kinds)
    )
    assert unaccounted == [], "GET routes not shown to use the chosen strategy"
    named = set(TESTED_ELSEWHERE) | set(SHARED) | ID_SCOPED
    assert sorted(named - routes) == [], "routes named here that no longer exist"
    assert sorted(set(TESTED_ELSEWHERE) & tested) == [], "tested twice over"


def test_the_returns_index_opens_the_chosen_strategys_returns(two_strategies_client):
    client = two_strategies_client
    for strategy in (NEW_STRATEGY, OLD_STRATEGY):
        choose(client, strategy)
        answer = client.get("/returns", follow_redirects=False)
        assert answer.status_code == 200  # shown at once, not redirected
        page = answer.text.split("<main", 1)[-1]
        assert ("Overarching" in page) is (strategy == OLD_STRATEGY)  # its plan


async def _old_tvp() -> tuple[int, int]:
    row = (
        await Action.select(Action.id, Action.plan)
        .where(
            (Action.plan._.strategy._.name == OLD_STRATEGY)
            & (Action.plan._.name == "Thames Valley Police")
            & (Action.ref == "1.1")
        )
        .first()
    )
    return row["plan"], row["id"]


@pytest.mark.parametrize("kind", ["plan", "action"])
def test_a_page_of_the_other_strategy_says_which_strategy_it_is_part_of(
    two_strategies_db, serve, kind
):
    plan_id, action_id = asyncio.run(_old_tvp())  # before the server's pool is made
    with serve(two_strategies_db) as client:
        choose(client, NEW_STRATEGY)
        path = f"/plans/{plan_id}" if kind == "plan" else f"/actions/{action_id}"
        page = client.get(path).text.split("<main", 1)[-1]
    assert f"Part of {OLD_STRATEGY}" in page
    assert NEW_STRATEGY not in page
