"""Setting an action's core-component tags: all at once, confirmed, audited.

Tags are a change to the action like any other, so saving them claims the
action's next version (see record.py): a form made before someone else's
change is refused with what changed, never saved over it, and an import
whose action has been tagged since can no longer be undone, which would
throw the person's tags away with the action.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.components import components_of, offered_by
from tracker.core.people import Person
from tracker.core.refusals import InvalidInput
from tracker.core.tables import Action, ActionCoreComponent, CoreComponent
from tracker.core.transactions import write_transaction
from tracker.coverage.matching import Wording
from tracker.coverage.rules import Tag, changes_tags, check_tags, describe
from tracker.plans.state import action_state
from tracker.updates.store import Recorded, action_subject, changeable_for, claim_next_version


@dataclass(frozen=True)
class ActionTags:
    tags: tuple[Tag, ...]
    # The components the action's strategy offers (shared and its own), in number order.
    components: tuple[Wording, ...]


async def offered_components(strategy_id: int | None) -> tuple[Wording, ...]:
    return tuple(Wording(row["number"], row["text"]) for row in await components_of(strategy_id))


async def strategy_of(action_id: int) -> int | None:
    row = (
        await Action.select(Action.plan.strategy.as_alias("strategy"))
        .where(Action.id == action_id)
        .first()
    )
    return row["strategy"] if row else None


async def action_tags(action_id: int) -> ActionTags:
    """The action's tags, and the components its plan's strategy offers to choose from: a
    strategy's own components are not offered to another strategy's actions."""
    rows = await ActionCoreComponent.select(
        ActionCoreComponent.core_component.number.as_alias("number"),
        ActionCoreComponent.suggested,
    ).where(ActionCoreComponent.action == action_id)
    tags = tuple(sorted((Tag(row["number"], row["suggested"]) for row in rows), key=_number))
    return ActionTags(tags, await offered_components(await strategy_of(action_id)))


def _offered(strategy_id: int | None) -> list:
    where = offered_by(strategy_id)
    return [] if where is None else [where]


def _number(tag: Tag) -> int:
    return tag.number


async def set_core_components(
    action_id: int,
    chosen: Sequence[str],
    *,
    version: int,
    person: Person,
    today: date | None = None,
    client: str = "",
) -> Recorded:
    """Replace the action's tags with the numbers ticked in `chosen`, all confirmed."""
    today = today or clock.today()
    async with write_transaction(Action._meta.db):
        state = await changeable_for(action_id, person, version, today)
        current = await action_tags(action_id)
        check = check_tags(chosen, {component.number for component in current.components})
        if check.numbers is None:
            raise InvalidInput(check.problems)
        if not changes_tags(current.tags, check.numbers):
            return Recorded(state, nothing_changed=True)
        await claim_next_version(state, version, today)
        await ActionCoreComponent.delete().where(ActionCoreComponent.action == action_id)
        if check.numbers:
            ids = await CoreComponent.select(CoreComponent.id).where(
                CoreComponent.number.is_in(list(check.numbers)),
                *_offered(await strategy_of(action_id)),
            )
            await ActionCoreComponent.insert(
                *(
                    ActionCoreComponent(action=action_id, core_component=row["id"], suggested=False)
                    for row in ids
                )
            )
        after = tuple(Tag(number) for number in check.numbers)
        await append(
            AuditKind.CORE_COMPONENTS_TAGGED,
            person.email,
            subject=action_subject(state),
            action_id=action_id,
            summary=f"Core components: {describe(current.tags)} → {describe(after)}",
            before={
                "core_components": [tag.number for tag in current.tags],
                "suggested": [tag.number for tag in current.tags if tag.suggested],
                "version": version,
            },
            after={"core_components": list(check.numbers), "version": version + 1},
            client=client,
        )
        changed = await action_state(action_id, today)
    assert changed is not None  # noqa: S101 - written in this very transaction
    return Recorded(changed)
