from __future__ import annotations

import os
import sys

import click

from tracker.cli.connection import connect, require_migrated, run, settings
from tracker.core.dates import format_date
from tracker.core.roles import Role

DEFAULT_ADMIN_EMAIL = "business.unit@tracker.local"


class BadInput(click.ClickException):
    """Input the command cannot act on: one line on stderr, exit status 2."""

    exit_code = 2


# The accounts' modules (the tables, password hashing) are imported by each command as it
# runs, not for --help.
def _ready() -> None:
    connect(settings())
    run(require_migrated())


@click.group()
def users() -> None:
    """Accounts: who may sign in, and in which role."""


@users.command("add")
@click.argument("email")
@click.option(
    "--role",
    required=True,
    type=click.Choice([role.value for role in Role]),
    help="What they may do.",
)
@click.option(
    "--agency",
    "agencies",
    multiple=True,
    help="An agency whose plans a lead updates (any name or short name); repeatable.",
)
@click.option(
    "--lead-title",
    "lead_titles",
    multiple=True,
    help='A lead title whose actions, in any plan, a lead updates ("ESAT Manager"); repeatable.',
)
@click.option("--name", default="", help="Their name, as the tracker shows it.")
@click.option(
    "--password-stdin",
    is_flag=True,
    help="Read the password from standard input instead of generating one.",
)
def add(
    email: str,
    role: str,
    agencies: tuple[str, ...],
    lead_titles: tuple[str, ...],
    name: str,
    password_stdin: bool,
) -> None:
    """Create an account. Without --password-stdin, a password is generated and printed once."""
    from tracker.accounts.passwords import WeakPassword
    from tracker.accounts.store import AccountProblem, create_account

    _ready()
    password = sys.stdin.readline().rstrip("\n") if password_stdin else None
    try:
        _, generated = run(
            create_account(
                email,
                Role(role),
                agencies=list(agencies),
                password=password,
                name=name,
                lead_names=list(lead_titles),
            )
        )
    except (AccountProblem, WeakPassword) as problem:
        raise BadInput(str(problem)) from None
    click.echo(f"Created {email.strip().lower()} ({Role(role).label}).")
    if generated:
        click.echo(f"Password (shown once, pass it on securely): {generated}")


@users.command("list")
def list_users() -> None:
    """Every account with its role, agencies, lead titles and last sign-in."""
    from tracker.accounts.store import accounts

    _ready()
    for account in run(accounts()):
        last = (
            format_date(account.last_signed_in_at.date()) if account.last_signed_in_at else "never"
        )
        click.echo(
            f"{account.email}\t{account.role.value}\t"
            f"{'active' if account.active else 'disabled'}\t"
            f"{'; '.join(account.agencies) or '-'}\t"
            f"{'; '.join(account.lead_names) or '-'}\tlast signed in {last}"
        )


@users.command("disable")
@click.argument("email")
def disable(email: str) -> None:
    """Stop EMAIL signing in, and end their sessions now. Their history stays."""
    from tracker.accounts.store import AccountProblem, disable_account

    _ready()
    try:
        run(disable_account(email))
    except AccountProblem as problem:
        raise BadInput(str(problem)) from None
    click.echo(f"Disabled {email.strip().lower()}: they can no longer sign in.")


@users.command("enable")
@click.argument("email")
def enable(email: str) -> None:
    """Let EMAIL sign in again with their password."""
    from tracker.accounts.changes import enable_account
    from tracker.accounts.store import AccountProblem

    _ready()
    try:
        was_disabled = run(enable_account(email))
    except AccountProblem as problem:
        raise BadInput(str(problem)) from None
    address = email.strip().lower()
    click.echo(
        f"Enabled {address}: they can sign in again."
        if was_disabled
        else f"{address} was already enabled: nothing changed."
    )


@users.command("bootstrap")
def bootstrap() -> None:
    """On a fresh start only: create the first business-unit account.

    Its email is TRACKER_ADMIN_EMAIL (default business.unit@tracker.local); its
    password TRACKER_ADMIN_PASSWORD, or one generated and printed once.
    """
    from tracker.accounts.passwords import WeakPassword
    from tracker.accounts.store import AccountProblem, ensure_business_unit_account

    _ready()
    email = os.environ.get("TRACKER_ADMIN_EMAIL", DEFAULT_ADMIN_EMAIL)
    try:
        generated = run(
            ensure_business_unit_account(email, os.environ.get("TRACKER_ADMIN_PASSWORD") or None)
        )
    except (AccountProblem, WeakPassword) as problem:
        raise BadInput(str(problem)) from None
    if generated:
        click.echo(f"Created the business-unit account {email}")
        click.echo(f"Password (shown once, keep it safe): {generated}")
