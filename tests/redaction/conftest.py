from tests.web.conftest import tvp_db  # noqa: F401 - shared fixture
