"""Linking actions to learning, agency actions to overarching ones, and recording impact:
checked, audited, all or nothing (each change and its audit entry in one transaction)."""

from __future__ import annotations

from datetime import date

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core import clock
from tracker.core.closed import refuse_if_closed
from tracker.core.dates import format_date, parse_day
from tracker.core.people import Person
from tracker.core.permissions import Updater, may_update
from tracker.core.personal_data.check import guard
from tracker.core.personal_data.flags import record_flags
from tracker.core.refusals import ActionNotFound, Conflict, InvalidInput, NotAllowed, NotFound
from tracker.core.roles import only
from tracker.core.tables import (
    ActionDelivery,
    LearningImpact,
    LearningItem,
    LearningLink,
    LearningSource,
)
from tracker.core.transactions import write_transaction
from tracker.learning.rules import (
    CAN_ADD_LEARNING,
    CAN_RECORD_IMPACT,
    ITEM_KINDS,
    ItemForm,
    item_problems,
)
from tracker.plans.model import ActionAsAt
from tracker.plans.queries import one_action_as_at


async def _action(action_id: int) -> ActionAsAt:
    found = await one_action_as_at(action_id, clock.today())
    if found is None:
        raise ActionNotFound(f"There is no action {action_id}.")
    await refuse_if_closed(plan_id=found.plan_id)  # each caller holds the write transaction
    return found


async def _item(item_id: int) -> dict:
    row = (
        await LearningItem.select(
            *LearningItem.all_columns(), LearningItem.source.title.as_alias("source_title")
        )
        .where(LearningItem.id == item_id)
        .first()
    )
    if row is None:
        raise NotFound(f"There is no finding or recommendation {item_id}.")
    return row


def item_name(row: dict) -> str:
    return f"{row['source_title']}, {ITEM_KINDS[row['kind']].lower()} {row['number']}"


def action_name(action: ActionAsAt) -> str:
    return f"action {action.ref} of {action.plan}"


def _may_change(person: Person, action: ActionAsAt) -> None:
    if not may_update(Updater(person.role, person.agency_ids, person.lead_names), action.scope):
        raise NotAllowed(
            f"You cannot link {action_name(action)}: only its lead and the business unit can."
        )


async def link_item(item_id: int, action_id: int, *, person: Person, client: str = "") -> None:
    async with write_transaction(LearningLink._meta.db):
        item = await _item(item_id)
        action = await _action(action_id)
        _may_change(person, action)
        if await LearningLink.exists().where(
            (LearningLink.item == item_id) & (LearningLink.action == action_id)
        ):
            raise Conflict(f"{action_name(action).capitalize()} already answers {item_name(item)}.")
        await LearningLink.insert(
            LearningLink(
                item=item_id, action=action_id, linked_by=person.email, linked_at=clock.now()
            )
        )
        await append(
            AuditKind.LEARNING_LINKED,
            person.email,
            subject=f"Action {action.ref}, {action.plan}",
            action_id=action_id,
            summary=f"Answers {item_name(item)}",
            after={"item": item_id, "action": action_id},
            client=client,
        )


async def unlink_item(item_id: int, action_id: int, *, person: Person, client: str = "") -> None:
    async with write_transaction(LearningLink._meta.db):
        item = await _item(item_id)
        action = await _action(action_id)
        _may_change(person, action)
        where = (LearningLink.item == item_id) & (LearningLink.action == action_id)
        if not await LearningLink.exists().where(where):
            raise Conflict(f"{action_name(action).capitalize()} does not answer {item_name(item)}.")
        await LearningLink.delete().where(where)
        await append(
            AuditKind.LEARNING_UNLINKED,
            person.email,
            subject=f"Action {action.ref}, {action.plan}",
            action_id=action_id,
            summary=f"No longer answers {item_name(item)}",
            before={"item": item_id, "action": action_id},
            client=client,
        )


