"""The main pages at scale, against a bare Litestar route rendering as many rows from memory.

Builds ACTIONS actions spread over the agencies' plans, each with UPDATES_EACH updates
(one a quarter), signs in (the business unit; a Thames Valley Police lead for My
actions) and times each page through Litestar's test client, sequentially: p50 and
p95 of RUNS requests after WARM_UP (5) to warm up, and its size; its first view is
printed. The baseline is a bare Litestar route, timed after the page through a test
client of its own, rendering a Jinja table of as many rows as the page has (`<tr>`s;
items for the API) from a list in memory; of ROUNDS (3) rounds of both, the one with the
median ratio is reported.

    python -m benchmarks.pages                  # 2,000 actions on SQLite
    BENCH_ACTIONS=20000 BENCH_POSTGRES=1 python -m benchmarks.pages
                                                # on DATABASE_URL's server if it is
                                                # PostgreSQL, else a throwaway cluster

Targets (issue 18): every page p95 under 100 ms and at most 5x the bare route; no page
over 500 KB. Reported, not enforced here: `make bench` prints the table.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from benchmarks.page_data import (
    UPDATES_EACH,
    add_actions,
    add_an_update_dated_today,
    an_action,
    analysed,
    largest_objective,
    largest_plan,
    postgres_database,
)

RUNS = int(os.environ.get("BENCH_RUNS", "20"))  # p95 of fewer is little more than the slowest
P95_TARGET_MS = 100
RATIO_TARGET = 5.0
SIZE_TARGET_KB = 500
PASSWORD = "a-long-benchmark-password-123"
BUSINESS_UNIT = "bench.unit@tracker.local"
LEAD = "bench.lead@tracker.local"
# (label, path, who): the pages a user opens, the busiest first.
PAGES = (
    ("home (Plans)", "/", BUSINESS_UNIT),
    ("review", "/review", BUSINESS_UNIT),
    ("review, overdue only", "/review?overdue=1", BUSINESS_UNIT),
    ("review, by ref, page 3", "/review?sort=ref&page=3", BUSINESS_UNIT),
    ("review, text and red", "/review?q=briefing&rag=red&sort=-due", BUSINESS_UNIT),
    ("dashboard", "/dashboard", BUSINESS_UNIT),
    ("coverage", "/coverage", BUSINESS_UNIT),
    ("My actions (TVP lead)", "/my-actions", LEAD),
    ("/api/actions", "/api/actions", BUSINESS_UNIT),
    ("plan (TVP's)", "/plans/{tvp}", BUSINESS_UNIT),
    (
        "plan, its longest objective, page 2",
        "/plans/{tvp}?objective={objective}&page=2",
        BUSINESS_UNIT,
    ),
    ("an action (10 updates)", "/actions/{action}", BUSINESS_UNIT),
    ("its update form", "/actions/{action}/update", BUSINESS_UNIT),
    ("To do", "/todo", BUSINESS_UNIT),
    ("returns", "/returns", BUSINESS_UNIT),
    ("assurance", "/assurance", BUSINESS_UNIT),
    ("challenges", "/challenges", BUSINESS_UNIT),
    ("escalations", "/escalations", BUSINESS_UNIT),
    ("learning", "/learning", BUSINESS_UNIT),
    ("reports", "/reports", BUSINESS_UNIT),
    ("imports", "/imports", BUSINESS_UNIT),
    ("audit trail", "/audit", BUSINESS_UNIT),
    ("reminders", "/reminders", BUSINESS_UNIT),
)
# Timed after one update dated today is added, as in a partnership at work: the kept latest
# updates no longer stand on the earlier quarters' ends the dashboard's chart counts on
# (every generated update is dated 2018 to 2020, so above they do).
AFTER_AN_UPDATE_TODAY = (("dashboard, an update dated today", "/dashboard", BUSINESS_UNIT),)
# Issue 18's "before" at 20,000 actions on PostgreSQL (p50 ms, size KB); at 2,000 on
# SQLite it gave home 113 ms and review 457 ms.
BEFORE_PG = {
    "home (Plans)": (1198, 10),
    "review": (5759, 17 * 1024),
    "review, overdue only": (5019, 15 * 1024),
    "dashboard": (2286, 62),
    "coverage": (1816, 40),
    "My actions (TVP lead)": (1834, 1.4 * 1024),
    "/api/actions": (1655, 10 * 1024),
    "plan (TVP's)": (350, 1.8 * 1024),  # every one of its 1,539 actions, before issue 18
}
BEFORE_SQLITE = {"home (Plans)": (113, 10), "review": (457, None)}
DOWNLOADS = (("review download, CSV", "/review.csv"), ("review download, xlsx", "/review.xlsx"))
DOWNLOAD_SECONDS, DOWNLOAD_MB = 5, 300

BARE_TABLE = """<!doctype html><html lang="en"><head><title>Rows</title></head><body><main>
<table><thead><tr><th>Plan</th><th>Ref</th><th>Action</th><th>Lead</th><th>Due</th>
<th>RAG</th><th>Progress</th><th>Updated</th></tr></thead><tbody>
{% for row in rows %}<tr><td>{{ row[0] }}</td><td>{{ row[1] }}</td><td>{{ row[2] }}</td>
<td>{{ row[3] }}</td><td>{{ row[4] }}</td><td>{{ row[5] }}</td><td>{{ row[6] }}</td>
<td>{{ row[7] }}</td></tr>
{% endfor %}</tbody></table></main></body></html>"""


@dataclass(frozen=True)
class Download:
    label: str
    seconds: float
    peak_mb: float  # the whole process's peak resident memory, the app's included
    lines: int
    size_kb: float

    @property
    def met(self) -> bool:
        return self.seconds < DOWNLOAD_SECONDS and self.peak_mb < DOWNLOAD_MB


def download(url: str, path: str, label: str) -> Download:
    """`path` downloaded in a process of its own, so its peak memory is the download's."""
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.downloads", url, BUSINESS_UNIT, "-", path],
        check=True,
        capture_output=True,
        text=True,
        env={**os.environ, "DATABASE_URL": url},
    )
    seconds, peak, lines, size = done.stdout.split()[-4:]
    return Download(label, float(seconds), float(peak), int(lines), int(size) / 1024)


