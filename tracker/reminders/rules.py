"""E-mail reminders to leads: which are due, their keys, and the digest that carries them. Pure.

Two things are reminded of:

- a plan's quarterly return still with the agency (not started, in progress or
  returned for changes): 7 days before its deadline, 1 day before, and once
  it has passed. A stage is sent in its window, so a run missed on the 7th
  day before still sends the 7-day reminder on the 5th;
- an action not complete and not recurring: once when it falls due within
  the next 14 days, and once when it is overdue.

Each reminder has a stable key. A person is sent a key once, ever, so a run
repeated or two runs at once never send a duplicate; a changed due date makes
a new key. A person gets at most one digest (e-mail) a day.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cached_property

from tracker.core.dates import Quarter, format_date
from tracker.core.permissions import Updater, lead_matches
from tracker.plans.slipping import COMPLETE
from tracker.returns.rules import ReturnState

RETURN_WARNING_DAYS = 7  # the first reminder of a return goes this many days before its deadline
ACTION_DUE_DAYS = 14  # an action due within this many days is reminded of
TEXT_LENGTH = 90  # an action's text in a digest, shortened to this
LINE_WIDTH = 76  # plain-text e-mail lines are wrapped to this


class ReturnStage(StrEnum):
    WEEK_BEFORE = "7-days"
    DAY_BEFORE = "1-day"
    OVERDUE = "overdue"


class ReminderKind(StrEnum):
    RETURN = "return"
    OVERDUE = "overdue"
    DUE = "due"

    @property
    def heading(self) -> str:
        return KIND_HEADINGS[self]


KIND_HEADINGS = {
    ReminderKind.RETURN: "Returns to submit",
    ReminderKind.OVERDUE: "Overdue actions",
    ReminderKind.DUE: f"Actions due in the next {ACTION_DUE_DAYS} days",
}


def return_stage(days_left: int) -> ReturnStage | None:
    """Which reminder a return still with the agency is due, `days_left` before its deadline."""
    if days_left < 0:
        return ReturnStage.OVERDUE
    if days_left <= 1:
        return ReturnStage.DAY_BEFORE
    if days_left <= RETURN_WARNING_DAYS:
        return ReturnStage.WEEK_BEFORE
    return None


def when_due(days_left: int) -> str:
    """ "due in 7 days", "due tomorrow", "due today", "1 day overdue"."""
    if days_left > 1:
        return f"due in {days_left:,} days"
    if days_left == 1:
        return "due tomorrow"
    if days_left == 0:
        return "due today"
    overdue = -days_left
    return f"{overdue:,} day{'s' if overdue != 1 else ''} overdue"


def quarters_collected(today: date, current_deadline: date) -> tuple[Quarter, ...]:
    """The quarters whose returns are being collected on `today`.

    The quarter just ended, and also the current one once its deadline (set
    early by the business unit) is within the reminder window.
    """
    current = Quarter.of(today)
    if (current_deadline - today).days <= RETURN_WARNING_DAYS:
        return (current.previous(), current)
    return (current.previous(),)


@dataclass(frozen=True)
class ReturnFacts:
    """What a return reminder needs to know about one plan's return for a quarter."""

    plan_id: int
    plan_name: str
    quarter: Quarter
    state: ReturnState
    deadline: date


@dataclass(frozen=True)
class ActionFacts:
    """What an action reminder needs to know about one action, as at the day of the run."""

    id: int
    ref: str
    text: str
    plan_name: str
    due: date | None
    recurring: str | None
    rag: str | None


@dataclass(frozen=True)
class Reminder:
    key: str
    kind: ReminderKind
    text: str
    path: str  # the page to act on, from the site's root
    order: tuple[int, int]  # within its kind


