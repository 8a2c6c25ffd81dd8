"""The suite's clock: the day a test runs on is written in the test, never read from the real date.

The template databases (tests/conftest.py, tests/support/fixtures.py) are made as at a moment
early on SET_UP_DAY, so what they record (accounts created, returns imported) is the same
whatever day the suite runs. Tests about "today" freeze the clock later that day with
`on_today`; the tracker's one clock (tracker.core.clock) then reads that day too.
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

UK = ZoneInfo("Europe/London")

SET_UP_DAY = date(2026, 11, 10)  # a Tuesday in 2026-27 Q3: Q2's returns are being collected
TODAY = datetime(2026, 11, 10, 12, 0, tzinfo=UK)  # noon, after every template was made

# The clock stands still at noon on SET_UP_DAY for the whole test.
on_today = pytest.mark.time_machine(TODAY, tick=False)


def set_up_at(hour: int, minute: int) -> time_machine.travel:
    """The clock from hour:minute (UK) on SET_UP_DAY, moving on as usual.

    Each template starts at its own minute, so what one records stays before the next.
    """
    return time_machine.travel(datetime.combine(SET_UP_DAY, time(hour, minute), tzinfo=UK))
