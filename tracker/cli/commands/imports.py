from __future__ import annotations

import click

from tracker.cli.connection import connect, require_migrated, run, settings
from tracker.core.dates import format_date


@click.group("imports")
def imports() -> None:
    """The history of imports, and taking one back."""


@imports.command("list")
def list_imports() -> None:
    """Every import, newest first: who, when, file, SHA-256, as-at date and counts."""
    from tracker.imports.history import import_history

    connect(settings())
    run(require_migrated())
    records = run(import_history())
    if not records:
        click.echo("No imports yet.")
    for record in records:
        state = f"undone by {record.undone_by}" if record.undone_at else "applied"
        click.echo(
            f"{record.id}\t{format_date(record.imported_at.date())}\t{record.imported_by}\t"
            f"{record.file_name}\tas at {format_date(record.as_at)}\t"
            f"{record.created} created, {record.updated} updated, {record.unchanged} unchanged\t"
            f"{state}\tsha256 {record.sha256}"
        )


@imports.command("undo")
@click.argument("import_id", type=int)
@click.option(
    "--by",
    "undone_by",
    default="tracker imports undo",
    show_default=True,
    help="Who is undoing it, for the record.",
)
def undo(import_id: int, undone_by: str) -> None:
    """Take back import IMPORT_ID, while nothing later has changed the same actions."""
    from tracker.imports.undo import UndoRefused, undo_import

    connect(settings())
    run(require_migrated())
    try:
        report = run(undo_import(import_id, undone_by=undone_by))
    except UndoRefused as refusal:
        raise click.ClickException(str(refusal)) from None
    click.echo(
        f"Undid import {report.import_id} ({report.file_name}): {report.removed_updates} "
        f"update(s) and {report.removed_actions} new action(s) removed, "
        f"{report.reverted_actions} action(s) put back as they were."
    )
