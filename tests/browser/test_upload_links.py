"""Return by link, in a real browser: the business unit makes an upload link on TVP's Q2
return page, a signed-out browser sends the filled proforma through it and gets a receipt,
the business unit previews and confirms it from the Imports page, and the return shows the
change. A revoked link then refuses plainly. Each page passes axe."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import (
    ARTEFACTS,
    _tracker,
    running_server,
    seeded_copy,
    sign_in_as,
)
from tests.browser.test_accessibility import violations
from tests.support.accounts import BUSINESS_UNIT, PASSWORD
from tests.support.returns import TVP_Q1

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("upload-links")]

FIRST = 6  # the proforma's first action row
PROGRESS = "K"
CHANGE = "Briefings given to all MASH officers by link"


@pytest.fixture(scope="module")
def tvp_server(tmp_path_factory, seeded_database) -> Iterator[str]:
    """The seeded strategy with TVP's Q1 return imported, and the business unit."""
    env = seeded_copy(seeded_database, tmp_path_factory.mktemp("upload-links"))
    _tracker(
        "users",
        "add",
        BUSINESS_UNIT,
        "--role",
        "business-unit",
        "--name",
        "Bea Unit",
        "--password-stdin",
        env=env,
        stdin=PASSWORD + "\n",
    )
    _tracker("import", str(TVP_Q1), "--as-at", "2020-06-30", env=env)
    with running_server(env, tmp_path_factory.mktemp("upload-links-server")) as url:
        yield url


def filled(proforma: bytes) -> bytes:
    workbook = load_workbook(io.BytesIO(proforma))
    workbook["Proforma"][f"{PROGRESS}{FIRST}"] = CHANGE
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_a_return_sent_by_link_signed_out_is_previewed_and_confirmed(browser, tvp_server):
    url = tvp_server
    officer = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    unit = officer.new_page()
    sign_in_as(unit, url, BUSINESS_UNIT)
    unit.goto(url + "/returns/2020-21-Q2")
    unit.get_by_role("link", name="Thames Valley Police return for 2020-21 Q2").click()
    return_page = unit.url
    plan_id = re.search(r"/plans/(\d+)", return_page)[1]
    unit.get_by_role("button", name="Make an upload link").click()
    expect(unit.get_by_role("heading", level=1)).to_contain_text("Upload link for the")
    assert violations(unit) == []
    address = unit.get_by_label("The link, shown only this once").input_value()
    path = "/upload/" + address.rsplit("/upload/", 1)[1]
    proforma = unit.request.get(f"{url}/plans/{plan_id}/proforma/2020-21-Q2").body()

    agency = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    outsider = agency.new_page()
    outsider.goto(url + path)
    main = outsider.locator("main")
    expect(main).to_contain_text("Thames Valley Police")
    expect(main).to_contain_text("2020-21 Q2")
    expect(main).to_contain_text("14 Oct 2020")
    expect(outsider.get_by_role("navigation", name="Main")).to_have_count(0)
    assert violations(outsider) == []
    outsider.get_by_label("The filled-in proforma").set_input_files(
        files=[
            {
                "name": "tvp-q2.xlsx",
                "mimeType": "application/octet-stream",
                "buffer": filled(proforma),
            }
        ]
    )
    outsider.get_by_role("button", name="Send the return").click()
    expect(outsider.get_by_role("heading", level=1)).to_have_text("Return received")
    expect(outsider.locator("main")).to_contain_text("tvp-q2.xlsx")
    assert violations(outsider) == []
    ARTEFACTS.mkdir(exist_ok=True)
    outsider.screenshot(path=str(ARTEFACTS / "upload-link-receipt.png"), full_page=True)

    unit.goto(url + "/imports")
    waiting = unit.get_by_role("table", name="Files waiting to be previewed and confirmed")
    expect(waiting).to_contain_text("tvp-q2.xlsx")
    assert violations(unit) == []
    waiting.get_by_role("link", name=re.compile("Preview")).click()
    expect(unit.locator("main")).to_contain_text("1 to update")
    unit.get_by_role("button", name="Confirm the import").click()
    expect(unit.get_by_role("status")).to_contain_text("Imported.")
    unit.goto(return_page)
    expect(unit.locator("main")).to_contain_text(CHANGE)
    expect(unit.locator("main")).to_contain_text("In progress")

    # Revoked, the same link refuses plainly and takes nothing.
    unit.goto(url + "/upload-links")
    assert violations(unit) == []
    unit.get_by_role("link", name=re.compile("^Revoke")).first.click()
    assert violations(unit) == []
    unit.get_by_role("button", name="Revoke the link").click()
    expect(unit.get_by_role("status")).to_contain_text("Upload link revoked")
    outsider.goto(url + path)
    expect(outsider.get_by_role("heading", level=1)).to_have_text("This link no longer works")
    expect(outsider.locator("main")).to_contain_text("withdrawn by the business unit")
    assert violations(outsider) == []
    officer.close()
    agency.close()
