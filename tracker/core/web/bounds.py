"""Input no handler should ever see, refused before any handler runs.

Wired as the application's `before_request` (tracker/web/app.py), so every
page, form and API route goes through it:

- an id in the path, or in a query parameter its handler reads as a whole number, outside
  1..2^31-1 names nothing: 404, never a database error;
- a NUL byte or an unpaired surrogate in a query parameter or a form field (its
  name or its value) cannot be stored (PostgreSQL refuses NUL in text) nor shown
  (a surrogate cannot be written as UTF-8): 422, saying so.

An uploaded file's bytes are not text fields and are left to its reader.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from typing import Any

from litestar import Request
from litestar.exceptions import HTTPException

from tracker.core.parsing import UNREADABLE, is_id, parsed
from tracker.core.refusals import InvalidInput, NotFound
from tracker.core.web.access import API_PREFIX

UNREADABLE_MESSAGE = (
    "What was sent contains a character that cannot be used (a NUL byte or half of a "
    "character pair). Nothing was saved: remove it and try again."
)
NO_SUCH_ID = "There is nothing with that number."


def has_unreadable(text: str) -> bool:
    """Whether `text` holds a NUL byte or an unpaired surrogate."""
    return UNREADABLE.search(text) is not None


def _named_texts(pairs: Iterable[tuple[str, Any]]) -> Iterable[tuple[str, str]]:
    """Each field's name and text value, with the field it belongs to."""
    for name, value in pairs:
        yield name, name
        if isinstance(value, str):
            yield name, value


def _form_content(request: Request) -> bool:  # type: ignore[type-arg]
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return kind in ("application/x-www-form-urlencoded", "multipart/form-data")


def _whole_number_parameters(request: Request) -> Iterable[str]:  # type: ignore[type-arg]
    """The query parameters the route's handler reads as whole numbers (ids, here)."""
    handler = request.scope.get("route_handler")
    signature = getattr(handler, "parsed_fn_signature", None)
    for name, declared in signature.parameters.items() if signature else ():
        if name not in request.path_params and int in (
            declared.annotation,
            *typing.get_args(declared.annotation),
        ):
            yield name


async def refuse_unreadable_input(request: Request) -> None:  # type: ignore[type-arg]
    for value in request.path_params.values():
        if isinstance(value, int) and not is_id(value):
            raise NotFound(NO_SUCH_ID)
    for name in _whole_number_parameters(request):
        number = parsed(int, request.query_params.get(name) or "")
        if number is not None and not is_id(number):
            raise NotFound(NO_SUCH_ID)
    sent = list(_named_texts(request.query_params.multi_items()))
    if request.method in ("POST", "PUT", "PATCH") and _form_content(request):
        try:
            form = await request.form()
        except UnicodeDecodeError as error:  # a multipart field that is not UTF-8
            raise _unreadable() from error
        sent += _named_texts(form.multi_items())
    unreadable = [name for name, text in sent if has_unreadable(text)]
    if unreadable and request.url.path.startswith(API_PREFIX):
        # A program is told which field, in the API's problem JSON.
        field = unreadable[0] if not has_unreadable(unreadable[0]) else "query"
        raise InvalidInput({field: UNREADABLE_MESSAGE})
    if unreadable:
        raise _unreadable()


def _unreadable() -> HTTPException:
    # An HTTP error, not an InvalidInput: showing the form again would show the very
    # characters that cannot be shown.
    return HTTPException(status_code=422, detail=UNREADABLE_MESSAGE)
