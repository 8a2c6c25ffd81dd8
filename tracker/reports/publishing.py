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

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.dates import Quarter
from tracker.core.people import Person
from tracker.core.personal_data.check import guard
from tracker.core.personal_data.flags import record_flags
from tracker.core.refusals import InvalidInput, NotAllowed
from tracker.core.roles import Role
from tracker.core.tables import PublishedFile, PublishedReport
from tracker.core.transactions import write_transaction
from tracker.reports.model import Audience, Format
from tracker.reports.render import render, report_for

MAX_REASON = 2000


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


async def _latest_version(quarter: Quarter, audience: Audience) -> int:
    row = (
        await PublishedReport.select(Max(PublishedReport.version).as_alias("latest"))
        .where((PublishedReport.quarter == quarter.slug) & (PublishedReport.audience == audience))
        .first()
    )
    return int(row["latest"] or 0) if row else 0


async def publish(
    quarter: Quarter,
    audience: Audience,
    *,
    person: Person,
    reason: str = "",
    confirmed: bool = False,
    client: str = "",
) -> int:
    """The new version's number. InvalidInput without a needed reason; NotAllowed if not BU."""
    if person.role is not Role.BUSINESS_UNIT:
        raise NotAllowed("Only the business unit publishes reports.")
    reason = reason.strip()
    problem = reason_problem(await _latest_version(quarter, audience) + 1, reason)
    if problem:
        raise InvalidInput({"reason": problem})
    flagged = guard({"reason": ("Reason", reason)}, confirmed=confirmed)
    report = await report_for(quarter, audience)
    # Rendering is CPU work: in a thread, so the server answers others meanwhile.
    files = [
        (format, report.file_name(format), await asyncio.to_thread(render, report, format))
        for format in Format
    ]
    async with write_transaction(PublishedReport._meta.db):
        version = await _latest_version(quarter, audience) + 1
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


async def published_versions(quarter: Quarter) -> tuple[PublishedVersion, ...]:
    """Every published version of the quarter's reports, newest first: two queries."""
    reports = (
        await PublishedReport.select()
        .where(PublishedReport.quarter == quarter.slug)
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
    quarter: Quarter, audience: Audience, version: int, format: Format
) -> tuple[str, bytes] | None:
    """(file name, the bytes as published), or None if there is no such version or format."""
    row = (
        await PublishedFile.select(PublishedFile.file_name, PublishedFile.content)
        .where(
            (PublishedFile.published_report.quarter == quarter.slug)
            & (PublishedFile.published_report.audience == audience.value)
            & (PublishedFile.published_report.version == version)
            & (PublishedFile.format == format.value)
        )
        .first()
    )
    return (row["file_name"], bytes(row["content"])) if row else None
