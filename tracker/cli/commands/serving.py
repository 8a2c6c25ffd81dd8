from __future__ import annotations

import gc

import click

from tracker.cli.connection import connect, require_migrated, run, settings


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
def serve(host: str, port: int) -> None:
    """Serve the tracker's pages on HOST:PORT."""
    import uvicorn

    from tracker.web.app import create_app

    current = settings()
    connect(current)
    run(require_migrated())
    click.echo(f"Serving the tracker on http://{host}:{port}  (Ctrl+C to stop)")
    app = create_app(current)
    # What start-up made lives as long as the process: kept out of the collector's full
    # passes, which otherwise walk all of it, holding up every request, while a large
    # workbook is read (tests/imports/test_preview_load.py).
    gc.freeze()
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="info",
        proxy_headers=False,
        server_header=False,
    )
