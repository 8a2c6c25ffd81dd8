"""A returned proforma through the Imports page: no quarter to pick, dated on the quarter's end."""

from __future__ import annotations

from tests.imports.test_pages import confirm_form, upload
from tests.proformas.test_round_trip import Q2, Q2_END, filled_tvp_proforma
from tests.returns.test_steps import tvp_plan
from tests.support.accounts import csrf_headers
from tracker.core.tables import PlanReturn, Update


def test_the_imports_page_takes_a_proforma_back_as_the_quarters_draft_return(tvp_db, serve):
    content = filled_tvp_proforma()
    plan_id = tvp_plan()
    with serve(tvp_db) as client:
        # The date field left as it comes (today): the proforma says its quarter.
        preview = upload(client, content, name="tvp-q2.xlsx", as_at="2026-11-10")
        action, fingerprint = confirm_form(preview.text)
        done = client.post(
            action,
            data={"fingerprint": fingerprint},
            headers=csrf_headers(client),
            follow_redirects=False,
        )

    assert "As at <strong>30 Sep 2020</strong> (2020-21 Q2, from the proforma)" in preview.text
    assert "0 actions to create, 5 to update, 8 unchanged" in " ".join(preview.text.split())
    assert "Evidence of impact" in preview.text
    assert done.status_code == 303
    dated = Update.select(Update.as_at).where(Update.import_record.is_not_null()).run_sync()
    assert {row["as_at"] for row in dated} >= {Q2_END}
    returned = (
        PlanReturn.select(PlanReturn.state)
        .where((PlanReturn.plan == plan_id) & (PlanReturn.quarter == Q2.slug))
        .first()
        .run_sync()
    )
    assert returned["state"] == "draft"
