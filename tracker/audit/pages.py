"""The business unit's audit trail page. Read-only: no route here changes an entry."""

from __future__ import annotations

from litestar import Request, get
from litestar.response import Template

from tracker.audit.browse import audit_page, read_filter
from tracker.audit.kinds import AuditKind
from tracker.core.roles import CAN_READ_AUDIT
from tracker.core.web.access import roles
from tracker.core.web.rendering import page

GUARD = [roles(*CAN_READ_AUDIT)]


@get("/audit", name="audit", guards=GUARD)
async def audit_trail(request: Request) -> Template:
    asked = read_filter(request.query_params)
    template = await page(
        "audit/audit.html", asked=asked, trail=await audit_page(asked.filter), kinds=list(AuditKind)
    )
    template.status_code = 400 if asked.problems else 200
    return template
