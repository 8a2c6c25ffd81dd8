"""Loading imports/learning.toml within `tracker seed`'s transaction, after the plans.

Nothing is written when nothing changed. An item's links from the file are made when the
item is first loaded, so a link someone later removed on the web is not made again.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from tracker.core import clock
from tracker.core.tables import Action, LearningItem, LearningLink, LearningSource
from tracker.learning.seed_file import LearningFileError, SourceRow, learning_file, read_learning

SEED_USER = "tracker seed"


async def _action_ids() -> dict[tuple[str, str], int]:
    rows = await Action.select(Action.id, Action.ref, Action.plan.kind).where(
        Action.plan.kind != "agency"
    )
    return {(row["plan.kind"], row["ref"]): row["id"] for row in rows}


async def _source_id(source: SourceRow, position: int, counts: dict[str, Counter]) -> int:
    values: dict[str, Any] = {
        "key": source.key,
        "kind": source.kind,
        "title": source.title,
        "published": source.published,
        "publisher": source.publisher,
        "link": source.link,
        "position": position,
    }
    found = await LearningSource.select().where(LearningSource.key == source.key).first()
    if found is None:
        [row] = await LearningSource.insert(LearningSource(**values))
        counts["created"]["learning sources"] += 1
        return row["id"]
    changed: dict[Any, Any] = {
        name: value for name, value in values.items() if found[name] != value
    }
    if changed:
        await LearningSource.update(changed).where(LearningSource.id == found["id"])
        counts["updated"]["learning sources"] += 1
    return found["id"]


async def seed_learning(imports_dir: Path, created: Counter, updated: Counter) -> None:
    """Load the sources, their items and the links the file gives; count what changed."""
    path = learning_file(imports_dir)
    if path is None:
        return
    sources = read_learning(path)
    actions = await _action_ids()
    counts = {"created": created, "updated": updated}
    for position, source in enumerate(sources):
        source_id = await _source_id(source, position, counts)
        existing = {
            row["number"]: row
            for row in await LearningItem.select().where(LearningItem.source == source_id)
        }
        for item_position, item in enumerate(source.items):
            values: dict[str, Any] = {
                "source": source_id,
                "number": item.number,
                "kind": item.kind,
                "text": item.text,
                "addressed_to": item.addressed_to,
                "position": item_position,
            }
            found = existing.get(item.number)
            if found is not None:
                changed: dict[Any, Any] = {
                    name: value for name, value in values.items() if found[name] != value
                }
                if changed:
                    await LearningItem.update(changed).where(LearningItem.id == found["id"])
                    updated["learning items"] += 1
                continue
            [row] = await LearningItem.insert(LearningItem(**values))
            created["learning items"] += 1
            for kind, ref in item.answered_by:
                action_id = actions.get((kind, ref))
                if action_id is None:
                    raise LearningFileError(
                        f"{path.name}: source {source.key!r}, item {item.number!r}: "
                        f"there is no {kind} action {ref}"
                    )
                await LearningLink.insert(
                    LearningLink(
                        item=row["id"], action=action_id, linked_by=SEED_USER, linked_at=clock.now()
                    )
                )
                created["learning links"] += 1
