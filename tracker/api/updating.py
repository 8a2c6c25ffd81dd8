"""Recording an update through the API: needs a token; who may update what is the service's rule."""

from __future__ import annotations

from dataclasses import dataclass, fields

from litestar import Request, post
from litestar.openapi.spec import (
    OpenAPIFormat,
    OpenAPIMediaType,
    OpenAPIType,
    Operation,
    RequestBody,
    Schema,
)

from tracker.api.bounds import MAX_ID
from tracker.api.detail import state_item
from tracker.api.models import RecordedItem
from tracker.api.params import ActionId
from tracker.api.responses import RESPONSES
from tracker.api.update_body import read_update_body
from tracker.core import clock
from tracker.core.tables import UpdateSource
from tracker.core.web.access import person
from tracker.core.web.forms import client_of
from tracker.updates.rules import MAX_IMPACT, MAX_LINK, MAX_PROGRESS
from tracker.updates.store import record_update

UPDATE_BODY = Schema(
    type=OpenAPIType.OBJECT,
    required=["version", "rag"],
    properties={
        "version": Schema(
            type=OpenAPIType.INTEGER,
            minimum=1,
            maximum=MAX_ID,
            description="The action's version the update was made on",
        ),
        "rag": Schema(type=OpenAPIType.STRING, enum=["red", "amber", "green", "blue"]),
        "progress": Schema(
            type=OpenAPIType.STRING,
            max_length=MAX_PROGRESS,
            description="Needed for red and amber, and on any change",
        ),
        "as_at": Schema(
            type=OpenAPIType.STRING,
            format=OpenAPIFormat.DATE,
            description=(
                "YYYY-MM-DD, not in the future. Left out: while the plan's return for the "
                "quarter before today's is open (that quarter has ended and its return is "
                "not accepted), the last day of that quarter, so the update counts for that "
                "return; otherwise today. Send today's date to record today's position"
            ),
        ),
        "impact": Schema(
            type=OpenAPIType.STRING,
            max_length=MAX_IMPACT,
            description="Needed to complete (blue)",
        ),
        "evidence_link": Schema(
            type=OpenAPIType.STRING,
            format=OpenAPIFormat.URI,
            max_length=MAX_LINK,
            description="A web address (http or https)",
        ),
        "confirm_personal_data": Schema(
            type=OpenAPIType.BOOLEAN,
            description=(
                "true to save text that looks like it identifies a person (an NHS number, a "
                "date of birth, a postcode, a phone number or an e-mail address) as it is, "
                "after a 422 with code possible-personal-data; the business unit reviews it"
            ),
        ),
    },
)

EXAMPLE = {"rag": "amber", "progress": "Two of the four training sessions held.", "version": 1}


@dataclass
class _UpdateOperation(Operation):
    # The body is read by hand (so every fault is a 422 naming its field); say its shape here.
    def __post_init__(self) -> None:
        self.request_body = RequestBody(
            content={"application/json": OpenAPIMediaType(schema=UPDATE_BODY, example=EXAMPLE)},
            required=True,
        )


@post(
    "/actions/{action_id:int}/updates",
    name="api_update",
    summary="Record a RAG status and progress update (needs an API token)",
    status_code=201,
    operation_class=_UpdateOperation,
    responses=RESPONSES,
)
async def record(request: Request, action_id: ActionId) -> RecordedItem:
    today = clock.today()
    body = read_update_body(await request.body())
    recorded = await record_update(
        action_id,
        body.form,
        version=body.version,
        person=person(request),
        source=UpdateSource.API,
        today=today,
        client=client_of(request),
        confirmed=body.confirmed,
    )
    item = state_item(recorded.state, today)
    return RecordedItem(
        **{field.name: getattr(item, field.name) for field in fields(item)},
        moved_from=recorded.moved_from,
    )
