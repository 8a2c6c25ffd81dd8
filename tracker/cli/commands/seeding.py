from __future__ import annotations

from datetime import date

import click

from tracker.cli.connection import connect, require_migrated, run, settings
from tracker.proforma import UnreadableFile
from tracker.seeding.files import SeedFileError
from tracker.seeding.seed import SeedImportFailed
from tracker.seeding.seed import seed as load_strategy


@click.command()
def seed() -> None:
    """Load the strategy from imports/: agencies, core components, glossary and plans.

    Running it again changes nothing unless the files in imports/ changed.
    """
    current = settings()
    connect(current)
    run(require_migrated())
    try:
        report = run(load_strategy(current.imports_dir, as_at=date.today()))
    except (SeedFileError, SeedImportFailed, UnreadableFile) as error:
        raise click.ClickException(f"Nothing was loaded: {error}") from None
    for line in report.lines():
        click.echo(line)
