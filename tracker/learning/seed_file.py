"""The sources of learning `tracker seed` loads: imports/learning.toml, named by the
`learning` key of imports/strategy.toml."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tracker.learning.rules import ITEM_KINDS, SOURCE_KINDS, parse_action_ref


class LearningFileError(ValueError):
    """The learning file is not as expected; the message says where and why."""


@dataclass(frozen=True)
class ItemRow:
    number: str
    kind: str
    addressed_to: str
    text: str
    answered_by: tuple[tuple[str, str], ...]  # (plan kind, action ref)


@dataclass(frozen=True)
class SourceRow:
    key: str
    kind: str
    title: str
    published: date | None
    publisher: str
    link: str | None
    items: tuple[ItemRow, ...]


def learning_file(imports_dir: Path) -> Path | None:
    """The file strategy.toml names under `learning`, or None if it names none."""
    try:
        data = tomllib.loads((imports_dir / "strategy.toml").read_text(encoding="utf-8"))
    except (FileNotFoundError, tomllib.TOMLDecodeError):
        return None  # the strategy's own reader says what is wrong with it
    name = data.get("learning")
    return imports_dir / str(name) if name else None


def _item(source: str, row: dict) -> ItemRow:
    where = f"source {source!r}, item {row.get('number')!r}"
    if row.get("kind") not in ITEM_KINDS:
        raise LearningFileError(f"{where}: kind must be one of {', '.join(ITEM_KINDS)}")
    if not str(row.get("text", "")).strip() or not str(row.get("to", "")).strip():
        raise LearningFileError(f"{where}: needs text and to")
    try:
        answered = tuple(parse_action_ref(text) for text in row.get("answered_by", []))
    except ValueError as error:
        raise LearningFileError(f"{where}: {error}") from None
    return ItemRow(
        str(row["number"]), row["kind"], str(row["to"]).strip(), str(row["text"]).strip(), answered
    )


def read_learning(path: Path) -> list[SourceRow]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LearningFileError(f"{path} is missing") from None
    except tomllib.TOMLDecodeError as error:
        raise LearningFileError(f"{path} cannot be read: {error}") from None
    sources = []
    for row in data.get("source", []):
        key = str(row.get("key", "")).strip()
        if not key or row.get("kind") not in SOURCE_KINDS or not row.get("title"):
            raise LearningFileError(
                f"{path.name}: source {key!r} needs a key, a title and a kind, one of "
                + ", ".join(SOURCE_KINDS)
            )
        published = row.get("published")
        if published is not None and not isinstance(published, date):
            raise LearningFileError(f"{path.name}: source {key!r}: published must be a date")
        items = tuple(_item(key, item) for item in row.get("item", []))
        numbers = [item.number for item in items]
        if len(set(numbers)) != len(numbers):
            raise LearningFileError(f"{path.name}: source {key!r} numbers two items the same")
        sources.append(
            SourceRow(
                key,
                row["kind"],
                str(row["title"]).strip(),
                published,
                str(row.get("publisher", "")).strip(),
                row.get("link") or None,
                items,
            )
        )
    return sources
