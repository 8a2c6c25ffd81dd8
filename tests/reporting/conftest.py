"""The web tests' databases (TVP's Q1 and Q2 returns imported), for the report's own tests."""

from tests.web.conftest import serve, tvp_db, two_quarters_db  # noqa: F401 - fixtures
