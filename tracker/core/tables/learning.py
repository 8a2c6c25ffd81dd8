"""Learning: the findings and recommendations of reviews, and the actions answering them."""

from __future__ import annotations

from piccolo.columns import (
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

from tracker.core.tables.plans import Action


class LearningSource(Table, tablename="learning_source"):
    """A review, inspection, audit or national briefing whose findings and recommendations
    the partnership's actions answer (tracker.learning). `key` names it in imports/learning.toml."""

    id: Serial
    key = Varchar(length=60, unique=True)
    kind = Varchar(length=20)  # review, inspection, audit, national-briefing
    title = Varchar(length=300)
    published = Date(null=True, default=None)
    publisher = Varchar(length=200, default="")
    link = Varchar(length=500, null=True, default=None)
    position = Integer(default=0)


class LearningItem(Table, tablename="learning_item"):
    """One numbered finding or recommendation of a source; (source, number) is unique
    (an index, tracker_0015_learning)."""

    id: Serial
    source = ForeignKey(references=LearningSource, null=False, on_delete=OnDelete.restrict)
    number = Varchar(length=10)
    kind = Varchar(length=20)  # finding, recommendation
    text = Text()
    addressed_to = Varchar(length=200)  # practitioners, managers, partnership, or an agency
    position = Integer(default=0)


class LearningLink(Table, tablename="learning_link"):
    """An action answers a finding or recommendation; (item, action) is unique."""

    id: Serial
    item = ForeignKey(references=LearningItem, null=False, on_delete=OnDelete.restrict)
    action = ForeignKey(references=Action, null=False, on_delete=OnDelete.cascade, index=True)
    linked_by = Varchar(length=254)
    linked_at = Timestamptz()


class LearningImpact(Table, tablename="learning_impact"):
    """The evidence that practice changed, which alone closes a finding or recommendation."""

    id: Serial
    item = ForeignKey(references=LearningItem, null=False, on_delete=OnDelete.restrict, unique=True)
    evidence = Text()
    evidenced_on = Date()
    recorded_by = Varchar(length=254)
    recorded_at = Timestamptz()
