"""Agencies, core components and glossary pages."""

from __future__ import annotations

from litestar import get
from litestar.response import Template

from tracker.core.web.rendering import page
from tracker.plans import reference


@get("/agencies", name="agencies")
async def agencies() -> Template:
    return await page("plans/agencies.html", agencies=await reference.agencies())


@get("/core-components", name="core_components")
async def core_components() -> Template:
    return await page("plans/core_components.html", components=await reference.core_components())


@get("/glossary", name="glossary")
async def glossary() -> Template:
    return await page("plans/glossary.html", terms=await reference.glossary())
