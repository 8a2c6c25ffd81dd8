"""A review view's matching actions, in order, as the view keeps them (tracker.review.queries)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Matches:
    """The matching actions' ids in the view's order, kept as one line of text ("3,1,2"):
    a page reads only its own, where a list of 20,000 numbers took a millisecond to read
    from its JSON on every view."""

    text: str

    @classmethod
    def of(cls, ids: Sequence[int]) -> Matches:
        return cls(",".join(str(number) for number in ids))

    def every(self) -> list[int]:
        return [int(number) for number in self.text.split(",")] if self.text else []

    def page(self, start: int, end: int) -> list[int]:
        """Those from position `start` up to `end` (from 0): only as far as `end` is split."""
        if not self.text or end <= start:
            return []
        return [int(number) for number in self.text.split(",", end)[start:end]]
