"""`tracker proforma`: a plan's pre-filled proforma for a quarter, as the plan page gives it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click

from tracker.cli.connection import connect, require_migrated, run, settings
from tracker.core.dates import Quarter, format_date
from tracker.core.refusals import NotFound


def _refuse(message: str) -> NoReturn:
    click.echo(f"Error: {message}", err=True)
    sys.exit(2)


@click.command("proforma")
@click.option("--plan", help="The plan's name, e.g. 'Thames Valley Police' or 'Overarching'.")
@click.option("--all", "every", is_flag=True, help="Every agency's plan, in one zip file.")
@click.option("--quarter", required=True, help="The quarter, written like 2026-27-Q2.")
@click.option(
    "--out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
def proforma(plan: str | None, every: bool, quarter: str, out: Path) -> None:
    """Write a plan's proforma (.xlsx) for QUARTER, pre-filled as at the quarter's last day."""
    try:
        asked = Quarter.parse(quarter)
    except ValueError as error:
        _refuse(str(error))
    if bool(plan) == every:
        _refuse("give either --plan NAME or --all")
    # Here, not at the top: the spreadsheet writer is not needed for --help.
    from tracker.proformas.build import made_proforma, made_proformas
    from tracker.proformas.queries import every_agency_plan, plan_named

    connect(settings())
    run(require_migrated())
    if every:
        from tracker.core.chosen import current_strategy

        current = run(current_strategy())  # the current strategy's plans
        plans = run(every_agency_plan(current.id if current else None))
        content = run(made_proformas(plans, asked))
        what = "every agency's proforma"
    else:
        try:
            found = run(plan_named(plan or ""))
        except NotFound as error:
            _refuse(str(error))
        _, content = run(made_proforma(found, asked))
        what = f"the {found.name} proforma"
    try:
        out.write_bytes(content)
    except OSError as error:
        raise click.ClickException(f"Cannot write {out}: {error.strerror}") from None
    click.echo(
        f"Wrote {what} for {asked.label} to {out}: as at {format_date(asked.last_day)}, "
        f"due back by the return deadline."
    )
