"""Core-component coverage: each agency's actions by the 12 components, with their RAG.

Built from the portfolio (a fixed number of queries) by a pure function, so
the matrix is the same whatever page or report shows it. Only agencies'
actions count, from their own plans and their additional actions; the
overarching plan is the partnership's. Suggested tags count as well as
confirmed ones: a gap is an agency with no action tagged either way.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from tracker.core.rag import RagCounts, rag_label
from tracker.core.tables import PlanKind
from tracker.plans.portfolio import (
    AgencyInfo,
    ComponentInfo,
    Portfolio,
    PortfolioAction,
    agency_infos,
    component_infos,
)
from tracker.plans.tallies import ComponentTally, component_tallies, tagged_counts

AGENCY_KINDS = frozenset({PlanKind.AGENCY.value, PlanKind.ADDITIONAL.value})


def breakdown(rags: RagCounts) -> str:
    """ "1 Red, 2 Green": the ratings present, in RAG order, always in words."""
    return ", ".join(f"{count} {rag_label(rag)}" for rag, count in rags.items() if count)


@dataclass(frozen=True)
class CoverageCell:
    agency_id: int
    component: int
    rags: RagCounts

    @property
    def actions(self) -> int:
        return self.rags.total

    @property
    def gap(self) -> bool:
        return self.actions == 0

    @property
    def breakdown(self) -> str:
        return breakdown(self.rags)


@dataclass(frozen=True)
class AgencyCoverage:
    agency: AgencyInfo
    cells: tuple[CoverageCell, ...]  # one per component, in number order
    tagged_actions: int  # actions with at least one component
    untagged_actions: int

    @property
    def covered(self) -> int:
        return sum(not cell.gap for cell in self.cells)

    @property
    def no_actions_yet(self) -> bool:
        """The agency's plan is still empty: nothing to cover yet, rather than twelve gaps."""
        return self.tagged_actions + self.untagged_actions == 0

    @property
    def gaps(self) -> tuple[int, ...]:
        return tuple(cell.component for cell in self.cells if cell.gap)


@dataclass(frozen=True)
class ComponentTotal:
    component: ComponentInfo
    rags: RagCounts  # every agency's actions tagged with it
    agencies: int  # how many agencies have at least one

    @property
    def actions(self) -> int:
        return self.rags.total

    @property
    def breakdown(self) -> str:
        return breakdown(self.rags)


@dataclass(frozen=True)
class CoverageMatrix:
    as_at: date
    components: tuple[ComponentInfo, ...]
    rows: tuple[AgencyCoverage, ...]  # agencies in Appendix 5 order
    totals: tuple[ComponentTotal, ...]  # one per component

    @property
    def tagged_actions(self) -> int:
        return sum(row.tagged_actions for row in self.rows)

    @property
    def untagged_actions(self) -> int:
        return sum(row.untagged_actions for row in self.rows)

    @property
    def rows_with_gaps(self) -> tuple[AgencyCoverage, ...]:
        return tuple(row for row in self.rows if row.gaps)


def is_agency_action(action: PortfolioAction) -> bool:
    return action.plan_kind in AGENCY_KINDS and action.agency_id is not None


def coverage_matrix(of: Portfolio) -> CoverageMatrix:
    rags: dict[tuple[int, int], list[str | None]] = defaultdict(list)
    tagged: dict[int, int] = defaultdict(int)
    untagged: dict[int, int] = defaultdict(int)
    for action in filter(is_agency_action, of.actions):
        agency_id = action.agency_id
        assert agency_id is not None  # noqa: S101 - is_agency_action says so
        if not action.components:
            untagged[agency_id] += 1
            continue
        tagged[agency_id] += 1
        for number in set(action.components):
            rags[(agency_id, number)].append(action.rag)
    rows = tuple(
        AgencyCoverage(
            agency=agency,
            cells=tuple(
                CoverageCell(
                    agency.id, component.number, RagCounts.of(rags[(agency.id, component.number)])
                )
                for component in of.components
            ),
            tagged_actions=tagged[agency.id],
            untagged_actions=untagged[agency.id],
        )
        for agency in of.agencies
    )
    totals = tuple(
        ComponentTotal(
            component=component,
            rags=RagCounts.of(
                rag for agency in of.agencies for rag in rags[(agency.id, component.number)]
            ),
            agencies=sum(bool(rags[(agency.id, component.number)]) for agency in of.agencies),
        )
        for component in of.components
    )
    return CoverageMatrix(of.as_at, of.components, rows, totals)


def coverage_of_counts(
    as_at: date,
    *,
    agencies: Sequence[AgencyInfo],
    components: Sequence[ComponentInfo],
    counted: Sequence[ComponentTally],
    tagged: Mapping[tuple[int, bool], int],
) -> CoverageMatrix:
    """The matrix from the database's counts: what coverage_matrix gives from a portfolio."""
    rags: dict[tuple[int, int], Counter[str | None]] = defaultdict(Counter)
    for tally in counted:
        rags[(tally.agency_id, tally.component)][tally.rag] += tally.actions

    def counts(agency_id: int, number: int) -> RagCounts:
        return RagCounts.of(rags[(agency_id, number)].elements())

    rows = tuple(
        AgencyCoverage(
            agency=agency,
            cells=tuple(
                CoverageCell(agency.id, component.number, counts(agency.id, component.number))
                for component in components
            ),
            tagged_actions=tagged.get((agency.id, True), 0),
            untagged_actions=tagged.get((agency.id, False), 0),
        )
        for agency in agencies
    )
    totals = tuple(
        ComponentTotal(
            component=component,
            rags=RagCounts.of(
                rag for agency in agencies for rag in rags[(agency.id, component.number)].elements()
            ),
            agencies=sum(
                bool(sum(rags[(agency.id, component.number)].values())) for agency in agencies
            ),
        )
        for component in components
    )
    return CoverageMatrix(as_at, tuple(components), rows, totals)


async def coverage(as_at: date, strategy_id: int | None = None) -> CoverageMatrix:
    """Strategy `strategy_id`'s actions (every one with None), counted by the database
    (tracker.plans.tallies), never building every action."""
    return coverage_of_counts(
        as_at,
        agencies=await agency_infos(),
        components=await component_infos(strategy_id),
        counted=await component_tallies(as_at, strategy_id),
        tagged=await tagged_counts(as_at, strategy_id),
    )
