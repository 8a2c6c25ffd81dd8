"""Who is told of which change, in what words, and whether they want to be told. Pure.

A change is an audit event the write appended (see tracker.notifications.dispatch);
each event becomes at most one notice per person, keyed by (event, recipient).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tracker.audit.kinds import AuditKind
from tracker.core.dates import Quarter, format_date
from tracker.core.permissions import ActionScope, Updater, lead_matches, may_update
from tracker.core.roles import Role

LINE_WIDTH = 72
SERVICE = "Neglect strategy tracker"


class NoticeKind(StrEnum):
    CHALLENGE_RAISED = "challenge-raised"
    CHALLENGE_ANSWERED = "challenge-answered"
    RETURN_SUBMITTED = "return-submitted"
    RETURN_SENT_BACK = "return-sent-back"
    RETURN_ACCEPTED = "return-accepted"
    DEADLINE_SET = "deadline-set"

    @property
    def choice(self) -> str:
        """What the Profile page's checkbox says."""
        return CHOICES[self]

    @property
    def label(self) -> str:
        return LABELS[self]


CHOICES = {
    NoticeKind.CHALLENGE_RAISED: "A chair challenges one of your actions",
    NoticeKind.CHALLENGE_ANSWERED: "A lead replies to a challenge you raised",
    NoticeKind.RETURN_SUBMITTED: "An agency submits its return",
    NoticeKind.RETURN_SENT_BACK: "A chair sends one of your plans' returns back for changes",
    NoticeKind.RETURN_ACCEPTED: "A chair accepts one of your plans' returns",
    NoticeKind.DEADLINE_SET: "The business unit sets the deadline for a quarter's returns",
}
LABELS = {
    NoticeKind.CHALLENGE_RAISED: "Challenge raised",
    NoticeKind.CHALLENGE_ANSWERED: "Challenge answered",
    NoticeKind.RETURN_SUBMITTED: "Return submitted",
    NoticeKind.RETURN_SENT_BACK: "Return sent back",
    NoticeKind.RETURN_ACCEPTED: "Return accepted",
    NoticeKind.DEADLINE_SET: "Deadline set",
}
# Which kinds each role can receive: the Profile page offers only these.
KINDS_FOR = {
    Role.LEAD: (
        NoticeKind.CHALLENGE_RAISED,
        NoticeKind.RETURN_SENT_BACK,
        NoticeKind.RETURN_ACCEPTED,
        NoticeKind.DEADLINE_SET,
    ),
    Role.CHAIR: (NoticeKind.CHALLENGE_ANSWERED, NoticeKind.RETURN_SUBMITTED),
    Role.BUSINESS_UNIT: (NoticeKind.CHALLENGE_ANSWERED,),  # it may raise challenges too
    Role.VIEWER: (),
}
# The audit events that may become notices.
NOTIFIED_EVENTS = (
    AuditKind.CHALLENGE_RAISED,
    AuditKind.CHALLENGE_ANSWERED,
    AuditKind.RETURN_SUBMITTED,
    AuditKind.RETURN_RETURNED,
    AuditKind.RETURN_ACCEPTED,
    AuditKind.DEADLINE_SET,
)
_STEP_KINDS = {
    AuditKind.RETURN_SUBMITTED: NoticeKind.RETURN_SUBMITTED,
    AuditKind.RETURN_RETURNED: NoticeKind.RETURN_SENT_BACK,
    AuditKind.RETURN_ACCEPTED: NoticeKind.RETURN_ACCEPTED,
}


@dataclass(frozen=True)
class Person:
    """An active account that may be told something."""

    email: str
    name: str
    role: Role
    agency_ids: frozenset[int] = frozenset()
    lead_names: frozenset[str] = frozenset()

    @property
    def updater(self) -> Updater:
        return Updater(self.role, self.agency_ids, self.lead_names)


@dataclass(frozen=True)
class ActionFacts:
    id: int
    ref: str
    text: str
    plan: str
    scope: ActionScope


@dataclass(frozen=True)
class PlanFacts:
    id: int
    name: str
    agency_id: int | None
    leads: frozenset[str]  # the titles its actions' leads name


