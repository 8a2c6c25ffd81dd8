"""The strategy and its plans: agencies, objectives, actions, core components, glossary.

An action's RAG status and progress are not columns of Action: they are its
updates (tracker.core.tables.updates).
"""

from __future__ import annotations

from enum import StrEnum

from piccolo.columns import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    OnDelete,
    Serial,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table


class PlanKind(StrEnum):
    OVERARCHING = "overarching"
    AGENCY = "agency"
    ADDITIONAL = "additional"


class Strategy(Table):
    id: Serial
    name = Varchar(length=200, unique=True)
    partnership = Varchar(length=200)
    period = Varchar(length=20)
    starts = Date(null=True, default=None)
    ends = Date(null=True, default=None)
    # Closed after its last quarter's return is accepted: read only from then on.
    closed_at = Timestamptz(null=True, default=None)
    closed_by = Varchar(length=200, null=True, default=None)


class Agency(Table):
    id: Serial
    name = Varchar(length=200, unique=True)
    note = Text(null=True, default=None)
    position = Integer(default=0)


class AgencyShortName(Table):
    id: Serial
    agency = ForeignKey(references=Agency, null=False, on_delete=OnDelete.cascade)
    short_name = Varchar(length=100, unique=True)


class Plan(Table):
    id: Serial
    strategy = ForeignKey(references=Strategy, null=False, on_delete=OnDelete.restrict)
    name = Varchar(length=300)
    kind = Varchar(length=20, choices=PlanKind)
    agency = ForeignKey(references=Agency, null=True, on_delete=OnDelete.restrict)


class Objective(Table):
    id: Serial
    plan = ForeignKey(references=Plan, null=False, on_delete=OnDelete.restrict)
    # `ref` shadows Table.ref, a join helper this code never uses; it is the users' word.
    ref = Varchar(length=20)  # type: ignore[assignment]
    text = Text()
    position = Integer(default=0)
    version = Integer(default=1)


class Action(Table):
    id: Serial
    plan = ForeignKey(references=Plan, null=False, on_delete=OnDelete.restrict)
    objective = ForeignKey(references=Objective, null=False, on_delete=OnDelete.restrict)
    ref = Varchar(length=20)  # type: ignore[assignment]
    position = Integer(default=0)
    text = Text()
    input = Text(null=True, default=None)
    desired_outcome = Text(null=True, default=None)
    lead = Text(null=True, default=None)
    timeframe = Text(null=True, default=None)
    due = Date(null=True, default=None)
    recurring = Varchar(length=20, null=True, default=None)
    version = Integer(default=1)
    created_at = Timestamptz()
    # Withdrawn by the group from this day on: out of counts, overdue lists and returns
    # from then, still shown as withdrawn, and can be reinstated (both cleared).
    withdrawn_on = Date(null=True, default=None)
    withdrawn_reason = Text(null=True, default=None)
    withdrawn_by = Varchar(length=200, null=True, default=None)
    # The action of an earlier (closed) strategy this one carries on.
    carried_from: ForeignKey[Action] = ForeignKey(
        references="self", null=True, on_delete=OnDelete.set_null
    )
    # The day the action entered its plan: the as-at day of the import that made it, else
    # the UK day it was added. An as-at view of an earlier day does not count it.
    added_on = Date(null=True, default=None)


class CoreComponent(Table):
    id: Serial
    number = Integer(unique=True)
    text = Text()
    theme = Text(null=True, default=None)
    # The strategy this component is its own; None: shared by every strategy (Appendix 2's 12).
    strategy = ForeignKey(references=Strategy, null=True, default=None, on_delete=OnDelete.restrict)


class ActionCoreComponent(Table):
    id: Serial
    action = ForeignKey(references=Action, null=False, on_delete=OnDelete.cascade)
    core_component = ForeignKey(references=CoreComponent, null=False, on_delete=OnDelete.restrict)
    # True while the tag is only the importer's guess from the objective's wording;
    # a person setting the tags confirms them (False).
    suggested = Boolean(default=False)


class GlossaryTerm(Table):
    id: Serial
    term = Varchar(length=50, unique=True)
    meaning = Text()


class ActionDelivery(Table, tablename="action_delivery"):
    """An agency's action delivers an overarching action; (action, delivers) is unique."""

    id: Serial
    action = ForeignKey(references=Action, null=False, on_delete=OnDelete.cascade)
    delivers = ForeignKey(references=Action, null=False, on_delete=OnDelete.cascade, index=True)
    linked_by = Varchar(length=254)
    linked_at = Timestamptz()
