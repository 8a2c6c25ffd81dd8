"""Every route, every role: who is let through and who is refused, checked on the server.

The roles are the four of tracker.core.roles, and a lead by title only: a lead with no
agency whose lead titles name one of TVP's actions ("DI MASH", 10.1) and one of the
overarching plan's ("ESAT Manager"). Personal API tokens are checked at the end: alone,
they reach the API and its schema and nothing else; a read-only one only reads.

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

from tests.support.accounts import (
    BUSINESS_UNIT,
    CHAIR,
    PASSWORD,
    TVP_LEAD,
    VIEWER,
    csrf_headers,
    sign_in,
)
from tracker.accounts.store import create_account
from tracker.accounts.tokens import TokenScope, account_id_for, create_token
from tracker.core.roles import Role
from tracker.core.tables import Account, Action, Objective, Plan
from tracker.core.web.access import reachable_by_token

ANONYMOUS, BU, CHAIR_ROLE, LEAD, VIEWER_ROLE, TITLE_LEAD = (
    "anonymous",
    "business-unit",
    "chair",
    "lead",
    "viewer",
    "lead-by-title",
)
SIGNED_IN = frozenset({BU, CHAIR_ROLE, LEAD, VIEWER_ROLE, TITLE_LEAD})
PUBLIC = SIGNED_IN | {ANONYMOUS}
UPDATERS = frozenset({BU, LEAD})  # of a TVP action or plan: TVP's lead, the business unit
TITLED = UPDATERS | {TITLE_LEAD}  # of the action their title names, and by role alone
ONLY_BU = frozenset({BU})
LEADS = frozenset({LEAD, TITLE_LEAD})
CHAIRS = frozenset({BU, CHAIR_ROLE})
OVERARCHING = frozenset({BU, CHAIR_ROLE, TITLE_LEAD})
TITLE_LEAD_EMAIL = "di.mash@example.org"
EMAILS = {
    BU: BUSINESS_UNIT,
    CHAIR_ROLE: CHAIR,
    LEAD: TVP_LEAD,
    VIEWER_ROLE: VIEWER,
    TITLE_LEAD: TITLE_LEAD_EMAIL,
}


@dataclass(frozen=True)
class Rule:
    method: str
    path: str
    allowed: frozenset[str]
    # Which action fills {action_id}: TVP's 1.1 ("own", the TVP lead's), another
    # agency's, or TVP's 10.1 ("titled", led by DI MASH).
    action: str = "own"
    plan: str = "plan"  # which fills {plan_id}: TVP's plan, or "overarching"

    def __str__(self) -> str:
        if "{action_id" in self.path:
            return f"{self.method} {self.path} ({self.action})"
        if "{plan_id" in self.path:
            return f"{self.method} {self.path} ({self.plan})"
        return f"{self.method} {self.path}"


MATRIX = [
    # Reading the strategy: everyone signed in.
    Rule("GET", "/", SIGNED_IN),
    Rule("GET", "/plans/{plan_id:int}", SIGNED_IN),
    Rule("GET", "/actions/{action_id:int}", SIGNED_IN),
    Rule("GET", "/actions/{action_id:int}", SIGNED_IN, "other"),
    Rule("GET", "/agencies", SIGNED_IN),
    Rule("GET", "/core-components", SIGNED_IN),
    # The chosen strategy's own core components: the business unit adds and rewords them.
    Rule("POST", "/core-components", ONLY_BU),
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
    Rule("GET", "/reports/paper.css", SIGNED_IN),
    Rule("GET", "/reports/{quarter:str}/{audience:str}/preview", SIGNED_IN),
    Rule("POST", "/reports/{quarter:str}/messages", ONLY_BU),
    Rule("POST", "/reports/{quarter:str}/{audience:str}/front-sheet", ONLY_BU),
    Rule("GET", "/reports/{quarter:str}/{audience:str}/publish", ONLY_BU),
    Rule("POST", "/reports/{quarter:str}/{audience:str}/publish", ONLY_BU),
    # Updating and editing: the business unit anything, a lead their own actions only.
    Rule("GET", "/actions/{action_id:int}/update", UPDATERS),
    Rule("GET", "/actions/{action_id:int}/update", ONLY_BU, "other"),
    Rule("POST", "/actions/{action_id:int}/update", UPDATERS),
    Rule("POST", "/actions/{action_id:int}/update", ONLY_BU, "other"),
    Rule("GET", "/actions/{action_id:int}/update", TITLED, "titled"),
    Rule("POST", "/actions/{action_id:int}/update", TITLED, "titled"),
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
    Rule("GET", "/my-actions", LEADS),
    Rule("GET", "/my-actions/remaining", LEADS),
    # What waits for the chairs and the business unit, and its count in the navigation.
    Rule("GET", "/todo", CHAIRS),
    Rule("GET", "/todo/count", CHAIRS),
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
    Rule("GET", "/reminders/e-mail", CHAIRS),
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
    Rule("POST", "/challenges/{challenge_id:int}/reply", TITLED),
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
    # Learning into action: everyone signed in reads sources, items, gaps and downloads;
    # the business unit and agency leads link (which actions, by the action's lead, is
    # checked in tests/learning/test_pages.py: here the item and the action asked for are
    # nobody's, so a 404 once let in); chairs and the business unit record impact.
    Rule("GET", "/learning", SIGNED_IN),
    Rule("GET", "/learning/sources/{source_id:int}", SIGNED_IN),
    Rule("GET", "/learning/sources/new", ONLY_BU),  # the business unit adds sources
    Rule("POST", "/learning/sources", ONLY_BU),
    Rule("POST", "/learning/sources/{source_id:int}/items", ONLY_BU),
    Rule("GET", "/learning/sources/{source_id:int}/edit", ONLY_BU),
    Rule("POST", "/learning/sources/{source_id:int}/edit", ONLY_BU),
    Rule("POST", "/learning/sources/{source_id:int}/import", ONLY_BU),
    Rule("GET", "/learning/items/{item_id:int}", SIGNED_IN),
    Rule("GET", "/learning/gaps", SIGNED_IN),
    Rule("GET", "/learning/gaps.csv", SIGNED_IN),
    Rule("GET", "/learning/gaps.xlsx", SIGNED_IN),
    Rule("POST", "/learning/items/{item_id:int}/links", TITLED),
    Rule("POST", "/learning/items/{item_id:int}/links/{action_id:int}/remove", TITLED),
    Rule("POST", "/learning/items/{item_id:int}/impact", CHAIRS),
    Rule("POST", "/learning/items/{item_id:int}/edit", ONLY_BU),
    Rule("POST", "/actions/{action_id:int}/learning", TITLED),
    Rule("POST", "/actions/{action_id:int}/delivers", TITLED),
    Rule("POST", "/actions/{action_id:int}/delivers/{delivers_id:int}/remove", TITLED),
    # Changing a plan's shape (tracker.plan_changes): the business unit any plan, a lead
    # their own agency's plans only (a lead title does not make one a plan's lead).
    # Empty forms: once let in, refused as invalid (422) or stale (409); nothing changes.
    Rule("GET", "/plans/{plan_id:int}/objectives/new", UPDATERS),
    Rule("GET", "/plans/{plan_id:int}/objectives/new", ONLY_BU, plan="overarching"),
    Rule("POST", "/plans/{plan_id:int}/objectives/new", UPDATERS),
    Rule("POST", "/plans/{plan_id:int}/objectives/new", ONLY_BU, plan="overarching"),
    Rule("GET", "/objectives/{objective_id:int}/edit", UPDATERS),
    Rule("POST", "/objectives/{objective_id:int}/edit", UPDATERS),
    Rule("GET", "/plans/{plan_id:int}/actions/new", UPDATERS),
    Rule("GET", "/plans/{plan_id:int}/actions/new", ONLY_BU, plan="overarching"),
    Rule("POST", "/plans/{plan_id:int}/actions/new", UPDATERS),
    Rule("POST", "/plans/{plan_id:int}/actions/new", ONLY_BU, plan="overarching"),
    Rule("GET", "/actions/{action_id:int}/wording", UPDATERS),
    Rule("GET", "/actions/{action_id:int}/wording", ONLY_BU, "other"),
    Rule("GET", "/actions/{action_id:int}/wording", UPDATERS, "titled"),
    Rule("POST", "/actions/{action_id:int}/wording", UPDATERS),
    Rule("POST", "/actions/{action_id:int}/wording", ONLY_BU, "other"),
    Rule("GET", "/actions/{action_id:int}/withdraw", UPDATERS),
    Rule("GET", "/actions/{action_id:int}/withdraw", ONLY_BU, "other"),
    Rule("POST", "/actions/{action_id:int}/withdraw", UPDATERS),
    Rule("POST", "/actions/{action_id:int}/withdraw", ONLY_BU, "other"),
    Rule("POST", "/actions/{action_id:int}/withdraw", UPDATERS, "titled"),
    Rule("POST", "/actions/{action_id:int}/reinstate", UPDATERS),
    Rule("POST", "/actions/{action_id:int}/reinstate", ONLY_BU, "other"),
    # Flagged text (flag 999999 is nobody's: a 404 once let in): the business unit.
    Rule("GET", "/flagged-text", ONLY_BU),
    Rule("POST", "/flagged-text/{flag_id:int}/redact", ONLY_BU),
    Rule("POST", "/flagged-text/{flag_id:int}/clear", ONLY_BU),
    # Quarterly returns: everyone signed in reads them; the business unit sets the
    # deadline; a lead submits their own agency's plan's return (the plan filled in
    # is TVP's), the business unit any; a lead title counts only for the overarching
    # plan, which chairs submit too (a title naming one of TVP's actions does not
    # submit TVP's return); chairs and the business unit accept or send back. The
    # forms carry no version, so an allowed step is refused as stale (409) and
    # nothing changes.
    Rule("GET", "/returns", SIGNED_IN),
    Rule("GET", "/returns/{quarter:str}", SIGNED_IN),
    Rule("POST", "/returns/{quarter:str}/deadline", ONLY_BU),
    Rule("GET", "/returns/{quarter:str}/plans/{plan_id:int}", SIGNED_IN),
    Rule("POST", "/returns/{quarter:str}/plans/{plan_id:int}/submit", UPDATERS),
    Rule(
        "POST", "/returns/{quarter:str}/plans/{plan_id:int}/submit", OVERARCHING, plan="overarching"
    ),
    Rule("GET", "/returns/{quarter:str}/plans/{plan_id:int}/submit", UPDATERS),
    Rule(
        "GET", "/returns/{quarter:str}/plans/{plan_id:int}/submit", OVERARCHING, plan="overarching"
    ),
    Rule("POST", "/returns/{quarter:str}/plans/{plan_id:int}/withdraw", UPDATERS),
    Rule(
        "POST",
        "/returns/{quarter:str}/plans/{plan_id:int}/withdraw",
        OVERARCHING,
        plan="overarching",
    ),
    Rule("POST", "/returns/{quarter:str}/plans/{plan_id:int}/send-back", CHAIRS),
    Rule("POST", "/returns/{quarter:str}/plans/{plan_id:int}/accept", CHAIRS),
    Rule("POST", "/returns/{quarter:str}/plans/{plan_id:int}/import", ONLY_BU),
    Rule("POST", "/proposals/{proposal_id:int}/accept", ONLY_BU),
    Rule("POST", "/proposals/{proposal_id:int}/reject", ONLY_BU),
    # Proformas to fill in: a lead their own agency's plans' (not the overarching plan's,
    # whoever leads its actions), chairs and the business unit any plan's; viewers fill in
    # no returns. Every agency's at once: the business unit, who sends them out.
    Rule("GET", "/plans/{plan_id:int}/proforma/{quarter:str}", UPDATERS | {CHAIR_ROLE}),
    Rule("GET", "/plans/{plan_id:int}/proforma/{quarter:str}", CHAIRS, plan="overarching"),
    Rule("GET", "/returns/{quarter:str}/proformas.zip", ONLY_BU),
    Rule("GET", "/returns/{quarter:str}/proformas/email", ONLY_BU),  # confirm, then
    Rule("POST", "/returns/{quarter:str}/proformas/email", ONLY_BU),  # e-mail each agency's leads
    # Upload links: the business unit makes, lists and revokes them (link 999999 is none:
    # a 404 once let in); anyone with one, signed in or not, sends the return through it
    # (the link "no-such-upload" is none: a 404).
    Rule("POST", "/returns/{quarter:str}/plans/{plan_id:int}/upload-links", ONLY_BU),
    Rule("GET", "/upload-links", ONLY_BU),
    Rule("GET", "/upload-links/{link_id:int}/revoke", ONLY_BU),
    Rule("POST", "/upload-links/{link_id:int}/revoke", ONLY_BU),
    Rule("GET", "/upload/{token:str}", PUBLIC),
    Rule("POST", "/upload/{token:str}", PUBLIC),
    Rule("GET", "/upload/{token:str}/receipts/{reference:str}", PUBLIC),
    # Everyone's own profile and API tokens (token 999999 is nobody's: a 404 once let in).
    Rule("GET", "/profile", SIGNED_IN),
    # Choosing the strategy the pages work on: anyone signed in; adding one: the business unit.
    Rule("POST", "/strategy", SIGNED_IN),
    Rule("GET", "/strategies", ONLY_BU),
    Rule("POST", "/strategies", ONLY_BU),
    Rule("POST", "/profile/tokens", SIGNED_IN),
    Rule("POST", "/profile/tokens/{token_id:int}/revoke", SIGNED_IN),
    Rule("POST", "/profile/password", SIGNED_IN),
    Rule("POST", "/profile/notifications", SIGNED_IN),  # each their own choice of e-mails
    # The JSON API, called with each role's personal token: reading for all,
    # updating by the same rule as the pages.
    Rule("GET", "/api/plans", SIGNED_IN),
    Rule("GET", "/api/actions", SIGNED_IN),
    Rule("GET", "/api/actions/{action_id:int}", SIGNED_IN),
    Rule("GET", "/api/actions/{action_id:int}", SIGNED_IN, "other"),
    Rule("POST", "/api/actions/{action_id:int}/updates", UPDATERS),
    Rule("POST", "/api/actions/{action_id:int}/updates", ONLY_BU, "other"),
    Rule("POST", "/api/actions/{action_id:int}/updates", TITLED, "titled"),
    Rule("GET", "/api/learning", SIGNED_IN),
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
    # Closing a strategy and carrying its open actions over: the business unit; the closing
    # report, the business unit and the chairs. (The seeded strategy's returns are not
    # accepted, so a close let through is refused with 409; so is a carry from it.)
    Rule("GET", "/strategies/{strategy_id:int}/close", ONLY_BU),
    Rule("POST", "/strategies/{strategy_id:int}/close", ONLY_BU),
    Rule("GET", "/strategies/{strategy_id:int}/carry", ONLY_BU),
    Rule("POST", "/strategies/{strategy_id:int}/carry", ONLY_BU),
    Rule("GET", "/strategies/{strategy_id:int}/closing-report", CHAIRS),
    Rule("GET", "/strategies/{strategy_id:int}/closing-report.xlsx", CHAIRS),
    Rule("GET", "/strategies/{strategy_id:int}/closing-report.docx", CHAIRS),
    # Public: signing in, the health probe, static files.
    Rule("GET", "/sign-in", PUBLIC),
    Rule("POST", "/sign-in", PUBLIC),
    # Forgotten passwords and one-time password links: anyone, signed in or not (the
    # link "no-such-upload" is nobody's: a 404).
    Rule("GET", "/sign-in/forgotten", PUBLIC),
    Rule("POST", "/sign-in/forgotten", PUBLIC),
    Rule("GET", "/sign-in/password/{token:str}", PUBLIC),
    Rule("POST", "/sign-in/password/{token:str}", PUBLIC),
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
        "plan_id": ids[rule.plan],
        "action_id": ids[rule.action],
        "objective_id": ids["objective"],
        "strategy_id": 1,
        "import_id": 999_999,
        "proposal_id": 999_999,  # nobody's: a 404 once let in
        "token_id": 999_999,
        "account_id": 999_999,  # never a real import: an allowed undo finds nothing to undo
        "challenge_id": 999_999,
        "escalation_id": 999_999,
        "flag_id": 999_999,
        "link_id": 999_999,
        "source_id": 999_999,
        "item_id": 999_999,
        "delivers_id": 999_999,
        "token": "no-such-upload",
        "reference": "UL999-001",
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


def tvp_action(ref: str):
    return Action.select(Action.id, Action.plan).where(
        (Action.plan.agency.name == "Thames Valley Police") & (Action.ref == ref)
    )


async def matrix_ids() -> dict[str, int]:
    """The ids the matrix fills in, and the lead by title only's account, made once."""
    own = await tvp_action("1.1").first()
    titled = await tvp_action("10.1").first()
    other = await Action.select(Action.id).where(Action.plan.kind == "additional").first()
    overarching = await Plan.select(Plan.id).where(Plan.kind == "overarching").first()
    objective = await Objective.select(Objective.id).where(Objective.plan == own["plan"]).first()
    assert await Plan.exists().where(Plan.id == own["plan"])
    if not await Account.exists().where(Account.email == TITLE_LEAD_EMAIL):
        await create_account(
            TITLE_LEAD_EMAIL,
            Role.LEAD,
            agencies=[],
            password=PASSWORD,
            lead_names=["DI MASH", "ESAT Manager"],
        )
    return {
        "own": own["id"],
        "titled": titled["id"],
        "other": other["id"],
        "plan": own["plan"],
        "overarching": overarching["id"],
        "objective": objective["id"],
    }


