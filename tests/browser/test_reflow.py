"""Every page reflows at 320 CSS px (WCAG 2.2 1.4.10) and fits at 1,280 px, for every role.

The pages are every GET route of the route-by-role matrix (tests/web/test_route_matrix.py)
that answers with a page, each for the roles it lets in: a new page is measured here
without anyone listing it. Nothing may be wider than the window except inside a data
table's own scroll box: a labelled, keyboard-focusable region. On narrow screens the
action tables are stacked cards and the inline update form is one column, its controls
all in sight. Screenshots at 320 px go to test-artefacts/reflow/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTEFACTS, CSC_LEAD, sign_in_as
from tests.browser.test_accessibility import violations
from tests.support.accounts import BUSINESS_UNIT, CHAIR
from tests.web.test_route_matrix import BU, CHAIR_ROLE, LEAD, MATRIX, Rule

pytestmark = pytest.mark.browser

SHOTS = ARTEFACTS / "reflow"
ROLES = {BU: BUSINESS_UNIT, CHAIR_ROLE: CHAIR, LEAD: CSC_LEAD}
WIDTHS = (320, 1280)

# Routes that answer with something other than a page: downloads, the API and its
# schema, htmx fragments (measured inside their pages), files, and an upload's preview,
# which needs an upload first (the import journey measures nothing of widths).
NOT_PAGES = re.compile(
    r"^/(api|schema|static|vendor|healthz)"
    r"|\.(csv|xlsx|zip|json|css)$"
    r"|^/todo/count$|^/my-actions/remaining$|^/actions/\{action_id:int\}/row$"
    r"|^/imports/staged/|\{file_name:str\}$|/proforma/"
)

# What fills each part of a path: the real ids are found by reading pages (`found_ids`).
FIXED = {
    "quarter": "2020-21-Q2",
    "audience": "masa",
    "account_id": "1",
    "import_id": "999999",
    "challenge_id": "999999",
    "escalation_id": "999999",
    "token": "not-a-real-link",
    "link_id": "999999",
    "reference": "UL999-001",
    "source_id": "1",
    "item_id": "1",
    "delivers_id": "999999",
    "strategy_id": "1",  # the seeded strategy (closing and carrying over name it)
}

# Every element's box against the window, except inside a table's scroll region (which
# may itself be no wider than the window) and what is off-screen on purpose (the skip
# link waiting for focus, text for screen readers only).
OVERFLOWS = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  if (document.documentElement.scrollWidth > width) {
    found.push(`the page is ${document.documentElement.scrollWidth} px wide`);
  }
  for (const element of document.body.querySelectorAll("*")) {
    const region = element.closest("[role=region]");
    if (region && region !== element) continue;
    if (element.closest(".visually-hidden, .skip-link, [hidden]")) continue;
    const box = element.getBoundingClientRect();
    if (box.width === 0 && box.height === 0) continue;
    if (box.right > width + 1 || box.left < -1) {
      const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
        + (element.className && typeof element.className === "string"
           ? "." + element.className.trim().split(/\\s+/).join(".") : "");
      found.push(`${name} spans ${Math.round(box.left)}-${Math.round(box.right)} px`);
    }
  }
  return found.slice(0, 5);
}"""

# Each scroll box: a region named by its caption or a label, reachable by the keyboard.
BAD_SCROLL_BOXES = """() => [...document.querySelectorAll(".table-scroll")]
  .filter(box => box.getAttribute("role") !== "region" || box.getAttribute("tabindex") !== "0"
    || !(box.getAttribute("aria-label")
         || document.getElementById(box.getAttribute("aria-labelledby") || "")))
  .map(box => box.outerHTML.slice(0, 80))"""


def page_rules(role: str) -> list[Rule]:
    return [
        rule
        for rule in MATRIX
        if rule.method == "GET" and role in rule.allowed and not NOT_PAGES.search(rule.path)
    ]


def fill(rule: Rule, ids: dict[str, str]) -> str:
    values = {**FIXED, "action_id": ids["action"], "plan_id": ids[rule.plan]}
    return re.sub(r"\{(\w+):\w+\}", lambda match: values[match.group(1)], rule.path)