def return_goes_to(lead: Updater, plan_agency_id: int | None, plan_leads: Iterable[str]) -> bool:
    """Whether a lead is reminded of a plan's return.

    The leads of the plan's agency are; for a plan of no agency (the
    overarching plan), those whose lead titles lead one of its actions.
    """
    if plan_agency_id is not None:
        return plan_agency_id in lead.agency_ids
    return any(lead_matches(action_lead, lead.lead_names) for action_lead in plan_leads)


def return_key(plan_id: int, quarter: Quarter, stage: ReturnStage) -> str:
    return f"return:{plan_id}:{quarter.slug}:{stage.value}"


def due_key(action_id: int, due: date) -> str:
    return f"due:{action_id}:{due.isoformat()}"


def overdue_key(action_id: int, due: date) -> str:
    return f"overdue:{action_id}:{due.isoformat()}"


def path_for(key: str) -> str | None:
    """The page a reminder's key is about, from the site's root; None for a key not known."""
    kind, _, rest = key.partition(":")
    parts = rest.split(":")
    if kind == ReminderKind.RETURN.value and len(parts) == 3 and parts[0].isdigit():
        return f"/returns/{parts[1]}/plans/{parts[0]}"
    if kind in (ReminderKind.DUE.value, ReminderKind.OVERDUE.value) and parts[0].isdigit():
        return f"/actions/{parts[0]}"
    return None


_STATE_NOTES = {
    ReturnState.NOT_STARTED: "it has not been started",
    ReturnState.DRAFT: "it is in progress, not yet submitted",
    ReturnState.RETURNED: "it was returned for changes and is waiting to be resubmitted",
}


def return_reminder(facts: ReturnFacts, today: date) -> Reminder | None:
    if not facts.state.awaits_agency:
        return None
    days_left = (facts.deadline - today).days
    stage = return_stage(days_left)
    if stage is None:
        return None
    text = (
        f"{facts.plan_name}: the {facts.quarter.label} return is {when_due(days_left)} "
        f"(deadline {format_date(facts.deadline)}); {_STATE_NOTES[facts.state]}."
    )
    key = return_key(facts.plan_id, facts.quarter, stage)
    return Reminder(
        key=key,
        kind=ReminderKind.RETURN,
        text=text,
        path=path_for(key) or "/",
        order=(days_left, facts.plan_id),
    )


def action_reminder(facts: ActionFacts, today: date) -> Reminder | None:
    """Overdue, or due within 14 days (today included); never for complete or recurring ones."""
    if facts.due is None or facts.recurring or facts.rag == COMPLETE:
        return None
    days_left = (facts.due - today).days
    if days_left > ACTION_DUE_DAYS:
        return None
    named = f"{facts.plan_name}, action {facts.ref} ({_shortened(facts.text)})"
    due_on = format_date(facts.due)
    if days_left < 0:
        return Reminder(
            key=overdue_key(facts.id, facts.due),
            kind=ReminderKind.OVERDUE,
            text=f"{named}: was due on {due_on}, {when_due(days_left)}.",
            path=f"/actions/{facts.id}",
            order=(days_left, facts.id),
        )
    return Reminder(
        key=due_key(facts.id, facts.due),
        kind=ReminderKind.DUE,
        text=f"{named}: {when_due(days_left)}, on {due_on}.",
        path=f"/actions/{facts.id}",
        order=(days_left, facts.id),
    )


def _shortened(text: str) -> str:
    """textwrap.shorten's: the text's white space collapsed, then cut at a word to fit.
    Most texts fit once collapsed, and are returned then without building a wrapper."""
    collapsed = " ".join(text.split())
    if len(collapsed) <= TEXT_LENGTH:
        return collapsed
    return textwrap.shorten(collapsed, TEXT_LENGTH, placeholder="…")


_SPLIT_BY_TEXTWRAP = frozenset("\t\n\r\x0b\x0c-")  # besides a space, where textwrap may break


