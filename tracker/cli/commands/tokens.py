"""`tracker tokens`: personal API tokens, made at the server for someone's account."""

from __future__ import annotations

import click

from tracker.accounts.store import AccountProblem
from tracker.accounts.tokens import (
    DEFAULT_LIFETIME_DAYS,
    TokenProblem,
    TokenScope,
    account_id_for,
    create_token,
    list_tokens,
    revoke_token,
)
from tracker.audit.trail import SYSTEM
from tracker.cli.connection import connect, require_migrated, run, settings
from tracker.core.dates import format_date


class BadInput(click.ClickException):
    """Something typed on the command line is wrong: exit status 2, like a usage error."""

    exit_code = 2


def _ready() -> None:
    connect(settings())
    run(require_migrated())


def _account(email: str) -> int:
    try:
        return run(account_id_for(email))
    except AccountProblem as problem:
        raise BadInput(str(problem)) from None


@click.group()
def tokens() -> None:
    """Personal API tokens: each acts as its account, in its role."""


@tokens.command("create")
@click.argument("email")
@click.option("--name", default="Made at the command line", help="What the token is for.")
@click.option(
    "--read-only",
    is_flag=True,
    help="Only read through the API; without it the token may also record updates.",
)
@click.option(
    "--days",
    type=int,
    default=DEFAULT_LIFETIME_DAYS,
    show_default=True,
    help="How many days it works for (1 to 365).",
)
def create(email: str, name: str, read_only: bool, days: int) -> None:
    """Make a token for EMAIL's account and print it, once."""
    _ready()
    account = _account(email)
    scope = TokenScope.READ if read_only else TokenScope.READ_WRITE
    try:
        token = run(create_token(account, name, SYSTEM, scope=scope, lifetime_days=days))
    except TokenProblem as problem:
        raise BadInput(str(problem)) from None
    click.echo(
        f"API token {name!r} for {email.strip().lower()} ({scope.label.lower()}, "
        f"for {days} days), shown once:",
        err=True,
    )
    click.echo(token)


@tokens.command("list")
@click.argument("email")
def list_command(email: str) -> None:
    """EMAIL's tokens, newest first: id, name, scope, created, expires, last used, state."""
    _ready()
    for token in run(list_tokens(_account(email))):
        last = format_date(token.last_used_at.date()) if token.last_used_at else "never used"
        expires = format_date(token.expires_at.date()) if token.expires_at else "unknown"
        if token.revoked_at:
            state = f"revoked {format_date(token.revoked_at.date())}"
        else:
            state = "expired" if token.expired else "active"
        click.echo(
            f"{token.id}\t{token.name}\t{token.scope.value}\t"
            f"created {format_date(token.created_at.date())}\texpires {expires}\t"
            f"last used {last}\t{state}"
        )


@tokens.command("revoke")
@click.argument("email")
@click.argument("token_id", type=int)
def revoke(email: str, token_id: int) -> None:
    """Stop EMAIL's token TOKEN_ID working, for good."""
    _ready()
    account = _account(email)
    try:
        name = run(revoke_token(token_id, account, SYSTEM, whose=f"{email.strip().lower()} has"))
    except TokenProblem as problem:
        raise BadInput(str(problem)) from None
    click.echo(f"Revoked {name!r}: it no longer works.")