@dataclass(frozen=True)
class ChallengeRaised:
    event_id: int
    actor: str
    challenge_id: int
    action: ActionFacts
    question: str
    reply_wanted_by: date


@dataclass(frozen=True)
class ChallengeAnswered:
    event_id: int
    actor: str
    challenge_id: int
    action: ActionFacts
    raised_by: str
    reply: str


@dataclass(frozen=True)
class ReturnStepped:
    event_id: int
    actor: str
    kind: NoticeKind  # submitted, sent back or accepted
    plan: PlanFacts
    quarter: Quarter
    note: str | None  # the chair's comments (sent back) or the lead's cover note (submitted)


@dataclass(frozen=True)
class DeadlineSet:
    event_id: int
    actor: str
    quarter: Quarter
    deadline: date
    plans: tuple[PlanFacts, ...]


Event = ChallengeRaised | ChallengeAnswered | ReturnStepped | DeadlineSet


@dataclass(frozen=True)
class Notice:
    key: str
    event_id: int
    kind: NoticeKind
    recipient: str
    subject: str
    body: str


def step_kind(audit_kind: str) -> NoticeKind | None:
    return _STEP_KINDS.get(AuditKind(audit_kind))


def kind_of(event: Event) -> NoticeKind:
    if isinstance(event, ChallengeRaised):
        return NoticeKind.CHALLENGE_RAISED
    if isinstance(event, ChallengeAnswered):
        return NoticeKind.CHALLENGE_ANSWERED
    if isinstance(event, ReturnStepped):
        return event.kind
    return NoticeKind.DEADLINE_SET


def leads_plan(person: Person, plan: PlanFacts) -> bool:
    """As for return reminders: the leads of the plan's agency; for a plan of no agency
    (the overarching plan), those whose lead titles lead one of its actions."""
    if person.role is not Role.LEAD:
        return False
    if plan.agency_id is not None:
        return plan.agency_id in person.agency_ids
    return any(lead_matches(lead, person.lead_names) for lead in plan.leads)


def _told(event: Event, person: Person) -> bool:
    if isinstance(event, ChallengeRaised):
        return person.role is Role.LEAD and may_update(person.updater, event.action.scope)
    if isinstance(event, ChallengeAnswered):
        return person.email == event.raised_by
    if isinstance(event, ReturnStepped):
        if event.kind is NoticeKind.RETURN_SUBMITTED:
            return person.role is Role.CHAIR
        return leads_plan(person, event.plan)
    return any(leads_plan(person, plan) for plan in event.plans)


def recipients(event: Event, people: Iterable[Person]) -> tuple[Person, ...]:
    """Who is told of `event`: never the person who made the change."""
    return tuple(
        person for person in people if person.email != event.actor and _told(event, person)
    )


def wanted(kind: NoticeKind, email: str, turned_off: Mapping[str, frozenset[str]]) -> bool:
    """Everyone gets every kind meant for them until they turn it off on their profile."""
    return kind.value not in turned_off.get(email, frozenset())


def notice_key(event_id: int, email: str) -> str:
    return f"{event_id}:{email.casefold()}"


def _wrapped(text: str, indent: str = "  ") -> list[str]:
    lines = []
    for paragraph in text.splitlines() or [""]:
        lines += textwrap.wrap(
            paragraph, LINE_WIDTH, initial_indent=indent, subsequent_indent=indent
        ) or [""]
    return lines


def _action_line(action: ActionFacts) -> str:
    return f"action {action.ref} of {action.plan}"


