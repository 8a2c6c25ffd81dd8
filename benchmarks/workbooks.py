"""Large, realistic agency returns for benchmarks and the kill test."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import PatternFill

RAG_FILLS = {
    "Red": PatternFill("solid", fgColor="FFFF0000"),
    "Amber": PatternFill("solid", fgColor="FFFFC000"),
    "Green": PatternFill("solid", fgColor="FF00B050"),
}
TIMESCALES = ("Sept 20", "Q3 2020/21", "1/4ly", "31/03/2021", "Ongoing", "March 21", "TBC")


def agency_return(path: Path, *, actions: int, agency: str = "Thames Valley Police") -> Path:
    """A proforma return with `actions` actions, ten to an objective, RAG by word and fill."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Action plan"
    sheet.append(["Appendix 4: Proforma for Individual Agency Action Plans"])
    sheet.append([f"Agency: {agency}"])
    sheet.append([])
    sheet.append(
        ["Objective", "Action", "Input", "Desired outcome", "Lead", "Time-scale", "RAG/Progress"]
    )
    for number in range(actions):
        objective, step = divmod(number, 10)
        rag = ("Red", "Amber", "Green")[number % 3]
        sheet.append(
            [
                f"{objective + 1}. Objective {objective + 1}: make sure practitioners name "
                "neglect early"
                if step == 0
                else None,
                f"{objective + 1}.{step + 1} Deliver briefing number {number} to front-line "
                "officers on recognising neglect at home visits",
                "Training team; 30-minute slot",
                "Officers recognise and name neglect at first attendance",
                f"Lead officer {number % 40}",
                TIMESCALES[number % len(TIMESCALES)],
                f"{rag} - {number % 5} of 5 briefings delivered",
            ]
        )
        # Not sheet.max_row: openpyxl works that out afresh each time, over every cell.
        sheet.cell(row=5 + number, column=7).fill = RAG_FILLS[rag]
    workbook.save(path)
    return path


_INLINE = re.compile(rb'<c ([^>]*?)t="inlineStr"([^>]*)><is><t(?: [^>]*)?>([^<]*)</t></is></c>')
_SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SHARED_STRINGS_RELATION = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
)


def as_excel_saves_it(path: Path, target: Path) -> Path:
    """The same workbook with its text in a shared-string table, as Excel and LibreOffice
    save it (openpyxl writes text inline in the sheet): each distinct text once."""
    strings: dict[bytes, int] = {}

    def shared(match: re.Match[bytes]) -> bytes:
        index = strings.setdefault(match.group(3), len(strings))
        return b'<c %st="s"%s><v>%d</v></c>' % (match.group(1), match.group(2), index)

    with (
        zipfile.ZipFile(path) as original,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for item in original.infolist():
            data = original.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = _INLINE.sub(shared, data)
            elif item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"</Types>",
                    b'<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/></Types>'
                    % _SHARED_STRINGS.encode(),
                )
            elif item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(
                    b"</Relationships>",
                    b'<Relationship Id="rIdShared" Type="%s" Target="sharedStrings.xml"/>'
                    b"</Relationships>" % _SHARED_STRINGS_RELATION.encode(),
                )
            copy.writestr(item, data)
        table = b"".join(b'<si><t xml:space="preserve">%s</t></si>' % text for text in strings)
        copy.writestr(
            "xl/sharedStrings.xml",
            b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            b'uniqueCount="%d">%s</sst>' % (len(strings), table),
        )
    return target
