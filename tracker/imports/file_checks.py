"""Checks on what a returned file is, before anything is written: the plan and quarter of the
page it was imported from, an older version of the plan's proforma, and an as-at day outside
the strategy's period or in the future.

An older version: a proforma is as the plan stood when it was made (its "made at" property).
It is older than the tracker when, after that moment, a newer proforma for the same plan and
quarter was e-mailed, an import of the plan was confirmed, or an action was added to the plan:
its locked columns may then put back text or miss actions, and its RAG and progress may be
older than what the tracker has. It is a warning, not an error: the officer may know better.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from tracker.core import clock
from tracker.core.dates import Quarter, format_date
from tracker.core.strategy_period import StrategyPeriod
from tracker.core.tables import Action, ImportRecord, Plan, ProformaMail
from tracker.imports.proforma.model import ParsedWorkbook, Problem
from tracker.plans.period import strategy_period
from tracker.proformas.rules import About, read_about


@dataclass(frozen=True)
class Expected:
    """The plan and quarter of the return page a file was imported from."""

    plan_id: int
    quarter: Quarter


def _problem(message: str) -> Problem:
    return Problem(None, None, None, message)


def page_problems(about: About | None, expected: Expected, plan_name: str) -> tuple[Problem, ...]:
    """Errors: a file imported from a plan's return page must be that plan's proforma for
    that quarter. Pure."""
    where = f"the {expected.quarter.label} return of {plan_name}"
    if about is None:
        return (
            _problem(
                f"This file is not a proforma made by the tracker, so it cannot be checked to "
                f"be {where}: nothing was imported. Import it from the Imports page instead."
            ),
        )
    problems = []
    if about.plan_id != expected.plan_id:
        problems.append(
            _problem(
                f"This file is the proforma of {about.plan}, not of {plan_name}: nothing was "
                f"imported. Import it from {about.plan}'s return page, or the Imports page."
            )
        )
    if about.quarter != expected.quarter:
        problems.append(
            _problem(
                f"This file is the proforma for {about.quarter.label}, not {where}: nothing "
                "was imported."
            )
        )
    return tuple(problems)


def period_warnings(as_at: date, period: StrategyPeriod, today: date) -> tuple[Problem, ...]:
    """The as-at day outside the strategy's period, or after today. Pure.

    Today is not warned of: once a strategy has ended the tracker goes on collecting
    returns as at today until the next one is loaded (tracker.core.strategy_period)."""
    found = []
    inside = period.starts is None or period.ends is None or period.starts <= as_at <= period.ends
    if not inside and as_at != today and period.starts and period.ends:
        found.append(
            _problem(
                f"The return is dated {format_date(as_at)}, outside the strategy's period "
                f"({format_date(period.starts)} to {format_date(period.ends)}): check the date."
            )
        )
    if as_at > today:
        found.append(
            _problem(
                f"The return is dated {format_date(as_at)}, after today: a return describes "
                "a day that has passed."
            )
        )
    return tuple(found)


def older_warning(about: About, newer: list[str]) -> tuple[Problem, ...]:
    """Pure: `newer` says what happened to the plan after the file was made."""
    if not newer:
        return ()
    made = about.made_at
    return (
        _problem(
            f"This proforma of {about.plan} was made on {format_date(made.date())} at "
            f"{made:%H:%M}; since then {', and '.join(newer)}. It may be an older version: "
            "check its proposed edits and skip rows that would put back older progress."
        ),
    )


def _utc(moment: datetime) -> datetime:
    """In UTC, as the database stores moments (a proforma's is on a UK clock)."""
    return (moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment).astimezone(UTC)


async def _since(about: About) -> list[str]:
    made = _utc(about.made_at)
    found = []
    mails = await ProformaMail.select(ProformaMail.sent_at).where(
        (ProformaMail.plan == about.plan_id)
        & (ProformaMail.quarter == about.quarter.slug)
        & ProformaMail.sent_at.is_not_null()
    )
    if any(_utc(row["sent_at"]) > made for row in mails):
        found.append("a newer proforma for the same quarter was e-mailed")
    imports = await ImportRecord.select(ImportRecord.plans, ImportRecord.imported_at).where(
        ImportRecord.undone_at.is_null() & (ImportRecord.imported_at > made)
    )
    if any(about.plan in row["plans"].split("; ") for row in imports):
        found.append("another import of the plan was confirmed")
    added = await Action.count().where((Action.plan == about.plan_id) & (Action.created_at > made))
    if added:
        found.append(f"{added} action{' was' if added == 1 else 's were'} added to the plan")
    return found


async def file_problems(
    workbook: ParsedWorkbook, as_at: date, expected: Expected | None, strategy_id: int | None
) -> tuple[tuple[Problem, ...], tuple[Problem, ...]]:
    """Errors and warnings about what the file is (as_at against strategy `strategy_id`'s
    days)."""
    about = read_about(dict(workbook.properties))
    errors: tuple[Problem, ...] = ()
    if expected is not None:
        plan = await Plan.select(Plan.name).where(Plan.id == expected.plan_id).first()
        errors = page_problems(about, expected, plan["name"] if plan else "this plan")
    warnings = period_warnings(as_at, await strategy_period(strategy_id), clock.today())
    if about is not None:
        warnings += older_warning(about, await _since(about))
    return errors, warnings
