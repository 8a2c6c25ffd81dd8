"""Accepting or rejecting one proposal at a time, from the plan's return page."""

from __future__ import annotations

from litestar import Request, post
from litestar.params import FromPath
from litestar.response import Redirect

from tracker.core.roles import CAN_IMPORT
from tracker.core.web.access import person, roles
from tracker.core.web.forms import client_of
from tracker.proposals.store import Decided, decide

GUARD = [roles(*CAN_IMPORT)]  # the business unit, who imports returns


def _back(decided: Decided) -> Redirect:
    where = f"/returns/{decided.quarter.slug}/plans/{decided.plan_id}"
    return Redirect(f"{where}?saved=proposal-{decided.status.value}#proposals", status_code=303)


@post("/proposals/{proposal_id:int}/accept", name="proposal_accept", guards=GUARD)
async def accept_proposal(request: Request, proposal_id: FromPath[int]) -> Redirect:
    who = person(request).email
    return _back(await decide(proposal_id, accept=True, decided_by=who, client=client_of(request)))


@post("/proposals/{proposal_id:int}/reject", name="proposal_reject", guards=GUARD)
async def reject_proposal(request: Request, proposal_id: FromPath[int]) -> Redirect:
    who = person(request).email
    return _back(await decide(proposal_id, accept=False, decided_by=who, client=client_of(request)))
