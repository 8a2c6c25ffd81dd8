"""Several serving processes on one database: whatever one request leaves for the next
(sessions, CSRF, staged uploads, how far a preview has read) is in the database or the
configuration, so requests may alternate between processes (`tracker serve --workers N`,
or several hosts behind one proxy)."""

from __future__ import annotations

import os
import re
import time

import httpx
import pytest

from benchmarks.workbooks import agency_return
from tests.support.accounts import BUSINESS_UNIT, PASSWORD
from tests.support.serving import running_server
from tracker.core.tables import Action, ImportRecord, Plan

pytestmark = pytest.mark.programs  # runs `tracker serve` processes

SECRET = "a-shared-secret-for-the-test-" + "0" * 32


def _env(database_url: str) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": database_url, "TRACKER_SECRET_KEY": SECRET}


def _csrf(client: httpx.Client) -> dict[str, str]:
    return {"x-csrftoken": client.cookies["csrftoken"]}


def test_an_import_goes_from_upload_to_confirm_with_requests_alternating_between_two_servers(
    seeded_db, tmp_path
):
    big = agency_return(tmp_path / "big.xlsx", actions=3000).read_bytes()
    plans, actions = Plan.count().run_sync(), Action.count().run_sync()
    env = _env(seeded_db)
    with (
        running_server(env, tmp_path) as first,
        running_server(env, tmp_path) as second,
        httpx.Client(timeout=60) as client,  # one browser: its cookies go to both
    ):
        client.get(f"{first}/sign-in")
        signed_in = client.post(
            f"{second}/sign-in",
            data={"email": BUSINESS_UNIT, "password": PASSWORD, "next": "/"},
            headers=_csrf(client),
        )
        assert signed_in.status_code == 303, "the second server refused the first's form"

        reading = client.post(
            f"{first}/imports/preview",
            files={"file": ("big.xlsx", big, "application/octet-stream")},
            data={"as_at": "2020-06-30", "agency": ""},
            headers={**_csrf(client), "HX-Request": "true"},
        )
        assert "Reading the spreadsheet" in reading.text
        token = re.search(r'hx-get="/imports/staged/([^/"]+)/progress"', reading.text)[1]

        # The second server shows how far the first has read, until it has finished.
        shown = []
        deadline = time.monotonic() + 120
        while True:
            progress = client.get(
                f"{second}/imports/staged/{token}/progress", headers={"HX-Request": "true"}
            )
            assert progress.status_code == 200
            if "hx-redirect" in progress.headers:
                break
            shown.append(re.search(r'<progress[^>]*value="(\d+)"', progress.text)[1])
            assert time.monotonic() < deadline, "the read never finished"
            time.sleep(0.1)
        assert shown, "the second server did not know the first was reading"
        assert progress.headers["hx-redirect"] == f"/imports/staged/{token}"

        preview = client.get(f"{second}/imports/staged/{token}")
        assert "3000 actions to create" in " ".join(preview.text.split())
        action = re.search(r'action="(/imports/staged/[^"]+/confirm)"', preview.text)[1]
        fingerprint = re.search(r'name="fingerprint" value="([0-9a-f]+)"', preview.text)[1]
        confirmed = client.post(
            f"{first}{action}", data={"fingerprint": fingerprint}, headers=_csrf(client)
        )
        assert confirmed.status_code == 303
        assert client.get(f"{second}{confirmed.headers['location']}").status_code == 200

    assert ImportRecord.count().run_sync() >= 1
    assert Action.count().run_sync() == actions + 3000
    assert Plan.count().run_sync() == plans


def test_tracker_serve_with_two_workers_starts_both_and_serves_signed_in_pages(seeded_db, tmp_path):
    env = {**os.environ, "DATABASE_URL": seeded_db}
    env.pop("TRACKER_SECRET_KEY", None)
    with running_server(env, tmp_path, "--workers", "2") as url:
        for _ in range(6):  # fresh browsers: a form and its post may reach either worker
            with httpx.Client(timeout=30) as client:
                client.get(f"{url}/sign-in")
                answer = client.post(
                    f"{url}/sign-in",
                    data={"email": BUSINESS_UNIT, "password": PASSWORD, "next": "/"},
                    headers=_csrf(client),
                )
                assert answer.status_code == 303
                assert client.get(f"{url}/").status_code == 200
    log = next(tmp_path.glob("serve-*.log")).read_text()
    assert "with 2 workers" in log
    assert log.count("Application startup complete") == 2


@pytest.mark.parametrize("given", [None, "the-operators-own-secret-" + "1" * 40])
def test_the_workers_are_given_one_secret_so_a_form_from_one_is_accepted_by_another(
    seeded_db, monkeypatch, given
):
    """Without TRACKER_SECRET_KEY each worker process would make its own, and a form served
    by one would be refused by the other: `serve` makes one for them all."""
    import uvicorn
    from click.testing import CliRunner

    from tracker.cli.main import cli
    from tracker.core.settings import Settings

    monkeypatch.setenv("DATABASE_URL", seeded_db)
    if given is None:
        monkeypatch.delenv("TRACKER_SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("TRACKER_SECRET_KEY", given)
    started = {}

    def run(app, **options):  # what each worker process would be started with
        started.update(options, app=app, secret=os.environ.get("TRACKER_SECRET_KEY"))

    monkeypatch.setattr(uvicorn, "run", run)
    result = CliRunner().invoke(cli, ["serve", "--workers", "3"])

    assert result.exit_code == 0, result.output
    assert started["workers"] == 3
    assert started["factory"] is True
    assert started["app"] == "tracker.cli.commands.serving:worker_app"
    assert started["secret"] == (given or started["secret"])
    assert len(started["secret"]) >= 32
    assert Settings.from_environment().secret_key == started["secret"]
    assert ("TRACKER_SECRET_KEY is not set" in result.output) == (given is None)
