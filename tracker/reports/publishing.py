"""Publishing a quarter's report: every format rendered once and kept byte for byte.

Each publication is a new version for its quarter and audience; the first
needs no reason, every later one says why it was published again. The
files and the audit entry are written in one transaction. What was
published is read back exactly as stored, whatever has changed since.
"""

from __future__ import annotations

import asyncio
import hashlib
from dataclasses import dataclass
from datetime import datetime

from piccolo.query.functions.aggregate import Max
from piccolo.querystring import QueryString

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.closed import refuse_if_closed, refuse_if_quarter_closed
from tracker.core.dates import Quarter
from tracker.core.people import Person
from tracker.core.personal_data.check import guard
from tracker.core.personal_data.flags import record_flags
from tracker.core.refusals import Conflict, InvalidInput, NotAllowed
from tracker.core.roles import Role
from tracker.core.tables import PublishedFile, PublishedReport
from tracker.core.transactions import write_transaction
from tracker.reports.model import Audience, Format
from tracker.reports.render import render, report_for

MAX_REASON = 2000
PUBLISHING = "tracker reports"  # the advisory lock's class: apart from any other


@dataclass(frozen=True)
class PublishedFileInfo:
    format: Format
    file_name: str
    sha256: str


@dataclass(frozen=True)
class PublishedVersion:
    audience: Audience
    version: int
    reason: str
    published_by: str
    published_at: datetime
    files: tuple[PublishedFileInfo, ...]


def reason_problem(version: int, reason: str) -> str | None:
    if version > 1 and not reason:
        return (
            f"Say why it is published again: version {version - 1} was published already, "
            "and the Board may have read it."
        )
    if len(reason) > MAX_REASON:
        return f"The reason must be {MAX_REASON:,} characters or fewer."
    return None


async def _latest_version(quarter: Quarter, audience: Audience, strategy_id: int | None) -> int:
    row = (
        await PublishedReport.select(Max(PublishedReport.version).as_alias("latest"))
        .where(
            (PublishedReport.quarter == quarter.slug)
            & (PublishedReport.audience == audience)
            & (PublishedReport.strategy == strategy_id)
        )
        .first()
    )
    return int(row["latest"] or 0) if row else 0


async def _lock(quarter: Quarter, audience: Audience, strategy_id: int | None) -> None:
    """Inside the write transaction: one publication of a report at a time. SQLite runs one
    write transaction at a time already; PostgreSQL waits here for the other to finish."""
    engine = PublishedReport._meta.db
    if engine.engine_type == "postgres":
        await engine.run_querystring(
            QueryString(
                "SELECT pg_advisory_xact_lock(hashtext({}), hashtext({}))",
                PUBLISHING,
                f"{strategy_id}/{quarter.slug}/{audience.value}",
            )
        )


def _not_as_confirmed(
    quarter: Quarter, audience: Audience, confirmed: int, upcoming: int
) -> Conflict:
    """The version confirmed is not the one publishing would make now."""
    if confirmed < 1 or confirmed > upcoming:  # not sent from the confirm page
        return Conflict("Nothing was published: check what will be frozen, then press Publish.")
    return Conflict(
        f"Version {upcoming - 1} of the {audience.label} report for {quarter.label} was "
        "published while you were confirming, so this one was not. Check what is published "
        "before publishing again."
    )


async def next_version(quarter: Quarter, audience: Audience, *, strategy_id: int | None) -> int:
    return await _latest_version(quarter, audience, strategy_id) + 1


