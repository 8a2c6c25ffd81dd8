"""What the To do page holds for whom, and how it counts. Pure.

The chairs and the business unit each have one page of what waits for them.
The sections are the same for both; the business unit's adds the returns not
in by their deadline and the text flagged as possibly identifying someone,
which are theirs to chase and to review.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from tracker.core.roles import Role


class Section(StrEnum):
    """One kind of work on the To do page; its value is the section's id on the page."""

    RETURNS_TO_DECIDE = "returns-to-decide"
    ANSWERS_TO_CLOSE = "answers-to-close"
    DISAGREEMENTS = "disagreements"
    REPLIES_OVERDUE = "replies-overdue"
    RETURNS_OVERDUE = "returns-overdue"
    FLAGGED_TEXT = "flagged-text"

    @property
    def heading(self) -> str:
        return HEADINGS[self]

    def counted(self, count: int) -> str:
        """What `count` of them are: "return awaiting a decision" for 1, "returns ..." else."""
        one, many = COUNTED[self]
        return one if count == 1 else many


HEADINGS = {
    Section.RETURNS_TO_DECIDE: "Returns awaiting a decision",
    Section.ANSWERS_TO_CLOSE: "Challenge answers to close",
    Section.DISAGREEMENTS: "Assurance ratings that differ from the agency's",
    Section.REPLIES_OVERDUE: "Challenge replies overdue",
    Section.RETURNS_OVERDUE: "Returns not submitted by their deadline",
    Section.FLAGGED_TEXT: "Text flagged for review",
}


COUNTED = {
    Section.RETURNS_TO_DECIDE: ("return awaiting a decision", "returns awaiting a decision"),
    Section.ANSWERS_TO_CLOSE: ("challenge answer to close", "challenge answers to close"),
    Section.DISAGREEMENTS: (
        "assurance rating that differs from the agency's",
        "assurance ratings that differ from the agency's",
    ),
    Section.REPLIES_OVERDUE: ("challenge reply overdue", "challenge replies overdue"),
    Section.RETURNS_OVERDUE: (
        "return not submitted by its deadline",
        "returns not submitted by their deadline",
    ),
    Section.FLAGGED_TEXT: ("piece of text flagged for review", "pieces of text flagged for review"),
}

FOR_CHAIRS = (
    Section.RETURNS_TO_DECIDE,
    Section.ANSWERS_TO_CLOSE,
    Section.DISAGREEMENTS,
    Section.REPLIES_OVERDUE,
)
FOR_BUSINESS_UNIT = (*FOR_CHAIRS, Section.RETURNS_OVERDUE, Section.FLAGGED_TEXT)


def sections_for(role: Role) -> tuple[Section, ...]:
    """The sections a role's To do page shows, in order; none for those without one."""
    if role is Role.BUSINESS_UNIT:
        return FOR_BUSINESS_UNIT
    if role is Role.CHAIR:
        return FOR_CHAIRS
    return ()


@dataclass(frozen=True)
class Count:
    section: Section
    count: int

    @property
    def words(self) -> str:
        return self.section.counted(self.count)

    @property
    def label(self) -> str:
        """ "1 return awaiting a decision", "3 challenge answers to close"."""
        return f"{self.count} {self.words}"


def counts(sections: Iterable[Section], sizes: Mapping[Section, int]) -> tuple[Count, ...]:
    return tuple(Count(section, sizes.get(section, 0)) for section in sections)


def waiting(found: Iterable[Count]) -> int:
    """How many things wait in all: the figure beside "To do" in the navigation."""
    return sum(item.count for item in found)
