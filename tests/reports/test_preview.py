"""The paper on screen beside the forms that write it: framed by the quarter's page, under
the tracker's own content security policy, with no inline styles at all."""

from __future__ import annotations

import re

from tests.reports.test_page import post

PREVIEW = "/reports/2020-21-Q2/masa/preview"


def test_the_quarters_page_shows_each_paper_beside_its_front_sheet(tvp_client):
    page = tvp_client.get("/reports/2020-21-Q2").text
    for audience, label in (("business-group", "OSCB Business Group"), ("masa", "MASA")):
        assert (
            f'<iframe src="/reports/2020-21-Q2/{audience}/preview" '
            f'title="Preview of the {label} paper for 2020-21 Q2"'
        ) in page


def test_the_preview_links_its_styles_and_holds_none_inline(tvp_client):
    response = tvp_client.get(PREVIEW)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    text = response.text
    assert '<link rel="stylesheet" href="/reports/paper.css">' in text
    assert "<style" not in text
    assert not re.search(r"\sstyle=", text)
    policy = response.headers["content-security-policy"]
    assert "style-src 'self';" in policy and "sha256" not in policy and "unsafe" not in policy
    assert "frame-ancestors 'self'" in policy
    assert response.headers["x-frame-options"] == "SAMEORIGIN"
    css = tvp_client.get("/reports/paper.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert "@page" in css.text
    # Every other page still refuses to be framed.
    assert tvp_client.get("/reports/2020-21-Q2").headers["x-frame-options"] == "DENY"


def test_a_saved_front_sheet_shows_in_the_preview_as_typed(tvp_client):
    saved = post(
        tvp_client,
        "/reports/2020-21-Q2/masa/front-sheet",
        {
            "meeting": "MASA executive",
            "meeting_date": "2020-10-22",
            "marking": "OFFICIAL-SENSITIVE",
            "purpose": "To assure <b>MASA</b>",
            "summary": "",
            "recommendations": "- Note the red actions",
        },
    )
    assert saved.status_code == 303, saved.text
    text = tvp_client.get(PREVIEW).text
    assert "MASA executive" in text and "22 Oct 2020" in text
    assert "OFFICIAL-SENSITIVE" in text
    assert "To assure &lt;b&gt;MASA&lt;/b&gt;" in text
    assert "<li>Note the red actions</li>" in text
