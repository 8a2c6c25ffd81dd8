"""`tracker users`: lead titles, listing them, enabling an account, and plain refusals."""

import pytest

from tests.cli.test_commands import tracker
from tests.support.accounts import VIEWER

pytestmark = pytest.mark.programs  # runs `tracker` commands


def test_a_lead_is_added_with_agencies_and_lead_titles_and_listed_with_them(seeded_db):
    added = tracker(
        "users",
        "add",
        "Esat@Example.org",
        "--role",
        "lead",
        "--agency",
        "TVP",
        "--lead-title",
        "ESAT Manager",
        "--lead-title",
        "Head of Early Help",
        database_url=seeded_db,
    )
    assert "Created esat@example.org (Agency lead)." in added.stdout
    assert "Password (shown once" in added.stdout
    listed = tracker("users", "list", database_url=seeded_db).stdout.splitlines()
    [line] = [line for line in listed if line.startswith("esat@example.org\t")]
    assert line.split("\t")[:5] == [
        "esat@example.org",
        "lead",
        "active",
        "Thames Valley Police",
        "ESAT Manager; Head of Early Help",
    ]
    [viewer] = [line for line in listed if line.startswith(f"{VIEWER}\t")]
    assert viewer.split("\t")[3:5] == ["-", "-"]


def test_lead_titles_for_another_role_are_refused_in_one_line_with_status_2(seeded_db):
    done = tracker(
        "users",
        "add",
        "chair2@example.org",
        "--role",
        "chair",
        "--lead-title",
        "ESAT Manager",
        database_url=seeded_db,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "Error: Only agency leads are given agencies or lead titles."
    ]
    assert "chair2@example.org" not in tracker("users", "list", database_url=seeded_db).stdout


def test_a_disabled_account_is_enabled_again(seeded_db):
    tracker("users", "disable", VIEWER, database_url=seeded_db)
    assert f"{VIEWER}\tviewer\tdisabled" in tracker("users", "list", database_url=seeded_db).stdout
    enabled = tracker("users", "enable", VIEWER.upper(), database_url=seeded_db)
    assert enabled.stdout.strip() == f"Enabled {VIEWER}: they can sign in again."
    assert f"{VIEWER}\tviewer\tactive" in tracker("users", "list", database_url=seeded_db).stdout
    again = tracker("users", "enable", VIEWER, database_url=seeded_db)
    assert "already enabled: nothing changed" in again.stdout


def test_enabling_someone_unknown_is_one_line_with_status_2(seeded_db):
    done = tracker("users", "enable", "nobody@example.org", database_url=seeded_db, check=False)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "Error: There is no account for nobody@example.org."
    ]
    bad = tracker("users", "enable", "not an email", database_url=seeded_db, check=False)
    assert bad.returncode == 2
    assert bad.stderr.strip().splitlines() == ["Error: 'not an email' is not an email address."]
