"""Agencies, core components and glossary pages."""

from __future__ import annotations

from litestar import get
from litestar.response import Template

from tracker.views import reference
from tracker.web.pages.rendering import page


@get("/agencies", name="agencies")
async def agencies() -> Template:
    return await page("agencies.html", agencies=await reference.agencies())


@get("/core-components", name="core_components")
async def core_components() -> Template:
    return await page("core_components.html", components=await reference.core_components())


@get("/glossary", name="glossary")
async def glossary() -> Template:
    return await page("glossary.html", terms=await reference.glossary())
