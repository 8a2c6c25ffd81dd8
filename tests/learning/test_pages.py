"""Learning through the pages: a gap is answered by linking a TVP action, its standing
follows that action's RAG as at a day, and recording impact closes it."""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from tests.support.accounts import BUSINESS_UNIT, CHAIR, TVP_LEAD, VIEWER, csrf_headers, sign_in
from tests.support.clock import on_today
from tests.support.lookups import count, ids
from tracker.core.rag import rag_label
from tracker.core.tables import AuditEvent, LearningItem, LearningLink, LearningSource, Update

pytestmark = on_today
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def become(client, email: str) -> None:
    client.post("/sign-out", headers=csrf_headers(client))
    assert sign_in(client, email).status_code == 303


def post(client, path: str, data: dict):
    return client.post(path, data=data, headers=csrf_headers(client), follow_redirects=False)


def plr_item(client, number: str) -> int:
    return count(
        client,
        LearningItem.select(LearningItem.id)
        .where((LearningItem.source.key == "plr-2020") & (LearningItem.number == number))
        .first(),
    )["id"]


def rag_on(client, action_id: int, day: date) -> str | None:
    row = count(
        client,
        Update.select(Update.rag)
        .where((Update.action == action_id) & (Update.as_at <= day))
        .order_by(Update.as_at, Update.recorded_at, ascending=False)
        .first(),
    )
    return row["rag"] if row else None


def test_linking_a_tvp_action_answers_a_gap_and_impact_closes_it(tvp_client):
    client = tvp_client
    become(client, BUSINESS_UNIT)
    item_id = plr_item(client, "5")  # adolescent neglect: no action in the strategy
    assert f'id="gap-{item_id}"' in client.get("/learning/gaps").text
    tvp = ids(client, "agency", "1.1")

    linked = post(client, f"/learning/items/{item_id}/links", {"action_id": tvp["id"]})
    assert linked.status_code == 303
    assert "Action linked." in client.get(linked.headers["location"]).text
    assert f'id="gap-{item_id}"' not in client.get("/learning/gaps?why=none").text
    day = date(2020, 6, 30)
    page = client.get(f"/learning/items/{item_id}?as_at={day.isoformat()}").text
    assert f"{rag_label(rag_on(client, tvp['id'], day))}, 0 of 1 complete" in page
    before = client.get(f"/learning/items/{item_id}?as_at=2020-04-01").text
    assert "Not rated, 0 of 1 complete" in before

    again = post(client, f"/learning/items/{item_id}/links", {"action_id": tvp["id"]})
    assert again.status_code == 409
    assert "already answers" in again.text
    assert count(client, LearningLink.count().where(LearningLink.item == item_id)) == 1

    become(client, CHAIR)
    closed = post(
        client,
        f"/learning/items/{item_id}/impact",
        {
            "evidence": "Audit of 20 cases found adolescent neglect named in 18.",
            "evidenced_on": "2026-10-01",
        },
    )
    assert closed.status_code == 303
    assert "Closed: impact evidenced" in client.get(f"/learning/items/{item_id}").text
    kinds = {
        row["kind"]
        for row in count(
            client, AuditEvent.select(AuditEvent.kind).where(AuditEvent.kind.like("%-linked"))
        )
    }
    assert "learning-linked" in kinds
    assert count(client, AuditEvent.count().where(AuditEvent.kind == "impact-recorded")) == 1


def test_the_action_page_lists_what_it_answers_and_a_lead_links_their_own(tvp_client):
    client = tvp_client
    become(client, TVP_LEAD)
    item_id = plr_item(client, "7")
    tvp = ids(client, "agency", "1.1")
    assert post(client, f"/actions/{tvp['id']}/learning", {"item_id": item_id}).status_code == 303
    page = client.get(f"/actions/{tvp['id']}").text
    assert (
        "Partnership Learning Review: children living with chronic neglect, recommendation 7"
        in page
    )
    overarching = ids(client, "overarching", "4.1")
    refused = post(client, f"/learning/items/{item_id}/links", {"action_id": overarching["id"]})
    assert refused.status_code == 403
    assert "only its lead and the business unit" in refused.text


@pytest.mark.parametrize("email", [VIEWER])
def test_a_viewer_reads_but_cannot_link(tvp_client, email):
    client = tvp_client
    become(client, email)
    assert client.get("/learning").status_code == 200
    item_id = plr_item(client, "5")
    tvp = ids(client, "agency", "1.1")
    assert (
        post(client, f"/learning/items/{item_id}/links", {"action_id": tvp["id"]}).status_code
        == 403
    )


