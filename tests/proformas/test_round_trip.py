"""A plan's proforma goes out pre-filled and comes back as the plan's return for its quarter."""

from __future__ import annotations

import asyncio
import io
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from tests.returns.test_steps import BUSINESS_UNIT, CHAIR, Q1, do_accept, do_submit, tvp_plan
from tracker.core.dates import Quarter
from tracker.core.tables import Action, ImportRecord, Objective, Plan, PlanReturn, Update
from tracker.imports.service import import_workbook
from tracker.proformas.build import made_proforma
from tracker.proformas.queries import proforma_plan

Q2 = Quarter(2020, 2)
Q2_END = date(2020, 9, 30)
FIRST = 6  # the first action's row, below the titles and the header
RAG, PROGRESS, IMPACT = "J", "K", "L"


def proforma(plan_id: int, quarter: Quarter = Q2) -> bytes:
    plan = asyncio.run(proforma_plan(plan_id))
    return asyncio.run(made_proforma(plan, quarter))[1]


def run_import(content: bytes | Path, **options):
    return asyncio.run(
        import_workbook(
            content, file_name="returned.xlsx", as_at=None, recorded_by="officer", **options
        )
    )


def counts() -> dict[str, int]:
    return {
        table.__name__: table.count().run_sync()
        for table in (Update, Action, Objective, Plan, PlanReturn)
    }


def test_every_plans_proforma_imports_unchanged_with_no_change(tvp_db):
    plans = Plan.select(Plan.id, Plan.name).order_by(Plan.id).run_sync()
    assert len(plans) > 10
    before = counts()
    imported = 0
    for plan in plans:
        outcome = run_import(proforma(plan["id"]))
        assert outcome.workbook.errors == (), plan["name"]
        summary = outcome.result["summary"]
        assert summary["created"] == summary["updated"] == 0, plan["name"]
        imported += summary["unchanged"]
        # Nothing to complain of but a plan with no actions yet.
        for warning in outcome.result["warnings"]:
            assert warning["message"] == "No actions were found below the header row.", warning
    assert counts() == before
    assert imported == Action.count().run_sync()


def filled_tvp_proforma(quarter: Quarter = Q2) -> bytes:
    """As an agency fills it: three RAGs, two progress notes, one evidence of impact."""
    workbook = load_workbook(io.BytesIO(proforma(tvp_plan(), quarter)))
    sheet = workbook["Proforma"]
    sheet[f"{RAG}{FIRST}"] = "Red"
    sheet[f"{RAG}{FIRST + 1}"] = "Complete"
    sheet[f"{RAG}{FIRST + 2}"] = "Green"
    sheet[f"{PROGRESS}{FIRST + 2}"] = "=Both briefings done"
    sheet[f"{PROGRESS}{FIRST + 2}"].data_type = "s"  # typed as text, as Excel keeps "'=..."
    sheet[f"{PROGRESS}{FIRST + 3}"] = "@ the December meeting: review agreed"
    sheet[f"{IMPACT}{FIRST + 4}"] = "Officers name neglect in 9 of 10 referrals"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def tvp_refs() -> list[str]:
    rows = Action.select(Action.ref).where(Action.plan == tvp_plan()).order_by(Action.position)
    return [row["ref"] for row in rows.run_sync()]


def assert_imported_as_the_q2_return(outcome, before_updates: dict) -> None:
    assert outcome.workbook.errors == ()
    assert outcome.result["summary"] == {"created": 0, "updated": 5, "unchanged": 8}
    refs = tvp_refs()[:5]
    new = {
        row["action.ref"]: row
        for row in Update.select(
            Update.action.ref, Update.rag, Update.progress, Update.impact, Update.as_at
        )
        .where(Update.import_record == outcome.import_id)
        .run_sync()
    }
    assert sorted(new) == sorted(refs)
    assert {row["as_at"] for row in new.values()} == {Q2_END}
    was = before_updates
    assert (new[refs[0]]["rag"], new[refs[0]]["progress"]) == ("red", was[refs[0]][1])
    assert (new[refs[1]]["rag"], new[refs[1]]["progress"]) == ("blue", was[refs[1]][1])
    assert (new[refs[2]]["rag"], new[refs[2]]["progress"]) == ("green", "=Both briefings done")
    assert new[refs[3]]["progress"] == "@ the December meeting: review agreed"
    assert new[refs[3]]["rag"] == was[refs[3]][0]
    assert new[refs[4]]["impact"] == "Officers name neglect in 9 of 10 referrals"
    assert (new[refs[4]]["rag"], new[refs[4]]["progress"]) == was[refs[4]]
    returned = (
        PlanReturn.select(PlanReturn.state)
        .where((PlanReturn.plan == tvp_plan()) & (PlanReturn.quarter == Q2.slug))
        .run_sync()
    )
    assert [row["state"] for row in returned] == ["draft"]


