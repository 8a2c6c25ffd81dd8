from tests.web.conftest import tvp_db, two_quarters_db  # noqa: F401 - shared fixtures
