"""The OpenAPI schema documents the JSON API and nothing else."""

from tests.api.conftest import bearer
from tests.support.accounts import VIEWER


def test_the_schema_lists_the_api_and_no_html_page(api):
    schema = api.get("/schema/openapi.json", headers=bearer(api, VIEWER)).json()
    assert sorted(schema["paths"]) == [
        "/api/actions",
        "/api/actions/{action_id}",
        "/api/actions/{action_id}/updates",
        "/api/plans",
    ]
    post = schema["paths"]["/api/actions/{action_id}/updates"]["post"]
    body = post["requestBody"]["content"]["application/json"]["schema"]
    assert body["required"] == ["version", "rag"]
    assert {"201", "403", "404", "409", "422"} <= set(post["responses"])
    item = schema["components"]["schemas"]["ActionItem"]["properties"]
    assert {"rag", "progress", "overdue", "days_overdue", "version", "due"} <= set(item)
