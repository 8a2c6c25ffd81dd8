"""Who may change an action from a page: shared by the update, edit and core-component pages."""

from __future__ import annotations

from litestar.plugins.htmx import HTMXRequest

from tracker.core import clock
from tracker.core.closed import refuse_if_closed
from tracker.core.refusals import NotAllowed, NotFound
from tracker.core.roles import Role
from tracker.core.web.access import person, roles
from tracker.plans.state import ActionState, action_state
from tracker.updates.store import may_change

UPDATERS = roles(Role.BUSINESS_UNIT, Role.LEAD)


async def changeable_state(request: HTMXRequest, action_id: int) -> ActionState:
    state = await action_state(action_id, clock.today())
    if state is None:
        raise NotFound(f"There is no action {action_id}.")
    if not may_change(person(request), state):
        raise NotAllowed(
            f"You cannot update action {state.ref} of {state.plan}: it is not one of yours."
        )
    await refuse_if_closed(plan_id=state.plan_id)  # its forms are not offered either
    return state
