"""No input, however malformed, gets a server error: every form route and every page.

The routes come from the application's route table (tests/support/sweep.py),
so a new form or page is swept without being listed here. Each is sent, by
someone allowed to use it, its form as the page shows it with one field at a
time replaced by a malformed value (NUL byte, lone surrogate, 100 kB, huge and
negative numbers, impossible dates...), and bodies with every field missing,
doubled, a megabyte long or sent as JSON; pages get the same in each query
parameter, and path ids out of range. A 4xx is a fine answer; 500 and over
is a failure.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from tests.support.accounts import BUSINESS_UNIT, CHAIR, TVP_LEAD, VIEWER, csrf_headers, sign_in
from tests.support.sweep import (
    BAD_VALUES,
    HUGE,
    FormSeen,
    SweptRoute,
    bad_paths,
    encoded,
    filled,
    forms_on,
    multipart,
    pages_showing,
    swept_routes,
)
from tracker.core.piccolo_app import APP_CONFIG
from tracker.core.roles import Role
from tracker.core.tables import Account, Action, ImportRecord, Objective

EMAILS = {
    Role.BUSINESS_UNIT: BUSINESS_UNIT,
    Role.CHAIR: CHAIR,
    Role.LEAD: TVP_LEAD,
    Role.VIEWER: VIEWER,
}
# What a person would type where the page shows nothing (an empty text box).
PLAUSIBLE = {
    "rag": "green",
    "progress": "Training rolled out to two more teams.",
    "question": "What is holding this up?",
    "reply": "The venue moved.",
    "reply_wanted_by": "2020-07-31",
    "deadline": "2020-07-31",
    "email": "someone@example.org",
    "name": "Someone",
    "role": "viewer",
    "reason": "Please add the figures.",
    "quarter": "2020-21-Q1",
}
FORM = {"content-type": "application/x-www-form-urlencoded"}
# A URL is at most 64 kB long (httpx): 10 kB stands for a long query.
QUERY_VALUES = [value[:10_000] for value in BAD_VALUES.values()]
ROLE_ORDER = [Role.BUSINESS_UNIT, Role.CHAIR, Role.LEAD, Role.VIEWER, None]


class Sweep:
    """Sends requests and keeps the count, and each one answered with 500 or over."""

    def __init__(self, client) -> None:
        self.client = client
        self.tried = 0
        self.failed: list[str] = []

    def send(self, method: str, url: str, body: bytes | None = None, headers=None) -> None:
        self.tried += 1
        response = self.client.request(
            method,
            url,
            content=body,
            headers={**csrf_headers(self.client), **(headers or {})},
            follow_redirects=False,
        )
        if response.status_code >= 500:
            shown = body[:80] if body else b""
            self.failed.append(f"{response.status_code} {method} {url[:120]} {shown!r}")

    def act_as(self, role: Role | None) -> None:
        self.client.post("/sign-out", headers=csrf_headers(self.client))
        if role is not None:
            assert sign_in(self.client, EMAILS[role]).status_code == 303


def good_ids(client) -> dict[str, str]:
    """A real row for each kind of path parameter, where the seeded database has one."""
    with client.portal() as portal:
        action = portal.call(
            Action.select(Action.id, Action.plan)
            .where(Action.plan.agency.name == "Thames Valley Police")
            .first()
            .run
        )
        record = portal.call(ImportRecord.select(ImportRecord.id).first().run)
        viewer = portal.call(Account.select(Account.id).where(Account.email == VIEWER).first().run)
        objective = portal.call(
            Objective.select(Objective.id).where(Objective.plan == action["plan"]).first().run
        )
    return {
        "action_id": str(action["id"]),
        "plan_id": str(action["plan"]),
        "objective_id": str(objective["id"]),
        "import_id": str(record["id"]),
        "account_id": str(viewer["id"]),
        "challenge_id": "1",
        "escalation_id": "1",
        "flag_id": "1",
        "link_id": "1",
        "proposal_id": "1",
        "token_id": "1",
        "source_id": "1",
        "item_id": "1",
        "delivers_id": "1",
        "strategy_id": "1",
        "quarter": "2020-21-Q1",
        "audience": "business-group",
        "file_name": "business-group.json",
        "token": "no-such-upload",
        "reference": "UL1-001",
    }


def by_role(routes: list[SweptRoute]) -> Iterator[tuple[Role | None, list[SweptRoute]]]:
    for role in ROLE_ORDER:
        mine = [route for route in routes if route.role == role]
        if mine:
            yield role, mine


def forms_for(client, url: str, method: str, pages: list[str]) -> tuple[str, list[FormSeen]]:
    """The forms sending to `url`, as the first of `pages` showing any fills them in, and
    that page."""
    for page in pages:
        response = client.get(page, follow_redirects=False)
        if response.status_code == 200 and "html" in response.headers.get("content-type", ""):
            found = [
                form
                for form in forms_on(response.text)
                if form.method == method and form.action.split("?")[0] == url
            ]
            if found:
                return page, found
    return "", []


Fields = Callable[[], dict[str, str]]


def malformed_bodies(current: Fields) -> Iterator[tuple[bytes, dict[str, str]]]:
    """Each field in turn malformed, then the whole form missing, doubled, huge, or JSON.

    The form is read again before each field (`current`), as a post that was accepted
    moves its version on: on a stale form the rest would only be refused as stale."""
    for name in current():
        fields = current()
        for value in BAD_VALUES.values():
            yield encoded(list({**fields, name: value}.items())), FORM
    fields = current()
    yield b"", FORM
    yield multipart(fields, next(iter(fields), ""))
    yield encoded([*fields.items(), *((name, "2") for name in fields)]), FORM
    yield encoded([(name, HUGE) for name in fields]), FORM
    yield json.dumps(fields).encode(), {"content-type": "application/json"}


def form_reader(client, route: SweptRoute, url: str) -> Fields:
    """The route's form as its page shows it now, with a plausible value where it is empty."""
    page, seen = forms_for(client, url, "POST", pages_showing(url))
    names = sorted(set(route.fields).union(*(form.fields for form in seen)))

    def current() -> dict[str, str]:
        fields = {name: PLAUSIBLE.get(name, "") for name in names}
        for form in forms_for(client, url, "POST", [page])[1] if page else []:
            fields.update({name: value for name, value in form.fields.items() if value})
        return fields

    return current


