"""Upload links: a return sent by someone without an account. Pure.

The business unit makes a link for one plan's return for one quarter and hands it
over. It works until some days after the quarter's return deadline (or after the
day it was made, when that deadline has passed), unless revoked. Whoever holds it
sees only the plan's name, the quarter and the deadline, and may send the plan's
proforma for that quarter: the file waits, staged, for the business unit to preview
and confirm.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from tracker.core.clock import UK
from tracker.core.dates import Quarter, format_date
from tracker.proformas.rules import About

PATH = "/upload/"  # the public page a link opens
UPLOADS_PER_HOUR = 10  # files one link takes in an hour
# A file received waits this long after its link stops working, for the business unit.
KEPT_AFTER_EXPIRY = timedelta(days=14)


class LinkStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def token_hash(token: str) -> str:
    """What is kept of a link's token: the token itself is shown once and never stored."""
    return hashlib.sha256(token.encode()).hexdigest()


def expires_on(deadline: date, made_on: date, days: int) -> date:
    """The last day a link works: `days` after the deadline, or after the day it is made
    when the deadline has already passed (a late return still needs a working link)."""
    return max(deadline, made_on) + timedelta(days=days)


def link_status(expires: date, revoked_at: datetime | None, today: date) -> LinkStatus:
    if revoked_at is not None:
        return LinkStatus.REVOKED
    if today > expires:
        return LinkStatus.EXPIRED
    return LinkStatus.ACTIVE


def kept_until(expires: date) -> datetime:
    """Until when a file received by the link waits: the end of its last day, UK time,
    and KEPT_AFTER_EXPIRY more."""
    return datetime.combine(expires + timedelta(days=1), time(0), tzinfo=UK) + KEPT_AFTER_EXPIRY


def uploader(link_id: int) -> str:
    """Who a file received by a link is staged as (the audit trail's actor too)."""
    return f"Upload link {link_id}"


def reference(link_id: int, number: int) -> str:
    """The receipt's reference: the link and the file's number through it."""
    return f"UL{link_id}-{number:03d}"


def rate_limited(received_last_hour: int) -> bool:
    return received_last_hour >= UPLOADS_PER_HOUR


UNKNOWN = (
    "This upload link is not right: it may have been cut short. Copy the whole link from "
    "the message you were sent, or ask the business unit for a new one."
)
TOO_MANY = (
    f"This link has taken {UPLOADS_PER_HOUR} files in the last hour, the most it takes. "
    "Nothing was received: try again in an hour, or contact the business unit."
)
NOT_A_PROFORMA = (
    "{file} is not a proforma made by the tracker, so it cannot be sent through this "
    "link. Send back the proforma you were given for {plan}, {quarter}, filled in."
)


def gone_message(status: LinkStatus, expires: date) -> str:
    """Why a link no longer works, and what to do."""
    if status is LinkStatus.REVOKED:
        return (
            "This upload link has been withdrawn by the business unit, so nothing can be "
            "sent through it. Ask the business unit for a new link."
        )
    return (
        f"This upload link stopped working after {format_date(expires)}, so nothing can be "
        "sent through it. Ask the business unit for a new link."
    )


@dataclass(frozen=True)
class LinkFor:
    """What a link is for."""

    plan_id: int
    plan: str
    quarter: Quarter


def file_problem(file_name: str, about: About | None, link: LinkFor) -> str | None:
    """Why a file cannot be taken through this link (its document properties say which plan
    and quarter it is for); None when it is the link's plan's proforma for its quarter."""
    if about is None:
        return NOT_A_PROFORMA.format(file=file_name, plan=link.plan, quarter=link.quarter.label)
    if about.plan_id != link.plan_id:
        return (
            f"{file_name} is the proforma for {about.plan}, but this link is for {link.plan}: "
            f"nothing was received. Send the {link.plan} proforma, or ask the business "
            f"unit for a link for {about.plan}."
        )
    if about.quarter != link.quarter:
        return (
            f"{file_name} is the proforma for {about.quarter.label}, but this link is for "
            f"{link.quarter.label}: nothing was received. Send the {link.quarter.label} "
            "proforma."
        )
    return None
