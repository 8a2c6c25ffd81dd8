"""A real SMTP server on the loopback (aiosmtpd) that keeps what it receives, and the
seeded strategy with TVP's Q1 return in, set up for a reminder run on 7 Jul 2020."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from tracker.core import clock
from tracker.core.settings import SmtpServer
from tracker.core.tables import Account, AccountAgency, AccountLeadName, Action, Agency

TODAY = date(2020, 7, 7)  # TVP's 2020-21 Q1 return is due on 14 Jul 2020: 7 days
DUE_IN_10_DAYS = date(2020, 7, 17)
OVERDUE_SINCE = date(2020, 7, 1)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Mailbox:
    """What the server accepted, and which recipients it refuses."""

    received: list[EmailMessage] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        parsed = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.received.append(parsed)
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [message for message in self.received if message["To"] == address]


@dataclass
class SmtpFixture:
    mailbox: Mailbox
    server: SmtpServer

    @property
    def url(self) -> str:
        return f"smtp://{self.server.host}:{self.server.port}"


@pytest.fixture
def smtp() -> Iterator[SmtpFixture]:
    mailbox = Mailbox()
    port = free_port()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpFixture(mailbox, SmtpServer("127.0.0.1", port))
    finally:
        controller.stop()


@pytest.fixture
def closed_smtp() -> SmtpServer:
    """A port nothing listens on: the connection is refused."""
    return SmtpServer("127.0.0.1", free_port())


async def tvp_action_id(ref: str) -> int:
    row = (
        await Action.select(Action.id)
        .where((Action.plan.agency.name == "Thames Valley Police") & (Action.ref == ref))
        .first()
    )
    assert row is not None
    return int(row["id"])


async def set_due(ref: str, due: date) -> int:
    action_id = await tvp_action_id(ref)
    await Action.update({Action.due: due}).where(Action.id == action_id)
    return action_id


@pytest.fixture
def reminders_db(tvp_db):  # the shared fixture, extended
    """TVP's Q1 return a draft due in 7 days; action 2.2 due in 10 days; 1.1 overdue."""

    async def prepare() -> None:
        await set_due("2.2", DUE_IN_10_DAYS)
        await set_due("1.1", OVERDUE_SINCE)

    asyncio.run(prepare())
    return tvp_db


async def add_leads(count: int) -> list[str]:
    """`count` more active leads, each of one agency and holding the bulk actions' lead title.

    Written directly (no password hashing), for tests of how queries grow with people.
    """
    agencies = [row["id"] for row in await Agency.select(Agency.id).order_by(Agency.id)]
    emails = []
    for number in range(count):
        email = f"bulk-lead-{number}@example.org"
        [row] = await Account.insert(
            Account(
                email=email,
                name=f"Bulk Lead {number}",
                role="lead",
                password_hash="not a real hash",
                created_at=clock.now(),
            )
        ).returning(Account.id)
        await AccountAgency.insert(
            AccountAgency(account=row["id"], agency=agencies[number % len(agencies)])
        )
        await AccountLeadName.insert(AccountLeadName(account=row["id"], lead_name="Bulk lead"))
        emails.append(email)
    return emails
