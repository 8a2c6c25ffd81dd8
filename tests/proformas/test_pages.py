"""Downloading proformas from the plan and return pages, and every agency's at once."""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from tests.returns.test_steps import tvp_plan
from tracker.core.tables import Plan

QUARTER = "2020-21-Q2"


def test_the_return_page_offers_its_proforma_and_the_download_is_the_plans_workbook(tvp_client):
    plan_id = tvp_plan()
    page = tvp_client.get(f"/returns/{QUARTER}/plans/{plan_id}")
    link = f"/plans/{plan_id}/proforma/{QUARTER}"
    assert link in page.text

    download = tvp_client.get(link)

    assert download.status_code == 200
    disposition = download.headers["content-disposition"]
    assert disposition == 'attachment; filename="proforma-thames-valley-police-2020-21-Q2.xlsx"'
    workbook = load_workbook(io.BytesIO(download.content))
    assert workbook.sheetnames == ["Proforma", "Instructions"]
    sheet = workbook["Proforma"]
    assert sheet["A2"].value == "Agency: Thames Valley Police"
    assert [cell.value for cell in sheet[5]][:3] == ["Ref", "Objective", "Action"]
    assert sheet["A6"].value == "1.1"
    assert sheet.protection.sheet and not sheet.protection.password
    assert not sheet["J6"].protection.locked and sheet["C6"].protection.locked
    assert not sheet["C40"].protection.locked  # a row to add a new action in
    (choices,) = sheet.data_validations.dataValidation
    assert choices.formula1 == '"Red,Amber,Green,Complete"'
    properties = {prop.name: prop.value for prop in workbook.custom_doc_props.props}
    assert properties["Tracker plan"] == "Thames Valley Police"
    assert properties["Tracker plan id"] == str(plan_id)
    assert properties["Tracker quarter"] == QUARTER
    instructions = " ".join(str(row[0].value) for row in workbook["Instructions"].iter_rows())
    assert "send it back by 14 Oct 2020" in instructions


def test_the_plan_page_offers_the_proforma_for_the_quarter_it_shows(tvp_client):
    page = tvp_client.get(f"/plans/{tvp_plan()}?as_at=2020-08-01")
    assert f"/plans/{tvp_plan()}/proforma/2020-21-Q2" in page.text
    assert "Download the proforma for 2020-21 Q2" in page.text


def test_a_lead_is_offered_their_own_agencys_proforma_only(lead_client):
    own = lead_client.get(f"/plans/{tvp_plan()}")
    assert "/proforma/" in own.text
    overarching = Plan.select(Plan.id).where(Plan.name == "Overarching").first().run_sync()
    other = lead_client.get(f"/plans/{overarching['id']}")
    assert "/proforma/" not in other.text
    assert lead_client.get(f"/plans/{overarching['id']}/proforma/{QUARTER}").status_code == 403


def test_a_bad_quarter_is_not_found(tvp_client):
    assert tvp_client.get(f"/plans/{tvp_plan()}/proforma/2020-Q9").status_code == 404


def test_the_business_unit_downloads_every_agencys_proforma_in_one_zip(tvp_client):
    page = tvp_client.get(f"/returns/{QUARTER}")
    assert f"/returns/{QUARTER}/proformas.zip" in page.text

    download = tvp_client.get(f"/returns/{QUARTER}/proformas.zip")

    assert download.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    agency_plans = Plan.count().where(Plan.agency.is_not_null()).run_sync()
    assert len(names) == agency_plans
    assert "proforma-thames-valley-police-2020-21-Q2.xlsx" in names
    assert "proforma-overarching-2020-21-Q2.xlsx" not in names
