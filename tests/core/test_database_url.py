from pathlib import Path

import pytest
from piccolo.engine.sqlite import SQLiteEngine

from tracker.core.engine import DatabaseUrlError, engine_for_url, engine_kind, sqlite_path
from tracker.core.settings import DEFAULT_DATABASE_URL, Settings, SettingsError


def test_the_default_database_is_a_sqlite_file_under_data():
    settings = Settings.from_environment({})
    assert settings.database_url == DEFAULT_DATABASE_URL == "sqlite:///data/tracker.sqlite3"
    assert sqlite_path(settings.database_url) == Path("data/tracker.sqlite3")


def test_sqlite_urls_take_relative_and_absolute_paths():
    assert sqlite_path("sqlite:///data/x.sqlite3") == Path("data/x.sqlite3")
    assert sqlite_path("sqlite:////srv/tracker/x.sqlite3") == Path("/srv/tracker/x.sqlite3")
    assert isinstance(engine_for_url("sqlite:///data/x.sqlite3"), SQLiteEngine)


def test_postgresql_urls_choose_postgres():
    assert engine_kind("postgresql://tracker:secret@db.example:5432/tracker") == "postgres"
    assert engine_kind("postgres://tracker@localhost/tracker") == "postgres"


@pytest.mark.parametrize("url", ["mysql://x@y/z", "tracker.sqlite3", "sqlite:///"])
def test_other_urls_are_refused_with_a_reason(url):
    with pytest.raises(DatabaseUrlError, match="sqlite:///"):
        engine_kind(url)


def test_limits_are_read_in_megabytes_and_refused_when_nonsense():
    settings = Settings.from_environment({"TRACKER_MAX_UPLOAD_MB": "5"})
    assert settings.max_upload_bytes == 5 * 1024 * 1024
    with pytest.raises(SettingsError, match="TRACKER_MAX_UPLOAD_MB"):
        Settings.from_environment({"TRACKER_MAX_UPLOAD_MB": "lots"})
    with pytest.raises(SettingsError, match="TRACKER_SECURE_COOKIES"):
        Settings.from_environment({"TRACKER_SECURE_COOKIES": "maybe"})
