"""The API's path parameters, with the ranges its schema declares: an id outside them is
refused (404, by tracker.core.web.bounds) before any query, never passed to the database."""

from __future__ import annotations

from typing import Annotated

from litestar.openapi.spec import Example
from litestar.params import PathParameter

from tracker.api.bounds import MAX_ID

ActionId = Annotated[
    int,
    PathParameter(
        ge=1,
        le=MAX_ID,
        description=f"The action's id, 1 to {MAX_ID:,}",
        examples=[Example(summary="The first action", value=1)],
    ),
]