def pages_for(role: str, ids: dict[str, str]) -> list[str]:
    """Each page once, and the overarching plan, the longest: its tables are the widest."""
    paths = [fill(rule, ids) for rule in page_rules(role)]
    return list(dict.fromkeys([*paths, f"/plans/{ids['overarching']}"]))


def found_ids(page, server_url: str) -> dict[str, str]:
    """The lead's first action (one of CSC's, which every role may open) and its plan,
    and the overarching plan, read from the pages as a person would find them."""
    page.goto(server_url + "/")
    overarching = page.get_by_role("link", name="Overarching", exact=True).get_attribute("href")
    page.goto(server_url + "/review?agency=1")
    action = page.locator("#review-results a[href^='/actions/']").first.get_attribute("href")
    page.goto(server_url + action)
    plan = page.locator(".breadcrumbs a[href^='/plans/']").last.get_attribute("href")
    return {
        "action": action.rsplit("/", 1)[-1],
        "plan": plan.rsplit("/", 1)[-1],
        "overarching": overarching.rsplit("/", 1)[-1],
    }


@pytest.fixture(scope="module")
def ids(browser, server_url) -> dict[str, str]:
    context = browser.new_context(locale="en-GB")
    page = context.new_page()
    sign_in_as(page, server_url, BUSINESS_UNIT)
    found = found_ids(page, server_url)
    context.close()
    return found


def signed_in(browser, server_url: str, role: str, width: int):
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 800})
    page = context.new_page()
    sign_in_as(page, server_url, ROLES[role])
    return context, page


def measured(page, server_url: str, paths: list[str]) -> str:
    """What is too wide, page by page: nothing, or a line for each page."""
    found = []
    for path in paths:
        page.goto(server_url + path)
        problems = page.evaluate(OVERFLOWS) + page.evaluate(BAD_SCROLL_BOXES)
        if problems:
            found.append(f"{path}: {'; '.join(problems)}")
    return "\n".join(found)


def test_the_pages_measured_include_every_kind_a_role_opens(ids):
    lead = pages_for(LEAD, ids)
    assert "/my-actions" in lead
    assert f"/actions/{ids['action']}/update" in lead
    assert "/users" not in lead
    chair = set(pages_for(CHAIR_ROLE, ids))
    assert {"/review", "/coverage", f"/plans/{ids['overarching']}"} <= chair
    assert {"/users", "/imports", "/audit"} <= set(pages_for(BU, ids))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("role", list(ROLES))
def test_no_page_is_wider_than_the_window_outside_a_table(browser, server_url, ids, role, width):
    context, page = signed_in(browser, server_url, role, width)
    try:
        assert measured(page, server_url, pages_for(role, ids)) == ""
    finally:
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
def test_the_signed_out_pages_reflow(browser, server_url, width):
    context = browser.new_context(locale="en-GB", viewport={"width": width, "height": 800})
    page = context.new_page()
    paths = ["/sign-in", "/sign-in/forgotten", "/sign-in/password/not-a-real-link"]
    try:
        assert measured(page, server_url, paths) == ""
    finally:
        context.close()


CONTROLS_OUT_OF_SIGHT = """form => {
  const width = document.documentElement.clientWidth;
  return [...form.querySelectorAll("input:not([type=hidden]), textarea, select, button, a, label")]
    .filter(control => {
      const box = control.getBoundingClientRect();
      return box.width > 0 && (box.left < 0 || box.right > width + 1);
    })
    .map(control => control.id || control.name || control.textContent.trim().slice(0, 30));
}"""


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}-320.png"), full_page=True)


