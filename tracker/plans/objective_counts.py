"""A plan's objectives, in order, each with its actions counted as at a day, in one query.

The plan page reads these few rows for its summary and, for a long plan, its list of
objectives, instead of building every action in Python. tracker.plans.slipping and
tracker.plans.status stay the reference: tests/plans/test_long_plan.py compares these
counts with the pure rules' on a generated plan.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.core.dates import Quarter
from tracker.core.kept_counts import counted_rows
from tracker.core.rag import RagCounts
from tracker.plans.slipping import DUE_SOON_DAYS
from tracker.plans.statuses import standing_join

# The same slipping rules in SQL as tracker.plans.tallies (the dashboard's counts).
from tracker.plans.tallies import _DATED, _OPEN

# Every objective of the plan, with none, one or more rows of its actions sharing a RAG,
# withdrawal and slipping. {}: the as-at day (withdrawn by then), the as-at day (overdue),
# the day and 30 days on (due soon), the first day of the day's quarter (stale), the
# standing join's day, then the plan.
_BY_OBJECTIVE = f"""
SELECT o.id AS id, o.ref AS ref, o.text AS text, o.position AS position, u.rag AS rag,
    CASE WHEN a.withdrawn_on IS NOT NULL AND a.withdrawn_on <= {{}} THEN 1 ELSE 0 END
        AS withdrawn,
    CASE WHEN {_DATED} AND a.due < {{}} THEN 1 ELSE 0 END AS overdue,
    CASE WHEN {_DATED} AND a.due >= {{}} AND a.due <= {{}} THEN 1 ELSE 0 END AS due_soon,
    CASE WHEN {_OPEN} AND (u.as_at IS NULL OR u.as_at < {{}}) THEN 1 ELSE 0 END AS stale,
    COUNT(a.id) AS actions, {{seen}}
FROM objective AS o
LEFT JOIN action AS a ON a.objective = o.id
{{standing}}
WHERE o.plan = {{}}
GROUP BY o.id, o.ref, o.text, o.position, 5, 6, 7, 8, 9
ORDER BY o.position, o.id
"""  # noqa: S608 - constant text; the days and the plan are parameters


BY_OBJECTIVE = "plan objectives "  # and the plan's id: tracker.core.kept_counts' kind


@dataclass(frozen=True)
class ActionCounts:
    """Actions as at a day: those that count (by RAG, overdue, due soon, not updated this
    quarter) and, apart, those withdrawn by then (the withdrawal rule)."""

    counts: RagCounts = RagCounts()
    withdrawn: int = 0
    overdue: int = 0
    due_soon: int = 0
    stale: int = 0

    @property
    def counted(self) -> int:
        return self.counts.total

    @property
    def shown(self) -> int:
        """Every action the plan page shows, withdrawn ones included."""
        return self.counted + self.withdrawn

    def __add__(self, other: ActionCounts) -> ActionCounts:
        return ActionCounts(
            RagCounts(
                **{
                    name: getattr(self.counts, name) + getattr(other.counts, name)
                    for name in ("red", "amber", "green", "blue", "none")
                }
            ),
            self.withdrawn + other.withdrawn,
            self.overdue + other.overdue,
            self.due_soon + other.due_soon,
            self.stale + other.stale,
        )


@dataclass(frozen=True)
class ObjectiveCounts:
    id: int
    ref: str
    text: str
    actions: ActionCounts


async def objective_counts(plan_id: int, as_at: date) -> list[ObjectiveCounts]:
    """The plan's objectives in the plan's order, each with its actions counted as at `as_at`
    (an objective with none has zero counts)."""

    async def counting() -> tuple[str, list[object]]:
        # One plan's actions: the index walk, a step each, is as quick as the kept latest
        # updates.
        query = _BY_OBJECTIVE.replace("{standing}", standing_join("v.rag, v.as_at"))
        first = Quarter.of(as_at).first_day
        soon = as_at + timedelta(days=DUE_SOON_DAYS)
        return query, [as_at, as_at, as_at, soon, first, as_at, plan_id]

    # Kept between views (tracker.core.kept_counts): the objectives' words and places, and
    # the actions' objectives, end them too (a view's changes, migration 0029).
    rows = await counted_rows(f"{BY_OBJECTIVE}{plan_id}", None, as_at, counting, view=True)
    named: dict[int, tuple[str, str]] = {}
    rags: dict[int, Counter[str | None]] = defaultdict(Counter)
    slipping: dict[int, Counter[str]] = defaultdict(Counter)
    for row in rows:
        named.setdefault(row["id"], (row["ref"], row["text"]))
        actions = int(row["actions"])
        if not actions:
            continue
        if row["withdrawn"]:
            slipping[row["id"]]["withdrawn"] += actions
            continue
        rags[row["id"]][row["rag"]] += actions
        for flag in ("overdue", "due_soon", "stale"):
            slipping[row["id"]][flag] += actions * int(row[flag])
    return [
        ObjectiveCounts(
            objective,
            ref,
            text,
            ActionCounts(
                RagCounts.of(rags[objective].elements()),
                slipping[objective]["withdrawn"],
                slipping[objective]["overdue"],
                slipping[objective]["due_soon"],
                slipping[objective]["stale"],
            ),
        )
        for objective, (ref, text) in named.items()
    ]
