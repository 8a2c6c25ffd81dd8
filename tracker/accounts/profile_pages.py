"""Your profile: who the tracker thinks you are, and your personal API tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.exceptions import NotFoundException
from litestar.params import Body, FromPath
from litestar.response import Template

from tracker.accounts.profile import profile_view
from tracker.accounts.tokens import TokenProblem, create_token, revoke_token
from tracker.core.web.access import person
from tracker.core.web.rendering import page


@dataclass
class TokenForm:
    name: str = ""


def _client(request: Request) -> str:
    return request.client.host if request.client else ""


async def _profile(request: Request, status_code: int = 200, **context: Any) -> Template:
    view = await profile_view(person(request))
    shown = await page("accounts/profile.html", view=view, form=TokenForm(), **context)
    shown.status_code = status_code
    return shown


@get("/profile", name="profile")
async def profile(request: Request) -> Template:
    return await _profile(request)


@post("/profile/tokens", name="create_token", status_code=200)
async def create(
    request: Request,
    data: Annotated[TokenForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template:
    me = person(request)
    try:
        token = await create_token(me.id, data.name, me.email, client=_client(request))
    except TokenProblem as problem:
        return await _profile(request, 400, problem=str(problem), asked=data.name)
    return await _profile(request, new_token=token, new_token_name=" ".join(data.name.split()))


@post("/profile/tokens/{token_id:int}/revoke", name="revoke_token", status_code=200)
async def revoke(request: Request, token_id: FromPath[int]) -> Template:
    me = person(request)
    try:
        name = await revoke_token(token_id, me.id, me.email, client=_client(request))
    except TokenProblem as problem:
        raise NotFoundException(str(problem)) from None
    return await _profile(request, revoked=name)
