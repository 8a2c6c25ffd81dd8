"""A plan's proforma goes out pre-filled and comes back as the plan's return for its quarter."""

from __future__ import annotations

import asyncio
import io
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from tests.returns.test_steps import BUSINESS_UNIT, CHAIR, Q1, do_accept, do_submit, tvp_plan
from tracker.core.dates import Quarter
from tracker.core.tables import (
    Action,
    ImportRecord,
    Objective,
    Plan,
    PlanReturn,
    Proposal,
    ReturnStep,
    Update,
)
from tracker.imports.service import import_workbook
from tracker.proformas.build import made_proforma
from tracker.proformas.queries import proforma_plan
from tracker.proposals.store import decide

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


ADDED = "Share the learning with neighbouring forces"


def add_row(sheet) -> str:
    """A new action written in the first empty row below the last: its ref, as read."""
    row = sheet.max_row + 1
    while sheet[f"C{row - 1}"].value is None:
        row -= 1
    objective, number = sheet[f"A{row - 1}"].value.split(".")
    sheet[f"C{row}"] = ADDED
    sheet[f"F{row}"] = "Head of Safeguarding Policy"
    sheet[f"{RAG}{row}"] = "Green"
    return f"{objective}.{int(number) + 1}"


def filled_tvp_proforma(quarter: Quarter = Q2, added: bool = False) -> bytes:
    """As an agency fills it: three RAGs, two progress notes, one evidence of impact, and
    (`added`) one new row."""
    workbook = load_workbook(io.BytesIO(proforma(tvp_plan(), quarter)))
    sheet = workbook["Proforma"]
    if added:
        add_row(sheet)
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


def assert_imported_as_the_q2_return(
    outcome, before_updates: dict, state: str = "submitted", proposed: int = 1
) -> None:
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
    assert [row["state"] for row in returned] == [state]
    # The added row is a proposed new action, not an action of the plan yet.
    assert len(tvp_refs()) == 13
    proposals = Proposal.select(Proposal.kind, Proposal.ref, Proposal.after, Proposal.status)
    rows = proposals.where(Proposal.plan == tvp_plan()).run_sync()
    assert [(row["kind"], row["after"], row["status"]) for row in rows] == [
        ("new", ADDED, "proposed")
    ] * proposed


def tvp_status() -> dict[str, tuple[str | None, str | None]]:
    from tracker.plans.queries import actions_as_at

    found = asyncio.run(actions_as_at(Q2_END, plan_id=tvp_plan()))
    return {action.ref: (action.rag, action.progress) for action in found}


def test_a_filled_tvp_proforma_imports_as_its_quarters_submitted_return_dated_on_its_last_day(
    tvp_db,
):
    before = tvp_status()
    outcome = run_import(filled_tvp_proforma(added=True), submit_return=True)
    assert_imported_as_the_q2_return(outcome, before)
    steps = (
        ReturnStep.select(ReturnStep.state)
        .where(
            (ReturnStep.plan_return._.plan == tvp_plan())
            & (ReturnStep.plan_return._.quarter == Q2.slug)
        )
        .order_by(ReturnStep.id)
        .run_sync()
    )
    assert [step["state"] for step in steps] == ["draft", "submitted"]
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


def test_a_filled_proforma_can_be_left_a_draft_return(tvp_db):
    before = tvp_status()
    outcome = run_import(filled_tvp_proforma(added=True), submit_return=False)
    assert_imported_as_the_q2_return(outcome, before, state="draft")


def test_a_row_added_below_the_last_action_is_proposed_and_becomes_an_action_once_accepted(
    tvp_db,
):
    workbook = load_workbook(io.BytesIO(proforma(tvp_plan())))
    ref = add_row(workbook["Proforma"])
    out = io.BytesIO()
    workbook.save(out)

    outcome = run_import(out.getvalue())

    assert outcome.result["summary"] == {"created": 0, "updated": 0, "unchanged": 13}
    assert [action.ref for action in outcome.changes[0].proposed_new] == [ref]
    assert Action.count().where(Action.plan == tvp_plan()).run_sync() == 13
    [proposal] = Proposal.select(Proposal.id, Proposal.ref).run_sync()
    assert proposal["ref"] == ref
    asyncio.run(decide(proposal["id"], accept=True, decided_by="officer"))
    created = Action.select(Action.ref, Action.lead).where(
        (Action.plan == tvp_plan()) & (Action.ref == ref)
    )
    assert created.first().run_sync()["lead"] == "Head of Safeguarding Policy"
    [update] = Update.select(Update.rag, Update.as_at).where(Update.action.ref == ref).run_sync()
    assert (update["rag"], update["as_at"]) == ("green", Q2_END)


def test_the_same_filled_proforma_imported_again_changes_nothing_and_proposes_nothing_twice(
    tvp_db,
):
    filled = filled_tvp_proforma(added=True)
    assert run_import(filled).result["summary"]["updated"] == 5
    before = counts()

    again = run_import(filled)

    assert again.result["summary"] == {"created": 0, "updated": 0, "unchanged": 13}
    assert counts() == before
    assert Proposal.count().run_sync() == 1


def test_a_proforma_made_before_another_import_of_its_plan_is_warned_of_as_older(tvp_db):
    older = filled_tvp_proforma()
    newer = filled_tvp_proforma()
    assert not any(
        "older version" in w["message"] for w in run_import(older, dry_run=True).result["warnings"]
    )
    run_import(newer)

    again = run_import(older, dry_run=True)

    messages = [warning["message"] for warning in again.result["warnings"]]
    assert any(
        "since then another import of the plan was confirmed. It may be an older version" in m
        for m in messages
    ), messages


def test_a_proposed_new_actions_progress_that_looks_like_personal_data_needs_confirming(tvp_db):
    workbook = load_workbook(io.BytesIO(proforma(tvp_plan())))
    sheet = workbook["Proforma"]
    add_row(sheet)
    row = sheet.max_row
    while sheet[f"C{row}"].value is None:
        row -= 1
    sheet[f"{PROGRESS}{row}"] = "Spoke to Mum on 07700 900123 about Jayden"
    out = io.BytesIO()
    workbook.save(out)

    preview = run_import(out.getvalue(), dry_run=True)

    assert [text.ref for text in preview.personal_data] == [preview.changes[0].proposed_new[0].ref]
    confirmed = run_import(out.getvalue(), personal_data_confirmed=True)
    assert confirmed.import_id is not None
    assert Proposal.count().run_sync() == 1
