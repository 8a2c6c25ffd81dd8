"""Reading upload links: the one a token opens, the business unit's list, the files waiting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tracker.core import clock
from tracker.core.dates import Quarter
from tracker.core.tables import LinkUpload, StagedUpload, UploadLink
from tracker.imports.limits import megabytes
from tracker.upload_links.rules import LinkFor, LinkStatus, link_status, token_hash


@dataclass(frozen=True)
class Link:
    id: int
    plan_id: int
    plan: str
    quarter: Quarter
    expires_on: date
    made_by: str
    made_at: datetime
    revoked_at: datetime | None
    revoked_by: str | None
    uploads: int

    @property
    def status(self) -> LinkStatus:
        return link_status(self.expires_on, self.revoked_at, clock.today())

    @property
    def works_for(self) -> LinkFor:
        return LinkFor(self.plan_id, self.plan, self.quarter)


@dataclass(frozen=True)
class Receipt:
    """What the sender is told a file was received as."""

    plan: str
    quarter: Quarter
    reference: str
    file_name: str
    size: int
    received_at: datetime

    @property
    def size_said(self) -> str:
        return megabytes(self.size)


@dataclass(frozen=True)
class Waiting:
    """A file received by link, waiting for the business unit to preview and confirm."""

    token: str  # the staged upload's: the import preview's address
    reference: str
    file_name: str
    size: int
    received_at: datetime
    link_id: int
    plan_id: int
    plan: str
    quarter: Quarter


_LINK_COLUMNS = (
    UploadLink.id,
    UploadLink.plan.as_alias("plan_id"),
    UploadLink.plan._.name.as_alias("plan_name"),
    UploadLink.quarter,
    UploadLink.expires_on,
    UploadLink.made_by,
    UploadLink.made_at,
    UploadLink.revoked_at,
    UploadLink.revoked_by,
    UploadLink.uploads,
)


def _link(row: dict) -> Link:
    return Link(
        row["id"],
        row["plan_id"],
        row["plan_name"],
        Quarter.parse(row["quarter"]),
        row["expires_on"],
        row["made_by"],
        row["made_at"],
        row["revoked_at"],
        row["revoked_by"],
        row["uploads"],
    )


async def link_by_token(token: str) -> Link | None:
    row = (
        await UploadLink.select(*_LINK_COLUMNS)
        .where(UploadLink.token_hash == token_hash(token))
        .first()
    )
    return _link(row) if row else None


async def receipt(link: Link, reference: str) -> Receipt | None:
    """The receipt for a file the link received, for whoever holds the link."""
    row = (
        await LinkUpload.select(LinkUpload.file_name, LinkUpload.size, LinkUpload.received_at)
        .where((LinkUpload.link == link.id) & (LinkUpload.reference == reference))
        .first()
    )
    if row is None:
        return None
    return Receipt(
        link.plan, link.quarter, reference, row["file_name"], row["size"], row["received_at"]
    )


async def link_by_id(link_id: int) -> Link | None:
    row = await UploadLink.select(*_LINK_COLUMNS).where(UploadLink.id == link_id).first()
    return _link(row) if row else None


async def every_link() -> list[Link]:
    """Newest first."""
    rows = await UploadLink.select(*_LINK_COLUMNS).order_by(UploadLink.id, ascending=False)
    return [_link(row) for row in rows]


async def received_since(link_id: int, since: datetime) -> int:
    return await LinkUpload.count().where(
        (LinkUpload.link == link_id) & (LinkUpload.received_at > since)
    )


async def received_last_hour(link_id: int) -> int:
    return await received_since(link_id, clock.now() - timedelta(hours=1))


async def waiting_uploads() -> list[Waiting]:
    """Files received by link still on the shelf (not imported, still kept), oldest first."""
    kept = await StagedUpload.select(StagedUpload.token).where(
        StagedUpload.kept_until > clock.now()
    )
    tokens = [row["token"] for row in kept]
    if not tokens:
        return []
    rows = (
        await LinkUpload.select(
            LinkUpload.staged_token,
            LinkUpload.reference,
            LinkUpload.file_name,
            LinkUpload.size,
            LinkUpload.received_at,
            LinkUpload.link.as_alias("link_id"),
            LinkUpload.link._.plan.as_alias("plan_id"),
            LinkUpload.link._.plan._.name.as_alias("plan_name"),
            LinkUpload.link._.quarter.as_alias("quarter"),
        )
        .where(LinkUpload.staged_token.is_in(tokens))
        .order_by(LinkUpload.received_at)
    )
    return [
        Waiting(
            row["staged_token"],
            row["reference"],
            row["file_name"],
            row["size"],
            row["received_at"],
            row["link_id"],
            row["plan_id"],
            row["plan_name"],
            Quarter.parse(row["quarter"]),
        )
        for row in rows
    ]
