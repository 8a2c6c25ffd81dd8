"""A closed strategy's strategy-wide pages say it is read only and offer no write forms
(their writes are refused by tracker.core.closed in any case)."""

from __future__ import annotations

import asyncio
import re

import pytest

from tests.support.accounts import csrf_headers
from tests.support.two_strategies import NEW_STRATEGY, OLD_STRATEGY, STRATEGY_IDS, choose
from tracker.core import clock
from tracker.core.tables import Strategy

NOTICE = "This strategy is closed: read only."
HEADER_FORMS = {"/strategy", "/sign-out"}  # the switcher and signing out, on every page
PAGES = (
    "/",
    "/returns/2022-23-Q4",
    "/reports",
    "/reports/2022-23-Q4",
    "/challenges",
    "/escalations",
    "/assurance",
)


async def _close(name: str) -> None:
    await Strategy.update(
        {Strategy.closed_at: clock.now(), Strategy.closed_by: "business-unit@example.org"}
    ).where(Strategy.id == STRATEGY_IDS[name])


def _posted_to(text: str) -> set[str]:
    forms = re.findall(r"<form\b[^>]*>", text)
    actions = (re.search(r'action="([^"]*)"', form) for form in forms if 'method="post"' in form)
    return {found.group(1) if found else "" for found in actions}


@pytest.fixture
def closed_old(two_strategies_db, serve):
    """The business unit, the 2020-23 strategy closed (before the server's pool is made)."""
    asyncio.run(_close(OLD_STRATEGY))
    with serve(two_strategies_db) as client:
        yield client


@pytest.mark.parametrize("path", PAGES)
def test_a_closed_strategys_page_says_read_only_and_offers_no_writes(closed_old, path):
    choose(closed_old, OLD_STRATEGY)
    answer = closed_old.get(path)
    assert answer.status_code == 200
    assert NOTICE in answer.text
    assert _posted_to(answer.text) <= HEADER_FORMS


@pytest.mark.parametrize("path", ["/returns/2024-25-Q1", "/reports/2024-25-Q1", "/escalations"])
def test_an_open_strategys_page_keeps_its_forms(closed_old, path):
    choose(closed_old, NEW_STRATEGY)
    answer = closed_old.get(path)
    assert NOTICE not in answer.text
    assert _posted_to(answer.text) - HEADER_FORMS or 'href="/escalations/new' in answer.text


def test_a_closed_strategys_quarter_writes_are_refused_where_an_open_one_shares_the_quarter(
    closed_old,
):
    """2024-25 Q1 is the open 2023-26 strategy's too, but the closed one's keeps still."""
    choose(closed_old, OLD_STRATEGY)
    answer = closed_old.post(
        "/reports/2024-25-Q1/messages",
        data={"text": "Merlin key message"},
        headers=csrf_headers(closed_old),
        follow_redirects=False,
    )
    assert answer.status_code == 409
    assert "is closed, so it is read only" in answer.text
