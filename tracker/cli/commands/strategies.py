"""`tracker strategy`: adding the next strategy, and listing them, at the server."""

from __future__ import annotations

from dataclasses import dataclass

import click

from tracker.audit.trail import SYSTEM
from tracker.cli.connection import connect, require_migrated, run, settings
from tracker.core.dates import format_date
from tracker.core.refusals import InvalidInput
from tracker.core.roles import Role


class BadInput(click.ClickException):
    """Something typed on the command line is wrong: exit status 2, like a usage error."""

    exit_code = 2


@dataclass(frozen=True)
class _AtTheServer:
    """Who adds a strategy at the command line: the system, with the business unit's say."""

    email: str = SYSTEM
    role: Role = Role.BUSINESS_UNIT
    agency_ids: frozenset[int] = frozenset()
    lead_names: frozenset[str] = frozenset()


def _ready() -> None:
    connect(settings())
    run(require_migrated())


@click.group()
def strategy() -> None:
    """Strategies: each has its own plans, returns and reports."""


@strategy.command("add")
@click.option("--name", required=True, help="For example: Oxfordshire Neglect Strategy 2023-26.")
@click.option("--partnership", required=True, help="The partnership the strategy is for.")
@click.option("--period", required=True, help="As the strategy writes it, for example 2023-26.")
@click.option("--starts", required=True, help="Its first day, YYYY-MM-DD.")
@click.option("--ends", required=True, help="Its last day, YYYY-MM-DD.")
def add(name: str, partnership: str, period: str, starts: str, ends: str) -> None:
    """Add a strategy, with an empty plan for each agency."""
    from tracker.strategies.rules import StrategyForm
    from tracker.strategies.store import add_strategy

    _ready()
    form = StrategyForm(name, partnership, period, starts, ends)
    try:
        added = run(add_strategy(form, person=_AtTheServer()))
    except InvalidInput as refused:
        said = "; ".join(f"--{key}: {why}" for key, why in refused.problems.items())
        raise BadInput(said) from None
    click.echo(f"Added strategy {added}: {name.strip()}.")


@strategy.command("list")
def list_command() -> None:
    """Every strategy: id, name, period, days, plans, and whether it is closed."""
    from tracker.strategies.queries import strategy_rows

    _ready()
    for row in run(strategy_rows()):
        days = (
            f"{format_date(row.starts)} to {format_date(row.ends)}"
            if row.starts and row.ends
            else "days not given"
        )
        state = "closed" if row.closed else "open"
        click.echo(f"{row.id}\t{row.name}\t{row.period}\t{days}\t{row.plans} plans\t{state}")