def _content(event: Event, names: Mapping[str, str], base_url: str) -> tuple[str, list[str]]:
    """The subject and the body's middle, for everyone told of `event`."""
    base = base_url.rstrip("/")
    by = names.get(event.actor) or event.actor
    if isinstance(event, ChallengeRaised):
        action = event.action
        return (
            f"Challenge on action {action.ref}, {action.plan}: "
            f"reply by {format_date(event.reply_wanted_by)}",
            [
                f"{by} challenged {_action_line(action)}:",
                "",
                *_wrapped(action.text),
                "",
                "Their question:",
                "",
                *_wrapped(event.question),
                "",
                f"Please reply by {format_date(event.reply_wanted_by)}:",
                f"{base}/challenges/{event.challenge_id}",
            ],
        )
    if isinstance(event, ChallengeAnswered):
        action = event.action
        return (
            f"Reply to your challenge on action {action.ref}, {action.plan}",
            [
                f"{by} replied to the challenge you raised on {_action_line(action)}:",
                "",
                *_wrapped(event.reply),
                "",
                "Read it and close the challenge when you are satisfied:",
                f"{base}/challenges/{event.challenge_id}",
            ],
        )
    if isinstance(event, ReturnStepped):
        link = f"{base}/returns/{event.quarter.slug}/plans/{event.plan.id}"
        what = f"The {event.quarter.label} return of {event.plan.name}"
        if event.kind is NoticeKind.RETURN_SUBMITTED:
            lines = [f"{what} was submitted by {by}.", ""]
            if event.note:
                lines += ["Their cover note:", "", *_wrapped(event.note), ""]
            lines += ["It is waiting for a chair to accept it or send it back:", link]
            return f"{event.quarter.label} return submitted: {event.plan.name}", lines
        if event.kind is NoticeKind.RETURN_SENT_BACK:
            return (
                f"{event.quarter.label} return sent back for changes: {event.plan.name}",
                [
                    f"{what} was sent back for changes by {by}.",
                    "",
                    "What needs changing:",
                    "",
                    *_wrapped(event.note or ""),
                    "",
                    "Make the changes and submit it again:",
                    link,
                ],
            )
        return (
            f"{event.quarter.label} return accepted: {event.plan.name}",
            [
                f"{what} was accepted by {by}.",
                "Its figures for the quarter are now locked.",
                "",
                link,
            ],
        )
    return (
        f"{event.quarter.label} returns are due on {format_date(event.deadline)}",
        [
            f"The business unit set the deadline for the {event.quarter.label} returns: "
            f"{format_date(event.deadline)}.",
            "",
            f"{base}/returns/{event.quarter.slug}",
        ],
    )


def compose(
    event: Event, person: Person, names: Mapping[str, str], base_url: str
) -> tuple[str, str]:
    """The subject and body of the e-mail telling `person` of `event`."""
    subject, middle = _content(event, names, base_url)
    kind = kind_of(event)
    body = [
        f"Dear {person.name or person.email},",
        "",
        *middle,
        "",
        "--",
        f"{SERVICE}. You get an e-mail when {kind.choice[0].lower()}{kind.choice[1:]}.",
        f"To stop these e-mails, untick “{kind.label}” on your profile: "
        f"{base_url.rstrip('/')}/profile#notifications",
    ]
    return subject[:300], "\n".join(body) + "\n"


def notices_for(
    event: Event,
    people: Iterable[Person],
    names: Mapping[str, str],
    turned_off: Mapping[str, frozenset[str]],
    base_url: str,
) -> tuple[Notice, ...]:
    """Every notice `event` makes: one per person told who has not turned its kind off."""
    kind = kind_of(event)
    notices = []
    for person in recipients(event, people):
        if not wanted(kind, person.email, turned_off):
            continue
        subject, body = compose(event, person, names, base_url)
        notices.append(
            Notice(
                key=notice_key(event.event_id, person.email),
                event_id=event.event_id,
                kind=kind,
                recipient=person.email,
                subject=subject,
                body=body,
            )
        )
    return tuple(notices)


def turned_off_kinds(chosen: Iterable[str], role: Role) -> frozenset[str]:
    """From the Profile form's ticked boxes: the kinds offered to `role` left unticked."""
    ticked = set(chosen)
    return frozenset(kind.value for kind in KINDS_FOR[role] if kind.value not in ticked)


def parse_turned_off(stored: str) -> frozenset[str]:
    known = {kind.value for kind in NoticeKind}
    return frozenset(part for part in stored.split(",") if part in known)
