"""The Business Group workbook for 2,000 actions with 20,000 updates, against openpyxl alone.

The report is generated as the Reports page does it (read the database as at
the quarter end, build, write the workbook); the baseline is openpyxl in
write-only mode writing the same cells (the same values, read back from the
report), without styles, in the same process. Target: at most 2x.
"""

from __future__ import annotations

import asyncio
import gc
import io
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

from openpyxl import Workbook, load_workbook

ACTIONS = 2000
UPDATES_EACH = 10
RUNS = 3
TARGET = 2.0
RAGS = ("red", "amber", "green", "blue", None)
# Ten quarter ends up to 2020-21 Q2, the quarter reported on.
DAYS = [date(2018, 6, 30), date(2018, 9, 30), date(2018, 12, 31), date(2019, 3, 31)]
DAYS += [date(2019, 6, 30), date(2019, 9, 30), date(2019, 12, 31), date(2020, 3, 31)]
DAYS += [date(2020, 6, 30), date(2020, 9, 30)]


def best_of(work: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        gc.collect()  # what the previous run left must not weigh on this one
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


async def add_actions() -> None:
    from tracker.core.tables import Action, Objective, Plan, Update

    plans = [row["id"] for row in await Plan.select(Plan.id).where(Plan.kind == "agency")]
    objectives = []
    for index, plan in enumerate(plans):
        created = await Objective.insert(
            Objective(plan=plan, ref="90", text=f"Bench objective {index}", position=900)
        )
        objectives.append((plan, created[0]["id"]))
    now = datetime.now(UTC)
    actions = [
        Action(
            plan=objectives[n % len(objectives)][0],
            objective=objectives[n % len(objectives)][1],
            ref=f"90.{n + 1}",
            position=1000 + n,
            text=f"Deliver briefing {n} on recognising neglect at home visits to front-line staff",
            lead=f"Lead officer {n % 40}",
            timeframe="March 21",
            due=date(2020, 7 + n % 6, 1),
            created_at=now,
        )
        for n in range(ACTIONS)
    ]
    ids = []
    for start in range(0, len(actions), 500):
        ids += [row["id"] for row in await Action.insert(*actions[start : start + 500])]
    updates = [
        Update(
            action=action_id,
            rag=RAGS[(n + step) % len(RAGS)],
            progress=f"=Progress {step} of action {n}: {'briefings delivered; ' * 3}",
            as_at=DAYS[step],
            recorded_at=now,
            recorded_by="benchmark",
            source="import",
        )
        for n, action_id in enumerate(ids)
        for step in range(UPDATES_EACH)
    ]
    for start in range(0, len(updates), 1000):
        await Update.insert(*updates[start : start + 1000])


def sheets_in(content: bytes) -> list[list[tuple]]:
    """Every sheet's rows of values, as the report wrote them."""
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    sheets = [list(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets]
    workbook.close()
    return sheets


def write_only(sheets: list[list[tuple]]) -> bytes:
    """The same cells, values only: no styles, no print set-up, no database."""
    workbook = Workbook(write_only=True)
    for index, rows in enumerate(sheets):
        sheet = workbook.create_sheet(f"Sheet {index}")
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def main(tracker: str, env: dict[str, str], url: str) -> bool:
    for command in (["db", "upgrade"], ["seed"]):
        subprocess.run([tracker, *command], check=True, env=env, stdout=subprocess.DEVNULL)

    from tracker.core.dates import Quarter
    from tracker.core.engine import use_database
    from tracker.reports.as_xlsx import report_xlsx
    from tracker.reports.model import Audience
    from tracker.reports.render import report_for

    use_database(url)
    loop = asyncio.new_event_loop()
    loop.run_until_complete(add_actions())
    quarter = Quarter.parse("2020-21-Q2")
    made: list[bytes] = []
    reports = []

    def generate() -> None:
        report = loop.run_until_complete(report_for(quarter, Audience.BUSINESS_GROUP))
        reports[:] = [report]
        made[:] = [report_xlsx(report)]

    generated = best_of(generate)
    reading = best_of(lambda: loop.run_until_complete(report_for(quarter, Audience.BUSINESS_GROUP)))
    writing = best_of(lambda: report_xlsx(reports[-1]))
    loop.close()
    sheets = sheets_in(made[-1])
    cells = sum(1 for rows in sheets for row in rows for value in row if value is not None)
    baseline = best_of(lambda: write_only(sheets))
    ratio = generated / baseline
    print(
        f"Business Group .xlsx for {ACTIONS:,} actions with {ACTIONS * UPDATES_EACH:,} updates: "
        f"{generated:.3f} s; openpyxl write-only writing the same {cells:,} cells: "
        f"{baseline:.3f} s (best of {RUNS} each)"
    )
    print(
        f"  of which reading the database and building the report: {reading:.3f} s, "
        f"writing the workbook: {writing:.3f} s ({writing / baseline:.2f}x the baseline)"
    )
    print(f"report time ratio: {ratio:.2f}x (target at most {TARGET}x)")
    return ratio <= TARGET


if __name__ == "__main__":  # alone: python -m benchmarks.reports
    import os
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        database = f"sqlite:///{folder}/bench.sqlite3"
        command = str(Path(sys.executable).with_name("tracker"))
        met = main(command, {**os.environ, "DATABASE_URL": database}, database)
    sys.exit(0 if met else 1)
