"""The limits on an upload, said the same way on the command line and the page: its size,
and the work it asks for (rows read, actions written)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tracker.imports.proforma import UnreadableFile
from tracker.imports.proforma.workbook import (
    DEFAULT_MAX_ACTIONS,
    DEFAULT_MAX_ROWS,
    DEFAULT_MAX_UNPACKED_BYTES,
)


@dataclass(frozen=True)
class ImportLimits:
    unpacked_bytes: int = DEFAULT_MAX_UNPACKED_BYTES
    rows: int = DEFAULT_MAX_ROWS
    actions: int = DEFAULT_MAX_ACTIONS

    @classmethod
    def of(cls, settings: Any) -> ImportLimits:
        """From the settings, or the web app's state, which carries the same names."""
        return cls(
            settings.max_unpacked_bytes, settings.max_import_rows, settings.max_import_actions
        )

    def options(self) -> dict[str, int]:
        """As read_workbook takes them."""
        return {
            "max_unpacked_bytes": self.unpacked_bytes,
            "max_rows": self.rows,
            "max_actions": self.actions,
        }


def megabytes(size: int) -> str:
    """20 MB, 1.5 MB, or 8 KB for what is under a megabyte."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".0 MB", " MB")


def size_problem(size: int, limit: int) -> str | None:
    if size <= limit:
        return None
    return (
        f"The file is {megabytes(size)}, more than the {megabytes(limit)} the tracker accepts: "
        "remove unused sheets or images and try again."
    )


def check_upload_size(size: int, limit: int) -> None:
    problem = size_problem(size, limit)
    if problem:
        raise UnreadableFile(problem)
