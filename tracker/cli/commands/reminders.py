"""`tracker reminders send`: e-mail today's reminder digests to leads, from cron."""

from __future__ import annotations

import sys
from datetime import date
from typing import TYPE_CHECKING

import click

from tracker.cli.connection import connect, require_migrated, run, settings
from tracker.core import clock
from tracker.core.dates import format_date

if TYPE_CHECKING:
    from tracker.reminders.rules import Digest

NOT_SET = "SMTP_URL is not set: nothing sent; the reminders are listed at /reminders"


def _today(_: click.Context, __: click.Parameter, value: str | None) -> date:
    if value is None:
        return clock.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("give the date as YYYY-MM-DD, e.g. 2020-10-07") from None


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _show_in_full(digest: Digest, sender: str) -> None:
    click.echo(f"From: {sender}\nTo: {digest.recipient}\nSubject: {digest.subject}\n")
    click.echo(digest.body)
    click.echo("-" * 72)


@click.group()
def reminders() -> None:
    """E-mail reminders to leads: returns due and actions due or overdue."""


@reminders.command("send")
@click.option("--dry-run", is_flag=True, help="Print the e-mails in full; send and record nothing.")
@click.option(
    "--today", callback=_today, help="Run as on this day (YYYY-MM-DD), to catch up. Default: today."
)
def send(dry_run: bool, today: date) -> None:
    """Send each lead one digest of their new reminders, at most one a day, each reminder once.

    Safe to run as often as you like (from cron, say): a reminder already sent
    is never sent again. Exit status: 0 done; 1 an e-mail could not be sent (it
    is tried again on the next run).
    """
    # Imported when it runs, not for --help.
    from tracker.reminders.due import due_today
    from tracker.reminders.run import send_reminders

    current = settings()
    connect(current)
    run(require_migrated())
    if dry_run:
        due = run(due_today(today, current.base_url))
        for digest in due.digests:
            _show_in_full(digest, current.reminders_from)
        click.echo(
            f"Would send {_plural(len(due.digests), 'e-mail')} with "
            f"{_plural(due.reminders, 'reminder')} for {format_date(today)}."
        )
        return
    if current.smtp is None:
        click.echo(NOT_SET)
        return
    report = run(
        send_reminders(
            today, server=current.smtp, sender=current.reminders_from, base_url=current.base_url
        )
    )
    for outcome in report.sent:
        click.echo(f"{outcome.recipient}\t{_plural(outcome.reminders, 'reminder')}")
    for recipient in report.skipped:
        click.echo(f"{recipient}\tskipped: another run is sending it")
    for recipient in report.waiting:
        click.echo(f"{recipient}\twaits until tomorrow: already sent today")
    for outcome in report.failed:
        click.echo(f"{outcome.recipient}\tnot sent: {outcome.error}", err=True)
    click.echo(
        f"Sent {_plural(len(report.sent), 'e-mail')} with "
        f"{_plural(report.reminders_sent, 'reminder')} for {format_date(today)}"
        + (f"; {len(report.failed)} not sent, to be tried again." if report.failed else ".")
    )
    if report.failed:
        sys.exit(1)
