"""The headers on every response: security, caching, and HSTS behind HTTPS.

Set as each response starts (Litestar's `before_send`), so they are on every
answer alike: pages, downloads, redirects, the error page and the problem
JSON, the sign-in redirect of the authentication middleware, Litestar's own
404 and 405, and static files. Pages and downloads are never stored (they
hold what one person may see); static files and htmx may be cached.
"""

from __future__ import annotations

import base64
import hashlib
import re

from litestar.datastructures import MutableScopeHeaders
from litestar.types import BeforeMessageSendHookHandler, Message, Scope

SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'self'"
    ),
}
# Headers a response may set for itself: a report page's styles, the paper preview's framing.
OWN_CHOICE = ("Content-Security-Policy", "X-Frame-Options")
# The paper's preview is framed by the tracker's own quarter page, and by nothing else.
FRAMED_BY_SELF = {
    "Content-Security-Policy": SECURITY_HEADERS["Content-Security-Policy"].replace(
        "frame-ancestors 'none'", "frame-ancestors 'self'"
    ),
    "X-Frame-Options": "SAMEORIGIN",
}
NOT_STORED = "no-store"
CACHEABLE = ("/static/", "/vendor/")
# A year; subdomains are left alone, as the tracker may share a domain with other services.
HSTS = "max-age=31536000"


def every_response_headers(*, https_only: bool) -> BeforeMessageSendHookHandler:
    """The hook adding the headers; `https_only` (TRACKER_SECURE_COOKIES=1) adds HSTS."""
    fixed = dict(SECURITY_HEADERS)
    if https_only:
        fixed["Strict-Transport-Security"] = HSTS

    async def add_headers(message: Message, scope: Scope) -> None:
        if message["type"] != "http.response.start":
            return
        headers = MutableScopeHeaders.from_message(message)
        for name, value in fixed.items():
            if name in OWN_CHOICE and name in headers:
                continue  # a response that set its own: a report page (own_styles_policy)
            headers[name] = value
        if not str(scope.get("path", "")).startswith(CACHEABLE):
            headers["Cache-Control"] = NOT_STORED

    return add_headers


STYLE_ELEMENT = re.compile(rb"<style(?:\s[^>]*)?>(.*?)</style>", re.DOTALL | re.IGNORECASE)


def own_styles_policy(html: bytes) -> str:
    """The policy for a self-contained page opened in the browser (a report): its own
    <style> elements, by hash, and nothing else: no scripts, no requests, no framing."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(style).digest()).decode() + "'"
        for style in STYLE_ELEMENT.findall(html)
    )
    styles = hashes or "'none'"
    return (
        f"default-src 'none'; style-src {styles}; img-src data:; font-src data:; "
        "form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
    )
