"""One review download in its own process: its time and the process's peak memory.

    python -m benchmarks.downloads DATABASE_URL EMAIL PASSWORD /review.csv

Prints "seconds peak_mb rows bytes". Run by benchmarks/pages.py after the pages, so the
peak is the download's (and the app's), not the benchmark's building of the data.
"""

from __future__ import annotations

import logging
import os
import resource
import sys
import tempfile
import time


def main() -> None:
    url, email, password, path = sys.argv[1:5]
    logging.getLogger("httpx").setLevel(logging.WARNING)
    from litestar.testing import TestClient

    from benchmarks.pages import signed_in
    from tracker.core.engine import use_database
    from tracker.core.settings import Settings
    from tracker.web.app import create_app

    del password  # the benchmark's users share one (benchmarks.pages.PASSWORD)
    env = {**os.environ, "DATABASE_URL": url}
    use_database(url)
    with TestClient(create_app(Settings.from_environment(env))) as client:
        client.cookies.update(signed_in(client, email))
        started = time.perf_counter()
        size = 0
        lines = 0
        with tempfile.TemporaryFile() as file:
            with client.stream("GET", path) as response:
                assert response.status_code == 200, response.status_code
                for piece in response.iter_bytes():
                    size += len(piece)
                    lines += piece.count(b"\n")
                    file.write(piece)
            took = time.perf_counter() - started
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            if path.endswith(".xlsx"):  # its rows, counted after the peak is taken
                from openpyxl import load_workbook

                file.seek(0)
                workbook = load_workbook(file, read_only=True)
                lines = sum(1 for _ in workbook["Actions"].iter_rows(values_only=True))
                workbook.close()
            else:  # records, not lines: a progress note may hold line breaks
                import csv
                import io

                file.seek(0)
                lines = sum(1 for _ in csv.reader(io.TextIOWrapper(file, encoding="utf-8-sig")))
    print(f"{took:.3f} {peak_mb:.0f} {lines} {size}")


if __name__ == "__main__":
    main()