def tvp_status() -> dict[str, tuple[str | None, str | None]]:
    from tracker.plans.queries import actions_as_at

    found = asyncio.run(actions_as_at(Q2_END, plan_id=tvp_plan()))
    return {action.ref: (action.rag, action.progress) for action in found}


def test_a_filled_tvp_proforma_imports_as_its_quarters_return_dated_on_its_last_day(tvp_db):
    before = tvp_status()
    outcome = run_import(filled_tvp_proforma())
    assert_imported_as_the_q2_return(outcome, before)
    record = ImportRecord.select(ImportRecord.as_at).where(ImportRecord.id == outcome.import_id)
    assert record.first().run_sync()["as_at"] == Q2_END


def test_a_date_picked_outside_the_proformas_quarter_is_overruled_and_said(tvp_db):
    outcome = run_import(filled_tvp_proforma(), dry_run=True)
    assert outcome.result["errors"] == []
    picked = asyncio.run(
        import_workbook(
            filled_tvp_proforma(),
            file_name="returned.xlsx",
            as_at=date(2021, 1, 5),
            recorded_by="officer",
            dry_run=True,
        )
    )
    messages = [warning["message"] for warning in picked.result["warnings"]]
    assert any("dated 30 Sep 2020, not 5 Jan 2021" in message for message in messages)


def test_a_proforma_for_an_accepted_quarter_is_refused_and_nothing_is_written(tvp_db):
    plan_id = tvp_plan()
    do_submit(plan_id, BUSINESS_UNIT, quarter=Q1)
    do_accept(plan_id, person=CHAIR, quarter=Q1)
    before = counts()

    outcome = run_import(filled_tvp_proforma(Q1))

    assert outcome.import_id is None
    assert any("accepted" in error["message"] for error in outcome.result["errors"])
    assert counts() == before


def test_text_that_looks_like_a_formula_goes_out_and_comes_back_as_text(tvp_db):
    first, second, third = (
        Action.select(Action.id).where(Action.plan == tvp_plan()).order_by(Action.position)
    ).run_sync()[:3]
    Action.update({Action.text: '=HYPERLINK("http://x")'}).where(
        Action.id == first["id"]
    ).run_sync()
    Action.update({Action.lead: "+44 team"}).where(Action.id == second["id"]).run_sync()
    Action.update({Action.input: "-1 officer"}).where(Action.id == third["id"]).run_sync()
    content = proforma(tvp_plan())

    sheet = load_workbook(io.BytesIO(content))["Proforma"]
    assert sheet[f"C{FIRST}"].value == '=HYPERLINK("http://x")'
    assert sheet[f"C{FIRST}"].data_type == "s"
    assert sheet[f"F{FIRST + 1}"].value == "+44 team"
    assert sheet[f"D{FIRST + 2}"].value == "-1 officer"
    before = counts()
    outcome = run_import(content)
    assert outcome.result["summary"]["updated"] == 0
    assert counts() == before


def test_a_row_added_below_the_last_action_is_a_new_action_of_the_last_objective(tvp_db):
    workbook = load_workbook(io.BytesIO(proforma(tvp_plan())))
    sheet = workbook["Proforma"]
    row = sheet.max_row + 1
    while sheet[f"C{row - 1}"].value is None:
        row -= 1
    last_ref = sheet[f"A{row - 1}"].value
    sheet[f"C{row}"] = "Share the learning with neighbouring forces"
    sheet[f"F{row}"] = "Head of Safeguarding Policy"
    sheet[f"{RAG}{row}"] = "Green"
    out = io.BytesIO()
    workbook.save(out)

    outcome = run_import(out.getvalue())

    assert outcome.result["summary"] == {"created": 1, "updated": 0, "unchanged": 13}
    objective, number = last_ref.split(".")
    created = Action.select(Action.ref, Action.lead).where(
        (Action.plan == tvp_plan()) & (Action.ref == f"{objective}.{int(number) + 1}")
    )
    assert created.first().run_sync()["lead"] == "Head of Safeguarding Policy"


def test_the_same_filled_proforma_imported_again_changes_nothing(tvp_db):
    filled = filled_tvp_proforma()
    assert run_import(filled).result["summary"]["updated"] == 5
    before = counts()

    again = run_import(filled)

    assert again.result["summary"] == {"created": 0, "updated": 0, "unchanged": 13}
    assert counts() == before
