"""The upload form: a spreadsheet, the day it describes and perhaps its agency, checked.

What is wrong is said by the field, as the page shows it: the file first,
then the date.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from litestar.datastructures import UploadFile

from tracker.core.parsing import parsed
from tracker.core.refusals import InvalidInput
from tracker.imports.limits import size_problem
from tracker.imports.proforma.result import base_name

NO_FILE = "Choose the agency's spreadsheet (.xlsx) to import"
NO_DATE = "Enter the date the return describes, for example 30 9 2020"


@dataclass
class UploadForm:
    file: UploadFile | None = None
    as_at: str = ""
    agency: str = ""

    @property
    def file_name(self) -> str:
        return base_name(self.file.filename if self.file else "") or "return.xlsx"

    @property
    def day(self) -> date | None:
        return parsed(date.fromisoformat, self.as_at.strip())


@dataclass(frozen=True)
class Upload:
    file_name: str
    content: bytes
    as_at: date


class InvalidUpload(InvalidInput):
    """No file, a file too large, or no real date: nothing was read."""


@dataclass
class UploadProblems:
    file: str | None = None
    as_at: str | None = None
    messages: list[tuple[str, str]] = field(default_factory=list)  # (field id, message)

    @classmethod
    def of(cls, problems: dict[str, str]) -> UploadProblems:
        file, as_at = problems.get("file"), problems.get("as_at")
        messages = [("file", file)] if file else []
        return cls(file, as_at, messages + ([("as-at", as_at)] if as_at else []))


async def read_upload(form: UploadForm, max_upload_bytes: int) -> Upload:
    """The file as sent and the day it describes; InvalidUpload says what is missing."""
    content = await form.file.read() if form.file else b""
    as_at = form.day
    problems = {"file": NO_FILE} if not content else {}
    if as_at is None:
        problems["as_at"] = NO_DATE
    if not problems and (too_large := size_problem(len(content), max_upload_bytes)):
        problems["file"] = f"{form.file_name} cannot be imported: {too_large}"
    if problems or as_at is None:
        raise InvalidUpload(problems)
    return Upload(form.file_name, content, as_at)
