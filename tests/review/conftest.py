import pytest

from tracker.core.settings import Settings
from tracker.web.app import create_app


@pytest.fixture(scope="module")
def app_for_rows(tmp_path_factory):
    """An app whose routes name the rows' links (no database is opened)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('rows')}/rows.sqlite3"
    return create_app(Settings.from_environment({"DATABASE_URL": url}), check_migrations=False)
