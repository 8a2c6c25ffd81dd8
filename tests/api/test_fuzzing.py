"""schemathesis against the API's OpenAPI schema: no request it generates gets a 5xx.

The tracker serves a copy of the database with TVP's imported return on a loopback port, and
requests carry a real business-unit token (read-write), so updates are recorded; schemathesis
also sends some without it, as the schema's bearer scheme invites (401). Each operation is
tried with the schema's boundaries (ids and versions just outside their ranges, text at its
longest) and with requests Hypothesis generates, valid and not, a bounded number of each, on
both databases. Derandomised: the same requests every run, so a failure can be repeated.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from dataclasses import replace

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from litestar import Litestar
from litestar.serialization import encode_json
from schemathesis.checks import not_a_server_error

from tests.support.accounts import BUSINESS_UNIT
from tests.support.loopback import served
from tracker.accounts.tokens import account_id_for, create_token
from tracker.api.routes import openapi_config
from tracker.api.routes import router as api_router
from tracker.core.engine import use_database
from tracker.core.settings import Settings

pytestmark = pytest.mark.fuzz  # 20-40 s a database: in `make test`, not `make test-fast`

CASES_PER_OPERATION = 60

# The schema /schema/openapi.json serves (the first test below checks they agree), made from
# the API's routes alone: schemathesis' pytest loader needs it before any database exists
# (its loader from a fixture fails on pytest 9: `Function` has no `_nodeid`).
SCHEMA = Litestar([api_router], openapi_config=openapi_config(), include_in_schema=False)
SERVED = json.loads(encode_json(SCHEMA.openapi_schema.to_schema()))
schema = schemathesis.openapi.from_dict(SERVED)
# Chains of requests send valid ones only, so they reach the writes behind the checks.
chained = schemathesis.openapi.from_dict(SERVED)
chained.config.generation.update(modes=[schemathesis.GenerationMode.POSITIVE])


async def _token(email: str) -> str:
    return await create_token(await account_id_for(email), "schemathesis", email)


@pytest.fixture(scope="module")
def tracker_at(backend, tvp_template):
    """The tracker on a loopback port, one per database, and a business-unit token's headers."""
    from tracker.web.app import create_app

    url = backend.new_database(template=tvp_template)
    use_database(url)
    headers = {"Authorization": f"Bearer {asyncio.run(_token(BUSINESS_UNIT))}"}
    try:
        with served(
            create_app(replace(Settings.from_environment({}), database_url=url))
        ) as base_url:
            yield base_url, headers
    finally:
        backend.drop_database(url)


@pytest.fixture
def tally(request):
    """Cases tried and 5xx answers seen, per operation and database (`pytest -s` shows them)."""
    counts: Counter[str] = Counter()
    yield counts
    print(f"\n{request.node.name}: {dict(counts)}")


def test_the_fuzzed_schema_is_the_one_served_and_asks_for_a_token(tracker_at):
    base_url, headers = tracker_at
    served = requests.get(f"{base_url}/schema/openapi.json", headers=headers, timeout=10).json()
    assert served["components"] == SERVED["components"]
    assert served["paths"].keys() == SERVED["paths"].keys()
    for path, operations in SERVED["paths"].items():
        for method, operation in operations.items():
            for part in ("parameters", "requestBody", "security"):
                assert served["paths"][path][method].get(part) == operation.get(part)
    assert SERVED["components"]["securitySchemes"]["personalApiToken"]["scheme"] == "bearer"
    for path in SERVED["paths"].values():
        for operation in path.values():
            assert operation["security"] == [{"personalApiToken": []}]


@settings(
    max_examples=CASES_PER_OPERATION,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@schema.parametrize()
def test_no_generated_request_gets_a_5xx(case, tracker_at, tally):
    base_url, headers = tracker_at
    tally["cases"] += 1
    response = case.call(base_url=base_url, headers=headers, timeout=30)
    tally["5xx"] += response.status_code >= 500
    tally[str(response.status_code)] += 1
    case.validate_response(response, checks=[not_a_server_error])


def test_no_sequence_of_requests_gets_a_5xx(tracker_at, tally):
    """Requests chained as a client would (list, read an action, update it with its version):
    real ids and versions, so updates are recorded."""
    base_url, headers = tracker_at

    class Workflow(chained.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case):
            return {"base_url": base_url, "headers": headers, "timeout": 30}

        def after_call(self, response, case):
            tally["cases"] += 1
            tally["5xx"] += response.status_code >= 500
            tally[f"{case.method} {response.status_code}"] += 1

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=[not_a_server_error])

    Workflow.run(
        settings=settings(
            max_examples=25,
            stateful_step_count=6,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
    )
