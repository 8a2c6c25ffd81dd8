"""Table rows of the Word papers, written straight into the document's XML.

python-docx makes each cell, paragraph and run through several lookups; the
appendix of a big strategy has tens of thousands of cells, so its rows are
built here with lxml in one pass: fixed widths, shading, right-aligned
numbers, bold where asked, the font size, no space after, rows kept whole and
the header row repeated on each page. The same XML python-docx would write.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

_TR, _TRPR, _TC, _TCPR, _TCW, _SHD = (
    qn(f"w:{n}") for n in ("tr", "trPr", "tc", "tcPr", "tcW", "shd")
)
_P, _PPR, _SPACING, _JC, _R, _RPR = (
    qn(f"w:{n}") for n in ("p", "pPr", "spacing", "jc", "r", "rPr")
)
_B, _SZ, _SZCS, _T, _BR = (qn(f"w:{n}") for n in ("b", "sz", "szCs", "t", "br"))
_CANT_SPLIT, _TBL_HEADER = qn("w:cantSplit"), qn("w:tblHeader")
_VAL, _W, _TYPE = qn("w:val"), qn("w:w"), qn("w:type")
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass(frozen=True)
class Cell:
    text: str
    bold: bool = False
    fill: str | None = None  # RGB
    right: bool = False  # numbers


def append_row(
    table: etree._Element,
    cells: Sequence[Cell],
    widths_twips: Sequence[int],
    half_points: int,
    *,
    header: bool = False,
) -> None:
    """A row at the end of the table (`w:tbl`), kept whole; repeated on each page if `header`."""
    size = str(half_points)
    row = etree.SubElement(table, _TR)
    flags = etree.SubElement(row, _TRPR)
    etree.SubElement(flags, _CANT_SPLIT).set(_VAL, "true")
    if header:
        etree.SubElement(flags, _TBL_HEADER).set(_VAL, "true")
    for cell, width in zip(cells, widths_twips, strict=True):
        made = etree.SubElement(row, _TC)
        properties = etree.SubElement(made, _TCPR)
        wide = etree.SubElement(properties, _TCW)
        wide.set(_W, str(width))
        wide.set(_TYPE, "dxa")
        if cell.fill:
            shading = etree.SubElement(properties, _SHD)
            shading.set(_VAL, "clear")
            shading.set(qn("w:color"), "auto")
            shading.set(qn("w:fill"), cell.fill)
        paragraph = etree.SubElement(made, _P)
        layout = etree.SubElement(paragraph, _PPR)
        etree.SubElement(layout, _SPACING).set(qn("w:after"), "0")
        if cell.right:
            etree.SubElement(layout, _JC).set(_VAL, "right")
        run = etree.SubElement(paragraph, _R)
        looks = etree.SubElement(run, _RPR)
        if cell.bold:
            etree.SubElement(looks, _B)
        etree.SubElement(looks, _SZ).set(_VAL, size)
        etree.SubElement(looks, _SZCS).set(_VAL, size)
        for index, line in enumerate(cell.text.split("\n")):
            if index:
                etree.SubElement(run, _BR)
            text = etree.SubElement(run, _T)
            text.text = line
            text.set(_SPACE, "preserve")
