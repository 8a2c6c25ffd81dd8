"""`tracker notifications send`: e-mail the notices of recent changes not sent yet, from cron."""

from __future__ import annotations

import sys
from datetime import timedelta

import click

from tracker.cli.connection import connect, require_migrated, run, settings


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


@click.group()
def notifications() -> None:
    """E-mails telling people of challenges, replies, returns and deadlines."""


@notifications.command("send")
def send() -> None:
    """Send the notices of the last day's changes not sent yet, and retry those that failed.

    The running tracker does this after each change and every few minutes; this
    command is for catching up, or from cron. Safe to run as often as you like:
    no notice is ever sent twice. Exit status: 0 done; 1 a notice could not be
    sent (it is tried again later).
    """
    from tracker.notifications.dispatch import dispatch  # when it runs, not for --help

    current = settings()
    connect(current)
    run(require_migrated())
    done = run(
        dispatch(
            server=current.smtp,
            sender=current.reminders_from,
            base_url=current.base_url,
            retry_after=timedelta(0),  # asked for now: no waiting
        )
    )
    for key, error in done.failed:
        click.echo(f"{key}\tnot sent: {error}", err=True)
    if current.smtp is None:
        click.echo(
            f"SMTP_URL is not set: {_plural(len(done.not_sent), 'notice')} recorded as not sent; "
            "they are listed at /reminders."
        )
        return
    click.echo(
        f"Sent {_plural(len(done.sent), 'notice')}"
        + (f"; {len(done.failed)} not sent, to be tried again." if done.failed else ".")
    )
    if done.failed:
        sys.exit(1)
