"""Which plan a sheet is, told by the importer's choice, an Agency: cell, a
title, the sheet name, or an overarching title."""

from __future__ import annotations

import pytest

from tracker.imports.proforma import AgencyDirectory, PlanKind
from tracker.imports.proforma.plans import NoPlan, PlanOverride, choose_plan, read_override

TVP = "Thames Valley Police"
CSC = "Oxfordshire County Council, Children's Social Care"


def test_an_agency_cell_names_the_agency(agencies: AgencyDirectory) -> None:
    titles = [
        (1, ["Appendix 4: Proforma for Individual Agency Action Plans"]),
        (2, ["Agency: TVP"]),
    ]
    choice = choose_plan("Sheet1", titles, agencies)
    assert (choice.kind, choice.agency and choice.agency.name, choice.name) == (
        PlanKind.AGENCY,
        TVP,
        TVP,
    )


@pytest.mark.parametrize(
    "cells",
    [
        ["Agency:", None, "Thames Valley Police"],
        ["Organisation: Thames Valley Police"],
        ["Organization", "TVP"],
    ],
)
def test_the_agency_may_be_in_the_next_cell_or_labelled_organisation(
    agencies: AgencyDirectory, cells: list[str | None]
) -> None:
    assert choose_plan("Sheet1", [(2, cells)], agencies).name == TVP


def test_an_empty_agency_cell_is_an_error_on_its_row(agencies: AgencyDirectory) -> None:
    with pytest.raises(NoPlan) as raised:
        choose_plan("Appendix 4", [(1, ["Appendix 4: Proforma"]), (2, ["Agency:"])], agencies)
    assert raised.value.row == 2
    assert "Agency:" in raised.value.message


def test_an_agency_cell_naming_no_agency_of_the_partnership_is_an_error(
    agencies: AgencyDirectory,
) -> None:
    with pytest.raises(NoPlan, match="Oxford Brookes"):
        choose_plan("Sheet1", [(2, ["Agency: Oxford Brookes"])], agencies)


def test_a_title_naming_an_agency(agencies: AgencyDirectory) -> None:
    assert (
        choose_plan("Sheet1", [(1, ["Oxford Health neglect action plan"])], agencies).name
        == "Oxford Health, NHS Foundation Trust"
    )


def test_the_sheet_name_naming_an_agency(agencies: AgencyDirectory) -> None:
    assert choose_plan("NPS", [], agencies).name == "National Probation Service"


def test_additional_actions_are_a_plan_of_their_own(agencies: AgencyDirectory) -> None:
    titles = [(1, ["Appendix 3: Additional actions for Children’s Social Care"])]
    choice = choose_plan("Appendix 3", titles, agencies)
    assert choice.kind is PlanKind.ADDITIONAL
    assert choice.name == f"{CSC} (additional actions)"


@pytest.mark.parametrize(
    "title", ["Appendix 1: Overarching Neglect Action Plan", "Overarching plan", "APPENDIX 1"]
)
def test_an_overarching_title_is_the_overarching_plan(
    agencies: AgencyDirectory, title: str
) -> None:
    choice = choose_plan("Sheet1", [(1, [title])], agencies)
    assert (choice.kind, choice.agency, choice.name) == (PlanKind.OVERARCHING, None, "Overarching")


def test_a_sheet_saying_no_plan_is_an_error(agencies: AgencyDirectory) -> None:
    with pytest.raises(NoPlan):
        choose_plan("Sheet1", [(1, ["Action plan"])], agencies)


def test_the_importers_agency_overrides_the_sheet(agencies: AgencyDirectory) -> None:
    override = read_override("tvp", None, agencies)
    titles = [(2, ["Agency: CSC"])]
    assert choose_plan("CSC", titles, agencies, override).name == TVP


def test_the_importers_plan_can_be_the_overarching_plan(agencies: AgencyDirectory) -> None:
    override = read_override(None, "Overarching", agencies)
    assert choose_plan("TVP", [], agencies, override).kind is PlanKind.OVERARCHING


def test_the_importers_plan_can_be_additional_actions(agencies: AgencyDirectory) -> None:
    override = read_override(None, f"{CSC} (additional actions)", agencies)
    assert override == PlanOverride(PlanKind.ADDITIONAL, agencies.find("CSC"))
    assert choose_plan("Sheet1", [], agencies, override).name == f"{CSC} (additional actions)"


@pytest.mark.parametrize(
    ("agency", "plan"),
    [("Oxford Brookes", None), (None, "Sheet plan"), ("TVP", "Overarching"), ("TVP", "CSC")],
)
def test_an_importers_choice_naming_no_plan_is_refused(
    agencies: AgencyDirectory, agency: str | None, plan: str | None
) -> None:
    with pytest.raises(NoPlan):
        read_override(agency, plan, agencies)
