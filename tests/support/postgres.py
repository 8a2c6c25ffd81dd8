"""A throwaway PostgreSQL cluster for the test run.

PostgreSQL refuses to run as root, so when the suite runs as root (as CI
does) the cluster is created and served by the unprivileged `nobody` user.
It listens on loopback only, on a free port, and is removed afterwards.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

UNPRIVILEGED_UID = 65534  # nobody


class PostgresUnavailable(RuntimeError):
    pass


def _find_binary(name: str) -> str:
    found = shutil.which(name) or next(
        iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None
    )
    if not found:
        raise PostgresUnavailable(
            f"{name} was not found: install PostgreSQL (apt-get install postgresql) "
            "or set TEST_DATABASE_URL"
        )
    return found


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_unprivileged(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return [
        "setpriv",
        f"--reuid={UNPRIVILEGED_UID}",
        f"--regid={UNPRIVILEGED_UID}",
        "--clear-groups",
        "--",
        *command,
    ]


def _run(command: list[str], what: str) -> None:
    done = subprocess.run(
        _as_unprivileged(command), capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode != 0:
        raise PostgresUnavailable(f"{what} failed: {(done.stderr or done.stdout).strip()}")


@contextlib.contextmanager
def throwaway_cluster() -> Iterator[str]:
    """Start a cluster; yield the URL of its `postgres` database; remove it all after."""
    initdb, pg_ctl = _find_binary("initdb"), _find_binary("pg_ctl")
    home = Path(tempfile.mkdtemp(prefix="tracker-pg-"))
    if os.geteuid() == 0:
        os.chown(home, UNPRIVILEGED_UID, UNPRIVILEGED_UID)
    data, port = home / "data", _free_port()
    started = False
    try:
        _run(
            [
                initdb,
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ],
            "initdb",
        )
        options = (
            f"-h 127.0.0.1 -p {port} -k {home} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        _run(
            [
                pg_ctl,
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(home / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ],
            "starting PostgreSQL",
        )
        started = True
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        if started:
            with contextlib.suppress(PostgresUnavailable):
                _run([pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"], "stopping")
        shutil.rmtree(home, ignore_errors=True)