def test_at_320_px_my_actions_are_cards_and_the_update_form_fits(browser, server_url, ids):
    context, page = signed_in(browser, server_url, LEAD, 320)
    try:
        page.goto(server_url + "/my-actions")
        table = page.locator("table.actions")
        # Cards: the ref on top, the action's text under it across the card, each cell
        # inside the card; the RAG in words.
        first = table.locator("tbody tr").first
        card = first.bounding_box()
        ref = first.locator("th").bounding_box()
        text = first.locator("td.action-text").bounding_box()
        assert card and ref and text
        assert text["y"] >= ref["y"] + ref["height"] - 1, "the action is not under its ref"
        assert text["width"] > card["width"] * 0.8, "the action's text is squeezed in a column"
        cells = first.locator("th, td")
        for index in range(cells.count()):
            box = cells.nth(index).bounding_box()
            assert box
            assert card["x"] <= box["x"] and box["x"] + box["width"] <= card["x"] + card["width"]
        assert card["x"] + card["width"] <= 320
        assert first.locator("[data-label='RAG'] .rag").inner_text() in {
            "Red",
            "Amber",
            "Green",
            "Complete",
            "Not rated",
        }
        assert (
            first.locator("[data-label='RAG']").evaluate(
                "cell => getComputedStyle(cell, '::before').content"
            )
            == '"RAG: "'
        ), "the cells do not say which column they are"
        update = first.get_by_role("link", name=re.compile(r"^Update action"))
        box = update.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 320
        assert box["height"] >= 24  # WCAG 2.5.8: a target at least 24 px
        assert violations(page) == []  # the cards too pass axe
        shot(page, "my-actions")

        update.click()
        form = page.locator("tr.update-row form")
        expect(form).to_be_visible()
        expect(form.get_by_role("radio", name="Red")).to_be_focused()
        # What is being updated stays in sight above the fields.
        expect(form.locator(".update-context")).to_be_visible()
        assert form.evaluate(CONTROLS_OUT_OF_SIGHT) == []
        assert page.evaluate(OVERFLOWS) == []
        shot(page, "update-form-open")

        # The same on the plan page, where the row's form opens from the Update button.
        page.goto(server_url + f"/plans/{ids['plan']}")
        page.get_by_role("link", name=re.compile(r"^Update action")).first.click()
        form = page.locator("tr.update-row form")
        expect(form.get_by_role("radio", name="Red")).to_be_focused()
        expect(form.locator(".update-context")).to_be_visible()
        assert form.evaluate(CONTROLS_OUT_OF_SIGHT) == []
        assert page.evaluate(OVERFLOWS) == []
    finally:
        context.close()


def test_at_320_px_the_review_and_coverage_fit_and_are_kept(browser, server_url):
    context, page = signed_in(browser, server_url, CHAIR_ROLE, 320)
    try:
        page.goto(server_url + "/review?as_at=2020-10-01")
        assert page.evaluate(OVERFLOWS) == []
        # Short agency names in the cells, the full name on hover and for screen readers.
        page.goto(server_url + "/review?as_at=2020-10-01&agency=1")
        plan = page.locator("table.review td[data-label='Plan']").first
        full = "Oxfordshire County Council, Children's Social Care (additional actions)"
        assert plan.locator("abbr[title]").get_attribute("title") == full
        assert plan.locator("abbr[title]").inner_text() == "CSC (additional)"
        assert plan.locator(".visually-hidden").inner_text() == full
        assert page.evaluate(OVERFLOWS) == []
        assert violations(page) == []
        shot(page, "review")
        page.goto(server_url + "/coverage?as_at=2020-10-01")
        assert page.evaluate(OVERFLOWS) == []
        shot(page, "coverage")
    finally:
        context.close()


def test_at_1280_px_the_coverage_table_fits_without_scrolling(browser, server_url):
    context, page = signed_in(browser, server_url, CHAIR_ROLE, 1280)
    try:
        page.goto(server_url + "/coverage?as_at=2020-10-01")
        region = page.locator(".coverage-scroll")
        assert region.evaluate("box => box.scrollWidth <= box.clientWidth"), "it scrolls sideways"
        # Each agency by its short name, the full one on hover and for screen readers.
        agency = page.locator("table.coverage-matrix tbody th").first
        full = "Oxfordshire County Council, Children's Social Care"
        assert agency.locator("abbr").inner_text() == "CSC"
        assert agency.locator("abbr").get_attribute("title") == full
        assert agency.locator(".visually-hidden").inner_text() == full
    finally:
        context.close()
