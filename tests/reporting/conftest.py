"""The web tests' databases (TVP's Q1 and Q2 returns imported), for the report's own tests."""

from tests.web.conftest import (  # noqa: F401 - fixtures
    database_with_actions,
    serve,
    tvp_db,
    two_quarters_db,
)
