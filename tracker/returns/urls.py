"""What the returns pages read from their addresses: the quarter a path names, and the
notice a `?saved=` key stands for after a step, a deadline or a proposal redirects back."""

from __future__ import annotations

from tracker.core.dates import Quarter
from tracker.core.parsing import parsed
from tracker.core.refusals import NotFound

NOTICES = {
    "submitted": "Return submitted.",
    "returned": "Return sent back to the agency for changes.",
    "accepted": "Return accepted.",
    "withdrawn": "Return withdrawn: it is back with the agency. Submit it again when it is ready.",
    "deadline": "Deadline saved.",
    "emailed": "Proformas e-mailed: each one sent, and any that failed, is listed below.",
    "proposal-accepted": "Proposal accepted: the plan now has it.",
    "proposal-rejected": "Proposal rejected: the plan stays as it was.",
}


def quarter_of(slug: str) -> Quarter:
    quarter = parsed(Quarter.parse, slug)
    if quarter is None:
        raise NotFound(f"There are no returns for {slug!r}: a quarter is written like 2020-21-Q2.")
    return quarter