async def token_for(role: str, scope: TokenScope = TokenScope.READ_WRITE) -> str:
    account = await account_id_for(EMAILS[role])
    return await create_token(account, "matrix", EMAILS[role], scope=scope)


def request(client, rule: Rule, url: str, headers: dict[str, str]):
    # A version the action is not at: once let in, the update is refused as
    # stale (409), so the matrix writes nothing; the role is checked first.
    body = (
        {"rag": "green", "progress": "Checked", "version": 999}
        if url.startswith("/api/") and rule.method == "POST"
        else None
    )
    return client.request(rule.method, url, headers=headers, json=body, follow_redirects=False)


@pytest.mark.parametrize("role", [ANONYMOUS, BU, CHAIR_ROLE, LEAD, VIEWER_ROLE, TITLE_LEAD])
def test_each_role_reaches_exactly_what_it_should(tvp_db, serve, role):
    with serve(tvp_db) as client:
        with client.portal() as portal:
            ids = portal.call(matrix_ids)
            token = portal.call(token_for, role) if role != ANONYMOUS else None
        client.post("/sign-out", headers=csrf_headers(client))
        if role != ANONYMOUS:
            assert sign_in(client, EMAILS[role]).status_code == 303
        wrong = []
        for rule in MATRIX:
            url = fill(rule, ids)
            headers = csrf_headers(client)
            if url.startswith("/api/") and token:
                headers["Authorization"] = f"Bearer {token}"
            response = request(client, rule, url, headers)
            expected_allowed = role in rule.allowed
            if expected_allowed and not let_through(response):
                wrong.append(f"{rule}: refused with {response.status_code}, should be allowed")
            if not expected_allowed and not refused(role, url, response):
                wrong.append(f"{rule}: got {response.status_code}, should be refused")
        assert wrong == []


