"""Dispatching in the running app: every few minutes as well as after writes, and never
letting a failure reach the request that triggered it."""

import asyncio
import logging

from tests.challenges.test_services import raise_one, tvp_action
from tests.support.accounts import TVP_LEAD
from tracker.notifications import background
from tracker.notifications.background import Notifier


def test_the_periodic_pass_sends_what_no_write_dispatched(named, smtp):
    raise_one(tvp_action()["id"])  # written without the app: no after-response dispatch

    async def a_few_passes():
        notifier = Notifier(smtp.server, "osscb@example.org", "https://t.example", every=0.05)
        await notifier.start()
        await asyncio.sleep(0.6)
        await notifier.stop()

    asyncio.run(a_few_passes())

    assert len(smtp.mailbox.to(TVP_LEAD)) == 1


def test_a_dispatch_that_breaks_is_logged_and_never_raised(monkeypatch, caplog):
    async def broken(**_):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(background, "dispatch", broken)

    async def once():
        notifier = Notifier(None, "osscb@example.org", "https://t.example", every=0)
        await notifier.start()
        await notifier.run_once()

    with caplog.at_level(logging.ERROR, logger="tracker"):
        asyncio.run(once())

    assert "Sending notifications failed; they are tried again later" in caplog.text
