"""Uploaded workbooks waiting for confirmation can hold a copy of text being redacted.

A staged upload is the spreadsheet as sent, kept up to a day between its
preview and its confirmation (tracker.imports.staging). Redacting text
removes every staged upload whose cells hold it: the uploader uploads again.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Collection

from tracker.core.tables import StagedUpload

# More unpacked than this and the file is not read through: it is removed to be safe.
MAX_SCANNED = 200 * 1024 * 1024
_TAG = re.compile(rb"<[^>]+>")


def cell_text(content: bytes) -> str:
    """Every piece of text in a workbook's parts, tags removed (so rich-text runs join up)."""
    with zipfile.ZipFile(io.BytesIO(content)) as workbook:
        members = [item for item in workbook.infolist() if item.filename.endswith(".xml")]
        if sum(item.file_size for item in members) > MAX_SCANNED:
            raise ValueError("too large to scan")
        parts = [_TAG.sub(b"", workbook.read(item)) for item in members]
    return html.unescape(b"\n".join(parts).decode("utf-8", errors="replace"))


def holds_any(content: bytes, originals: Collection[str]) -> bool:
    """Whether a staged file may hold any of `originals`; a file that cannot be read may."""
    try:
        text = cell_text(content)
    except (zipfile.BadZipFile, ValueError, OSError):
        return True
    return any(original in text for original in originals)


async def remove_staged_copies(originals: Collection[str]) -> int:
    """Delete the staged uploads that hold any of `originals`; how many. Inside the transaction."""
    if not originals:
        return 0
    rows = await StagedUpload.select(StagedUpload.id, StagedUpload.content)
    doomed = [row["id"] for row in rows if holds_any(bytes(row["content"]), originals)]
    if doomed:
        await StagedUpload.delete().where(StagedUpload.id.is_in(doomed))
    return len(doomed)
