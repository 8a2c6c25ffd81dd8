"""Preview, then publish: the quarter's page leads to a confirm page saying what will be frozen,
and only its Publish button publishes; the web page opens in the browser."""

from __future__ import annotations

import base64
import hashlib
import re
from concurrent.futures import ThreadPoolExecutor

from tests.reports.test_page import NHS_NUMBER, post, publish
from tests.support.accounts import csrf_headers
from tests.support.portal import call
from tracker.core.tables import PublishedReport
from tracker.core.web.headers import own_styles_policy

CONFIRM = "/reports/2020-21-Q2/masa/publish"
TIMES = 5


def versions(client) -> list[tuple[str, int]]:
    rows = call(
        client,
        lambda: PublishedReport.select(PublishedReport.audience, PublishedReport.version).order_by(
            PublishedReport.id
        ),
    )
    return [(row["audience"], row["version"]) for row in rows]


def test_the_quarters_page_leads_to_a_confirm_page_and_publishes_nothing_itself(tvp_client):
    page = tvp_client.get("/reports/2020-21-Q2").text
    assert f'<a class="button" href="{CONFIRM}">Publish the MASA report…</a>' in page
    assert f'action="{CONFIRM}"' not in page  # no one-click publishing
    # The forms come before the publish controls; published versions first of all.
    order = [
        page.index('id="published"'),
        page.index("Save the OSCB Business Group front sheet"),
        page.index("Save the MASA front sheet"),
        page.index("Save key messages"),
        page.index("Publish the OSCB Business Group report…"),
    ]
    assert order == sorted(order)

    post(
        tvp_client,
        "/reports/2020-21-Q2/masa/front-sheet",
        {
            "meeting": "MASA Executive",
            "meeting_date": "2021-01-14",
            "marking": "OFFICIAL-SENSITIVE",
        },
    )
    confirm = tvp_client.get(CONFIRM)
    assert confirm.status_code == 200
    assert "<h1>Publish the MASA report for 2020-21 Q2</h1>" in confirm.text
    assert "<strong>version 1</strong>" in confirm.text
    assert "MASA Executive, 14 Jan 2021" in confirm.text
    assert "OFFICIAL-SENSITIVE" in confirm.text
    assert '<input type="hidden" name="version" value="1">' in confirm.text
    assert 'name="_csrf_token"' in confirm.text
    assert ">Publish version 1</button>" in confirm.text
    assert 'name="reason"' not in confirm.text  # the first version needs no reason
    assert versions(tvp_client) == []

    assert publish(tvp_client, "2020-21-Q2", "masa", 1).status_code == 303
    assert versions(tvp_client) == [("masa", 1)]
    again = tvp_client.get(CONFIRM).text
    assert "<strong>version 2</strong>" in again
    assert 'name="reason"' in again


def test_publishing_without_the_confirm_pages_version_publishes_nothing(tvp_client):
    refused = post(tvp_client, CONFIRM, {"reason": ""})
    assert refused.status_code == 409
    assert "Nothing was published: check what will be frozen, then press Publish." in refused.text
    assert "<h1>Publish the MASA report for 2020-21 Q2</h1>" in refused.text
    assert publish(tvp_client, "2020-21-Q2", "masa", 7).status_code == 409
    assert versions(tvp_client) == []


def test_confirms_pressed_together_publish_one_version(tvp_client):
    headers = csrf_headers(tvp_client)

    def press(version: int, reason: str = ""):
        return tvp_client.post(
            CONFIRM,
            data={"version": str(version), "reason": reason},
            headers=headers,
            follow_redirects=False,
        )

    for version, reason in ((1, ""), (2, "CSC's return arrived late")):
        with ThreadPoolExecutor(TIMES) as pool:
            answers = list(pool.map(press, [version] * TIMES, [reason] * TIMES))
        assert sorted(answer.status_code for answer in answers) == [303] + [409] * (TIMES - 1)
        late = [answer for answer in answers if answer.status_code == 409]
        assert all(
            f"Version {version} of the MASA report for 2020-21 Q2 was published while you were "
            "confirming, so this one was not." in answer.text
            for answer in late
        )
    assert versions(tvp_client) == [("masa", 1), ("masa", 2)]


def test_a_reason_that_looks_like_personal_data_is_published_only_once_confirmed(tvp_client):
    assert publish(tvp_client, "2020-21-Q2", "masa", 1).status_code == 303
    reason = f"Corrected for NHS {NHS_NUMBER}"
    warned = publish(tvp_client, "2020-21-Q2", "masa", 2, reason)
    assert warned.status_code == 422
    assert 'name="confirm_personal_data"' in warned.text
    assert reason in warned.text  # kept as typed
    assert '<input type="hidden" name="version" value="2">' in warned.text
    assert versions(tvp_client) == [("masa", 1)]
    confirmed = {"version": "2", "reason": reason, "confirm_personal_data": "yes"}
    assert post(tvp_client, CONFIRM, confirmed).status_code == 303
    assert versions(tvp_client) == [("masa", 1), ("masa", 2)]


def test_the_web_page_opens_in_the_browser_with_only_its_own_styles(tvp_client):
    page = tvp_client.get("/reports/2020-21-Q2").text
    web = 'href="/reports/2020-21-Q2/masa.html"'
    assert f"{web}>MASA report: Web page" in page  # no download attribute
    assert 'href="/reports/2020-21-Q2/masa.docx" download' in page
    assert f'{web} target="_blank" rel="noopener">Preview the MASA paper' in page

    generated = tvp_client.get("/reports/2020-21-Q2/masa.html")
    assert generated.headers["content-disposition"] == (
        'inline; filename="assurance-report-2020-21-Q2-masa.html"'
    )
    policy = generated.headers["content-security-policy"]
    styles = re.findall(rb"<style[^>]*>(.*?)</style>", generated.content, re.DOTALL)
    assert styles
    for style in styles:
        digest = base64.b64encode(hashlib.sha256(style).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy and "script-src" not in policy
    assert policy.startswith("default-src 'none';")

    assert publish(tvp_client, "2020-21-Q2", "masa", 1).status_code == 303
    published = tvp_client.get("/reports/2020-21-Q2/masa/v1.html")
    assert published.headers["content-disposition"].startswith("inline;")
    assert (
        tvp_client.get("/reports/2020-21-Q2/masa/v1.xlsx")
        .headers["content-disposition"]
        .startswith("attachment;")
    )
    # Every other answer keeps the app's own policy.
    assert (
        "script-src 'self'"
        in tvp_client.get("/reports/2020-21-Q2").headers["content-security-policy"]
    )


def test_a_reports_own_policy_allows_each_of_its_style_elements_and_nothing_more():
    page = b'<style media="print">@page{}</style><svg><style>.bar{}</style></svg><p style="x">'
    policy = own_styles_policy(page)
    for style in (b"@page{}", b".bar{}"):
        digest = base64.b64encode(hashlib.sha256(style).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert policy.count("sha256-") == 2
    assert "style-src 'none'" in own_styles_policy(b"<p>No styles</p>")
