"""Workbooks as agencies really send them: titles above the header, renamed
and reordered columns, merged and blank objective cells, stray rows, colour
instead of words."""

from __future__ import annotations

import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles.colors import Color

from tests.imports.proforma.builders import THIN_BORDER, one_sheet, proforma, put_rows, save, solid
from tracker.imports.proforma import (
    AgencyDirectory,
    ParsedAction,
    ParsedWorkbook,
    PlanKind,
    read_workbook,
)

TVP = "Thames Valley Police"


def only_plan_actions(workbook: ParsedWorkbook) -> tuple[ParsedAction, ...]:
    assert len(workbook.plans) == 1, workbook.errors
    return workbook.plans[0].actions


def test_titles_above_a_header_of_renamed_reordered_columns(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    path = one_sheet(
        tmp_path / "tvp.xlsx",
        [
            ["Thames Valley Police: neglect action plan 2020-21"],
            ["Return for quarter 2"],
            [],
            [
                "Owner",
                "Actions",
                "Notes",
                "Objectives",
                "By when?",
                "RAG status",
                "Progress update",
                "Resources",
                "Outcome",
            ],
            [
                "DCI PP",
                "1.1 Brief officers",
                "see minutes",
                "1. Know neglect",
                "Sept 20",
                "Amber",
                "two of five done",
                "Training team",
                "Officers name neglect",
            ],
            [
                "DS MASH",
                "1.2 Dip-sample PPNs",
                "more notes",
                None,
                "Q3 2020/21",
                "G",
                None,
                None,
                None,
            ],
        ],
        title="Return",
    )
    workbook = read_workbook(path, agencies=agencies)
    plan = workbook.plans[0]
    assert (plan.sheet, plan.kind, plan.agency, plan.plan) == ("Return", PlanKind.AGENCY, TVP, TVP)
    first, second = plan.actions
    assert first == ParsedAction(
        row=5,
        objective_ref="1",
        objective="Know neglect",
        ref="1.1",
        action="Brief officers",
        input="Training team",
        desired_outcome="Officers name neglect",
        lead="DCI PP",
        timeframe="Sept 20",
        due=datetime.date(2020, 9, 30),
        recurring=None,
        rag="amber",
        progress="two of five done",
    )
    assert (second.row, second.objective_ref, second.ref, second.rag, second.progress) == (
        6,
        "1",
        "1.2",
        "green",
        None,
    )
    assert second.due == datetime.date(2020, 12, 31)
    assert workbook.errors == ()
    unknown = [w for w in workbook.warnings if w.column == "Notes"]
    assert len(unknown) == 1 and unknown[0].row == 4 and unknown[0].sheet == "Return"


def test_merged_objective_cells_apply_to_every_action_beneath(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    proforma(
        sheet,
        "TVP",
        [
            ["1. Know neglect", "Brief officers", None, None, "DCI PP", "Sept 20"],
            [None, "Dip-sample PPNs", None, None, None, "Oct 20"],
            [None, "Publish a message", None, None, "Comms", "Nov 20"],
            ["2. Attend conferences", "Monitor attendance", None, None, "DI CAIU", "Ongoing"],
        ],
    )
    sheet.merge_cells("A5:A7")
    sheet.merge_cells("E5:E6")  # one lead over two actions
    actions = only_plan_actions(
        read_workbook(save(workbook, tmp_path / "m.xlsx"), agencies=agencies)
    )
    assert [(a.objective_ref, a.objective, a.ref) for a in actions] == [
        ("1", "Know neglect", "1.1"),
        ("1", "Know neglect", "1.2"),
        ("1", "Know neglect", "1.3"),
        ("2", "Attend conferences", "2.1"),
    ]
    assert [a.lead for a in actions] == ["DCI PP", "DCI PP", "Comms", "DI CAIU"]


def test_blank_and_formatting_only_rows_are_skipped(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    proforma(
        sheet,
        "TVP",
        [
            ["1. Know neglect", "1.1 Brief officers", None, None, "DCI PP", "Sept 20", "Green"],
            [],
            [],  # borders and a RAG-coloured fill, but no value
            ["2. Attend conferences", "2.1 Monitor attendance", None, None, "DI", "Ongoing", "Red"],
            [],
        ],
    )
    for column in range(1, 8):
        sheet.cell(row=7, column=column).border = THIN_BORDER
    sheet.cell(row=7, column=7).fill = solid("FFFFC000")
    sheet.cell(row=9, column=7).fill = solid("FF00B050")
    workbook_read = read_workbook(save(workbook, tmp_path / "b.xlsx"), agencies=agencies)
    actions = only_plan_actions(workbook_read)
    assert [(a.row, a.ref, a.rag) for a in actions] == [(5, "1.1", "green"), (8, "2.1", "red")]
    assert workbook_read.warnings == () and workbook_read.errors == ()


def test_a_row_with_text_but_no_action_is_folded_into_the_action_above(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    workbook = Workbook()
    proforma(
        workbook.active,
        "TVP",
        [
            [
                "1. Know neglect",
                "1.1 Brief officers",
                "Trainers",
                None,
                "DCI PP",
                "Sept 20",
                "Amber - two done",
            ],
            [None, None, "Shift sergeants", None, None, None, "three booked"],
            [None, "1.2 Dip-sample PPNs", None, None, "DS MASH", "1/4ly", "Green"],
        ],
    )
    read = read_workbook(save(workbook, tmp_path / "f.xlsx"), agencies=agencies)
    first, second = only_plan_actions(read)
    assert first.input == "Trainers\nShift sergeants"
    assert (first.rag, first.progress) == ("amber", "two done\nthree booked")
    assert first.lead == "DCI PP" and second.ref == "1.2"
    [warning] = read.warnings
    assert (warning.sheet, warning.row, warning.column) == ("Sheet", 6, "Action")
    assert "row 5" in warning.message


def test_a_row_with_text_but_no_action_above_it_is_an_error(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    workbook = Workbook()
    proforma(
        workbook.active,
        "TVP",
        [
            [None, None, None, None, "DCI PP", "Sept 20"],
            ["1. Know neglect", "1.1 Brief officers"],
        ],
    )
    read = read_workbook(save(workbook, tmp_path / "e.xlsx"), agencies=agencies)
    assert [a.ref for a in read.plans[0].actions] == ["1.1"]
    [error] = read.errors
    assert (error.sheet, error.row, error.column) == ("Sheet", 5, "Action")


def test_an_objective_row_with_no_action_keeps_the_objective_and_warns_of_the_rest(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    workbook = Workbook()
    proforma(
        workbook.active,
        "TVP",
        [
            ["1. Know neglect", None, None, None, "DCI PP"],
            [None, "Brief officers"],
        ],
    )
    read = read_workbook(save(workbook, tmp_path / "e.xlsx"), agencies=agencies)
    assert [(a.objective, a.ref, a.lead) for a in read.plans[0].actions] == [
        ("Know neglect", "1.1", None)
    ]
    [warning] = read.warnings
    assert (warning.row, warning.column) == (5, "Action") and "'Lead'" in warning.message


def test_an_objective_on_a_row_of_its_own_heads_the_actions_below(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    workbook = Workbook()
    proforma(
        workbook.active,
        "TVP",
        [
            ["Know neglect"],
            [None, "Brief officers", None, None, "DCI PP", "Sept 20"],
            [None, "Dip-sample PPNs", None, None, "DS", "Oct 20"],
            ["Attend conferences"],
            [None, "Monitor attendance", None, None, "DI", "Ongoing"],
        ],
    )
    read = read_workbook(save(workbook, tmp_path / "o.xlsx"), agencies=agencies)
    assert [(a.objective_ref, a.objective, a.ref) for a in only_plan_actions(read)] == [
        ("1", "Know neglect", "1.1"),
        ("1", "Know neglect", "1.2"),
        ("2", "Attend conferences", "2.1"),
    ]
    assert read.warnings == ()


def test_hidden_rows_are_read(tmp_path: Path, agencies: AgencyDirectory) -> None:
    workbook = Workbook()
    sheet = workbook.active
    proforma(
        sheet, "TVP", [["1. Know neglect", "1.1 Brief officers"], [None, "1.2 Hidden but real"]]
    )
    sheet.row_dimensions[6].hidden = True
    sheet.column_dimensions["B"].hidden = True
    actions = only_plan_actions(
        read_workbook(save(workbook, tmp_path / "h.xlsx"), agencies=agencies)
    )
    assert [a.action for a in actions] == ["Brief officers", "Hidden but real"]


def test_separate_rag_and_progress_columns(tmp_path: Path, agencies: AgencyDirectory) -> None:
    workbook = Workbook()
    sheet = workbook.active
    proforma(
        sheet,
        "TVP",
        [
            ["1. Know neglect", "Brief officers", "DCI", "Amber", "two of five delivered"],
            [None, "Dip-sample PPNs", "DS", None, "first sample done"],
            [None, "Publish a message", "Comms", "Not yet due", None],
            [None, "Review training", "L&D", "Green - signed off", "module piloted"],
        ],
        header=["Objective", "Action", "Lead", "RAG", "Progress"],
    )
    sheet["D6"].fill = solid("FF00B050")
    actions = only_plan_actions(
        read_workbook(save(workbook, tmp_path / "r.xlsx"), agencies=agencies)
    )
    assert [(a.rag, a.progress) for a in actions] == [
        ("amber", "two of five delivered"),
        ("green", "first sample done"),
        (None, "Not yet due"),
        ("green", "signed off\nmodule piloted"),
    ]


def test_a_progress_column_without_a_rag_column_gives_the_rag(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    workbook = Workbook()
    sheet = workbook.active
    proforma(
        sheet,
        "TVP",
        [
            ["1. Know neglect", "Brief officers", "DCI", "Green - done"],
            [None, "Dip-sample PPNs", "DS", "A review is under way"],
            [None, "Publish a message", "Comms", "published"],
        ],
        header=["Objective", "Action", "Lead", "Progress update"],
    )
    sheet["D7"].fill = solid("FF0070C0")
    actions = only_plan_actions(
        read_workbook(save(workbook, tmp_path / "p.xlsx"), agencies=agencies)
    )
    assert [(a.rag, a.progress) for a in actions] == [
        ("green", "done"),
        (None, "A review is under way"),
        ("blue", "published"),
    ]


def test_rag_from_fill_colour_alone(tmp_path: Path, agencies: AgencyDirectory) -> None:
    workbook = Workbook()
    sheet = workbook.active
    proforma(sheet, "TVP", [[None, f"1.{n} Action {n}"] for n in range(1, 9)])
    sheet["A5"] = "1. Objective"
    fills = {
        5: solid("FFFF0000"),  # rgb red
        6: solid(Color(theme=6, tint=0.3999755851924192)),  # accent3 (9BBB59) lighter: green
        7: solid(Color(theme=5, tint=-0.249977111117893)),  # accent2 (C0504D) darker: red
        8: solid(Color(indexed=13)),  # Excel's yellow: amber
        9: solid(Color(indexed=30)),  # the workbook's own palette: green below
        10: solid(Color(theme=0, tint=-0.1499984740745262)),  # white darker 15%: grey
        11: solid("FFFFFFFF"),
    }
    for row, fill in fills.items():
        sheet.cell(row=row, column=7).fill = fill
    palette = list(workbook._colors)  # openpyxl writes this as the workbook's indexedColors
    palette[30] = "FF00B050"
    workbook._colors = palette
    actions = only_plan_actions(
        read_workbook(save(workbook, tmp_path / "c.xlsx"), agencies=agencies)
    )
    assert [a.rag for a in actions] == ["red", "green", "red", "amber", "green", None, None, None]
    assert all(a.progress is None for a in actions)


def test_several_plans_in_one_workbook_and_an_instructions_sheet(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    workbook = Workbook()
    instructions = workbook.active
    instructions.title = "Instructions"
    put_rows(instructions, [["How to fill in this return"], ["Use one row per action."]])
    proforma(workbook.create_sheet("TVP"), None, [["1. Know neglect", "1.1 Brief officers"]])
    proforma(workbook.create_sheet("Return 2"), "CSC", [["1. Embed MAC", "Plan a platform"]])
    read = read_workbook(save(workbook, tmp_path / "several.xlsx"), agencies=agencies)
    assert [(p.sheet, p.plan, len(p.actions)) for p in read.plans] == [
        ("TVP", TVP, 1),
        ("Return 2", "Oxfordshire County Council, Children's Social Care", 1),
    ]
    assert read.errors == ()
    [skipped] = read.warnings
    assert skipped.sheet == "Instructions" and "skipped" in skipped.message


def test_two_sheets_of_the_same_plan_are_an_error(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    workbook = Workbook()
    proforma(workbook.active, "TVP", [["1. Know neglect", "1.1 Brief officers"]])
    proforma(workbook.create_sheet("Copy"), "TVP", [["1. Know neglect", "1.1 Brief officers"]])
    read = read_workbook(save(workbook, tmp_path / "twice.xlsx"), agencies=agencies)
    assert len(read.errors) == 1 and "both" in read.errors[0].message


def test_an_empty_agency_cell_is_an_error(tmp_path: Path, agencies: AgencyDirectory) -> None:
    workbook = Workbook()
    proforma(workbook.active, None, [["1. Know neglect", "1.1 Brief officers"]])
    read = read_workbook(save(workbook, tmp_path / "blank.xlsx"), agencies=agencies)
    assert read.plans == ()
    [error] = read.errors
    assert (error.sheet, error.row) == ("Sheet", 2) and "Agency:" in error.message


def test_the_importers_agency_fills_an_empty_agency_cell(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    workbook = Workbook()
    proforma(workbook.active, None, [["1. Know neglect", "1.1 Brief officers"]])
    read = read_workbook(
        save(workbook, tmp_path / "blank.xlsx"), agencies=agencies, agency="thames valley police"
    )
    assert [p.plan for p in read.plans] == [TVP] and read.errors == ()


def test_an_unknown_importers_agency_is_an_error(tmp_path: Path, agencies: AgencyDirectory) -> None:
    workbook = Workbook()
    proforma(workbook.active, "TVP", [["1. Know neglect", "1.1 Brief officers"]])
    read = read_workbook(
        save(workbook, tmp_path / "x.xlsx"), agencies=agencies, agency="Oxford Brookes"
    )
    assert read.plans == ()
    [error] = read.errors
    assert error.sheet is None and "Oxford Brookes" in error.message


def test_text_starting_with_formula_characters_is_kept_as_text(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    workbook = Workbook()
    proforma(
        workbook.active,
        "TVP",
        [
            [
                "1. Know neglect",
                "=Brief all officers",
                "+ extra funding",
                "-fewer repeats",
                "@DCI_PP",
                "Sept 20",
                "=SUM(A1:A3) not yet",
            ],
        ],
    )
    [action] = only_plan_actions(
        read_workbook(save(workbook, tmp_path / "eq.xlsx"), agencies=agencies)
    )
    assert (action.action, action.input, action.desired_outcome, action.lead, action.progress) == (
        "=Brief all officers",
        "+ extra funding",
        "-fewer repeats",
        "@DCI_PP",
        "=SUM(A1:A3) not yet",
    )


def test_a_time_scale_that_is_not_a_date_is_a_warning_on_its_row_and_column(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    workbook = Workbook()
    proforma(
        workbook.active,
        "TVP",
        [
            ["1. Know neglect", "1.1 Brief officers", None, None, "DCI", "Sept 20"],
            [None, "1.2 Dip-sample", None, None, "DS", "TBC"],
            [None, "1.3 Publish", None, None, "Comms", datetime.datetime(2020, 10, 31)],
        ],
    )
    read = read_workbook(save(workbook, tmp_path / "tbc.xlsx"), agencies=agencies)
    actions = only_plan_actions(read)
    assert [(a.timeframe, a.due) for a in actions] == [
        ("Sept 20", datetime.date(2020, 9, 30)),
        ("TBC", None),
        ("2020-10-31", datetime.date(2020, 10, 31)),
    ]
    [warning] = read.warnings
    assert (warning.sheet, warning.row, warning.column) == ("Sheet", 6, "Time-scale")
    assert "cannot read 'TBC' as a date" in warning.message


def test_list_markup_in_a_cell_becomes_plain_lines(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    workbook = Workbook()
    proforma(
        workbook.active,
        "TVP",
        [["1. Know neglect", "1.1 Review:<ul>\n<li>tools</li>\n\n<li>chronologies</li></ul>"]],
    )
    [action] = only_plan_actions(
        read_workbook(save(workbook, tmp_path / "ul.xlsx"), agencies=agencies)
    )
    assert action.action == "Review:\n- tools\n- chronologies"


def test_the_same_action_ref_twice_is_an_error(tmp_path: Path, agencies: AgencyDirectory) -> None:
    workbook = Workbook()
    proforma(
        workbook.active,
        "TVP",
        [["1. Know neglect", "1.1 Brief officers"], [None, "1.1 Dip-sample"]],
    )
    read = read_workbook(save(workbook, tmp_path / "dup.xlsx"), agencies=agencies)
    [error] = read.errors
    assert (error.row, error.column) == (6, "Action") and "1.1" in error.message


def test_actions_without_an_objective_column_take_their_objective_from_their_ref(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    path = one_sheet(
        tmp_path / "no-objective.xlsx",
        [
            ["Agency: TVP"],
            ["Action", "Lead"],
            ["2.1 Brief officers", "DCI"],
            ["2.2 Dip-sample", "DS"],
            ["Publish", "Comms"],
        ],
    )
    read = read_workbook(path, agencies=agencies)
    assert [(a.objective_ref, a.objective, a.ref) for a in only_plan_actions(read)] == [
        ("2", "", "2.1"),
        ("2", "", "2.2"),
        ("2", "", "2.3"),
    ]
    assert read.warnings == ()


def test_a_workbook_is_read_from_bytes_or_an_open_file(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    workbook = Workbook()
    proforma(workbook.active, "TVP", [["1. Know neglect", "1.1 Brief officers"]])
    path = save(workbook, tmp_path / "src.xlsx")
    from_bytes = read_workbook(path.read_bytes(), agencies=agencies)
    with path.open("rb") as handle:
        from_file = read_workbook(handle, agencies=agencies)
    assert from_bytes == from_file == read_workbook(str(path), agencies=agencies)


def test_an_objective_with_no_actions_is_a_warning(
    tmp_path: Path, agencies: AgencyDirectory
) -> None:
    workbook = Workbook()
    proforma(
        workbook.active,
        "TVP",
        [["1. Know neglect"], ["2. Attend conferences", "2.1 Monitor"], ["3. Not yet planned"]],
    )
    read = read_workbook(save(workbook, tmp_path / "o.xlsx"), agencies=agencies)
    assert [a.ref for a in only_plan_actions(read)] == ["2.1"]
    assert [(w.row, w.column) for w in read.warnings] == [(5, "Objective"), (7, "Objective")]


def test_reading_a_long_sheet_reports_its_progress(agencies, tmp_path):
    from benchmarks.workbooks import agency_return
    from tracker.imports.proforma import read_workbook

    path = agency_return(tmp_path / "long.xlsx", actions=1000)
    seen: list[tuple[int, int]] = []
    workbook = read_workbook(
        path, agencies=agencies, progress=lambda done, total: seen.append((done, total))
    )

    assert len(workbook.plans[0].actions) == 1000
    assert [done for done, _ in seen] == [250, 500, 750, 1000]
    assert {total for _, total in seen} == {1004}
