"""The pure rules of learning into action: what a source and an item may be, and an item's
(or an overarching action's) standing rolled up from its actions' RAG ratings on a day.

One rule, in one place: `roll_up`. None linked is "No action"; every one complete is
"Actions complete" (for an item, "impact not yet evidenced" until the business unit or a
chair records it, which alone closes the item); otherwise the worst open rating, with how
many of how many are complete. A not-yet-rated action counts as worse than green: what
nobody has reported on is not on track.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from tracker.core.rag import rag_label
from tracker.core.roles import Role

SOURCE_KINDS = {
    "review": "Review",
    "inspection": "Inspection",
    "audit": "Audit",
    "national-briefing": "National briefing",
}
ITEM_KINDS = {"finding": "Finding", "recommendation": "Recommendation"}
# Whom an item is addressed to: one of these, or an agency named as in Appendix 5.
AUDIENCES = {
    "practitioners": "Practitioners",
    "managers": "Managers",
    "partnership": "The partnership",
}

# Who adds sources of learning and their findings and recommendations.
CAN_ADD_LEARNING = (Role.BUSINESS_UNIT,)
# Who may record the evidence of impact that closes an item.
CAN_RECORD_IMPACT = (Role.BUSINESS_UNIT, Role.CHAIR)
# Who may link: the business unit any action; an agency lead the actions they may update.
CAN_LINK = (Role.BUSINESS_UNIT, Role.LEAD)

# The worst first; None (not rated) between amber and green.
_WORST_FIRST: tuple[str | None, ...] = ("red", "amber", None, "green")


class Standing(StrEnum):
    NO_ACTION = "no-action"
    RED = "red"
    AMBER = "amber"
    NOT_RATED = "not-rated"
    GREEN = "green"
    ACTIONS_COMPLETE = "actions-complete"
    CLOSED = "closed"

    @property
    def label(self) -> str:
        return STANDING_LABELS[self]


STANDING_LABELS = {
    Standing.NO_ACTION: "No action",
    Standing.RED: "Red",
    Standing.AMBER: "Amber",
    Standing.NOT_RATED: "Not rated",
    Standing.GREEN: "Green",
    Standing.ACTIONS_COMPLETE: "Actions complete, impact not yet evidenced",
    Standing.CLOSED: "Closed: impact evidenced",
}
# The order pages count and list standings in.
STANDINGS: tuple[Standing, ...] = tuple(Standing)


@dataclass(frozen=True)
class RollUp:
    standing: Standing
    complete: int  # how many linked actions are complete (blue)
    total: int  # how many actions are linked

    @property
    def label(self) -> str:
        if self.standing in (Standing.RED, Standing.AMBER, Standing.NOT_RATED, Standing.GREEN):
            return f"{self.standing.label}, {self.complete} of {self.total} complete"
        return self.standing.label

    @property
    def worst_rag(self) -> str | None:
        """The rating the roll-up amounts to: blue when all are complete."""
        if self.standing is Standing.ACTIONS_COMPLETE or self.standing is Standing.CLOSED:
            return "blue"
        return {Standing.RED: "red", Standing.AMBER: "amber", Standing.GREEN: "green"}.get(
            self.standing
        )


def roll_up(rags: Iterable[str | None], *, impact_evidenced: bool = False) -> RollUp:
    """The standing of an item from its actions' RAG ratings on a day (None: not rated).

    Impact evidenced closes the item whatever its actions say: the evidence that practice
    changed is the chair's judgement, and nothing else closes it.
    """
    ratings = list(rags)
    complete = sum(1 for rag in ratings if rag == "blue")
    total = len(ratings)
    if impact_evidenced:
        return RollUp(Standing.CLOSED, complete, total)
    if total == 0:
        return RollUp(Standing.NO_ACTION, 0, 0)
    if complete == total:
        return RollUp(Standing.ACTIONS_COMPLETE, complete, total)
    open_ratings = [
        rag if rag in ("red", "amber", "green") else None for rag in ratings if rag != "blue"
    ]
    worst = min(open_ratings, key=_WORST_FIRST.index)
    standing = {
        "red": Standing.RED,
        "amber": Standing.AMBER,
        "green": Standing.GREEN,
        None: Standing.NOT_RATED,
    }[worst]
    return RollUp(standing, complete, total)


def disagrees(own_rag: str | None, delivered: RollUp) -> bool:
    """Whether an overarching action's own rating differs from what the agency actions that
    deliver it amount to. Nothing delivering it: nothing to disagree with."""
    if delivered.standing is Standing.NO_ACTION:
        return False
    return own_rag != delivered.worst_rag


def is_gap(rags: Iterable[str | None], overdue: Iterable[bool], *, closed: bool) -> str | None:
    """Why an item is a gap, or None: no action answers it, or every action that does is
    overdue or red (complete ones excepted). A closed item is no gap."""
    if closed:
        return None
    pairs = list(zip(list(rags), list(overdue), strict=True))
    if not pairs:
        return "No action"
    open_pairs = [(rag, late) for rag, late in pairs if rag != "blue"]
    if open_pairs and all(rag == "red" or late for rag, late in open_pairs):
        return "Every open action overdue or red"
    return None


def audience_label(addressed_to: str) -> str:
    return AUDIENCES.get(addressed_to, addressed_to)


def parse_action_ref(text: str) -> tuple[str, str]:
    """ "overarching 4.1" -> ("overarching", "4.1"): a plan kind and an action's ref."""
    kind, _, ref = text.strip().partition(" ")
    if not kind or not ref.strip():
        raise ValueError(f"{text!r} is not a plan kind and an action, like 'overarching 4.1'")
    return kind, ref.strip()


def rag_words(rag: str | None) -> str:
    return rag_label(rag)


@dataclass(frozen=True)
class SourceForm:
    kind: str
    title: str
    published: str  # YYYY-MM-DD, or empty
    publisher: str
    link: str


@dataclass(frozen=True)
class ItemForm:
    number: str
    kind: str
    addressed_to: str
    text: str


def source_problems(form: SourceForm, published_ok: bool) -> dict[str, str]:
    problems = {}
    if form.kind not in SOURCE_KINDS:
        problems["kind"] = "Choose whether it is a review, inspection, audit or national briefing"
    if not form.title.strip():
        problems["title"] = "Enter the title"
    elif len(form.title.strip()) > 300:
        problems["title"] = "Title must be 300 characters or fewer"
    if form.published.strip() and not published_ok:
        problems["published"] = "Enter a real date, for example 30 9 2020, or leave it empty"
    if len(form.publisher.strip()) > 200:
        problems["publisher"] = "Publisher must be 200 characters or fewer"
    link = form.link.strip()
    if link and (not link.startswith(("https://", "http://")) or len(link) > 500):
        problems["link"] = "Enter a web address starting https://, or leave it empty"
    return problems


def item_problems(form: ItemForm) -> dict[str, str]:
    problems = {}
    number = form.number.strip()
    if not number:
        problems["number"] = "Enter the item's number, for example 3"
    elif len(number) > 10:
        problems["number"] = "Number must be 10 characters or fewer"
    if form.kind not in ITEM_KINDS:
        problems["kind"] = "Choose finding or recommendation"
    if not form.addressed_to.strip():
        problems["addressed_to"] = "Say whom it is addressed to"
    elif len(form.addressed_to.strip()) > 200:
        problems["addressed_to"] = "Addressed to must be 200 characters or fewer"
    if not form.text.strip():
        problems["text"] = "Enter the finding or recommendation"
    return problems
