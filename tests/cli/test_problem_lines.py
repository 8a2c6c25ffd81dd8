"""`tracker import`'s summary and problems as lines: a message repeated down a column is
one line."""

from tracker.cli.commands.importing import problem_lines, summary_line

TBC = "cannot read 'TBC' as a date, so the action has no due date"


def problem(row, message=TBC, sheet="Action plan", column="Time-scale"):
    return {"sheet": sheet, "row": row, "column": column, "message": message}


def test_a_message_on_many_rows_of_a_column_is_one_line_naming_the_first_rows():
    problems = [problem(row) for row in range(11, 11 + 7 * 714, 7)]
    assert problem_lines("Warning", problems) == [
        "Warning: sheet Action plan, rows 11, 18, 25, 32, 39 and 709 more, column Time-scale: "
        + TBC
    ]


def test_each_message_keeps_its_place_and_a_single_row_reads_as_before():
    problems = [
        problem(5, "the RAG cell is blank"),
        problem(11),
        problem(18),
        problem(9, TBC, column="Lead"),
        {"sheet": None, "row": None, "column": None, "message": "The file has no plan."},
        problem(12, "the RAG cell is blank"),
    ]
    assert problem_lines("Error", problems) == [
        "Error: sheet Action plan, rows 5, 12, column Time-scale: the RAG cell is blank",
        f"Error: sheet Action plan, rows 11, 18, column Time-scale: {TBC}",
        f"Error: sheet Action plan, row 9, column Lead: {TBC}",
        "Error: The file has no plan.",
    ]


def test_a_repeated_message_without_a_row_is_not_lost():
    problems = [problem(3), problem(None), problem(4)]
    assert problem_lines("Warning", problems) == [
        f"Warning: sheet Action plan, rows 3, 4, column Time-scale: {TBC}",
        f"Warning: sheet Action plan, column Time-scale: {TBC}",
    ]


def test_the_summary_groups_thousands():
    line = summary_line("Would import", "r.xlsx", {"created": 5000, "updated": 12, "unchanged": 0})
    assert line == "Would import r.xlsx: 5,000 created, 12 updated, 0 unchanged."
