from __future__ import annotations

import gc
import os
from typing import TYPE_CHECKING, Any

import click

from tracker.cli.connection import connect, require_migrated, run, settings

if TYPE_CHECKING:
    from litestar import Litestar


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Processes serving requests; everything they share is in the database.",
)
@click.option(
    "--forwarded-allow-ips",
    default=None,
    metavar="ADDRESSES",
    help="Reverse proxies (comma-separated addresses) trusted to give the client's address "
    "and scheme in X-Forwarded-For and X-Forwarded-Proto. Off unless given.",
)
def serve(host: str, port: int, workers: int, forwarded_allow_ips: str | None) -> None:
    """Serve the tracker's pages on HOST:PORT."""
    import uvicorn

    current = settings()
    connect(current)
    run(require_migrated())
    if workers > 1 and not os.environ.get("TRACKER_SECRET_KEY"):
        # Each worker would otherwise make its own, and a form one worker served would be
        # refused by another.
        os.environ["TRACKER_SECRET_KEY"] = current.secret_key
        click.echo(
            "TRACKER_SECRET_KEY is not set: the workers share one made for this run "
            "(set it so forms survive a restart)."
        )
    click.echo(
        f"Serving the tracker on http://{host}:{port} with {workers} "
        f"worker{'s' if workers > 1 else ''}  (Ctrl+C to stop)"
    )
    options: dict[str, Any] = {
        "host": host,
        "port": port,
        "log_level": "info",
        "server_header": False,
        "proxy_headers": forwarded_allow_ips is not None,
        "forwarded_allow_ips": forwarded_allow_ips,
    }
    if workers == 1:
        uvicorn.run(worker_app(), **options)
    else:
        # Each worker process builds its own app (and connections) from the environment.
        uvicorn.run(f"{__name__}:worker_app", factory=True, workers=workers, **options)


def worker_app() -> Litestar:
    """The app one serving process runs, made from the environment (DATABASE_URL ...)."""
    from tracker.web.app import create_app

    current = settings()
    connect(current)
    app = create_app(current)
    # What start-up made lives as long as the process: kept out of the collector's full
    # passes, which otherwise walk all of it, holding up every request, while a large
    # workbook is read (tests/imports/test_preview_load.py).
    gc.freeze()
    return app
