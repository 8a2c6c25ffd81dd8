"""A TVP Q2 return whose progress for action 1.1 gives a family's phone number."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tests.support.returns import TVP_Q1

PHONE = "01865 123456"
PROGRESS = f"three of five briefings delivered; call the family on {PHONE}"  # as saved


def tvp_q2_with_a_phone_number(folder: Path) -> Path:
    workbook = load_workbook(TVP_Q1)
    workbook.active["G5"] = f"Amber - {PROGRESS}"  # action 1.1, row 5, column "RAG/Progress"
    path = folder / "tvp-2020-21-q2-phone.xlsx"
    workbook.save(path)
    return path
