"""The e-mails carrying password links, sent through SMTP_URL's server as reminders are.

Sent after the link is written (never inside its transaction). A send that
fails is logged and recorded in the audit trail; the link itself stays valid,
so the business unit can make another or hand one over.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from tracker.accounts.password_links import (
    HANDED_OVER_RESET_LIFETIME,
    INVITATION_LIFETIME,
    LinkPurpose,
    link_path,
    make_link,
)
from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core.dates import format_date
from tracker.core.mail import SEND_ERRORS, Mail, described, send
from tracker.core.settings import SmtpServer
from tracker.core.tables import AuditEvent
from tracker.core.transactions import write_transaction
from tracker.core.web.templating import UK_TIME

logger = logging.getLogger("tracker")
SERVICE = "Neglect strategy tracker"


def link_mail(
    *,
    sender: str,
    email: str,
    name: str,
    purpose: LinkPurpose,
    token: str,
    expires_at: datetime,
    base_url: str,
) -> Mail:
    link = base_url.rstrip("/") + link_path(token)
    local = expires_at.astimezone(UK_TIME)
    until = f"{local:%H:%M} on {format_date(local.date())}"
    greeting = f"Dear {name}," if name else "Hello,"
    if purpose is LinkPurpose.INVITE:
        subject = f"{SERVICE}: your account"
        opening = (
            "An account on the partnership's neglect strategy tracker has been made for you, "
            f"signing in as {email}. Choose your password with this link:"
        )
        closing = "Then sign in with your e-mail address and that password."
    else:
        subject = f"{SERVICE}: set a new password"
        opening = (
            f"Someone asked to set a new password for {email}. If it was you, "
            "choose your new password with this link:"
        )
        closing = (
            "Setting it signs you out everywhere and ends your API tokens. If you did not "
            "ask, ignore this e-mail: your password stays as it is."
        )
    body = (
        f"{greeting}\n\n{opening}\n\n{link}\n\nThe link works once, until {until} (UK time).\n"
        f"{closing}\n\nThis e-mail was sent by the tracker; replies are not read.\n"
    )
    return Mail(sender, email, subject, body)


async def send_link_mail(server: SmtpServer, mail: Mail, *, by: str) -> str | None:
    """Send it; None when the server took it, else why not (logged and audited)."""
    try:
        await send(server, mail)
    except SEND_ERRORS as error:
        why = described(error)
        logger.warning("A password link e-mail to %s was not sent: %s", mail.recipient, why)
        async with write_transaction(AuditEvent._meta.db):
            await append(
                AuditKind.PASSWORD_LINK_NOT_SENT,
                by,
                subject=mail.recipient,
                summary=f"Not sent: {why}",
            )
        return why
    return None


@dataclass(frozen=True)
class HandedOut:
    """A link the business unit made: e-mailed, or to be shown them once (`link`)."""

    email: str
    purpose: LinkPurpose
    expires_at: datetime
    link: str | None = None  # shown once when not e-mailed
    not_sent: str | None = None  # why the e-mail failed, when it did


async def hand_out_link(
    account_id: int,
    email: str,
    name: str,
    purpose: LinkPurpose,
    *,
    by: str,
    client: str,
    server: SmtpServer | None,
    sender: str,
    base_url: str,
    new_account: bool = False,
) -> HandedOut:
    """A new link for the account, e-mailed when there is a server; else (or if the
    e-mail fails) given back to show once, for the business unit to hand over.
    `new_account`: the invitation of an account just made, whose audit entry says so."""
    lifetime = INVITATION_LIFETIME if purpose is LinkPurpose.INVITE else HANDED_OVER_RESET_LIFETIME
    token, expires_at = await make_link(
        account_id, purpose, by=by, lifetime=lifetime, client=client, audited=not new_account
    )
    link = base_url.rstrip("/") + link_path(token)
    if server is None:
        return HandedOut(email, purpose, expires_at, link)
    mail = link_mail(
        sender=sender,
        email=email,
        name=name,
        purpose=purpose,
        token=token,
        expires_at=expires_at,
        base_url=base_url,
    )
    not_sent = await send_link_mail(server, mail, by=by)
    return HandedOut(email, purpose, expires_at, link if not_sent else None, not_sent)
