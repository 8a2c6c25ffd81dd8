"""The business unit's accounts pages: list, add (with an invitation to choose a password),
change, disable, enable, send a password link, and see and revoke anyone's API tokens.

The business unit never sees anyone's password: a new account gets an
invitation link, a forgotten password a reset link, e-mailed or (without
SMTP_URL, or when the e-mail fails) shown once here for them to hand over."""

from __future__ import annotations

from typing import Any

from litestar import Request, get, post
from litestar.datastructures import FormMultiDict
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from tracker.accounts.account_form import AccountForm, FormProblems
from tracker.accounts.changes import (
    AccountDetails,
    account_details,
    change_account,
    enable_account,
)
from tracker.accounts.password_links import LinkPurpose, has_password
from tracker.accounts.password_mail import hand_out_link
from tracker.accounts.store import accounts, create_account, disable_account
from tracker.accounts.tokens import list_tokens, revoke_token
from tracker.core.refusals import NotFound, Refusal
from tracker.core.roles import CAN_MANAGE_USERS, Role
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of
from tracker.core.web.rendering import page
from tracker.imports.agencies import agency_directory

GUARD = [roles(*CAN_MANAGE_USERS)]
# A page showing a one-time link must not be kept by the browser or anything between.
NOT_STORED = {"Cache-Control": "no-store"}


async def _agency_names() -> list[str]:
    return [agency.name for agency in (await agency_directory()).agencies]


async def _users_page(
    form: AccountForm,
    problems: FormProblems | None = None,
    created: dict[str, Any] | None = None,
    status_code: int = 200,
) -> Template:
    template = await page(
        "accounts/users.html",
        accounts=await accounts(),
        agencies=await _agency_names(),
        roles=list(Role),
        form=form,
        problems=problems,
        created=created,
    )
    template.status_code = status_code
    if created and created["handed"].link:
        template.headers.update(NOT_STORED)
    return template


@get("/users", name="users", guards=GUARD)
async def users_page() -> Template:
    return await _users_page(AccountForm())


def _form_sent(fields: FormMultiDict) -> AccountForm:
    return AccountForm.from_form(fields.dict())


async def _add_again(request: Request, refused: Refusal) -> Template:
    form = _form_sent(await request.form())
    return await _users_page(form, FormProblems.of(refused), status_code=400)


def _handing_out(request: Request) -> dict[str, Any]:
    state = request.app.state
    return {
        "by": person(request).email,
        "client": client_of(request),
        "server": state.smtp,
        "sender": state.mail_from,
        "base_url": state.base_url,
    }


@post("/users", name="user_add", guards=GUARD, opt={"form": _add_again})
async def add_user(request: Request) -> Template:
    form = _form_sent(await request.form())
    form.check(new=True).refuse()
    account_id, _ = await create_account(
        form.email,
        form.chosen_role,
        agencies=form.agencies,
        password=None,
        name=form.name,
        lead_names=form.lead_names,
        by=person(request).email,
        invited=True,
    )
    email = form.email.strip().lower()
    handed = await hand_out_link(
        account_id,
        email,
        form.name,
        LinkPurpose.INVITE,
        new_account=True,
        **_handing_out(request),
    )
    return await _users_page(AccountForm(), created={"id": account_id, "handed": handed})


async def _account(account_id: int) -> AccountDetails:
    account = await account_details(account_id)
    if account is None:
        raise NotFound("There is no such account.")
    return account


def _form_of(account: AccountDetails) -> AccountForm:
    return AccountForm(
        email=account.email,
        name=account.name,
        role=account.role.value,
        agencies=list(account.agencies),
        lead_titles="\n".join(account.lead_names),
    )


async def _account_page(
    account: AccountDetails,
    form: AccountForm | None = None,
    problems: FormProblems | None = None,
    status_code: int = 200,
    **notices: Any,
) -> Template:
    template = await page(
        "accounts/user.html",
        account=account,
        form=form or _form_of(account),
        problems=problems,
        agencies=await _agency_names(),
        roles=list(Role),
        tokens=await list_tokens(account.id),
        **notices,
    )
    template.status_code = status_code
    handed = notices.get("handed")
    if handed is not None and handed.link:
        template.headers.update(NOT_STORED)
    return template


@get("/users/{account_id:int}", name="user", guards=GUARD)
async def user_page(account_id: FromPath[int], done: FromQuery[str] = "") -> Template:
    return await _account_page(await _account(account_id), done=done)


async def _save_again(request: Request, refused: Refusal) -> Template:
    account = await _account(request.path_params["account_id"])
    form = _form_sent(await request.form())
    form.email = account.email
    return await _account_page(account, form, FormProblems.of(refused), status_code=400)


@post("/users/{account_id:int}", name="user_save", guards=GUARD, opt={"form": _save_again})
async def save_user(request: Request, account_id: FromPath[int]) -> Redirect:
    account = await _account(account_id)
    form = _form_sent(await request.form())
    form.email = account.email
    form.check(new=False).refuse()
    await change_account(
        account.id,
        name=form.name,
        role=form.chosen_role,
        agencies=form.agencies,
        lead_names=form.lead_names,
        by=person(request).email,
    )
    return Redirect(f"/users/{account.id}?done=saved", status_code=303)


async def _disable_again(request: Request, refused: Refusal) -> Template:
    account = await _account(request.path_params["account_id"])
    return await _account_page(account, refused=str(refused), status_code=409)


@post(
    "/users/{account_id:int}/disable",
    name="user_disable",
    guards=GUARD,
    opt={"form": _disable_again},
)
async def disable_user(request: Request, account_id: FromPath[int]) -> Redirect:
    account = await _account(account_id)
    await disable_account(account.email, by=person(request).email)
    return Redirect(f"/users/{account.id}?done=disabled", status_code=303)


@post("/users/{account_id:int}/enable", name="user_enable", guards=GUARD)
async def enable_user(request: Request, account_id: FromPath[int]) -> Redirect:
    account = await _account(account_id)
    await enable_account(account.id, by=person(request).email)
    return Redirect(f"/users/{account.id}?done=enabled", status_code=303)


@post("/users/{account_id:int}/reset-password", name="user_reset_password", guards=GUARD)
async def reset_user_password(request: Request, account_id: FromPath[int]) -> Template:
    """A one-time link to set their password: e-mailed, or shown once to hand over.

    An account that never chose a password gets its invitation again.
    """
    account = await _account(account_id)
    purpose = LinkPurpose.RESET if await has_password(account.id) else LinkPurpose.INVITE
    handed = await hand_out_link(
        account.id, account.email, account.name, purpose, **_handing_out(request)
    )
    return await _account_page(account, handed=handed)


@post(
    "/users/{account_id:int}/tokens/{token_id:int}/revoke",
    name="user_revoke_token",
    guards=GUARD,
)
async def revoke_user_token(
    request: Request, account_id: FromPath[int], token_id: FromPath[int]
) -> Template:
    account = await _account(account_id)
    name = await revoke_token(
        token_id, account.id, person(request).email, client=client_of(request), whose="They have"
    )
    return await _account_page(account, revoked_token=name)


ROUTES = [
    users_page,
    add_user,
    user_page,
    save_user,
    disable_user,
    enable_user,
    reset_user_password,
    revoke_user_token,
]
