"""RAG ratings: red, amber, green, and blue for complete."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    BLUE = "blue"

    @property
    def label(self) -> str:
        return RAG_LABELS[self.value]


# The words shown beside every RAG colour, so a rating never relies on colour.
RAG_LABELS = {
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "blue": "Complete",
    None: "Not rated",
}

RAG_ORDER: tuple[str | None, ...] = ("red", "amber", "green", "blue", None)


def rag_label(rag: str | None) -> str:
    return RAG_LABELS.get(rag, "Not rated")


@dataclass(frozen=True)
class RagCounts:
    red: int = 0
    amber: int = 0
    green: int = 0
    blue: int = 0
    none: int = 0

    @classmethod
    def of(cls, rags: Iterable[str | None]) -> RagCounts:
        tally = Counter(rags)
        return cls(
            red=tally["red"],
            amber=tally["amber"],
            green=tally["green"],
            blue=tally["blue"],
            none=sum(count for rag, count in tally.items() if rag not in RAG_LABELS or rag is None),
        )

    @classmethod
    def counted(cls, counts: Mapping[str | None, int]) -> RagCounts:
        """From counts by RAG already made (the database's), without a value for each."""
        return cls(
            red=counts.get("red", 0),
            amber=counts.get("amber", 0),
            green=counts.get("green", 0),
            blue=counts.get("blue", 0),
            none=sum(
                count for rag, count in counts.items() if rag is None or rag not in RAG_LABELS
            ),
        )

    @property
    def total(self) -> int:
        return self.red + self.amber + self.green + self.blue + self.none

    def items(self) -> list[tuple[str | None, int]]:
        """(rag, count) in the order reports show them, `None` last for 'not rated'."""
        return [
            ("red", self.red),
            ("amber", self.amber),
            ("green", self.green),
            ("blue", self.blue),
            (None, self.none),
        ]
