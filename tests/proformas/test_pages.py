"""Downloading proformas from the plan and return pages, and every agency's at once.

Ids and counts are read before the app opens: its connections are not the test's.
"""

from __future__ import annotations

import io
import zipfile

from openpyxl import load_workbook

from tests.returns.test_steps import tvp_plan
from tests.support.accounts import TVP_LEAD, csrf_headers, sign_in
from tracker.core.tables import Plan

QUARTER = "2020-21-Q2"


def test_the_return_page_offers_its_proforma_and_the_download_is_the_plans_workbook(tvp_db, serve):
    plan_id = tvp_plan()
    link = f"/plans/{plan_id}/proforma/{QUARTER}"
    with serve(tvp_db) as client:
        page = client.get(f"/returns/{QUARTER}/plans/{plan_id}")
        download = client.get(link)

    assert link in page.text
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


def test_the_plan_page_offers_the_proforma_for_the_quarter_it_shows(tvp_db, serve):
    plan_id = tvp_plan()
    with serve(tvp_db) as client:
        page = client.get(f"/plans/{plan_id}?as_at=2020-08-01")
    assert f"/plans/{plan_id}/proforma/2020-21-Q2" in page.text
    assert "Download the proforma for 2020-21 Q2" in page.text


def test_a_lead_is_offered_their_own_agencys_proforma_only(tvp_db, serve):
    own_id = tvp_plan()
    overarching = Plan.select(Plan.id).where(Plan.name == "Overarching").first().run_sync()["id"]
    with serve(tvp_db) as client:
        client.post("/sign-out", headers=csrf_headers(client))
        assert sign_in(client, TVP_LEAD).status_code == 303
        own = client.get(f"/plans/{own_id}")
        other = client.get(f"/plans/{overarching}")
        refused = client.get(f"/plans/{overarching}/proforma/{QUARTER}")
    assert "/proforma/" in own.text
    assert "/proforma/" not in other.text
    assert refused.status_code == 403


def test_a_bad_quarter_is_not_found(tvp_db, serve):
    plan_id = tvp_plan()
    with serve(tvp_db) as client:
        assert client.get(f"/plans/{plan_id}/proforma/2020-Q9").status_code == 404


def test_the_business_unit_downloads_every_agencys_proforma_in_one_zip(tvp_db, serve):
    agency_plans = Plan.count().where(Plan.agency.is_not_null()).run_sync()
    with serve(tvp_db) as client:
        page = client.get(f"/returns/{QUARTER}")
        download = client.get(f"/returns/{QUARTER}/proformas.zip")

    assert f"/returns/{QUARTER}/proformas.zip" in page.text
    assert download.status_code == 200
    names = zipfile.ZipFile(io.BytesIO(download.content)).namelist()
    assert len(names) == agency_plans
    assert "proforma-thames-valley-police-2020-21-Q2.xlsx" in names
    assert "proforma-overarching-2020-21-Q2.xlsx" not in names
