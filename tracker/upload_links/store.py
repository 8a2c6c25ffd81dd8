"""Making and revoking upload links, and taking a file in through one: each all or nothing,
audited."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from datetime import date

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.closed import refuse_if_closed
from tracker.core.dates import Quarter, format_date
from tracker.core.refusals import Conflict, InvalidInput, NotFound
from tracker.core.tables import LinkUpload, UploadLink
from tracker.core.transactions import write_transaction
from tracker.imports.limits import size_problem
from tracker.imports.proforma import UnreadableFile
from tracker.imports.proforma.files import open_workbook
from tracker.imports.proforma.workbook import custom_properties
from tracker.imports.staging import stage
from tracker.proformas.queries import proforma_plan
from tracker.proformas.rules import About, read_about
from tracker.returns.store import deadline_for
from tracker.upload_links.errors import LinkGone, TooManyUploads, UnknownLink
from tracker.upload_links.queries import (
    Link,
    Receipt,
    link_by_id,
    link_by_token,
    received_last_hour,
)
from tracker.upload_links.rules import (
    TOO_MANY,
    UNKNOWN,
    LinkStatus,
    expires_on,
    file_problem,
    gone_message,
    kept_until,
    rate_limited,
    reference,
    token_hash,
    uploader,
)

NO_FILE = "Choose the filled-in proforma (.xlsx) to send."


@dataclass(frozen=True)
class MadeLink:
    id: int
    token: str  # shown once, never stored
    expires_on: date


async def make_link(
    plan_id: int, quarter: Quarter, *, by: str, days: int, client: str = ""
) -> MadeLink:
    plan = await proforma_plan(plan_id)  # NotFound for a plan that is not there
    token = secrets.token_urlsafe(32)
    expires = expires_on(await deadline_for(quarter, plan.strategy_id), clock.today(), days)
    async with write_transaction(UploadLink._meta.db):
        await refuse_if_closed(plan_id=plan.id)
        made = await UploadLink.insert(
            UploadLink(
                token_hash=token_hash(token),
                plan=plan.id,
                quarter=quarter.slug,
                expires_on=expires,
                made_by=by,
                made_at=clock.now(),
            )
        ).returning(UploadLink.id)
        link_id = int(made[0]["id"])
        await append(
            AuditKind.UPLOAD_LINK_MADE,
            by,
            subject=f"Upload link {link_id}: {plan.name} {quarter.label}",
            summary=f"Upload link for {plan.name}'s {quarter.label} return, working until "
            f"{format_date(expires)}",
            after={"link": link_id, "plan": plan.name, "quarter": quarter.slug, "expires": expires},
            client=client,
        )
    return MadeLink(link_id, token, expires)


async def revoke_link(link_id: int, *, by: str, client: str = "") -> Link:
    async with write_transaction(UploadLink._meta.db):
        link = await link_by_id(link_id)
        if link is None:
            raise NotFound(f"There is no upload link {link_id}.")
        if link.revoked_at is not None:
            raise Conflict(f"Upload link {link_id} was already revoked.")
        await UploadLink.update(
            {UploadLink.revoked_at: clock.now(), UploadLink.revoked_by: by}
        ).where(UploadLink.id == link_id)
        await append(
            AuditKind.UPLOAD_LINK_REVOKED,
            by,
            subject=f"Upload link {link_id}: {link.plan} {link.quarter.label}",
            summary=f"Upload link for {link.plan}'s {link.quarter.label} return revoked",
            before={"link": link_id, "status": link.status.value},
            after={"link": link_id, "status": LinkStatus.REVOKED.value},
            client=client,
        )
    return link


async def working_link(token: str) -> Link:
    """The link `token` opens while it works; UnknownLink, LinkGone otherwise."""
    link = await link_by_token(token)
    if link is None:
        raise UnknownLink(UNKNOWN)
    if link.status is not LinkStatus.ACTIVE:
        raise LinkGone(gone_message(link.status, link.expires_on))
    return link


def _about(content: bytes, max_unpacked_bytes: int) -> About | None:
    """What the file's document properties say it is for; UnreadableFile if it is no workbook."""
    with open_workbook(content, max_unpacked_bytes) as opened:
        return read_about(dict(custom_properties(opened.workbook)))


async def check_file(
    link: Link, file_name: str, content: bytes, *, max_bytes: int, max_unpacked_bytes: int
) -> None:
    """InvalidInput (field "file") unless it is the link's plan's proforma for its quarter."""
    problem = NO_FILE if not content else size_problem(len(content), max_bytes)
    if problem is None:
        try:
            about = await asyncio.to_thread(_about, content, max_unpacked_bytes)
        except UnreadableFile as unreadable:
            problem = f"{file_name} cannot be read: {unreadable}"
        else:
            problem = file_problem(file_name, about, link.works_for)
    elif content:
        problem = f"{file_name} cannot be received: {problem}"
    if problem:
        raise InvalidInput({"file": problem})


async def receive(
    token: str,
    file_name: str,
    content: bytes,
    *,
    max_bytes: int,
    max_unpacked_bytes: int,
    client: str = "",
) -> Receipt:
    """Stage the file for the business unit, if the link works, is not over its hourly
    limit and the file is its plan's proforma for its quarter; else nothing is written."""
    link = await working_link(token)
    if rate_limited(await received_last_hour(link.id)):
        raise TooManyUploads(TOO_MANY)
    await check_file(
        link, file_name, content, max_bytes=max_bytes, max_unpacked_bytes=max_unpacked_bytes
    )
    async with write_transaction(UploadLink._meta.db):
        await refuse_if_closed(plan_id=link.plan_id)
        # Counting under the link's row lock: of files arriving together, the limit holds.
        counted = (
            await UploadLink.update({UploadLink.uploads: UploadLink.uploads + 1})
            .where((UploadLink.id == link.id) & UploadLink.revoked_at.is_null())
            .returning(UploadLink.uploads)
        )
        if not counted:  # revoked meanwhile
            raise LinkGone(gone_message(LinkStatus.REVOKED, link.expires_on))
        if rate_limited(await received_last_hour(link.id)):
            raise TooManyUploads(TOO_MANY)
        staged = await stage(
            file_name,
            content,
            as_at=link.quarter.last_day,
            agency=None,
            uploaded_by=uploader(link.id),
            kept_until=kept_until(link.expires_on),
        )
        receipt = Receipt(
            link.plan,
            link.quarter,
            reference(link.id, int(counted[0]["uploads"])),
            file_name,
            len(content),
            clock.now(),
        )
        await LinkUpload.insert(
            LinkUpload(
                link=link.id,
                reference=receipt.reference,
                staged_token=staged.token,
                file_name=file_name,
                size=len(content),
                received_at=receipt.received_at,
            )
        )
        await append(
            AuditKind.UPLOAD_RECEIVED,
            uploader(link.id),
            subject=f"Upload link {link.id}: {link.plan} {link.quarter.label}",
            summary=f"{file_name} ({receipt.size_said}) received as {receipt.reference}, "
            "waiting for the business unit to preview and confirm",
            after={"link": link.id, "reference": receipt.reference, "file": file_name},
            client=client,
        )
    return receipt
