"""Large, realistic agency returns for benchmarks and the kill test."""

from __future__ import annotations

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
