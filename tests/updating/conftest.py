from tests.web.conftest import TVP_Q1, tvp_db  # noqa: F401 - shared fixture
