"""Uploaded workbooks waiting between preview and confirmation.

One the business unit uploads is theirs alone, for a day. One that arrived by an
upload link (tracker.upload_links) is kept until a time given, for whoever may import.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from tracker.core import clock
from tracker.core.tables import StagedUpload

KEPT_FOR = timedelta(days=1)


@dataclass(frozen=True)
class Staged:
    token: str
    file_name: str
    content: bytes
    as_at: date
    agency: str | None
    uploaded_by: str


async def stage(
    file_name: str,
    content: bytes,
    *,
    as_at: date,
    agency: str | None,
    uploaded_by: str,
    kept_until: datetime | None = None,
) -> Staged:
    now = clock.now()
    await StagedUpload.delete().where(
        (StagedUpload.kept_until.is_null() & (StagedUpload.uploaded_at < now - KEPT_FOR))
        | (StagedUpload.kept_until < now)
    )
    staged = Staged(secrets.token_urlsafe(24), file_name, content, as_at, agency, uploaded_by)
    await StagedUpload.insert(
        StagedUpload(
            token=staged.token,
            file_name=file_name,
            content=content,
            as_at=as_at,
            agency=agency,
            uploaded_by=uploaded_by,
            uploaded_at=now,
            kept_until=kept_until,
        )
    )
    return staged


async def staged(token: str, uploaded_by: str) -> Staged | None:
    """The upload, while it is kept: the uploader's own, or one kept for anyone who may
    import (arrived by link)."""
    now = clock.now()
    row = (
        await StagedUpload.select()
        .where(
            (StagedUpload.token == token)
            & (
                (
                    StagedUpload.kept_until.is_null()
                    & (StagedUpload.uploaded_by == uploaded_by)
                    & (StagedUpload.uploaded_at > now - KEPT_FOR)
                )
                | (StagedUpload.kept_until > now)
            )
        )
        .first()
    )
    if row is None:
        return None
    return Staged(
        row["token"],
        row["file_name"],
        bytes(row["content"]),
        row["as_at"],
        row["agency"],
        row["uploaded_by"],
    )


async def claim(token: str) -> bool:
    """Take the upload off the shelf as it is imported; False if another confirmation did.

    Inside the import's transaction: undone with it if nothing is imported, and
    on PostgreSQL a second confirmation waits on the row, then finds it gone.
    """
    taken = (
        await StagedUpload.delete().where(StagedUpload.token == token).returning(StagedUpload.token)
    )
    return bool(taken)
