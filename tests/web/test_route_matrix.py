"""Every route, every role: who is let through and who is refused, checked on the server.

The matrix must name every route the application has: a new route without a
row here fails `test_the_matrix_covers_every_route`, so nobody adds a page
without deciding who may use it.

"Allowed" means the server did not refuse: any status but 401 or 403 and no
redirect to sign-in (an empty form may well get 400 or 422). "Refused" means
403 for a signed-in person, and sign-in (a redirect, or 401 under /api/) for
nobody signed in. Requests that would destroy data use ids that do not exist,
so the check of the role comes first and nothing is harmed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from tests.support.accounts import BUSINESS_UNIT, CHAIR, TVP_LEAD, VIEWER, csrf_headers, sign_in
from tracker.accounts.tokens import account_id_for, create_token
from tracker.core.tables import Action, Plan

ANONYMOUS, BU, CHAIR_ROLE, LEAD, VIEWER_ROLE = (
    "anonymous",
    "business-unit",
    "chair",
    "lead",
    "viewer",
)
SIGNED_IN = frozenset({BU, CHAIR_ROLE, LEAD, VIEWER_ROLE})
PUBLIC = SIGNED_IN | {ANONYMOUS}
UPDATERS = frozenset({BU, LEAD})
ONLY_BU = frozenset({BU})
ONLY_LEAD = frozenset({LEAD})
CHAIRS = frozenset({BU, CHAIR_ROLE})
EMAILS = {BU: BUSINESS_UNIT, CHAIR_ROLE: CHAIR, LEAD: TVP_LEAD, VIEWER_ROLE: VIEWER}


@dataclass(frozen=True)
class Rule:
    method: str
    path: str
    allowed: frozenset[str]
    action: str = "own"  # which action fills {action_id}: the TVP lead's own, or another agency's

    def __str__(self) -> str:
        return (
            f"{self.method} {self.path} ({self.action})"
            if "{action_id" in self.path
            else f"{self.method} {self.path}"
        )


MATRIX = [
    # Reading the strategy: everyone signed in.
    Rule("GET", "/", SIGNED_IN),
    Rule("GET", "/plans/{plan_id:int}", SIGNED_IN),
    Rule("GET", "/actions/{action_id:int}", SIGNED_IN),
    Rule("GET", "/actions/{action_id:int}", SIGNED_IN, "other"),
    Rule("GET", "/agencies", SIGNED_IN),
    Rule("GET", "/core-components", SIGNED_IN),
    Rule("GET", "/glossary", SIGNED_IN),
    Rule("GET", "/dashboard", SIGNED_IN),
    # The chairs' review and its downloads: everyone signed in (the partnership's transparency).
    Rule("GET", "/review", SIGNED_IN),
    Rule("GET", "/review.csv", SIGNED_IN),
    Rule("GET", "/review.xlsx", SIGNED_IN),
    Rule("GET", "/coverage", SIGNED_IN),
    # Quarterly reports: everyone signed in reads and downloads; only the business unit writes
    # key messages and publishes (audience "nobody" and version 999 exist nowhere: 404 once in).
    Rule("GET", "/reports", SIGNED_IN),
    Rule("GET", "/reports/{quarter:str}", SIGNED_IN),
    Rule("GET", "/reports/{quarter:str}/{file_name:str}", SIGNED_IN),
    Rule("GET", "/reports/{quarter:str}/{audience:str}/{file_name:str}", SIGNED_IN),
    Rule("POST", "/reports/{quarter:str}/messages", ONLY_BU),
    Rule("POST", "/reports/{quarter:str}/{audience:str}/publish", ONLY_BU),
    # Updating and editing: the business unit anything, a lead their own actions only.
    Rule("GET", "/actions/{action_id:int}/update", UPDATERS),
    Rule("GET", "/actions/{action_id:int}/update", ONLY_BU, "other"),
    Rule("POST", "/actions/{action_id:int}/update", UPDATERS),
    Rule("POST", "/actions/{action_id:int}/update", ONLY_BU, "other"),
    Rule("GET", "/actions/{action_id:int}/row", UPDATERS),
    Rule("GET", "/actions/{action_id:int}/row", ONLY_BU, "other"),
    Rule("GET", "/actions/{action_id:int}/edit", UPDATERS),
    Rule("GET", "/actions/{action_id:int}/edit", ONLY_BU, "other"),
    Rule("POST", "/actions/{action_id:int}/edit", UPDATERS),
    Rule("POST", "/actions/{action_id:int}/edit", ONLY_BU, "other"),
    Rule("GET", "/actions/{action_id:int}/core-components", UPDATERS),
    Rule("GET", "/actions/{action_id:int}/core-components", ONLY_BU, "other"),
    Rule("POST", "/actions/{action_id:int}/core-components", UPDATERS),
    Rule("POST", "/actions/{action_id:int}/core-components", ONLY_BU, "other"),
    Rule("GET", "/my-actions", ONLY_LEAD),
    Rule("GET", "/my-actions/remaining", ONLY_LEAD),
    # Importing returns: the business unit.
    Rule("GET", "/imports", ONLY_BU),
    Rule("POST", "/imports/preview", ONLY_BU),
    Rule("GET", "/imports/staged/{token:str}", ONLY_BU),
    Rule("GET", "/imports/staged/{token:str}/progress", ONLY_BU),
    Rule("POST", "/imports/staged/{token:str}/confirm", ONLY_BU),
    Rule("GET", "/imports/{import_id:int}", ONLY_BU),
    Rule("POST", "/imports/{import_id:int}/undo", ONLY_BU),
    # Managing accounts and reading the audit trail: the business unit
    # (account 999999 is nobody: a 404 once let in, so nobody is disabled).
    Rule("GET", "/users", ONLY_BU),
    Rule("POST", "/users", ONLY_BU),
    Rule("GET", "/users/{account_id:int}", ONLY_BU),
    Rule("POST", "/users/{account_id:int}", ONLY_BU),
    Rule("POST", "/users/{account_id:int}/disable", ONLY_BU),
    Rule("POST", "/users/{account_id:int}/enable", ONLY_BU),
    Rule("POST", "/users/{account_id:int}/reset-password", ONLY_BU),
    Rule("POST", "/users/{account_id:int}/tokens/{token_id:int}/revoke", ONLY_BU),
    Rule("GET", "/audit", ONLY_BU),
    # Reminders due today and the log of e-mails sent: chairs and the business unit.
    Rule("GET", "/reminders", CHAIRS),
    # Challenges and escalations: everyone signed in reads them; chairs and the
    # business unit raise, close and resolve; replying is for whoever may update
    # the action (challenge 999999 is nobody's: a 404 once let in; own and other
    # agencies' replies are checked in tests/web/test_challenges.py).
    Rule("GET", "/challenges", SIGNED_IN),
    Rule("GET", "/challenges/{challenge_id:int}", SIGNED_IN),
    Rule("GET", "/actions/{action_id:int}/challenges/new", CHAIRS),
    Rule("GET", "/actions/{action_id:int}/challenges/new", CHAIRS, "other"),
    Rule("POST", "/actions/{action_id:int}/challenges", CHAIRS),
    Rule("POST", "/actions/{action_id:int}/challenges", CHAIRS, "other"),
    Rule("POST", "/challenges/{challenge_id:int}/reply", UPDATERS),
    Rule("POST", "/challenges/{challenge_id:int}/close", CHAIRS),
    Rule("GET", "/escalations", SIGNED_IN),
    Rule("GET", "/escalations/new", CHAIRS),
    Rule("POST", "/escalations", CHAIRS),
    Rule("GET", "/escalations/{escalation_id:int}", SIGNED_IN),
    Rule("POST", "/escalations/{escalation_id:int}/resolve", CHAIRS),
    # Assurance ratings and outcome evidence: chairs and the business unit set
    # them on any action; everyone signed in reads where they disagree.
    Rule("GET", "/assurance", SIGNED_IN),
    Rule("GET", "/actions/{action_id:int}/assurance", CHAIRS),
    Rule("GET", "/actions/{action_id:int}/assurance", CHAIRS, "other"),
    Rule("POST", "/actions/{action_id:int}/assurance", CHAIRS),
    Rule("POST", "/actions/{action_id:int}/assurance", CHAIRS, "other"),
    Rule("POST", "/actions/{action_id:int}/assurance/clear", CHAIRS),
    Rule("GET", "/actions/{action_id:int}/outcome", CHAIRS),
    Rule("POST", "/actions/{action_id:int}/outcome", CHAIRS),
    # Flagged text (flag 999999 is nobody's: a 404 once let in): the business unit.
    Rule("GET", "/flagged-text", ONLY_BU),
    Rule("POST", "/flagged-text/{flag_id:int}/redact", ONLY_BU),
    Rule("POST", "/flagged-text/{flag_id:int}/clear", ONLY_BU),
    # Quarterly returns: everyone signed in reads them; the business unit sets the
    # deadline; a lead submits their own agency's plan's return (the plan filled in
    # is TVP's), the business unit any; chairs and the business unit accept or send
    # back. The forms carry no version, so an allowed step is refused as stale (409)
    # and nothing changes.
    Rule("GET", "/returns", SIGNED_IN),
    Rule("GET", "/returns/{quarter:str}", SIGNED_IN),
    Rule("POST", "/returns/{quarter:str}/deadline", ONLY_BU),
    Rule("GET", "/returns/{quarter:str}/plans/{plan_id:int}", SIGNED_IN),
    Rule("POST", "/returns/{quarter:str}/plans/{plan_id:int}/submit", UPDATERS),
    Rule("POST", "/returns/{quarter:str}/plans/{plan_id:int}/send-back", CHAIRS),
    Rule("POST", "/returns/{quarter:str}/plans/{plan_id:int}/accept", CHAIRS),
    # Everyone's own profile and API tokens (token 999999 is nobody's: a 404 once let in).
    Rule("GET", "/profile", SIGNED_IN),
    Rule("POST", "/profile/tokens", SIGNED_IN),
    Rule("POST", "/profile/tokens/{token_id:int}/revoke", SIGNED_IN),
    # The JSON API, called with each role's personal token: reading for all,
    # updating by the same rule as the pages.
    Rule("GET", "/api/plans", SIGNED_IN),
    Rule("GET", "/api/actions", SIGNED_IN),
    Rule("GET", "/api/actions/{action_id:int}", SIGNED_IN),
    Rule("GET", "/api/actions/{action_id:int}", SIGNED_IN, "other"),
    Rule("POST", "/api/actions/{action_id:int}/updates", UPDATERS),
    Rule("POST", "/api/actions/{action_id:int}/updates", ONLY_BU, "other"),
    # The API's schema: anyone signed in.
    Rule("GET", "/schema", SIGNED_IN),
    Rule("GET", "/schema/openapi.json", SIGNED_IN),
    Rule("GET", "/schema/openapi.yaml", SIGNED_IN),
    Rule("GET", "/schema/openapi.yml", SIGNED_IN),
    Rule("GET", "/schema/swagger", SIGNED_IN),
    Rule("GET", "/schema/redoc", SIGNED_IN),
    Rule("GET", "/schema/rapidoc", SIGNED_IN),
    Rule("GET", "/schema/elements", SIGNED_IN),
    Rule("GET", "/schema/oauth2-redirect.html", SIGNED_IN),
    Rule("GET", "/schema/{path:str}", SIGNED_IN),
    # Public: signing in, the health probe, static files.
    Rule("GET", "/sign-in", PUBLIC),
    Rule("POST", "/sign-in", PUBLIC),
    Rule("GET", "/healthz", PUBLIC),
    Rule("GET", "/static/{file_path:path}", PUBLIC),
    Rule("HEAD", "/static/{file_path:path}", PUBLIC),
    Rule("GET", "/vendor/htmx/{file_path:path}", PUBLIC),
    Rule("HEAD", "/vendor/htmx/{file_path:path}", PUBLIC),
    # Last, as it ends the session.
    Rule("POST", "/sign-out", SIGNED_IN),
]


def app_routes(app) -> set[tuple[str, str]]:
    return {
        (method, route.path)
        for route in app.routes
        for handler in route.route_handlers
        for method in handler.http_methods
        if method != "OPTIONS"
    }


def test_the_matrix_covers_every_route(tvp_db, serve):
    with serve(tvp_db) as client:
        routes = app_routes(client.app)
    covered = {(rule.method, rule.path) for rule in MATRIX}
    assert sorted(routes - covered) == [], "routes without a row in the matrix"
    assert sorted(covered - routes) == [], "matrix rows for routes that no longer exist"


def fill(rule: Rule, ids: dict) -> str:
    values = {
        "plan_id": ids["plan"],
        "action_id": ids[rule.action],
        "import_id": 999_999,
        "token_id": 999_999,
        "account_id": 999_999,  # never a real import: an allowed undo finds nothing to undo
        "challenge_id": 999_999,
        "escalation_id": 999_999,
        "flag_id": 999_999,
        "token": "no-such-upload",
        "file_path": "htmx.min.js" if rule.path.startswith("/vendor") else "tracker.css",
        "path": "nothing-here",
        "quarter": "2020-21-Q2",
        "audience": "nobody",
        "file_name": "v999.json",
    }
    return re.sub(r"\{(\w+):\w+\}", lambda match: str(values[match.group(1)]), rule.path)


def refused(role: str, path: str, response) -> bool:
    if role == ANONYMOUS:
        if path.startswith("/api/"):
            return response.status_code == 401
        return response.status_code == 303 and response.headers["location"].startswith(
            "/sign-in?next="
        )
    return response.status_code == 403


def let_through(response) -> bool:
    # Signing out also lands on /sign-in, but without a `next` to come back to.
    location = response.headers.get("location", "")
    return response.status_code not in (401, 403) and not location.startswith("/sign-in?next=")


@pytest.mark.parametrize("role", [ANONYMOUS, BU, CHAIR_ROLE, LEAD, VIEWER_ROLE])
def test_each_role_reaches_exactly_what_it_should(tvp_db, serve, role):
    with serve(tvp_db) as client:
        client.post("/sign-out", headers=csrf_headers(client))
        if role != ANONYMOUS:
            assert sign_in(client, EMAILS[role]).status_code == 303
        with client.portal() as portal:
            own = portal.call(
                Action.select(Action.id, Action.plan)
                .where(Action.plan.agency.name == "Thames Valley Police")
                .first()
                .run
            )
            other = portal.call(
                Action.select(Action.id).where(Action.plan.kind == "additional").first().run
            )
            assert portal.call(Plan.exists().where(Plan.id == own["plan"]).run)
            token = None
            if role != ANONYMOUS:
                account = portal.call(account_id_for, EMAILS[role])
                token = portal.call(create_token, account, "matrix", EMAILS[role])
        ids = {"own": own["id"], "other": other["id"], "plan": own["plan"]}
        wrong = []
        for rule in MATRIX:
            url = fill(rule, ids)
            headers = csrf_headers(client)
            if url.startswith("/api/") and token:
                headers["Authorization"] = f"Bearer {token}"
            # A version the action is not at: once let in, the update is refused as
            # stale (409), so the matrix writes nothing; the role is checked first.
            body = (
                {"rag": "green", "progress": "Checked", "version": 999}
                if url.startswith("/api/") and rule.method == "POST"
                else None
            )
            response = client.request(
                rule.method, url, headers=headers, json=body, follow_redirects=False
            )
            expected_allowed = role in rule.allowed
            if expected_allowed and not let_through(response):
                wrong.append(f"{rule}: refused with {response.status_code}, should be allowed")
            if not expected_allowed and not refused(role, url, response):
                wrong.append(f"{rule}: got {response.status_code}, should be refused")
        assert wrong == []
