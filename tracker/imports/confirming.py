"""What the officer chose on a preview's confirm form, read once for the import: the return
submitted or left a draft, the rows to skip, and the return page the file came from."""

from __future__ import annotations

from dataclasses import dataclass

from litestar import Request

from tracker.core.dates import Quarter
from tracker.core.parsing import parsed
from tracker.core.personal_data.check import confirmed_in
from tracker.imports.file_checks import Expected

SUBMITTED, DRAFT = "submitted", "draft"


@dataclass
class ConfirmForm:
    fingerprint: str = ""
    confirm_personal_data: str = ""
    return_state: str = SUBMITTED  # the default: the return is submitted
    for_plan: str = ""
    for_quarter: str = ""


@dataclass(frozen=True)
class Confirmation:
    fingerprint: str
    personal_data_confirmed: bool
    submit_return: bool
    skip: frozenset[int]
    expected: Expected | None


def expected_of(plan: str | int | None, quarter: str | None) -> Expected | None:
    """The return page a file was imported from, if the preview says one."""
    plan_id = parsed(int, str(plan)) if plan not in (None, "") else None
    which = parsed(Quarter.parse, quarter) if quarter else None
    return Expected(plan_id, which) if plan_id is not None and which is not None else None


async def confirmation(request: Request, form: ConfirmForm) -> Confirmation:  # type: ignore[type-arg]
    sent = await request.form()
    skip = frozenset(n for n in (parsed(int, v) for v in sent.getall("skip", [])) if n is not None)
    return Confirmation(
        fingerprint=form.fingerprint,
        personal_data_confirmed=confirmed_in({"confirm_personal_data": form.confirm_personal_data}),
        submit_return=form.return_state != DRAFT,
        skip=skip,
        expected=expected_of(form.for_plan, form.for_quarter),
    )
