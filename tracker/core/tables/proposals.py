"""Changes a returned proforma proposes to its plan, waiting for the business unit."""

from __future__ import annotations

from piccolo.columns import (
    JSON,
    Integer,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table


class Proposal(Table):
    """A change an agency's returned proforma proposes to its plan's text, waiting for the
    business unit: a new action (a row the agency added) or an edit of a protected field
    (objective, action, input, desired outcome, lead, time-scale) of an existing one.

    Nothing in the plan changes until it is accepted; a decision moves `status` on from
    "proposed" only once (see tracker.proposals.store), so of two people deciding at once
    one wins. `details`: a new action's fields, or a time-scale's due day and recurrence.
    """

    id: Serial
    plan = Integer(index=True)
    quarter = Varchar(length=10, index=True)
    kind = Varchar(length=10)  # new, edit
    ref = Varchar(length=20)  # type: ignore[assignment]  # the action's (a new one's, as given)
    field = Varchar(length=30, default="")  # an edit's field; "" for a new action
    before = Text(null=True, default=None)
    after = Text(null=True, default=None)
    details = JSON(default="{}")
    import_record = Integer(null=True, default=None, index=True)
    status = Varchar(length=20, index=True)  # proposed, accepted, rejected
    proposed_by = Varchar(length=254)
    proposed_at = Timestamptz()
    decided_by = Varchar(length=254, null=True, default=None)
    decided_at = Timestamptz(null=True, default=None)
