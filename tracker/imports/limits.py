"""The upload size limit, said the same way on the command line and the page."""

from __future__ import annotations

from tracker.imports.proforma import UnreadableFile


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
