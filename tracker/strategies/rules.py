"""Checking a new strategy: its name, partnership, period and first and last days. Pure."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from tracker.core.dates import parse_day
from tracker.core.roles import Role

CAN_ADD_STRATEGY = (Role.BUSINESS_UNIT,)
LONGEST_NAME = 200
LONGEST_PERIOD = 20


@dataclass(frozen=True)
class StrategyForm:
    name: str
    partnership: str
    period: str  # as the partnership writes it, for example 2023-26
    starts: str  # YYYY-MM-DD
    ends: str


@dataclass(frozen=True)
class NewStrategy:
    name: str
    partnership: str
    period: str
    starts: date
    ends: date


def checked_strategy(
    form: StrategyForm, taken_names: Collection[str]
) -> tuple[NewStrategy | None, dict[str, str]]:
    """The strategy to add, or what is wrong with each field (none added)."""
    problems: dict[str, str] = {}
    name, partnership, period = form.name.strip(), form.partnership.strip(), form.period.strip()
    if not name:
        problems["name"] = "Enter the strategy's name"
    elif len(name) > LONGEST_NAME:
        problems["name"] = f"Name must be {LONGEST_NAME} characters or fewer"
    elif name.casefold() in {taken.casefold() for taken in taken_names}:
        problems["name"] = "There is already a strategy with this name: choose another"
    if not partnership:
        problems["partnership"] = "Enter the partnership's name"
    elif len(partnership) > LONGEST_NAME:
        problems["partnership"] = f"Partnership must be {LONGEST_NAME} characters or fewer"
    if not period:
        problems["period"] = "Enter the period, for example 2023-26"
    elif len(period) > LONGEST_PERIOD:
        problems["period"] = f"Period must be {LONGEST_PERIOD} characters or fewer"
    starts, ends = parse_day(form.starts), parse_day(form.ends)
    if starts is None:
        problems["starts"] = "Enter the first day as a real date, for example 1 4 2023"
    if ends is None:
        problems["ends"] = "Enter the last day as a real date, for example 31 3 2026"
    elif starts is not None and ends <= starts:
        problems["ends"] = "The last day must be after the first day"
    if problems or starts is None or ends is None:
        return None, problems
    return NewStrategy(name, partnership, period, starts, ends), {}