def test_the_gaps_download_never_runs_text_as_a_formula(tvp_client):
    client = tvp_client
    become(client, BUSINESS_UNIT)
    with client.portal() as portal:
        portal.call(
            LearningItem.update({LearningItem.text: '=HYPERLINK("x")'})
            .where(LearningItem.number == "5")
            .run
        )
    text = client.get("/learning/gaps.csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert client.get("/learning/gaps.xlsx").status_code == 200


def test_an_agency_action_delivers_an_overarching_one_whose_page_says_when_they_disagree(
    tvp_client,
):
    client = tvp_client
    become(client, TVP_LEAD)
    tvp = ids(client, "agency", "1.1")
    overarching = ids(client, "overarching", "2.1")
    path = f"/actions/{tvp['id']}/delivers"
    assert post(client, path, {"delivers_id": overarching["id"]}).status_code == 303
    again = post(client, path, {"delivers_id": overarching["id"]})
    assert again.status_code == 409
    assert "already delivers overarching action 2.1" in again.text
    assert "Overarching 2.1" in client.get(f"/actions/{tvp['id']}").text

    day = date(2020, 6, 30)
    page = client.get(f"/actions/{overarching['id']}?as_at={day.isoformat()}").text
    assert "Agency actions delivering it" in page
    tvp_rag = rag_on(client, tvp["id"], day)
    own_rag = rag_on(client, overarching["id"], day)
    assert ("They disagree" in page) == (own_rag != tvp_rag)

    backwards = post(client, f"/actions/{overarching['id']}/delivers", {"delivers_id": tvp["id"]})
    assert backwards.status_code in (403, 422)


def test_impact_evidence_that_looks_like_personal_data_needs_confirming(tvp_client):
    client = tvp_client
    become(client, CHAIR)
    item_id = plr_item(client, "6")
    form = {"evidence": "Spoke to Jane Smith on 07700 900123.", "evidenced_on": "2026-10-01"}
    warned = post(client, f"/learning/items/{item_id}/impact", form)
    assert warned.status_code == 422
    assert "Check this text does not identify anyone" in warned.text
    assert "Closed: impact evidenced" not in client.get(f"/learning/items/{item_id}").text
    confirmed = post(
        client, f"/learning/items/{item_id}/impact", {**form, "confirm_personal_data": "yes"}
    )
    assert confirmed.status_code == 303
    assert "Closed: impact evidenced" in client.get(f"/learning/items/{item_id}").text


def test_the_business_unit_adds_a_source_and_its_recommendation(tvp_client):
    client = tvp_client
    become(client, BUSINESS_UNIT)
    assert client.get("/learning/sources/new").status_code == 200
    empty = post(client, "/learning/sources", {"title": ""})
    assert empty.status_code == 422
    assert "Enter the title" in empty.text
    added = post(
        client,
        "/learning/sources",
        {
            "kind": "review",
            "title": "Thematic review of neglect in adolescents",
            "publisher": "OSCP",
        },
    )
    assert added.status_code == 303
    source = added.headers["location"].split("?")[0]
    item = {"number": "1", "kind": "recommendation", "addressed_to": "partnership", "text": "X."}
    assert post(client, f"{source}/items", item).status_code == 303
    twice = post(client, f"{source}/items", item)
    assert twice.status_code == 422
    assert "already has an item 1" in twice.text
    page = client.get(source).text
    assert "Recommendation 1" in page and "No action" in page
    assert "Thematic review of neglect in adolescents" in client.get("/learning").text

    become(client, CHAIR)
    assert client.get("/learning/sources/new").status_code == 403


def test_the_api_carries_sources_items_links_and_standings(tvp_client):
    client = tvp_client
    become(client, BUSINESS_UNIT)
    found = client.get("/api/learning?as_of=2020-09-30").json()
    plr = next(s for s in found if s["title"].startswith("Partnership Learning Review:"))
    first = plr["items"][0]
    assert first["actions"] == [ids(client, "overarching", "4.1")["id"]]
    assert first["standing_label"] == "Not rated, 0 of 1 complete"
    assert plr["items"][4]["standing"] == "no-action"
    assert client.get("/api/learning?as_of=not-a-day").status_code == 422


def sheet(*rows) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(client, source_id: int, content: bytes, **data):
    files = {"file": ("items.xlsx", content, XLSX)}
    return client.post(
        f"/learning/sources/{source_id}/import",
        files=files,
        data=data,
        headers=csrf_headers(client),
        follow_redirects=False,
    )


def test_the_business_unit_imports_recommendations_from_a_spreadsheet_all_or_none(tvp_client):
    client = tvp_client
    become(client, BUSINESS_UNIT)
    source_id = count(
        client,
        LearningSource.select(LearningSource.id)
        .where(LearningSource.key == "ofsted-ilacs-2018")
        .first(),
    )["id"]
    header = ("Number", "Kind", "Addressed to", "Text")
    wrong = sheet(header, ("2", "recommendation", "", "Audit chronologies."), ("3", "plea", "", ""))
    refused = upload(client, source_id, wrong)
    assert refused.status_code == 422
    assert "Row 3: Choose finding or recommendation" in refused.text
    assert count(client, LearningItem.count().where(LearningItem.source == source_id)) == 1

    good = sheet(
        header,
        ("2", "Recommendation", "managers", "Audit chronologies for child impact."),
        ("3", "", "", "Review cases before closing them."),
    )
    imported = upload(client, source_id, good)
    assert imported.status_code == 303
    assert count(client, LearningItem.count().where(LearningItem.source == source_id)) == 3
    page = client.get(f"/learning/sources/{source_id}").text
    assert "Audit chronologies for child impact." in page
    assert "Review cases before closing them." in page

    half_new = sheet(header, ("4", "finding", "", "New."), ("2", "finding", "", "Again."))
    again = upload(client, source_id, half_new)
    assert again.status_code == 422
    assert "already has an item 2" in again.text
    assert count(client, LearningItem.count().where(LearningItem.source == source_id)) == 3
    assert upload(client, source_id, b"not a workbook").status_code == 422


def test_the_business_unit_edits_an_item_and_the_trail_says_what_changed(tvp_client):
    client = tvp_client
    become(client, BUSINESS_UNIT)
    item_id = plr_item(client, "6")
    form = {"number": "6", "kind": "recommendation", "addressed_to": "partnership"}
    same = post(
        client,
        f"/learning/items/{item_id}/edit",
        {**form, "text": "Understand practitioners' barriers to using the Neglect Portal."},
    )
    assert same.headers["location"].endswith("saved=unchanged")
    empty = post(client, f"/learning/items/{item_id}/edit", {**form, "text": ""})
    assert empty.status_code == 422
    assert 'href="#edit-text"' in empty.text
    edited = post(
        client,
        f"/learning/items/{item_id}/edit",
        {**form, "text": "Remove the barriers to the Neglect Portal."},
    )
    assert edited.headers["location"].endswith("saved=edited")
    assert (
        "Remove the barriers to the Neglect Portal."
        in client.get(f"/learning/items/{item_id}").text
    )
    entry = count(
        client, AuditEvent.select().where(AuditEvent.kind == "learning-item-edited").first()
    )
    assert "Neglect Portal" in entry["before"] and "Remove the barriers" in entry["after"]
    become(client, CHAIR)
    assert post(client, f"/learning/items/{item_id}/edit", {**form, "text": "X"}).status_code == 403


def test_a_lead_is_offered_only_the_actions_they_may_update(tvp_client):
    client = tvp_client
    become(client, TVP_LEAD)
    page = client.get(f"/learning/items/{plr_item(client, '5')}").text
    offered = page.split('id="action_id"')[1].split("</select>")[0]
    assert "Thames Valley Police" in offered
    assert "Overarching" not in offered


def test_the_business_unit_edits_a_source_and_the_trail_says_what_changed(tvp_client):
    client = tvp_client
    become(client, BUSINESS_UNIT)
    source = count(client, LearningSource.select().where(LearningSource.key == "plr-2020").first())
    path = f"/learning/sources/{source['id']}/edit"
    form = client.get(path)
    assert form.status_code == 200
    assert "Edit the source of learning" in form.text
    assert f'value="{source["title"]}"' in form.text
    fields = {
        "kind": source["kind"],
        "title": "Partnership Learning Review: neglect (March 2020)",
        "published": source["published"].isoformat() if source["published"] else "",
        "publisher": source["publisher"] or "",
        "link": "https://example.org/plr",
    }

    saved = post(client, path, fields)
    again = post(client, path, fields)
    bad = post(client, path, {**fields, "link": "javascript:alert(1)", "title": "Changed"})
    become(client, CHAIR)
    refused = post(client, path, {**fields, "title": "A chair's title"})

    after = count(client, LearningSource.select().where(LearningSource.id == source["id"]).first())
    trail = count(
        client,
        AuditEvent.select(AuditEvent.summary).where(AuditEvent.kind == "learning-source-edited"),
    )
    assert saved.status_code == 303
    assert "Saved." in client.get(saved.headers["location"]).text
    assert again.headers["location"].endswith("saved=unchanged")
    assert bad.status_code == 422 and "Enter a web address starting https://" in bad.text
    assert refused.status_code == 403
    assert after["title"] == "Partnership Learning Review: neglect (March 2020)"
    assert after["link"] == "https://example.org/plr"
    assert trail == [{"summary": "Edited: link, title"}]
