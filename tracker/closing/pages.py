"""Closing a strategy, carrying its open actions over, and its closing report.

The business unit closes and carries; the chairs read the closing report too.
"""

from __future__ import annotations

from dataclasses import dataclass

from litestar import Request, get, post
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Response, Template

from tracker.closing.documents import as_docx, as_xlsx
from tracker.closing.queries import (
    closing_actions,
    last_quarter_returns,
    open_later_strategies,
    strategy_by_id,
)
from tracker.closing.rules import Outcome, close_refusal, counts
from tracker.closing.store import carry_actions, close_strategy
from tracker.core import clock
from tracker.core.parsing import record_id
from tracker.core.refusals import Refusal
from tracker.core.roles import Role
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of, shown
from tracker.core.web.rendering import page

GUARD = [roles(Role.BUSINESS_UNIT)]
READERS = [roles(Role.BUSINESS_UNIT, Role.CHAIR)]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


async def _close_page(strategy_id: int, status_code: int = 200, **context: object) -> Template:
    strategy = await strategy_by_id(strategy_id)
    returns = await last_quarter_returns(strategy)
    shown_page = await page(
        "closing/close.html",
        strategy=strategy,
        returns=returns,
        refused=close_refusal(strategy.name, strategy.last_quarter, returns, strategy.closed),
        **context,
    )
    shown_page.status_code = status_code
    return shown_page


@get("/strategies/{strategy_id:int}/close", name="close_strategy_confirm", guards=GUARD)
async def close_confirm(strategy_id: FromPath[int]) -> Template:
    return await _close_page(strategy_id)


async def _close_again(request: Request, refused: Refusal) -> Template:  # type: ignore[type-arg]
    return await _close_page(int(request.path_params["strategy_id"]), **shown(refused))


@post(
    "/strategies/{strategy_id:int}/close",
    name="close_strategy",
    guards=GUARD,
    status_code=303,
    opt={"form": _close_again},
)
async def close(request: Request, strategy_id: FromPath[int]) -> Redirect:  # type: ignore[type-arg]
    await close_strategy(strategy_id, by=person(request).email, client=client_of(request))
    return Redirect(f"/strategies/{strategy_id}/carry?closed=1", status_code=303)


async def _carry_page(
    strategy_id: int,
    target: int | None,
    status_code: int = 200,
    chosen: frozenset[int] = frozenset(),
    **context: object,
) -> Template:
    source = await strategy_by_id(strategy_id)
    targets = await open_later_strategies(source)
    shown_page = await page(
        "closing/carry.html",
        strategy=source,
        targets=targets,
        target=target if target is not None else (targets[0].id if targets else None),
        plans=[plan for plan in await closing_actions(source) if plan.open_actions],
        chosen=chosen,
        typed=context.pop("typed", {}),
        problems=context.pop("problems", {}),
        **context,
    )
    shown_page.status_code = status_code
    return shown_page


CARRY_NOTICES = {
    "closed": "The strategy is closed: it is read only from now on. Choose the open actions "
    "to carry into the next strategy.",
}


@get("/strategies/{strategy_id:int}/carry", name="carry_actions_form", guards=GUARD)
async def carry_form(
    strategy_id: FromPath[int],
    target: FromQuery[int | None] = None,
    closed: FromQuery[int | None] = None,
    carried: FromQuery[int | None] = None,
) -> Template:
    notice = CARRY_NOTICES["closed"] if closed else None
    if carried:
        notice = f"{carried} action{'' if carried == 1 else 's'} carried over."
    return await _carry_page(strategy_id, target, notice=notice)


@dataclass(frozen=True)
class CarryForm:
    target: int | None
    picked: list[int]
    typed_dues: dict[int, str]  # as typed, by action id


def _carry_sent(sent) -> CarryForm:  # type: ignore[no-untyped-def]
    target = record_id(str(sent.get("target") or ""))
    picked = (record_id(str(value)) for value in sent.getall("action", []))
    dues = {}
    for name, value in sent.items():
        action_id = record_id(name.removeprefix("due_")) if name.startswith("due_") else None
        if action_id is not None:
            dues[action_id] = str(value)
    return CarryForm(target, [value for value in picked if value is not None], dues)


async def _carry_again(request: Request, refused: Refusal) -> Template:  # type: ignore[type-arg]
    form = _carry_sent(await request.form())
    return await _carry_page(
        int(request.path_params["strategy_id"]),
        form.target,
        chosen=frozenset(form.picked),
        typed=form.typed_dues,
        **shown(refused),
    )


@post(
    "/strategies/{strategy_id:int}/carry",
    name="carry_actions",
    guards=GUARD,
    status_code=303,
    opt={"form": _carry_again},
)
async def carry(request: Request, strategy_id: FromPath[int]) -> Redirect:  # type: ignore[type-arg]
    form = _carry_sent(await request.form())
    carried = await carry_actions(
        strategy_id,
        form.target or 0,
        form.picked,
        by=person(request).email,
        dues=form.typed_dues,
        client=client_of(request),
    )
    return Redirect(
        f"/strategies/{strategy_id}/carry?target={form.target}&carried={len(carried)}",
        status_code=303,
    )


async def _report(strategy_id: int) -> tuple[str, list]:  # type: ignore[type-arg]
    strategy = await strategy_by_id(strategy_id)
    return f"{strategy.name}: closing report", await closing_actions(strategy)


@get("/strategies/{strategy_id:int}/closing-report", name="closing_report", guards=READERS)
async def closing_report(strategy_id: FromPath[int]) -> Template:
    strategy = await strategy_by_id(strategy_id)
    plans = await closing_actions(strategy)
    return await page(
        "closing/report.html",
        strategy=strategy,
        plans=plans,
        totals=counts(action.outcome for plan in plans for action in plan.actions),
        Outcome=Outcome,
    )


def _file(content: bytes, media_type: str, name: str) -> Response:
    return Response(
        content,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


@get(
    "/strategies/{strategy_id:int}/closing-report.xlsx",
    name="closing_report_xlsx",
    guards=READERS,
)
async def closing_report_xlsx(strategy_id: FromPath[int]) -> Response:
    title, plans = await _report(strategy_id)
    return _file(as_xlsx(title, plans, clock.today()), XLSX, f"closing-report-{strategy_id}.xlsx")


@get(
    "/strategies/{strategy_id:int}/closing-report.docx",
    name="closing_report_docx",
    guards=READERS,
)
async def closing_report_docx(strategy_id: FromPath[int]) -> Response:
    title, plans = await _report(strategy_id)
    return _file(as_docx(title, plans, clock.today()), DOCX, f"closing-report-{strategy_id}.docx")


ROUTES = [
    close_confirm,
    close,
    carry_form,
    carry,
    closing_report,
    closing_report_xlsx,
    closing_report_docx,
]