@dataclass(frozen=True)
class Timing:
    label: str
    p50_ms: float
    p95_ms: float
    size_kb: float
    rows: int
    bare_p50_ms: float
    bare_p95_ms: float

    @property
    def ratio(self) -> float:
        return self.p95_ms / self.bare_p95_ms if self.bare_p95_ms else float("inf")

    @property
    def met(self) -> bool:
        return (
            self.p95_ms < P95_TARGET_MS
            and self.ratio <= RATIO_TARGET
            and self.size_kb <= SIZE_TARGET_KB
        )


def percentiles(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered) * 1000, p95 * 1000


# Views before the timed ones, as on a server that has been serving a while: templates
# compiled, connections open, and each statement prepared on the connections it runs on.
# PostgreSQL plans a prepared statement afresh for its first five runs on a connection
# before planning it once; with one view to warm up, the first page of each kind (the
# review, My actions) had the slowest of its 20 views 40% over its median for that alone.
WARM_UP = int(os.environ.get("BENCH_WARM_UP", "5"))


ROUNDS = 3


def timed(
    page: Callable[[], object], bare: Callable[[], object], runs: int
) -> tuple[tuple[float, float], tuple[float, float]]:
    """p50 and p95 of `runs` requests of the page, then of the bare route, in ROUNDS rounds;
    the round whose p95 ratio is the median of theirs. On this machine a busy moment during
    either's 20 alone moved the ratio by a third; the median of three rounds does not
    follow one such moment. (Timing them a request of each in turn does not do: the bare
    route then pays for what the page left running after its response.)"""
    rounds = []
    for _ in range(ROUNDS):
        measured = []
        for request in (page, bare):
            for _ in range(WARM_UP):
                request()
            times = []
            for _ in range(runs):
                started = time.perf_counter()
                request()
                times.append(time.perf_counter() - started)
            measured.append(percentiles(times))
        rounds.append((measured[0], measured[1]))
    rounds.sort(key=lambda timing: timing[0][1] / timing[1][1])
    return rounds[len(rounds) // 2]


def tracker_command(*args: str, env: dict[str, str], stdin: str | None = None) -> None:
    tracker = str(Path(sys.executable).with_name("tracker"))
    subprocess.run(
        [tracker, *args], check=True, env=env, input=stdin, text=True, stdout=subprocess.DEVNULL
    )


def signed_in(client, email: str) -> dict[str, str]:
    """The cookies of `email`'s session: one client (one app lifespan) serves both users."""
    client.cookies.clear()
    client.get("/sign-in")
    done = client.post(
        "/sign-in",
        data={"email": email, "password": PASSWORD, "next": "/"},
        headers={"x-csrftoken": client.cookies.get("csrftoken", "")},
        follow_redirects=False,
    )
    assert done.status_code == 303, (email, done.status_code)
    return dict(client.cookies)


def bare_app():
    from litestar import Litestar, get
    from litestar.plugins.jinja import JinjaTemplateEngine as Engine
    from litestar.response import Template
    from litestar.template.config import TemplateConfig

    @get("/rows/{count:int}", sync_to_thread=False)
    def rows(count: int) -> Template:
        table = [
            (
                "Thames Valley Police",
                f"90.{n}",
                f"Deliver briefing {n} on recognising neglect at home visits",
                f"Lead officer {n % 40}",
                "1 Jul 2020",
                "Amber",
                "Progress: briefings delivered; briefings delivered",
                "30 Sep 2020",
            )
            for n in range(count)
        ]
        return Template(template_str=BARE_TABLE, context={"rows": table})

    from jinja2 import Environment

    engine = Engine.from_environment(Environment(autoescape=True))
    return Litestar(
        [rows],
        template_config=TemplateConfig(instance=engine),
        signature_namespace={"Template": Template},
    )


def rows_in(path: str, body: bytes) -> int:
    if path.startswith("/api/"):
        import json

        found = json.loads(body)
        items = found.get("items", found) if isinstance(found, dict) else found
        return len(items) if isinstance(items, list) else 1
    return max(1, body.count(b"<tr") - body.count(b"<thead"))


def measure(url: str, actions: int, runs: int) -> tuple[list[Timing], list[Download]]:
    from litestar.testing import TestClient

    from tracker.cli.commands.serving import worker_app
    from tracker.core.engine import use_database

    env = {**os.environ, "DATABASE_URL": url}
    for command in (["db", "upgrade"], ["seed"]):
        tracker_command(*command, env=env)
    tracker_command(
        "users", "add", BUSINESS_UNIT, "--role", "business-unit", "--password-stdin",
        env=env, stdin=PASSWORD,
    )  # fmt: skip
    tracker_command(
        "users", "add", LEAD, "--role", "lead", "--agency", "Thames Valley Police",
        "--password-stdin", env=env, stdin=PASSWORD,
    )  # fmt: skip
    use_database(url)
    started = time.perf_counter()
    asyncio.run(add_actions(actions))
    asyncio.run(analysed())  # as autovacuum would soon after a load this size
    print(f"  built {actions:,} actions and {actions * UPDATES_EACH:,} updates in "
          f"{time.perf_counter() - started:.1f} s")  # fmt: skip
    # The app as `tracker serve` makes it, from the environment, with what start-up made
    # set aside from the collector (gc.freeze): otherwise a full collection walks this
    # process's 180,000 objects and more, 90 to 100 ms, the slowest view of any page it
    # lands on, which a served page does not pay.
    os.environ["DATABASE_URL"] = url
    app = worker_app()
    tvp = asyncio.run(largest_plan())
    objective = asyncio.run(largest_objective(tvp))
    action = asyncio.run(an_action(objective))
    found = []
    with ExitStack() as stack:
        client = stack.enter_context(TestClient(app))
        sessions = {email: signed_in(client, email) for email in (BUSINESS_UNIT, LEAD)}
        bare = stack.enter_context(TestClient(bare_app()))
        first_views: list[float] = []

        def time_page(label: str, template: str, who: str) -> None:
            path = template.format(tvp=tvp, objective=objective, action=action)
            client.cookies.clear()
            client.cookies.update(sessions[who])
            started = time.perf_counter()
            response = client.get(path)
            first_ms = (time.perf_counter() - started) * 1000
            assert response.status_code == 200, (path, response.status_code)
            body = response.content
            rows = rows_in(path, body)
            (p50, p95), (bare_p50, bare_p95) = timed(
                lambda: client.get(path), lambda: bare.get(f"/rows/{rows}"), runs
            )
            found.append(Timing(label, p50, p95, len(body) / 1024, rows, bare_p50, bare_p95))
            first_views.append(first_ms)
            print(
                f"  {label}: p50 {p50:,.1f} ms, bare {bare_p50:,.1f} ms "
                f"(its first view {first_ms:,.1f} ms)",
                flush=True,
            )

        for page in PAGES:
            time_page(*page)
        add_an_update_dated_today(url, action)
        for page in AFTER_AN_UPDATE_TODAY:
            time_page(*page)
            # Its first view after the change works out again the counts kept before it
            # (tracker.core.kept_counts); the table's times are the views after.
            print(f"  {page[0]}: its first view {first_views[-1]:,.1f} ms", flush=True)
    files = [download(url, path, label) for label, path in DOWNLOADS]
    for file in files:
        print(f"  {file.label}: {file.seconds:.2f} s, {file.peak_mb:.0f} MB", flush=True)
    return found, files


def table(
    found: list[Timing],
    files: list[Download],
    title: str,
    before: dict[str, tuple[float, float | None]],
) -> str:
    lines = [
        title,
        "| page | rows | p50 ms | p95 ms | bare p95 ms | p95 ratio | size KB "
        "| before: p50 ms, size KB | targets |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for t in found:
        was = before.get(t.label)
        said = f"{was[0]:,.0f}" + (f", {was[1]:,.0f}" if was[1] is not None else "") if was else ""
        lines.append(
            f"| {t.label} | {t.rows:,} | {t.p50_ms:,.1f} | {t.p95_ms:,.1f} "
            f"| {t.bare_p95_ms:,.1f} | {t.ratio:,.1f}x | {t.size_kb:,.0f} | {said} "
            f"| {'met' if t.met else 'missed'} |"
        )
    lines += [
        "",
        "| download | rows | seconds | peak MB (whole process) | size KB | targets |",
        "|---|---|---|---|---|---|",
    ]
    lines += [
        f"| {f.label} | {max(0, f.lines - 1):,} | {f.seconds:.2f} | {f.peak_mb:,.0f} "
        f"| {f.size_kb:,.0f} | {'met' if f.met else 'missed'} |"
        for f in files
    ]
    return "\n".join(lines)


def main() -> bool:
    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)  # a line per request otherwise
    actions = int(os.environ.get("BENCH_ACTIONS", "2000"))
    if os.environ.get("BENCH_POSTGRES", "") not in ("", "0"):
        runs = int(os.environ.get("BENCH_RUNS", "5"))
        with postgres_database() as url:
            found, files = measure(url, actions, runs)
        title = f"Pages on PostgreSQL, {actions:,} actions, {runs} requests each:"
        before = BEFORE_PG if actions == 20_000 else {}
    else:
        with tempfile.TemporaryDirectory() as folder:
            url = f"sqlite:///{folder}/pages.sqlite3"
            found, files = measure(url, actions, RUNS)
        title = f"Pages on SQLite, {actions:,} actions, {RUNS} requests each:"
        before = BEFORE_SQLITE if actions == 2_000 else {}
    print(table(found, files, title, before))
    return all(timing.met for timing in found) and all(file.met for file in files)


if __name__ == "__main__":
    sys.exit(0 if main() else 1)
