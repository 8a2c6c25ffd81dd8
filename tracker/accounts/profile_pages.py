"""Your profile: who the tracker thinks you are, and your personal API tokens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from litestar import Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath
from litestar.response import Template

from tracker.accounts.authentication import SESSION_COOKIE
from tracker.accounts.own_password import change_own_password
from tracker.accounts.passwords import MIN_LENGTH
from tracker.accounts.profile import SectionProvider, profile_view
from tracker.accounts.tokens import (
    DEFAULT_LIFETIME_DAYS,
    LIFETIME_DAYS,
    TokenScope,
    create_token,
    lifetime_days,
    revoke_token,
    token_scope,
)
from tracker.core.refusals import InvalidInput, Refusal
from tracker.core.web.access import person
from tracker.core.web.forms import client_of, submitted
from tracker.core.web.rendering import page


@dataclass
class PasswordForm:
    current_password: str = ""
    new_password: str = ""
    confirm: str = ""


@dataclass
class TokenForm:
    name: str = ""
    # Read only unless asked: the least a token needs is what it is given.
    scope: str = TokenScope.READ.value
    lifetime: str = str(DEFAULT_LIFETIME_DAYS)


async def _profile(
    request: Request, status_code: int = 200, form: TokenForm | None = None, **context: Any
) -> Template:
    view = await profile_view(person(request))
    providers: list[SectionProvider] = request.app.state.get("profile_sections", [])
    sections = [section for provide in providers if (section := await provide(request))]
    shown = await page(
        "accounts/profile.html",
        view=view,
        sections=sections,
        form=form or TokenForm(),
        scopes=list(TokenScope),
        lifetimes=LIFETIME_DAYS,
        min_length=MIN_LENGTH,
        **context,
    )
    shown.status_code = status_code
    return shown


@get("/profile", name="profile")
async def profile(request: Request) -> Template:
    return await _profile(request)


async def _create_again(request: Request, refused: Refusal) -> Template:
    form = await submitted(request, TokenForm)
    problems = refused.problems if isinstance(refused, InvalidInput) else {"name": str(refused)}
    return await _profile(request, 400, form=form, problems=problems)


@post("/profile/tokens", name="create_token", status_code=200, opt={"form": _create_again})
async def create(
    request: Request,
    data: Annotated[TokenForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template:
    me = person(request)
    token = await create_token(
        me.id,
        data.name,
        me.email,
        scope=token_scope(data.scope),
        lifetime_days=lifetime_days(data.lifetime),
        client=client_of(request),
    )
    return await _profile(request, new_token=token, new_token_name=" ".join(data.name.split()))


@post("/profile/tokens/{token_id:int}/revoke", name="revoke_token", status_code=200)
async def revoke(request: Request, token_id: FromPath[int]) -> Template:
    me = person(request)
    name = await revoke_token(token_id, me.id, me.email, client=client_of(request))
    return await _profile(request, revoked=name)


async def _password_again(request: Request, refused: Refusal) -> Template:
    problems = refused.problems if isinstance(refused, InvalidInput) else {}
    return await _profile(request, 400, password_problems=problems)


@post("/profile/password", name="change_password", status_code=200, opt={"form": _password_again})
async def change_password(
    request: Request,
    data: Annotated[PasswordForm, Body(media_type=RequestEncodingType.URL_ENCODED)],
) -> Template:
    me = person(request)
    revoked = await change_own_password(
        me.id,
        me.email,
        current=data.current_password,
        new=data.new_password,
        again=data.confirm,
        session_token=request.cookies.get(SESSION_COOKIE),
        client=client_of(request),
    )
    return await _profile(request, password_changed=True, tokens_revoked=revoked)