async def _delivery_pair(action_id: int, delivers_id: int) -> tuple[ActionAsAt, ActionAsAt]:
    action = await _action(action_id)
    overarching = await _action(delivers_id)
    if action.plan_kind == "overarching":
        raise InvalidInput(
            {"delivers": "An overarching action is delivered by agency actions, not the other way."}
        )
    if overarching.plan_kind != "overarching":
        raise InvalidInput({"delivers": "Choose an action of the overarching plan."})
    return action, overarching


async def link_delivery(
    action_id: int, delivers_id: int, *, person: Person, client: str = ""
) -> None:
    async with write_transaction(ActionDelivery._meta.db):
        action, overarching = await _delivery_pair(action_id, delivers_id)
        _may_change(person, action)
        if await ActionDelivery.exists().where(
            (ActionDelivery.action == action_id) & (ActionDelivery.delivers == delivers_id)
        ):
            raise Conflict(
                f"{action_name(action).capitalize()} already delivers overarching action "
                f"{overarching.ref}."
            )
        await ActionDelivery.insert(
            ActionDelivery(
                action=action_id,
                delivers=delivers_id,
                linked_by=person.email,
                linked_at=clock.now(),
            )
        )
        await append(
            AuditKind.DELIVERY_LINKED,
            person.email,
            subject=f"Action {action.ref}, {action.plan}",
            action_id=action_id,
            summary=f"Delivers overarching action {overarching.ref}",
            after={"action": action_id, "delivers": delivers_id},
            client=client,
        )


async def unlink_delivery(
    action_id: int, delivers_id: int, *, person: Person, client: str = ""
) -> None:
    async with write_transaction(ActionDelivery._meta.db):
        action, overarching = await _delivery_pair(action_id, delivers_id)
        _may_change(person, action)
        where = (ActionDelivery.action == action_id) & (ActionDelivery.delivers == delivers_id)
        if not await ActionDelivery.exists().where(where):
            raise Conflict(
                f"{action_name(action).capitalize()} does not deliver overarching action "
                f"{overarching.ref}."
            )
        await ActionDelivery.delete().where(where)
        await append(
            AuditKind.DELIVERY_UNLINKED,
            person.email,
            subject=f"Action {action.ref}, {action.plan}",
            action_id=action_id,
            summary=f"No longer delivers overarching action {overarching.ref}",
            before={"action": action_id, "delivers": delivers_id},
            client=client,
        )


async def record_impact(
    item_id: int,
    evidence: str,
    evidenced_on: str,
    *,
    person: Person,
    client: str = "",
    confirmed: bool = False,
) -> None:
    """The evidence that practice changed: it alone closes the item. Recorded once."""
    if person.role not in CAN_RECORD_IMPACT:
        raise NotAllowed(only(CAN_RECORD_IMPACT))
    problems = {}
    text = evidence.strip()
    if not text:
        problems["evidence"] = "Enter the evidence that practice changed"
    day = parse_day(evidenced_on)
    if day is None:
        problems["evidenced_on"] = "Enter the date of the evidence, for example 30 9 2020"
    elif day > clock.today():
        problems["evidenced_on"] = "The date of the evidence cannot be in the future"
    if problems:
        raise InvalidInput(problems)
    assert isinstance(day, date)
    async with write_transaction(LearningImpact._meta.db):
        item = await _item(item_id)
        found = await LearningImpact.select().where(LearningImpact.item == item_id).first()
        if found is not None:
            raise Conflict(
                f"Impact was already recorded for {item_name(item)} by {found['recorded_by']}, "
                f"dated {format_date(found['evidenced_on'])}."
            )
        flagged = guard({"evidence": ("Evidence of impact", text)}, confirmed=confirmed)
        [row] = await LearningImpact.insert(
            LearningImpact(
                item=item_id,
                evidence=text,
                evidenced_on=day,
                recorded_by=person.email,
                recorded_at=clock.now(),
            )
        ).returning(LearningImpact.id)
        await record_flags(
            flagged,
            record_table=LearningImpact._meta.tablename,
            record_id=row["id"],
            confirmed_by=person.email,
            subject=item_name(item),
        )
        await append(
            AuditKind.IMPACT_RECORDED,
            person.email,
            subject=item_name(item),
            summary=f"Impact evidenced {format_date(day)}",
            after={"item": item_id, "evidence": text, "evidenced_on": day},
            client=client,
        )


