"""E-mailing each agency plan's leads its proforma for a quarter. Never the same one twice.

For each (plan, quarter, lead) the business unit's press:

1. claims a row under the unique key "<plan id>:<quarter>:<email>" in a
   transaction: of two presses at once only one claims it; a row that failed
   last time is claimed again only by moving it from "failed" to "sending";
2. sends the e-mail, the plan's proforma attached, outside any transaction;
3. marks it sent, or failed with the server's reason (the next press retries it).

Without an SMTP server nothing is claimed: the page refuses before.
"""

from __future__ import annotations

import logging
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from asyncpg.exceptions import UniqueViolationError

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.closed import refuse_if_closed
from tracker.core.dates import Quarter
from tracker.core.mail import SEND_ERRORS, Attachment, Mail, described, send
from tracker.core.roles import Role
from tracker.core.settings import SmtpServer
from tracker.core.tables import Account, AccountAgency, ProformaMail
from tracker.core.transactions import write_transaction
from tracker.proformas.build import made_proforma
from tracker.proformas.queries import ProformaPlan, every_agency_plan
from tracker.proformas.rules import (
    FAILED,
    SENDING,
    SENT,
    MailRound,
    Recipient,
    mail_body,
    mail_key,
    mail_round,
    mail_subject,
)
from tracker.returns.store import deadline_for

logger = logging.getLogger("tracker")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_TAKEN = (sqlite3.IntegrityError, UniqueViolationError)


def _db():
    return ProformaMail._meta.db


async def plan_leads(plans: list[ProformaPlan]) -> dict[int, list[tuple[str, str]]]:
    """Each plan's active leads (email, name): the accounts linked to the plan's agency."""
    accounts = {
        row["id"]: (row["email"], row["name"])
        for row in await Account.select(Account.id, Account.email, Account.name)
        .where((Account.role == Role.LEAD.value) & (Account.active.eq(True)))
        .order_by(Account.email)
    }
    by_agency: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for row in await AccountAgency.select(AccountAgency.account, AccountAgency.agency):
        if row["account"] in accounts:
            by_agency[row["agency"]].append(accounts[row["account"]])
    return {
        plan.id: sorted(by_agency.get(plan.agency_id, [])) if plan.agency_id else []
        for plan in plans
    }


async def _statuses(quarter: Quarter) -> dict[str, str]:
    rows = await ProformaMail.select(ProformaMail.key, ProformaMail.status).where(
        ProformaMail.quarter == quarter.slug
    )
    return {row["key"]: row["status"] for row in rows}


async def planned_round(
    quarter: Quarter, strategy_id: int | None = None
) -> tuple[MailRound, list[ProformaPlan]]:
    """Who is sent which plan's proforma (the plans of strategy `strategy_id`, if given)."""
    plans = await every_agency_plan(strategy_id)
    leads = await plan_leads(plans)
    found = mail_round(
        [(plan.id, plan.name) for plan in plans], leads, await _statuses(quarter), quarter
    )
    return found, plans


async def claim(recipient: Recipient, quarter: Quarter, sent_by: str) -> int | None:
    """The claimed row's id; None when it was sent (or is being sent) already."""
    key = mail_key(recipient.plan_id, quarter, recipient.email)
    now = clock.now()
    try:
        async with write_transaction(_db()):
            await refuse_if_closed(plan_id=recipient.plan_id)
            retried = (
                await ProformaMail.update(
                    {
                        ProformaMail.status: SENDING,
                        ProformaMail.tried_at: now,
                        ProformaMail.sent_by: sent_by,
                    }
                )
                .where((ProformaMail.key == key) & (ProformaMail.status == FAILED))
                .returning(ProformaMail.id)
            )
            if retried:
                return int(retried[0]["id"])
            if await ProformaMail.exists().where(ProformaMail.key == key):
                return None
            [row] = await ProformaMail.insert(
                ProformaMail(
                    key=key,
                    plan=recipient.plan_id,
                    quarter=quarter.slug,
                    recipient=recipient.email,
                    recipient_name=recipient.name,
                    status=SENDING,
                    sent_by=sent_by,
                    tried_at=now,
                )
            ).returning(ProformaMail.id)
    except _TAKEN:  # another press at the same moment got there first
        return None
    return int(row["id"])


async def _mark(mail_id: int, error: str | None) -> None:
    async with write_transaction(_db()):
        await ProformaMail.update(
            {
                ProformaMail.status: FAILED if error else SENT,
                ProformaMail.error: error,
                ProformaMail.sent_at: None if error else clock.now(),
            }
        ).where(ProformaMail.id == mail_id)


@dataclass
class Sent:
    sent: list[Recipient] = field(default_factory=list)
    failed: list[tuple[Recipient, str]] = field(default_factory=list)


async def send_proformas(
    server: SmtpServer,
    sender: str,
    quarter: Quarter,
    actor: str,
    client: str = "",
    strategy_id: int | None = None,
) -> Sent:
    """E-mail every lead (of strategy `strategy_id`'s plans, if given) not yet sent their
    plan's proforma for `quarter`."""
    found, plans = await planned_round(quarter, strategy_id)
    by_id = {plan.id: plan for plan in plans}
    deadline = await deadline_for(quarter, strategy_id)
    made: dict[int, tuple[str, bytes]] = {}
    done = Sent()
    for recipient in found.to_send:
        mail_id = await claim(recipient, quarter, actor)
        if mail_id is None:
            continue
        if recipient.plan_id not in made:
            made[recipient.plan_id] = await made_proforma(by_id[recipient.plan_id], quarter)
        name, content = made[recipient.plan_id]
        mail = Mail(
            sender,
            recipient.email,
            mail_subject(recipient.plan, quarter, deadline),
            mail_body(recipient, quarter, deadline, name, sender),
            attachments=(Attachment(name, XLSX, content),),
        )
        try:
            await send(server, mail)
        except SEND_ERRORS as error:
            why = described(error)
            await _mark(mail_id, why)
            logger.warning("Proforma to %s not sent: %s", recipient.email, why)
            done.failed.append((recipient, why))
            continue
        await _mark(mail_id, None)
        done.sent.append(recipient)
    async with write_transaction(_db()):
        await append(
            AuditKind.PROFORMAS_EMAILED,
            actor,
            subject=quarter.label,
            summary=(
                f"Proformas for {quarter.label} e-mailed: {len(done.sent)} sent, "
                f"{len(done.failed)} failed"
            ),
            after={
                "quarter": quarter.slug,
                "sent": [f"{r.plan}: {r.email}" for r in done.sent],
                "failed": [f"{r.plan}: {r.email}: {why}" for r, why in done.failed],
            },
            client=client,
        )
    return done
