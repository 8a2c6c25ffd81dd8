"""Files that cannot be read as a workbook at all are refused with one plain
line saying what to do, and nothing else."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.imports.proforma.builders import one_sheet, proforma, save
from tracker.imports.proforma import AgencyDirectory, UnreadableFile, read_workbook
from tracker.imports.proforma.files import OLE_MAGIC

JARGON = ("Traceback", "Error", "Exception", "zipfile", "openpyxl", "None", "KeyError")


def refusal(source: object, agencies: AgencyDirectory, **options: int) -> str:
    with pytest.raises(UnreadableFile) as raised:
        read_workbook(source, agencies=agencies, **options)  # type: ignore[arg-type]
    message = str(raised.value)
    assert message and "\n" not in message
    assert not any(word in message for word in JARGON), message
    return message


def good_workbook(tmp_path: Path) -> Path:
    workbook = Workbook()
    proforma(workbook.active, "TVP", [["1. Know neglect", "1.1 Brief officers"]])
    return save(workbook, tmp_path / "good.xlsx")


def rewritten(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """A copy of the xlsx with some parts replaced or added."""
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in original.infolist():
            copy.writestr(info.filename, replace.pop(info.filename, original.read(info)))
        for name, data in replace.items():
            copy.writestr(name, data)
    return target


def test_random_bytes(tmp_path: Path, agencies: AgencyDirectory) -> None:
    noise = random.Random(20).randbytes(5000)
    path = tmp_path / "noise.xlsx"
    path.write_bytes(b"\x00\x01" + noise)
    assert "not an Excel workbook" in refusal(path, agencies)


def test_a_csv_renamed_xlsx(tmp_path: Path, agencies: AgencyDirectory) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_text("Objective,Action,Lead\n1. Know neglect,1.1 Brief officers,DCI\n", "utf-8")
    assert "CSV" in refusal(path, agencies)


def test_a_legacy_xls(tmp_path: Path, agencies: AgencyDirectory) -> None:
    path = tmp_path / "plan.xls"
    path.write_bytes(OLE_MAGIC + bytes(4096))
    message = refusal(path, agencies)
    assert ".xls" in message and ".xlsx" in message


def test_a_password_protected_workbook(agencies: AgencyDirectory) -> None:
    data = OLE_MAGIC + bytes(512) + "EncryptedPackage".encode("utf-16-le") + bytes(512)
    assert "password" in refusal(data, agencies)


def test_an_empty_file(agencies: AgencyDirectory) -> None:
    assert "empty" in refusal(b"", agencies)


def test_a_truncated_xlsx(tmp_path: Path, agencies: AgencyDirectory) -> None:
    data = good_workbook(tmp_path).read_bytes()
    assert "damaged or incomplete" in refusal(data[: len(data) // 2], agencies)


def test_a_sheet_whose_xml_is_damaged(tmp_path: Path, agencies: AgencyDirectory) -> None:
    path = rewritten(
        good_workbook(tmp_path),
        tmp_path / "bad.xlsx",
        {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row r='1'><c"},
    )
    assert "damaged or incomplete" in refusal(path, agencies)


def test_a_zip_that_would_unpack_past_the_limit_is_refused_before_it_is_parsed(
    tmp_path: Path, agencies: AgencyDirectory, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = rewritten(
        good_workbook(tmp_path),
        tmp_path / "bomb.xlsx",
        {"xl/media/image1.bin": bytes(3 * 1024 * 1024)},
    )
    assert path.stat().st_size < 100_000

    def must_not_parse(*_: object, **__: object) -> None:
        raise AssertionError("openpyxl was asked to parse an over-large file")

    monkeypatch.setattr("tracker.imports.proforma.files.openpyxl.load_workbook", must_not_parse)
    message = refusal(path, agencies, max_unpacked_bytes=2 * 1024 * 1024)
    assert "too large" in message and "2 MB" in message


def test_the_limit_is_configurable(tmp_path: Path, agencies: AgencyDirectory) -> None:
    path = good_workbook(tmp_path)
    assert "too large" in refusal(path, agencies, max_unpacked_bytes=1000)
    assert read_workbook(path, agencies=agencies).plans


def test_a_workbook_with_no_header_row_anywhere(tmp_path: Path, agencies: AgencyDirectory) -> None:
    path = one_sheet(tmp_path / "notes.xlsx", [["Neglect strategy notes"], ["Action", "later"]])
    assert "header row" in refusal(path, agencies)


def test_an_opendocument_spreadsheet(agencies: AgencyDirectory) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert ".ods" in refusal(buffer.getvalue(), agencies)


def test_a_zip_that_is_not_a_workbook(agencies: AgencyDirectory) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    assert "not an Excel workbook" in refusal(buffer.getvalue(), agencies)


def test_a_missing_file(tmp_path: Path, agencies: AgencyDirectory) -> None:
    assert "no file" in refusal(tmp_path / "missing.xlsx", agencies)
