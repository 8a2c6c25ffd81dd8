"""The To do page of the chairs and the business unit, and the count beside its link.

Thin: what waits is tracker.todo.queries, who sees which part tracker.todo.rules.
"""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from tracker.core import clock
from tracker.core.chosen import chosen_id
from tracker.core.roles import HAS_TO_DO
from tracker.core.web.access import person, roles
from tracker.core.web.rendering import page, partial
from tracker.todo.queries import to_do

TO_DO = roles(*HAS_TO_DO)


@get("/todo", name="todo", guards=[TO_DO])
async def todo_page(request: Request) -> Template:
    found = await to_do(person(request).role, clock.today(), await chosen_id(request))
    return await page("todo/todo.html", todo=found)


@get("/todo/count", name="todo_count", guards=[TO_DO])
async def todo_count(request: Request) -> Template:
    """The figure in the navigation's To do link, fetched after the page has loaded."""
    found = await to_do(person(request).role, clock.today(), await chosen_id(request))
    return await partial("todo/_count.html", todo=found)


ROUTES = [todo_page, todo_count]
