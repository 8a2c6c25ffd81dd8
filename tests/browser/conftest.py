"""A real `tracker serve` on a free loopback port, driven by Debian's Chromium.

Without Chromium the browser tests are skipped with the reason, unless
REQUIRE_BROWSER=1 (CI), where that is a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import required
from tests.support.accounts import BUSINESS_UNIT, CHAIR, PASSWORD, TVP_LEAD
from tests.support.databases import Backend
from tests.support.serving import running_server
from tracker.core.settings import REPO_ROOT

# In the served database: a lead for Children's Social Care, whose 11
# additional actions (Appendix 3) are theirs to update.
CSC_LEAD = TVP_LEAD

ARTEFACTS = REPO_ROOT / "test-artefacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str:
    found = (
        os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    )
    if not found:
        message = (
            "browser tests skipped: Debian's chromium is not installed (apt-get install chromium)"
        )
        if required("REQUIRE_BROWSER"):
            pytest.fail(f"{message} (REQUIRE_BROWSER=1)")
        pytest.skip(message)
    return found


def _tracker(*args: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess:
    tracker = Path(sys.executable).with_name("tracker")
    return subprocess.run(
        [str(tracker), *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


@pytest.fixture(scope="session")
def seeded_database(tmp_path_factory) -> str:
    """`tracker db upgrade` and `tracker seed`, as `make run` does: once, for every server."""
    database = Backend("sqlite", tmp_path_factory.mktemp("seeded")).new_database()
    env = {**os.environ, "DATABASE_URL": database}
    _tracker("db", "upgrade", env=env)
    _tracker("seed", env=env)
    return database


def seeded_copy(seeded_database: str, folder: Path) -> dict[str, str]:
    """The environment for `tracker` commands on a copy of the seeded database, in `folder`."""
    copy = Backend("sqlite", folder).new_database(template=seeded_database)
    return {**os.environ, "DATABASE_URL": copy}


@pytest.fixture(scope="session")
def server_url(tmp_path_factory, seeded_database) -> Iterator[str]:
    """The seeded database with three accounts, and `tracker serve`, as `make run` does."""
    env = seeded_copy(seeded_database, tmp_path_factory.mktemp("browser"))
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
    _tracker(
        "users",
        "add",
        CSC_LEAD,
        "--role",
        "lead",
        "--agency",
        "CSC",
        "--name",
        "Lee Lead",
        "--password-stdin",
        env=env,
        stdin=PASSWORD + "\n",
    )
    _tracker(
        "users",
        "add",
        CHAIR,
        "--role",
        "chair",
        "--name",
        "Cass Chair",
        "--password-stdin",
        env=env,
        stdin=PASSWORD + "\n",
    )
    with running_server(env, tmp_path_factory.mktemp("server")) as url:
        yield url


# Module scope: Playwright's sync API keeps an event loop running in this
# thread while it is open, which would stop other tests' asyncio.run().
@pytest.fixture(scope="module")
def browser() -> Iterator:
    executable = _chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def anonymous_page(browser, request):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    opened = context.new_page()
    yield opened
    ARTEFACTS.mkdir(exist_ok=True)
    opened.screenshot(path=str(ARTEFACTS / f"{request.node.name}.png"), full_page=True)
    context.close()


def sign_in_as(page, server_url: str, email: str) -> None:
    page.goto(f"{server_url}/sign-in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"^(?!.*sign-in)"))


@pytest.fixture
def page(anonymous_page, server_url):
    """Signed in as the business unit."""
    sign_in_as(anonymous_page, server_url, BUSINESS_UNIT)
    return anonymous_page
