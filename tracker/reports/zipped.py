"""Office files (zip packages) made byte-for-byte repeatable.

openpyxl and python-docx stamp each zip entry with the time of writing; the
same report must give the same bytes, so every entry carries the report's
generated time instead: written so at once (StampedZipFile, for writers that
take an open archive) or re-stamped and written again in the same order.
"""

from __future__ import annotations

import io
import os
from datetime import datetime
from typing import BinaryIO
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo


def _stamp(when: datetime) -> tuple[int, int, int, int, int, int]:
    return (max(when.year, 1980), when.month, when.day, when.hour, when.minute, when.second)


def _entry(name: str, stamp: tuple[int, int, int, int, int, int]) -> ZipInfo:
    info = ZipInfo(name, date_time=stamp)
    info.compress_type = ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    return info


class StampedZipFile(ZipFile):
    """A zip being written whose every entry is stamped `when`, not with the clock.

    Gives the same bytes as writing the package with ZipFile and re-stamping it.
    """

    def __init__(self, file: BinaryIO, when: datetime) -> None:
        super().__init__(file, "w", ZIP_DEFLATED, allowZip64=True)
        self._stamp = _stamp(when)

    def writestr(  # type: ignore[override]
        self,
        zinfo_or_arcname: str | ZipInfo,
        data: bytes | str,  # what openpyxl writes
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        """The entry under its name, deflated and stamped, whatever else was asked."""
        name = (
            zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, ZipInfo) else zinfo_or_arcname
        )
        super().writestr(_entry(name, self._stamp), data)

    def write(
        self,
        filename: str | os.PathLike[str],
        arcname: str | os.PathLike[str] | None = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        with open(filename, "rb") as source:
            self.writestr(os.fspath(arcname or os.path.basename(filename)), source.read())


def restamped(content: bytes, when: datetime) -> bytes:
    stamp = _stamp(when)
    out = io.BytesIO()
    with ZipFile(io.BytesIO(content)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for entry in source.infolist():
            target.writestr(_entry(entry.filename, stamp), source.read(entry.filename))
    return out.getvalue()
