"""Closing 2020-23 and carrying its open work into 2023-26, in a real browser.

The business unit closes "Oxfordshire Neglect Strategy 2020-23" once every plan's 2022-23 Q4
return is accepted, carries three of TVP's open actions into "Oxfordshire Neglect Strategy
2023-26", sees them there with their 2020-23 history, and finds the 2020-23 action page read
only. The closing pages pass axe; screenshots at 1280 and 320 px go to the artefacts.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTEFACTS, _tracker, running_server, seeded_copy, sign_in_as
from tests.browser.test_accessibility import violations
from tests.support.accounts import BUSINESS_UNIT, PASSWORD
from tests.support.returns import TVP_Q1

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("closing")]

OLD = "Oxfordshire Neglect Strategy 2020-23"
NEW = "Oxfordshire Neglect Strategy 2023-26"
SHOTS = os.environ.get("CLOSING_SHOTS")  # a folder for the screenshots, when asked

# Run in a process of its own, before the server starts: every plan's last-quarter return
# accepted (tests/closing/support.py). The next strategy is added on the Strategies page.
PREPARE = """
from tracker.core.engine import use_database
import os
use_database(os.environ["DATABASE_URL"])
from tests.closing.support import accept_last_quarter
accept_last_quarter()
"""


@pytest.fixture(scope="module")
def closing_server(tmp_path_factory, seeded_database) -> Iterator[str]:
    env = seeded_copy(seeded_database, tmp_path_factory.mktemp("closing"))
    _tracker(
        "users",
        "add",
        BUSINESS_UNIT,
        "--role",
        "business-unit",
        "--name",
        "Bea Unit",
        "--password-stdin",
        env=env,
        stdin=PASSWORD + "\n",
    )
    _tracker("import", str(TVP_Q1), "--as-at", "2020-06-30", env=env)
    subprocess.run([sys.executable, "-c", PREPARE], env=env, check=True, timeout=120)
    with running_server(env, tmp_path_factory.mktemp("closing-server")) as url:
        yield url


def shoot(page, name: str) -> None:
    ARTEFACTS.mkdir(exist_ok=True)
    folders = [ARTEFACTS] + ([Path(SHOTS)] if SHOTS else [])
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(folder / f"closing-{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_business_unit_closes_2020_23_and_carries_three_actions_into_2023_26(
    browser, closing_server
):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in_as(page, closing_server, BUSINESS_UNIT)

    page.goto(f"{closing_server}/strategies")
    page.get_by_label("Name").fill(NEW)
    page.get_by_label("Partnership").fill("Oxfordshire Safeguarding Children Partnership")
    page.get_by_label("Period").fill("2023-26")
    page.get_by_label("First day").fill("2023-04-01")
    page.get_by_label("Last day").fill("2026-03-31")
    page.get_by_role("button", name="Add the strategy").click()
    expect(page.get_by_text(f"{NEW} added")).to_be_visible()

    page.get_by_role("link", name=f"Close {OLD}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Close {OLD}?")
    assert violations(page) == []
    shoot(page, "close")
    page.get_by_role("button", name=f"Close {OLD}").click()

    expect(page.get_by_text("The strategy is closed: it is read only from now on.")).to_be_visible()
    assert violations(page) == []
    tvp = page.get_by_role("group", name="Thames Valley Police")
    boxes = tvp.get_by_role("checkbox")
    labels = []
    for index in range(3):
        box = boxes.nth(index)
        labels.append(page.locator(f"label[for='{box.get_attribute('id')}']").inner_text())
        box.check()
    refs = [label.split(":")[0].removeprefix("Action ") for label in labels]
    page.get_by_label("Carry into").select_option(label=NEW)
    shoot(page, "carry")
    page.get_by_role("button", name="Carry the chosen actions over").click()
    expect(page.get_by_text("3 actions carried over.")).to_be_visible()

    page.goto(f"{closing_server}/strategies/1/closing-report")
    assert violations(page) == []
    expect(page.get_by_role("row").filter(has_text=f"Carried over to {NEW}")).to_have_count(3)
    shoot(page, "report")

    page.get_by_role("link", name=f"{NEW} action").first.click()
    plan_link = page.get_by_role("navigation", name="Breadcrumb").get_by_role("link").nth(1)
    new_action = page.url
    expect(page.get_by_role("heading", name=f"Carried over from {OLD} {refs[0]}")).to_be_visible()
    expect(page.get_by_role("link", name="Update RAG and progress")).to_be_visible()
    history = page.get_by_role(
        "table", name=f"Every update of {OLD} action {refs[0]}, newest first"
    )
    expect(history.get_by_text("30 Jun 2020")).to_be_visible()
    assert violations(page) == []
    shoot(page, "carried-action")
    plan_link.click()  # the 2023-26 plan lists the carried actions
    expect(page.get_by_role("heading", level=1)).to_contain_text("Thames Valley Police")
    for label in labels:
        said = label.split(": ", 1)[1].split(" (")[0]
        expect(page.get_by_text(said[:40]).first).to_be_visible()
    page.goto(new_action)

    page.get_by_role("link", name=f"action {refs[0]}", exact=False).last.click()
    expect(page.get_by_text("This strategy is closed: read only.")).to_be_visible()
    expect(page.get_by_role("link", name="Update RAG and progress")).to_have_count(0)
    shoot(page, "closed-action")
    # Its plan too: read only, nothing to add or reword.
    page.get_by_role("navigation", name="Breadcrumb").get_by_role("link").nth(1).click()
    expect(page.get_by_text("This strategy is closed: read only.")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Add an (objective|action)"))).to_have_count(0)
    expect(page.get_by_role("link", name=re.compile(r"^Update action "))).to_have_count(0)
    context.close()