def refused_to_token(response) -> bool:
    return (
        response.status_code == 403
        and response.headers["content-type"].startswith("application/json")
        and "works only for the API" in response.json()["detail"]
    )


@pytest.mark.parametrize("scope", list(TokenScope))
def test_a_token_alone_reaches_the_api_and_its_schema_and_nothing_else(tvp_db, serve, scope):
    """The issue's case: a token was a full web session. Here the business unit's token,
    with no session cookie: the pages, forms, token making and accounts all refuse it; a
    read-only one reads the API and changes nothing."""
    with serve(tvp_db) as client:
        with client.portal() as portal:
            ids = portal.call(matrix_ids)
            token = portal.call(token_for, BU, scope)
        client.post("/sign-out", headers=csrf_headers(client))
        wrong = []
        for rule in MATRIX:
            url = fill(rule, ids)
            headers = {**csrf_headers(client), "Authorization": f"Bearer {token}"}
            response = request(client, rule, url, headers)
            if ANONYMOUS in rule.allowed:
                continue  # public: signing in, the health probe, static files
            if not reachable_by_token(url):
                ok = refused_to_token(response)
            elif scope is TokenScope.READ and rule.method == "POST":
                ok = response.status_code == 403 and "read-only" in response.json()["detail"]
            else:
                ok = let_through(response) and BU in rule.allowed
            if not ok:
                wrong.append(f"{rule}: {response.status_code} {response.text[:80]}")
        assert wrong == []
