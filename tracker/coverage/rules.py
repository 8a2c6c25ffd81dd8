"""The rules for tagging an action with core components. Pure.

A person's choice replaces the action's tags and confirms them: a tag the
importer suggested stops being a suggestion once someone has saved the form,
ticked or not.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from tracker.coverage.matching import ComponentWording

FIELD = "components"  # the checkboxes' name, and where a problem with them is shown


@dataclass(frozen=True)
class Tag:
    number: int
    suggested: bool = False


@dataclass(frozen=True)
class ComponentChoice:
    """One checkbox of the form."""

    number: int
    text: str
    ticked: bool
    suggested: bool  # tagged by the importer's guess, not yet confirmed


@dataclass(frozen=True)
class TagCheck:
    numbers: tuple[int, ...] | None
    problems: dict[str, str] = field(default_factory=dict)


def component_choices(
    components: Iterable[ComponentWording],
    tags: Iterable[Tag],
    chosen: Collection[str] | None = None,
) -> tuple[ComponentChoice, ...]:
    """Every component as a checkbox: ticked as tagged, or as the person left it (`chosen`)."""
    tagged = {tag.number: tag for tag in tags}
    return tuple(
        ComponentChoice(
            number=component.number,
            text=component.text,
            ticked=str(component.number) in chosen
            if chosen is not None
            else component.number in tagged,
            suggested=component.number in tagged and tagged[component.number].suggested,
        )
        for component in sorted(components, key=lambda component: component.number)
    )


def check_tags(chosen: Iterable[str], known: Collection[int]) -> TagCheck:
    """The numbers ticked, or what is wrong with them (a form can be tampered with)."""
    numbers: set[int] = set()
    for value in chosen:
        text = value.strip()
        if not text.isdigit() or int(text) not in known:
            return TagCheck(
                None,
                {
                    FIELD: f"Choose from the {len(known)} core components listed: "
                    f"“{text[:20]}” is not one of them."
                },
            )
        numbers.add(int(text))
    return TagCheck(tuple(sorted(numbers)))


def changes_tags(before: Iterable[Tag], after: tuple[int, ...]) -> bool:
    """Saving changes something unless every tag is already confirmed and the same."""
    tags = list(before)
    return any(tag.suggested for tag in tags) or sorted(tag.number for tag in tags) != list(after)


def describe(tags: Iterable[Tag]) -> str:
    """For the audit trail: "1, 4 (suggested)", or "none"."""
    ordered = sorted(tags, key=lambda tag: tag.number)
    if not ordered:
        return "none"
    return ", ".join(f"{tag.number}{' (suggested)' if tag.suggested else ''}" for tag in ordered)
