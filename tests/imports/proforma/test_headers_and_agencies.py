"""Header names in their many spellings, and the partnership's agencies."""

from __future__ import annotations

import pytest

from tracker.imports.proforma import AgencyDirectory, AgencyName
from tracker.imports.proforma.headers import Field, field_for_header, read_header


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Time-frame", Field.TIMESCALE),
        ("Timeframe", Field.TIMESCALE),
        ("Time-scale", Field.TIMESCALE),
        ("Timescale", Field.TIMESCALE),
        ("Due", Field.TIMESCALE),
        ("Due date", Field.TIMESCALE),
        ("By when?", Field.TIMESCALE),
        ("Lead", Field.LEAD),
        ("Lead officer", Field.LEAD),
        ("Owner", Field.LEAD),
        ("Responsible", Field.LEAD),
        ("RAG/Progress", Field.RAG_PROGRESS),
        ("RAG / progress", Field.RAG_PROGRESS),
        ("RAG", Field.RAG),
        ("RAG status", Field.RAG),
        ("Progress", Field.PROGRESS),
        ("Progress update", Field.PROGRESS),
        ("Desired outcome", Field.DESIRED_OUTCOME),
        ("Outcome", Field.DESIRED_OUTCOME),
        ("Input", Field.INPUT),
        ("Resources", Field.INPUT),
        ("Objective", Field.OBJECTIVE),
        ("OBJECTIVES", Field.OBJECTIVE),
        ("Action", Field.ACTION),
        ("Action(s)", Field.ACTION),
        ("  action  ", Field.ACTION),
        ("Time-scale (month/year)", Field.TIMESCALE),
        # A tracker proforma's (and the review download's) own columns.
        ("Ref", Field.REF),
        ("Evidence of impact", Field.IMPACT),
        ("RAG (2026-27 Q2)", Field.RAG),
        ("Progress (2026-27 Q2)", Field.PROGRESS),
        ("Current RAG", Field.CURRENT_RAG),
    ],
)
def test_header_synonyms_name_their_column(header: str, field: Field) -> None:
    assert field_for_header(header) is field


@pytest.mark.parametrize("header", ["Notes", "Status", "Comments"])
def test_other_headers_are_unknown(header: str) -> None:
    assert field_for_header(header) is None


def test_a_header_row_needs_an_action_and_one_of_objective_lead_timescale_or_rag() -> None:
    assert read_header(["Action", "Notes"]) is None
    assert read_header(["Objective", "Lead"]) is None
    assert read_header(["Action plan for TVP"]) is None
    header = read_header([None, "Lead officer", "Actions", "Notes", "Owner"])
    assert header is not None
    assert header.columns[Field.ACTION].index == 2
    assert header.columns[Field.LEAD].header == "Lead officer"
    assert [column.header for column in header.unknown] == ["Notes"]
    assert [column.header for column in header.repeated] == ["Owner"]


@pytest.fixture
def directory() -> AgencyDirectory:
    return AgencyDirectory(
        [
            AgencyName(
                "Oxfordshire County Council, Children's Social Care",
                ("CSC", "Children's Social Care"),
            ),
            AgencyName("Oxford Health, NHS Foundation Trust", ("Oxford Health",)),
            AgencyName(
                "City and District Councils led by Oxford City Council",
                ("City and District Councils", "Oxford City Council"),
            ),
            AgencyName("Thames Valley Police", ("TVP",)),
            AgencyName("Oxfordshire County Council, Education Service", ("Education",)),
        ]
    )


@pytest.mark.parametrize(
    "text",
    ["Thames Valley Police", "TVP", "tvp", "  thames  valley police ", "THAMES VALLEY POLICE"],
)
def test_an_agency_is_found_by_its_name_or_short_name(
    directory: AgencyDirectory, text: str
) -> None:
    agency = directory.find(text)
    assert agency is not None and agency.name == "Thames Valley Police"


@pytest.mark.parametrize(
    "text",
    [
        "Children’s Social Care",
        "children's social care",
        "Oxfordshire County Council, Children’s Social Care",
        "CSC",
    ],
)
def test_apostrophe_style_does_not_matter(directory: AgencyDirectory, text: str) -> None:
    agency = directory.find(text)
    assert agency is not None and agency.short_names[0] == "CSC"


def test_find_needs_the_whole_text_to_be_a_name(directory: AgencyDirectory) -> None:
    assert directory.find("TVP action plan") is None
    assert directory.find("Police") is None


def test_find_in_finds_a_name_as_whole_words_in_a_title(directory: AgencyDirectory) -> None:
    found = directory.find_in("Appendix 3: Additional actions for Children’s Social Care")
    assert found is not None and found.short_names[0] == "CSC"
    assert directory.find_in("TVP Q2 return") == directory.find("TVP")
    assert directory.find_in("Sheet1") is None
    assert directory.find_in("EDUCATIONAL PSYCHOLOGY") is None  # not a whole word


def test_find_in_prefers_the_longest_name(directory: AgencyDirectory) -> None:
    found = directory.find_in("Oxford City Council and Oxford Health joint plan")
    assert found is not None and found.name.startswith("City and District")


def test_a_current_rag_column_is_the_rag_column_only_where_there_is_no_other() -> None:
    proforma = read_header(["Ref", "Action", "Current RAG", "RAG (2026-27 Q2)"])
    assert proforma is not None
    assert proforma.columns[Field.RAG].header == "RAG (2026-27 Q2)"
    assert proforma.columns[Field.CURRENT_RAG].index == 2
    alone = read_header(["Action", "Current RAG", "Current progress"])
    assert alone is not None
    assert alone.columns[Field.RAG].header == "Current RAG"
    assert alone.columns[Field.PROGRESS].header == "Current progress"
