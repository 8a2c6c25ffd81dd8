"""Why a file could not be sent through an upload link, beyond the shared refusals of
tracker.core.refusals (InvalidInput for the file itself)."""

from __future__ import annotations

from tracker.core import refusals


class UnknownLink(refusals.NotFound):
    """No link has this token: mistyped, cut short, or never made."""


class LinkGone(refusals.Refusal):
    """The link expired or was revoked: 410, it will not work again."""

    status_code = 410


class TooManyUploads(refusals.Refusal):
    """The link took as many files as it may in the last hour."""

    status_code = 429