def sweep_posts(sweep: Sweep, ids: dict[str, str]) -> int:
    routes = swept_routes(sweep.client.app, "POST")
    for role, mine in by_role(routes):
        sweep.act_as(role)
        for route in mine:
            url = filled(route.path, ids)
            current = form_reader(sweep.client, route, url)
            for body, headers in malformed_bodies(current):
                sweep.send("POST", url, body, headers)
            for wrong in bad_paths(route, ids):
                sweep.send("POST", wrong, encoded(list(current().items())), FORM)
    return len(routes)


# More than any form field may hold (key messages, 10,000 characters, with room for an audit
# entry's before and after): a 100 kB value that was stored would show here.
LONGEST_STORED = 50_000


def oversized_columns(client) -> list[str]:
    """Every text column holding a value longer than LONGEST_STORED, with its length."""
    found = []
    with client.portal() as portal:
        for table in APP_CONFIG.table_classes:
            for column in table._meta.columns:
                if column.value_type is not str:
                    continue
                name = column._meta.db_column_name
                rows = portal.call(
                    table.raw(
                        f'SELECT MAX(LENGTH(CAST("{name}" AS TEXT))) AS longest '
                        f"FROM {table._meta.get_formatted_tablename()}"
                    ).run
                )
                longest = rows[0]["longest"] or 0
                if longest > LONGEST_STORED:
                    found.append(f"{table._meta.tablename}.{name}: {longest:,}")
    return found


def sweep_pages(sweep: Sweep, ids: dict[str, str]) -> int:
    routes = swept_routes(sweep.client.app, "GET")
    for role, mine in by_role(routes):
        sweep.act_as(role)
        for route in mine:
            url = filled(route.path, ids)
            _, shown = forms_for(sweep.client, url, "GET", [url])
            names = set(route.query).union(*(form.fields for form in shown))
            for name in sorted(names):
                for value in QUERY_VALUES:
                    sweep.send("GET", f"{url}?{encoded([(name, value)]).decode()}")
            for wrong in bad_paths(route, ids):
                sweep.send("GET", wrong)
    return len(routes)


def test_no_malformed_form_post_gets_a_server_error(tvp_db, serve):
    with serve(tvp_db) as client:
        sweep = Sweep(client)
        routes = sweep_posts(sweep, good_ids(client))
        oversized = oversized_columns(client)
    print(f"\nform sweep: {routes} routes, {sweep.tried} posts, {len(sweep.failed)} 5xx")
    assert routes >= 30
    assert sweep.failed == [], "\n".join(sweep.failed)
    assert oversized == [], "stored unbounded: " + ", ".join(oversized)


def test_no_malformed_query_or_path_gets_a_server_error(tvp_db, serve):
    with serve(tvp_db) as client:
        sweep = Sweep(client)
        routes = sweep_pages(sweep, good_ids(client))
    print(f"\nquery sweep: {routes} routes, {sweep.tried} requests, {len(sweep.failed)} 5xx")
    assert routes >= 40
    assert sweep.failed == [], "\n".join(sweep.failed)
