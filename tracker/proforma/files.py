"""Opening an uploaded file as a workbook, safely: anything that is not an
.xlsx, is damaged, or would unpack to more than the limit is refused with one
plain line saying what to do."""

from __future__ import annotations

import io
import os
import posixpath
import warnings
import zipfile
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import openpyxl

from tracker.proforma.colours import Palette, indexed_colours, theme_colours
from tracker.proforma.safe_xml import local_name, parse_xml

Source = str | os.PathLike[str] | bytes | BinaryIO

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls, and password-protected .xlsx
_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_OFFICE_DOCUMENT = "officeDocument"

SAVE_AS_XLSX = "save it as .xlsx (Excel Workbook) and upload it again."
EMPTY = "The file is empty: choose the action plan spreadsheet (.xlsx) and upload it again."
LEGACY_XLS = f"This is an old-style Excel .xls file: {SAVE_AS_XLSX}"
PASSWORD = ("This workbook is protected by a password: remove the password in Excel "
            "(File > Info > Protect Workbook), save it and upload it again.")
TEXT_FILE = ("This is a text or CSV file, not an Excel workbook: open it in Excel and "
             f"{SAVE_AS_XLSX}")
NOT_EXCEL = f"This file is not an Excel workbook: open it in Excel and {SAVE_AS_XLSX}"
OPENDOCUMENT = f"This is an OpenDocument spreadsheet (.ods), not an Excel workbook: {SAVE_AS_XLSX}"
DAMAGED = ("This file is damaged or incomplete: open it in Excel, save it again as .xlsx "
           "(Excel Workbook) and upload it again.")
NO_HEADER_ROW = ("No sheet in this workbook has a header row: the tracker looks for a row "
                 "naming an Action column and an Objective, Lead, Time-scale or RAG column.")


class UnreadableFile(Exception):
    """The file cannot be read as a workbook at all; str() is one plain line."""


def too_large(unpacked: int, limit: int) -> str:
    return (f"This workbook is too large to import: unpacked it comes to "
            f"{_megabytes(unpacked)} MB, over the limit of {_megabytes(limit)} MB. Remove "
            "unused sheets, pictures or rows and upload it again.")


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
        sheet_paths, styles_part = _workbook_parts(archive, _workbook_part(archive))
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
            handle = open(source, "rb")  # noqa: SIM115 - closed with the workbook
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
        raise UnreadableFile(PASSWORD if _ENCRYPTED_MARK in sample else LEGACY_XLS)
    if not head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        raise UnreadableFile(TEXT_FILE if _looks_like_text(head) else NOT_EXCEL)
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
            opendocument = "mimetype" in names and b"opendocument" in archive.read("mimetype")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as error:
        raise UnreadableFile(DAMAGED) from error
    finally:
        stream.seek(start)
    if unpacked > max_unpacked_bytes:
        raise UnreadableFile(too_large(unpacked, max_unpacked_bytes))
    if opendocument:
        raise UnreadableFile(OPENDOCUMENT)
    if "[Content_Types].xml" not in names or not any(name.endswith(".xml") and
                                                    name.startswith("xl/") for name in names):
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


def _workbook_part(archive: zipfile.ZipFile) -> str:
    for target, kind in _relationships(archive, "_rels/.rels", "").values():
        if kind.endswith("/" + _OFFICE_DOCUMENT):
            return target
    return "xl/workbook.xml"


def _workbook_parts(archive: zipfile.ZipFile, workbook_part: str
                    ) -> tuple[dict[str, str], str]:
    """The part holding each sheet, by sheet name, and the styles part."""
    folder, name = posixpath.split(workbook_part)
    relationships = _relationships(archive, posixpath.join(folder, "_rels", name + ".rels"),
                                   folder)
    styles = next((target for target, kind in relationships.values()
                   if kind.endswith("/styles")), posixpath.join(folder, "styles.xml"))
    sheets: dict[str, str] = {}
    for element in parse_xml(archive.read(workbook_part)).iter():
        if local_name(element) != "sheet":
            continue
        rel_id = next((value for key, value in element.attrib.items()
                       if key.rpartition("}")[2] == "id"), None)
        if rel_id in relationships and element.get("name") is not None:
            sheets[element.get("name", "")] = relationships[rel_id][0]
    return sheets, styles


def _relationships(archive: zipfile.ZipFile, part: str, folder: str
                   ) -> dict[str, tuple[str, str]]:
    """Relationship id -> (target part, type) of a .rels part, or {} if there is none."""
    if part not in archive.NameToInfo:
        return {}
    found = {}
    for element in parse_xml(archive.read(part)):
        target = element.get("Target", "")
        if element.get("TargetMode") == "External" or not target:
            continue
        if target.startswith("/"):
            path = target.lstrip("/")
        else:
            path = posixpath.normpath(posixpath.join(folder, target))
        found[element.get("Id", "")] = (path, element.get("Type", ""))
    return found
