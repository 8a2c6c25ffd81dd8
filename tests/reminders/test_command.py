"""`tracker reminders send`, run as cron runs it, against a real local SMTP server."""

import os
import subprocess

import pytest

from tests.cli.test_commands import TRACKER
from tests.reminders.conftest import TODAY
from tests.support.accounts import TVP_LEAD
from tracker.core.tables import ReminderDigest, ReminderItem

pytestmark = pytest.mark.programs  # runs `tracker` commands


def reminders(*args, database_url, smtp_url=None, check=True):
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("SMTP_URL", None)
    if smtp_url:
        env["SMTP_URL"] = smtp_url
    return subprocess.run(
        [TRACKER, "reminders", "send", "--today", TODAY.isoformat(), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=check,
    )


def nothing_written() -> bool:
    return ReminderDigest.count().run_sync() == 0 and ReminderItem.count().run_sync() == 0


def test_the_command_sends_each_lead_one_digest_and_a_second_run_nothing(reminders_db, smtp):
    first = reminders(database_url=reminders_db, smtp_url=smtp.url)
    assert first.stdout.splitlines() == [
        f"{TVP_LEAD}\t3 reminders",
        "Sent 1 e-mail with 3 reminders for 7 Jul 2020.",
    ]
    [message] = smtp.mailbox.received
    assert message["To"] == TVP_LEAD and message["From"] == "neglect-tracker@localhost"
    assert "http://localhost:8000/actions/" in message.get_content()

    second = reminders(database_url=reminders_db, smtp_url=smtp.url)
    assert second.stdout.strip() == "Sent 0 e-mails with 0 reminders for 7 Jul 2020."
    assert len(smtp.mailbox.received) == 1


def test_a_refusing_server_exits_1_marks_nothing_sent_and_the_next_run_sends_it(
    reminders_db, smtp, closed_smtp
):
    refused = reminders(
        database_url=reminders_db,
        smtp_url=f"smtp://127.0.0.1:{closed_smtp.port}",
        check=False,
    )
    assert refused.returncode == 1
    assert f"{TVP_LEAD}\tnot sent: the SMTP server refused the connection" in refused.stderr
    assert "1 not sent, to be tried again" in refused.stdout
    assert "Traceback" not in refused.stderr
    assert nothing_written()

    retried = reminders(database_url=reminders_db, smtp_url=smtp.url)
    assert f"{TVP_LEAD}\t3 reminders" in retried.stdout
    assert len(smtp.mailbox.received) == 1


def test_a_dry_run_prints_the_e_mails_in_full_and_sends_and_writes_nothing(reminders_db, smtp):
    done = reminders("--dry-run", database_url=reminders_db, smtp_url=smtp.url)
    assert f"To: {TVP_LEAD}" in done.stdout
    assert "Subject: Neglect strategy tracker, 7 Jul 2020: 1 return to submit" in done.stdout
    assert "Dear lead@example.org," in done.stdout and "Returns to submit" in done.stdout
    assert done.stdout.rstrip().endswith("Would send 1 e-mail with 3 reminders for 7 Jul 2020.")
    assert smtp.mailbox.received == [] and nothing_written()


def test_without_smtp_url_it_says_where_the_reminders_are_and_writes_nothing(reminders_db):
    done = reminders(database_url=reminders_db)
    assert done.returncode == 0
    assert done.stdout.strip() == (
        "SMTP_URL is not set: nothing sent; the reminders are listed at /reminders"
    )
    assert nothing_written()


def test_a_malformed_smtp_url_is_refused_before_anything_runs(reminders_db):
    done = reminders(database_url=reminders_db, smtp_url="mail.example.org:25", check=False)
    assert done.returncode == 1
    assert "SMTP_URL must look like smtp://" in done.stderr and "Traceback" not in done.stderr
    assert nothing_written()


def test_a_day_that_is_not_a_date_is_a_usage_error(reminders_db):
    done = subprocess.run(
        [TRACKER, "reminders", "send", "--today", "7/7/2020"],
        env={**os.environ, "DATABASE_URL": reminders_db},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "YYYY-MM-DD" in done.stderr


def test_the_reminders_commands_have_help():
    done = subprocess.run(
        [TRACKER, "reminders", "send", "--help"], capture_output=True, text=True, check=True
    )
    assert "Usage: tracker reminders send" in done.stdout and "--dry-run" in done.stdout
