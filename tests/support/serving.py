"""`tracker serve` run as its own process on a free loopback port, as a user runs it."""

from __future__ import annotations

import contextlib
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.loopback import free_port


@contextlib.contextmanager
def running_server(env: dict[str, str], folder: Path, *options: str) -> Iterator[str]:
    """`tracker serve [options]` until the block ends, answering at the URL yielded; its log
    in `folder`."""
    port = free_port()
    log = open(folder / f"serve-{port}.log", "w+")  # noqa: SIM115
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("tracker")), "serve", "--port", str(port), *options],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/healthz", timeout=2):  # noqa: S310
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    pytest.fail(f"tracker serve did not start:\n{log.read()}")
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