def _wrapped(text: str, first: str, then: str) -> list[str]:
    """textwrap.wrap's lines of `text` to LINE_WIDTH, the first line indented by `first` and
    the rest by `then`. Words split by single spaces, each fitting a line, are filled here
    (a digest of a thousand reminders wraps each); any other text goes to textwrap."""
    words = text.split(" ")
    if (
        not all(word.strip() for word in words)  # textwrap drops a blank one at a line's end
        or not _SPLIT_BY_TEXTWRAP.isdisjoint(text)
        or max(map(len, words)) > LINE_WIDTH - max(len(first), len(then))
    ):
        return textwrap.wrap(text, LINE_WIDTH, initial_indent=first, subsequent_indent=then)
    lines = []
    line = first + words[0]
    for word in words[1:]:
        if len(line) + 1 + len(word) <= LINE_WIDTH:
            line += " " + word
        else:
            lines.append(line)
            line = then + word
    lines.append(line)
    return lines


def new_reminders(reminders: Iterable[Reminder], sent_keys: Iterable[str]) -> tuple[Reminder, ...]:
    """Those not sent before, each key once, in the order a digest lists them."""
    seen = set(sent_keys)
    fresh = []
    for reminder in reminders:
        if reminder.key not in seen:
            seen.add(reminder.key)
            fresh.append(reminder)
    kinds = list(ReminderKind)
    return tuple(sorted(fresh, key=lambda item: (kinds.index(item.kind), item.order)))


@dataclass(frozen=True)
class Digest:
    """One person's e-mail for one day. Its body is written when first read: the reminders
    page lists what is due without writing every e-mail out."""

    recipient: str
    name: str
    day: date
    reminders: tuple[Reminder, ...]
    subject: str
    base_url: str

    def by_kind(self) -> list[tuple[ReminderKind, tuple[Reminder, ...]]]:
        return _grouped(self.reminders)

    @cached_property
    def body(self) -> str:
        return _body(self.recipient, self.name, self.day, self.reminders, self.base_url)


def _grouped(reminders: tuple[Reminder, ...]) -> list[tuple[ReminderKind, tuple[Reminder, ...]]]:
    groups = []
    for kind in ReminderKind:
        of_kind = tuple(item for item in reminders if item.kind is kind)
        if of_kind:
            groups.append((kind, of_kind))
    return groups


def _counted(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def subject_for(day: date, reminders: tuple[Reminder, ...]) -> str:
    counts = {kind: sum(1 for item in reminders if item.kind is kind) for kind in ReminderKind}
    parts = [
        _counted(counts[ReminderKind.RETURN], "return to submit", "returns to submit"),
        _counted(counts[ReminderKind.OVERDUE], "overdue action", "overdue actions"),
        _counted(counts[ReminderKind.DUE], "action due soon", "actions due soon"),
    ]
    listed = [part for part, kind in zip(parts, ReminderKind, strict=True) if counts[kind]]
    return f"Neglect strategy tracker, {format_date(day)}: {', '.join(listed)}"


def compose(
    recipient: str, name: str, day: date, reminders: tuple[Reminder, ...], base_url: str
) -> Digest:
    """The digest of `reminders` (already new and in order) for one person."""
    return Digest(
        recipient=recipient,
        name=name,
        day=day,
        reminders=reminders,
        subject=subject_for(day, reminders),
        base_url=base_url,
    )


def _body(
    recipient: str, name: str, day: date, reminders: tuple[Reminder, ...], base_url: str
) -> str:
    lines = [
        f"Dear {name or recipient},",
        "",
        f"Your reminders from the neglect strategy tracker on {format_date(day)}.",
    ]
    for kind, of_kind in _grouped(reminders):
        lines += ["", kind.heading, ""]
        for item in of_kind:
            lines += _wrapped(item.text, "- ", "  ")
            lines.append(f"  {base_url.rstrip('/')}{item.path}")
    lines += [
        "",
        "You get at most one of these e-mails a day, and each reminder once.",
    ]
    return "\n".join(lines) + "\n"
