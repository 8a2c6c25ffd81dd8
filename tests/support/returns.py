"""Quarterly returns for tests, made from the TVP Q1 sample the way agencies edit them."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from tests.support.samples import sample_files

TVP_Q1 = next(path for path in sample_files() if path.name == "agency-tvp-2020-21-q1.xlsx")


def tvp_q2(folder: Path) -> Path:
    """Q2: 1.1 progresses, 4.1 goes red to amber, 1.2 changes lead, 11.1 dropped, 11.3 added."""
    workbook = load_workbook(TVP_Q1)
    sheet = workbook.active
    sheet["G5"] = "Amber - three of five briefings delivered"
    sheet["G9"] = "Amber: capacity found for Q3"
    sheet["E6"] = "Head of Safeguarding"
    sheet["B17"] = "11.2 " + sheet["B17"].value  # numbered now, as 11.1 leaves the plan
    for column in "BCDEFG":  # 11.1 dropped; its objective stays, for 11.2
        sheet[f"{column}16"] = None
    sheet.append(
        [
            None,
            "11.3 Share the COVID-19 learning with neighbouring forces",
            "Policy team",
            "Learning shared",
            "Head of Safeguarding Policy",
            "March 21",
            "Green",
        ]
    )
    path = folder / "tvp-2020-21-q2.xlsx"
    workbook.save(path)
    return path
