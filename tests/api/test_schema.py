"""The OpenAPI schema documents the JSON API and nothing else."""

from tests.api.conftest import bearer
from tests.support.accounts import VIEWER


def test_the_schema_lists_the_api_and_no_html_page(api):
    schema = api.get("/schema/openapi.json", headers=bearer(api, VIEWER)).json()
    assert sorted(schema["paths"]) == [
        "/api/actions",
        "/api/actions/{action_id}",
        "/api/actions/{action_id}/updates",
        "/api/learning",
        "/api/plans",
    ]
    post = schema["paths"]["/api/actions/{action_id}/updates"]["post"]
    body = post["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["version", "rag"]
    assert {"201", "403", "404", "409", "422"} <= set(post["responses"])
    item = schema["components"]["schemas"]["ActionItem"]["properties"]
    assert {"rag", "progress", "overdue", "days_overdue", "version", "due"} <= set(item)


def test_the_schema_asks_for_a_bearer_token_and_bounds_ids(api):
    schema = api.get("/schema/openapi.json", headers=bearer(api, VIEWER)).json()
    [(name, scheme)] = schema["components"]["securitySchemes"].items()
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    for operations in schema["paths"].values():
        for operation in operations.values():
            assert operation["security"] == [{name: []}]
    [action_id] = schema["paths"]["/api/actions/{action_id}"]["get"]["parameters"][:1]
    assert (action_id["schema"]["minimum"], action_id["schema"]["maximum"]) == (1, 2**31 - 1)