def must_add(person: Person) -> None:
    if person.role not in CAN_ADD_LEARNING:
        raise NotAllowed(only(CAN_ADD_LEARNING))


async def add_item(
    source_id: int, form: ItemForm, *, person: Person, client: str = "", confirmed: bool = False
) -> int:
    must_add(person)
    problems = item_problems(form)
    if problems:
        raise InvalidInput(problems)
    number = form.number.strip()
    async with write_transaction(LearningItem._meta.db):
        source = await LearningSource.select().where(LearningSource.id == source_id).first()
        if source is None:
            raise NotFound(f"There is no source of learning {source_id}.")
        if await LearningItem.exists().where(
            (LearningItem.source == source_id) & (LearningItem.number == number)
        ):
            raise InvalidInput({"number": f"{source['title']} already has an item {number}"})
        flagged = guard({"text": ("Text", form.text)}, confirmed=confirmed)
        position = await LearningItem.count().where(LearningItem.source == source_id)
        [row] = await LearningItem.insert(
            LearningItem(
                source=source_id,
                number=number,
                kind=form.kind,
                text=form.text.strip(),
                addressed_to=form.addressed_to.strip(),
                position=position,
            )
        ).returning(LearningItem.id)
        name = f"{source['title']}, {ITEM_KINDS[form.kind].lower()} {number}"
        await record_flags(
            flagged,
            record_table=LearningItem._meta.tablename,
            record_id=row["id"],
            confirmed_by=person.email,
            subject=name,
        )
        await append(
            AuditKind.LEARNING_ITEM_ADDED,
            person.email,
            subject=name,
            summary="Added",
            after={"item": row["id"], "text": form.text.strip(), "to": form.addressed_to.strip()},
            client=client,
        )
    return row["id"]


async def add_items(
    source_id: int,
    forms: tuple[ItemForm, ...],
    *,
    person: Person,
    client: str = "",
    confirmed: bool = False,
) -> int:
    """Every item, or none: how many were added. Numbers the source has already refused."""
    must_add(person)
    async with write_transaction(LearningItem._meta.db):
        for form in forms:
            await add_item(source_id, form, person=person, client=client, confirmed=confirmed)
    return len(forms)


async def edit_item(
    item_id: int, form: ItemForm, *, person: Person, client: str = "", confirmed: bool = False
) -> bool:
    """Whether anything changed. Its number stays: links and reports name the item by it."""
    must_add(person)
    problems = item_problems(form)
    if problems:
        raise InvalidInput(problems)
    async with write_transaction(LearningItem._meta.db):
        item = await _item(item_id)
        after = {
            "kind": form.kind,
            "addressed_to": form.addressed_to.strip(),
            "text": form.text.strip(),
        }
        before = {name: item[name] for name in after}
        changed = {name: value for name, value in after.items() if before[name] != value}
        if not changed:
            return False
        flagged = guard({"text": ("Text", changed.get("text"))}, confirmed=confirmed)
        await LearningItem.update(changed).where(LearningItem.id == item_id)  # type: ignore[arg-type]
        await record_flags(
            flagged,
            record_table=LearningItem._meta.tablename,
            record_id=item_id,
            confirmed_by=person.email,
            subject=item_name(item),
        )
        await append(
            AuditKind.LEARNING_ITEM_EDITED,
            person.email,
            subject=item_name(item),
            summary="Edited: " + ", ".join(sorted(changed)),
            before={name: before[name] for name in changed},
            after=changed,
            client=client,
        )
    return True
