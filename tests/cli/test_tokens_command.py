"""`tracker tokens`: a token made at the command line works for the API, until revoked."""

import pytest

from tests.cli.test_commands import tracker
from tests.support.accounts import TVP_LEAD

pytestmark = pytest.mark.programs  # runs `tracker` commands


@pytest.fixture
def made(anonymous_client, seeded_db):
    done = tracker(
        "tokens", "create", " Lead@Example.org ", "--name", "Nightly export", database_url=seeded_db
    )
    return done


def test_a_token_made_at_the_command_line_is_printed_once_and_works(
    anonymous_client, seeded_db, made
):
    token = made.stdout.strip()
    assert token.startswith("tpt_") and made.stdout.count(token) == 1
    assert "shown once" in made.stderr and token not in made.stderr
    headers = {"Authorization": f"Bearer {token}"}
    assert anonymous_client.get("/api/plans", headers=headers).status_code == 200

    listed = tracker("tokens", "list", TVP_LEAD, database_url=seeded_db).stdout
    token_id = listed.split("\t")[0]
    assert "Nightly export" in listed and "active" in listed and token not in listed
    revoked = tracker("tokens", "revoke", TVP_LEAD, token_id, database_url=seeded_db)
    assert "Revoked 'Nightly export'" in revoked.stdout
    assert anonymous_client.get("/api/plans", headers=headers).status_code == 401


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["create", "nobody@example.org"], "There is no account for nobody@example.org."),
        (["create", TVP_LEAD, "--name", " "], "Enter a name for the token"),
        (["revoke", TVP_LEAD, "999"], "lead@example.org has no API token 999"),
        (["list", "not-an-email"], "is not an email address"),
    ],
)
def test_bad_input_is_one_plain_line_and_exit_status_2(seeded_db, args, message):
    done = tracker("tokens", *args, database_url=seeded_db, check=False)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_a_read_only_token_for_a_month_is_made_and_listed_so(anonymous_client, seeded_db):
    made = tracker(
        "tokens", "create", TVP_LEAD, "--read-only", "--days", "30", database_url=seeded_db
    )
    assert "(read only, for 30 days)" in made.stderr
    token = made.stdout.strip()
    headers = {"Authorization": f"Bearer {token}"}
    assert anonymous_client.get("/api/plans", headers=headers).status_code == 200
    action = anonymous_client.get("/api/actions", headers=headers).json()[0]
    refused = anonymous_client.post(
        f"/api/actions/{action['id']}/updates",
        json={"rag": "green", "progress": "Checked", "version": action["version"]},
        headers=headers,
    )
    assert refused.status_code == 403 and "read-only" in refused.json()["detail"]
    listed = tracker("tokens", "list", TVP_LEAD, database_url=seeded_db).stdout
    fields = listed.strip().split("\t")
    assert fields[2] == "read" and fields[4].startswith("expires ") and fields[-1] == "active"


def test_a_token_lasts_a_year_at_most(seeded_db):
    done = tracker(
        "tokens", "create", TVP_LEAD, "--days", "400", database_url=seeded_db, check=False
    )
    assert done.returncode == 2
    assert "A token lasts from 1 to 365 days" in done.stderr and "tpt_" not in done.stdout
