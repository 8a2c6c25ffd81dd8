"""Core-component tags the importer suggests for the actions it creates.

Only agencies' plans get suggestions, their own and their additional actions:
both count towards the agency's coverage, and a tag stays marked "suggested"
until someone confirms the action's tags. The overarching plan is the
partnership's, not an agency's, so it is never tagged. Actions that already
exist are left as they are, so a later return never adds to, duplicates or
overrides the tags a person chose.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tracker.core.components import components_of
from tracker.core.tables import ActionCoreComponent, PlanKind
from tracker.coverage.matching import suggest_components
from tracker.imports.proforma import ParsedAction

SUGGESTING_KINDS = frozenset({PlanKind.AGENCY.value, PlanKind.ADDITIONAL.value})


@dataclass(frozen=True)
class KnownComponent:
    id: int
    number: int
    text: str


async def known_components(strategy_id: int | None = None) -> tuple[KnownComponent, ...]:
    """The components strategy `strategy_id` offers (shared and its own), to suggest from."""
    return tuple(
        KnownComponent(row["id"], row["number"], row["text"])
        for row in await components_of(strategy_id)
    )


def suggested_tags(
    created: Iterable[tuple[int, ParsedAction]], components: tuple[KnownComponent, ...]
) -> list[ActionCoreComponent]:
    """Rows tagging each new action (id, as parsed) with the components its objective matches."""
    by_number = {component.number: component.id for component in components}
    # Worked out once an objective: its actions, often ten or more, share the answer.
    suggested: dict[tuple[str, str], tuple[int, ...]] = {}
    tags: list[ActionCoreComponent] = []
    for action_id, action in created:
        objective = (action.objective, action.objective_ref)
        if objective not in suggested:
            suggested[objective] = suggest_components(
                action.objective, components, objective_ref=action.objective_ref
            )
        tags.extend(
            ActionCoreComponent(action=action_id, core_component=by_number[number], suggested=True)
            for number in suggested[objective]
        )
    return tags