async def publish(
    quarter: Quarter,
    audience: Audience,
    *,
    person: Person,
    reason: str = "",
    confirmed: bool = False,
    client: str = "",
    version: int | None = None,
    strategy_id: int | None = None,
) -> int:
    """The new version's number (of strategy `strategy_id`'s report: the chosen one's).
    InvalidInput without a needed reason; NotAllowed if not BU.

    `version`: the one the business unit confirmed publishing (the confirm page says it);
    Conflict if another was published meanwhile, so two confirms at once publish it once.
    """
    if person.role is not Role.BUSINESS_UNIT:
        raise NotAllowed("Only the business unit publishes reports.")
    reason = reason.strip()
    upcoming = await next_version(quarter, audience, strategy_id=strategy_id)
    if version is not None and upcoming != version:
        raise _not_as_confirmed(quarter, audience, version, upcoming)
    problem = reason_problem(upcoming, reason)
    if problem:
        raise InvalidInput({"reason": problem})
    flagged = guard({"reason": ("Reason", reason)}, confirmed=confirmed)
    report = await report_for(quarter, audience, strategy_id=strategy_id)
    # Rendering is CPU work: in a thread, so the server answers others meanwhile.
    files = [
        (format, report.file_name(format), await asyncio.to_thread(render, report, format))
        for format in Format
    ]
    confirmed_version = version
    async with write_transaction(PublishedReport._meta.db):
        await refuse_if_quarter_closed(quarter)
        await refuse_if_closed(strategy_id=strategy_id)  # the chosen one's, closed
        await _lock(quarter, audience, strategy_id)
        version = await _latest_version(quarter, audience, strategy_id) + 1
        if confirmed_version is not None and version != confirmed_version:
            raise _not_as_confirmed(quarter, audience, confirmed_version, version)
        problem = reason_problem(version, reason)  # someone published meanwhile
        if problem:
            raise InvalidInput({"reason": problem})
        created = await PublishedReport.insert(
            PublishedReport(
                quarter=quarter.slug,
                audience=audience.value,
                version=version,
                reason=reason,
                published_by=person.email,
                published_at=clock.now(),
                strategy=strategy_id,
            )
        )
        report_id = int(created[0]["id"])
        hashes = {format.value: hashlib.sha256(content).hexdigest() for format, _, content in files}
        await PublishedFile.insert(
            *(
                PublishedFile(
                    published_report=report_id,
                    format=format.value,
                    file_name=name.replace(f".{format.value}", f"-v{version}.{format.value}"),
                    content=content,
                    sha256=hashes[format.value],
                )
                for format, name, content in files
            )
        )
        subject = f"{audience.label} report, {quarter.label}, version {version}"
        await record_flags(
            flagged,
            record_table="published_report",
            record_id=report_id,
            confirmed_by=person.email,
            subject=subject,
        )
        await append(
            AuditKind.REPORT_PUBLISHED,
            person.email,
            subject=subject,
            summary=f"Published version {version}" + (f": {reason}" if reason else ""),
            after={"quarter": quarter.slug, "audience": audience.value, "version": version}
            | {"sha256": hashes, "generated_at": report.generated_at},
            client=client,
        )
    return version


async def published_versions(
    quarter: Quarter, *, strategy_id: int | None
) -> tuple[PublishedVersion, ...]:
    """Every published version of the quarter's reports, newest first: two queries."""
    reports = (
        await PublishedReport.select()
        .where(
            (PublishedReport.quarter == quarter.slug) & (PublishedReport.strategy == strategy_id)
        )
        .order_by(PublishedReport.version, ascending=False)
    )
    ids = [row["id"] for row in reports] or [0]
    files: dict[int, list[PublishedFileInfo]] = {}
    for row in await PublishedFile.select(
        PublishedFile.published_report,
        PublishedFile.format,
        PublishedFile.file_name,
        PublishedFile.sha256,
    ).where(PublishedFile.published_report.is_in(ids)):
        files.setdefault(row["published_report"], []).append(
            PublishedFileInfo(Format(row["format"]), row["file_name"], row["sha256"])
        )
    order = list(Format)
    return tuple(
        PublishedVersion(
            audience=Audience(row["audience"]),
            version=row["version"],
            reason=row["reason"],
            published_by=row["published_by"],
            published_at=row["published_at"],
            files=tuple(sorted(files.get(row["id"], []), key=lambda f: order.index(f.format))),
        )
        for row in reports
    )


async def published_file(
    quarter: Quarter, audience: Audience, version: int, format: Format, *, strategy_id: int | None
) -> tuple[str, bytes] | None:
    """(file name, the bytes as published), or None if there is no such version or format."""
    row = (
        await PublishedFile.select(PublishedFile.file_name, PublishedFile.content)
        .where(
            (PublishedFile.published_report.quarter == quarter.slug)
            & (PublishedFile.published_report.audience == audience.value)
            & (PublishedFile.published_report.version == version)
            & (PublishedFile.published_report.strategy == strategy_id)
            & (PublishedFile.format == format.value)
        )
        .first()
    )
    return (row["file_name"], bytes(row["content"])) if row else None
