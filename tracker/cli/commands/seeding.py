from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from tracker.cli.connection import connect, require_migrated, run, settings
from tracker.core import clock


def seed_day(imports_dir: Path) -> date:
    """The strategy's first day, from imports/strategy.toml; today if it gives none or later."""
    from tracker.imports.seed_files import SeedFileError, read_seed_files

    try:
        starts = read_seed_files(imports_dir).starts
    except SeedFileError:
        return clock.today()  # load_strategy reports what is wrong with the files
    return starts if starts is not None and starts <= clock.today() else clock.today()


@click.command()
def seed() -> None:
    """Load the strategy from imports/: agencies, core components, glossary and plans.

    Running it again changes nothing unless the files in imports/ changed.
    """
    # Imported when it runs: openpyxl and the importer are not needed for --help.
    from tracker.imports.proforma import UnreadableFile
    from tracker.imports.seed import SeedImportFailed
    from tracker.imports.seed import seed as load_strategy
    from tracker.imports.seed_files import SeedFileError
    from tracker.learning.seed_file import LearningFileError

    current = settings()
    connect(current)
    run(require_migrated())
    try:
        report = run(load_strategy(current.imports_dir, as_at=seed_day(current.imports_dir)))
    except (SeedFileError, SeedImportFailed, UnreadableFile, LearningFileError) as error:
        raise click.ClickException(f"Nothing was loaded: {error}") from None
    for line in report.lines():
        click.echo(line)
