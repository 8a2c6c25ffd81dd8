"""A large preview is made off the event loop: other requests stay quick meanwhile."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.imports.test_large_imports import LARGE, large_return  # noqa: F401 - a fixture
from tests.plans.test_pages import text_of
from tests.support.accounts import BUSINESS_UNIT, csrf_headers, sign_in

pytestmark = pytest.mark.programs  # runs `tracker serve`


@contextlib.contextmanager
def loopback_server(database_url: str, folder: Path) -> Iterator[str]:
    """`tracker serve` on a free loopback port until the block ends."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": database_url}
    with open(folder / "serve.log", "w+") as log:
        server = subprocess.Popen(
            [str(Path(sys.executable).with_name("tracker")), "serve", "--port", str(port)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    httpx.get(f"{url}/healthz", timeout=2)
                    break
                except httpx.TransportError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        log.seek(0)
                        pytest.fail(f"tracker serve did not start:\n{log.read()}")
                    time.sleep(0.2)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)


def test_healthz_answers_within_200_ms_while_a_20000_row_preview_is_made(
    seeded_db,
    large_return,  # noqa: F811 - the fixture
    tmp_path,
):
    content = large_return.read_bytes()
    with (
        loopback_server(seeded_db, tmp_path) as url,
        httpx.Client(base_url=url, timeout=300) as client,
        httpx.Client(base_url=url, timeout=5) as probe,
        ThreadPoolExecutor(1) as pool,
    ):
        assert sign_in(client, BUSINESS_UNIT).status_code == 303
        preview = pool.submit(
            client.post,
            "/imports/preview",
            files={"file": ("large.xlsx", content, "application/octet-stream")},
            data={"as_at": "2020-06-30", "agency": ""},
            headers=csrf_headers(client),
        )
        waits = []
        while not preview.done():
            started = time.perf_counter()
            assert probe.get("/healthz").status_code == 200
            waits.append(time.perf_counter() - started)
            time.sleep(0.05)
        answer = preview.result()

    assert answer.status_code == 200
    page = text_of(answer.text)
    assert f"{LARGE} actions to create, 0 to update, 0 unchanged" in page
    assert f"And {LARGE - 100:,} more actions to create, not listed here" in page
    assert len(answer.content) < 500_000
    assert len(waits) >= 10, "the preview was quicker than the test can measure"
    print(
        f"healthz: {len(waits)} requests, slowest {max(waits) * 1000:.0f} ms; "
        f"preview page {len(answer.content):,} bytes"
    )
    # Under 200 ms, allowing the odd probe (1 in 20) that the machine's scheduler delays when
    # other work shares its cores; blocking the event loop would delay them all, by seconds
    # (5.5 s before the preview left the event loop).
    assert sorted(waits)[int(len(waits) * 0.95)] < 0.2
    assert max(waits) < 1.0
