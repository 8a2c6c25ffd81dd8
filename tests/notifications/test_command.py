"""`tracker notifications send`, run as cron runs it, against a real local SMTP server."""

import os
import subprocess

import pytest

from tests.challenges.test_services import raise_one, tvp_action
from tests.cli.test_commands import TRACKER
from tests.support.accounts import TVP_LEAD
from tracker.core.tables import Notice

pytestmark = pytest.mark.programs  # runs `tracker` commands


def notifications_send(database_url, smtp_url=None, check=True):
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("SMTP_URL", None)
    if smtp_url:
        env["SMTP_URL"] = smtp_url
    return subprocess.run(
        [TRACKER, "notifications", "send"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=check,
    )


def test_the_command_retries_a_refused_notice_and_then_sends_nothing_more(named, smtp):
    raise_one(tvp_action()["id"])
    smtp.mailbox.refuse.add(TVP_LEAD)

    refused = notifications_send(named, smtp.url, check=False)
    assert refused.returncode == 1
    assert "not sent: the server refused the recipient: 550" in refused.stderr

    smtp.mailbox.refuse.clear()
    retried = notifications_send(named, smtp.url)
    again = notifications_send(named, smtp.url)

    assert retried.stdout.strip() == "Sent 1 notice."
    assert again.stdout.strip() == "Sent 0 notices."
    assert len(smtp.mailbox.to(TVP_LEAD)) == 1


def test_without_smtp_url_it_records_the_notices_as_not_sent(named):
    raise_one(tvp_action()["id"])

    done = notifications_send(named)

    assert "SMTP_URL is not set: 1 notice recorded as not sent" in done.stdout
    assert [row["status"] for row in Notice.select(Notice.status).run_sync()] == ["not-sent"]
