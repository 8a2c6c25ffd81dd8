"""Opening an uploaded file as a workbook, safely: anything that is not an
.xlsx, is damaged, or would unpack to more than the limit is refused with one
plain line saying what to do."""

from __future__ import annotations

import io
import os
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import openpyxl

from tracker.core.refusals import InvalidInput
from tracker.imports.proforma.colours import Palette, indexed_colours, theme_colours
from tracker.imports.proforma.package import sheet_and_styles_parts

Source = str | os.PathLike[str] | bytes | BinaryIO

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and password-protected .xlsx
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")

SAVE_AS_XLSX = "save it as .xlsx (Excel Workbook) and upload it again."
EMPTY = "The file is empty: choose the action plan spreadsheet (.xlsx) and upload it again."
LEGACY_XLS = f"This is an old-style Excel .xls file: {SAVE_AS_XLSX}"
PROTECTED = (
    "This workbook is protected by a password: remove the password in Excel "
    "(File > Info > Protect Workbook), save it and upload it again."
)
TEXT_FILE = f"This is a text or CSV file, not an Excel workbook: open it in Excel, {SAVE_AS_XLSX}"
NOT_EXCEL = f"This file is not an Excel workbook: open it in Excel, {SAVE_AS_XLSX}"
OPENDOCUMENT = f"This is an OpenDocument spreadsheet (.ods), not an Excel workbook: {SAVE_AS_XLSX}"
DAMAGED = (
    "This file is damaged or incomplete: open it in Excel, save it again as .xlsx "
    "(Excel Workbook) and upload it again."
)
NO_HEADER_ROW = (
    "No sheet in this workbook has a header row: the tracker looks for a row "
    "naming an Action column and an Objective, Lead, Time-scale or RAG column."
)


class UnreadableFile(InvalidInput):
    """The file cannot be read as a workbook at all; str() is one plain line."""

    def __init__(self, message: str) -> None:
        super().__init__({"file": message})


def too_large(unpacked: int, limit: int) -> str:
    return (
        f"This workbook is too large to import: once unpacked it comes to "
        f"{_megabytes(unpacked)} MB, over the limit of {_megabytes(limit)} MB. Remove "
        "unused sheets, pictures or rows and upload it again."
    )


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0")


@dataclass
class OpenWorkbook:
    """A workbook opened read-only, with what the reader needs beside openpyxl's view."""

    workbook: Any  # openpyxl Workbook in read-only mode
    archive: zipfile.ZipFile
    palette: Palette
    sheet_paths: dict[str, str] = field(default_factory=dict)  # sheet name -> part in the zip
    handles: list[Any] = field(default_factory=list)

    def close(self) -> None:
        self.workbook.close()
        self.archive.close()
        for handle in self.handles:
            handle.close()

    def __enter__(self) -> OpenWorkbook:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def open_workbook(source: Source, max_unpacked_bytes: int) -> OpenWorkbook:
    stream, owned = _binary_stream(source)
    try:
        _check_is_xlsx(stream, max_unpacked_bytes)
        return _load(stream, owned)
    except BaseException:
        for handle in owned:
            handle.close()
        raise


def _load(stream: BinaryIO, owned: list[Any]) -> OpenWorkbook:
    workbook = None
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise UnreadableFile(DAMAGED) from error
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of features it drops
            workbook = openpyxl.load_workbook(stream, read_only=True, data_only=True)
        sheet_paths, styles_part = sheet_and_styles_parts(archive)
        styles_xml = archive.read(styles_part) if styles_part in archive.NameToInfo else None
        palette = Palette(theme_colours(workbook.loaded_theme), indexed_colours(styles_xml))
    except Exception as error:  # a part openpyxl or we cannot parse: a damaged file
        if workbook is not None:
            workbook.close()
        archive.close()
        raise UnreadableFile(DAMAGED) from error
    return OpenWorkbook(workbook, archive, palette, sheet_paths, owned)


def _binary_stream(source: Source) -> tuple[BinaryIO, list[Any]]:
    """A seekable binary stream of the file, and the handles we opened (to close)."""
    if isinstance(source, (bytes, bytearray, memoryview)):
        return io.BytesIO(bytes(source)), []
    if isinstance(source, (str, os.PathLike)):
        try:
            handle = open(source, "rb")  # closed with the workbook
        except FileNotFoundError as error:
            raise UnreadableFile(f"There is no file called '{os.fspath(source)}'.") from error
        except OSError as error:
            raise UnreadableFile(f"The file '{os.fspath(source)}' cannot be opened.") from error
        return handle, [handle]
    if not (hasattr(source, "seekable") and source.seekable()):
        return io.BytesIO(source.read()), []
    return source, []


def _check_is_xlsx(stream: BinaryIO, max_unpacked_bytes: int) -> None:
    start = stream.tell()
    head = stream.read(4096)
    stream.seek(start)
    if not head:
        raise UnreadableFile(EMPTY)
    if head.startswith(OLE_MAGIC):
        stream.seek(0, io.SEEK_END)
        size = stream.tell()
        stream.seek(start)
        sample = stream.read(min(size - start, 1024 * 1024))
        stream.seek(start)
        raise UnreadableFile(PROTECTED if _ENCRYPTED_MARK in sample else LEGACY_XLS)
    if not head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        raise UnreadableFile(TEXT_FILE if _looks_like_text(head) else NOT_EXCEL)
    try:
        with zipfile.ZipFile(stream) as archive:
            # The sizes the zip declares: nothing is unpacked before they are checked.
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked > max_unpacked_bytes:
                raise UnreadableFile(too_large(unpacked, max_unpacked_bytes))
            names = set(archive.namelist())
            if "mimetype" in names:
                with archive.open("mimetype") as mimetype:
                    if b"opendocument" in mimetype.read(200):
                        raise UnreadableFile(OPENDOCUMENT)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        raise UnreadableFile(DAMAGED) from error
    finally:
        stream.seek(start)
    if "[Content_Types].xml" not in names or not any(
        name.endswith(".xml") and name.startswith("xl/") for name in names
    ):
        raise UnreadableFile(NOT_EXCEL)


def _looks_like_text(head: bytes) -> bool:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        return False
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 4:  # not merely a character cut off at the end
            text = head.decode("latin-1")
        else:
            text = head[: error.start].decode("utf-8")
    printable = sum(1 for char in text if char.isprintable() or char in "\r\n\t")
    return printable >= 0.95 * len(text)
