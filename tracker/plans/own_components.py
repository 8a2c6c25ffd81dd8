"""A strategy's own core components, beside the shared ones: the business unit adds them and
rewords them, all-or-nothing, audited, through the personal-data guard. The number is
unique across every component, so a new one takes the next free number (13, 14, ...)."""

from __future__ import annotations

from dataclasses import dataclass

from piccolo.query.functions.aggregate import Max

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core.closed import refuse_if_closed
from tracker.core.components import components_of
from tracker.core.parsing import parsed
from tracker.core.people import Person
from tracker.core.personal_data.check import guard
from tracker.core.personal_data.flags import record_flags
from tracker.core.refusals import InvalidInput, NotAllowed
from tracker.core.roles import Role, only
from tracker.core.tables import CoreComponent
from tracker.core.transactions import write_transaction

CAN_ADD_OWN_COMPONENTS = (Role.BUSINESS_UNIT,)
LONGEST_TEXT = 1_000
LABEL = "Core component"
NEW = ""  # the form's choice of "a new component"


@dataclass(frozen=True)
class OwnComponentForm:
    number: str  # NEW, or the number of the strategy's own component to reword
    text: str


def checked_text(text: str, others: list[str]) -> tuple[str, dict[str, str]]:
    """The wording to save, trimmed, and what is wrong with it (nothing saved if anything)."""
    text = " ".join(text.split())
    if not text:
        return text, {"text": "Enter the core component's wording"}
    if len(text) > LONGEST_TEXT:
        return text, {"text": f"Core component must be {LONGEST_TEXT:,} characters or fewer"}
    if text.casefold() in {other.casefold() for other in others}:
        return text, {"text": "The strategy already has a core component with this wording"}
    return text, {}


async def _one_at_a_time() -> None:
    """Two adds at once each take the next number: on PostgreSQL the second waits here for
    the first to commit, then reads its number (SQLite's write transactions queue already)."""
    if CoreComponent._meta.db.engine_type == "postgres":
        await CoreComponent.raw("SELECT pg_advisory_xact_lock(hashtext({}))", "core components")


async def save_own_component(
    strategy_id: int,
    form: OwnComponentForm,
    *,
    person: Person,
    confirmed: bool = False,
    client: str = "",
) -> int:
    """The number of the component added or reworded; InvalidInput (nothing saved) when the
    form is not right, PossiblePersonalData when the wording looks so, unconfirmed."""
    if person.role not in CAN_ADD_OWN_COMPONENTS:
        raise NotAllowed(only(CAN_ADD_OWN_COMPONENTS))
    async with write_transaction(CoreComponent._meta.db):
        await _one_at_a_time()
        await refuse_if_closed(strategy_id=strategy_id)
        offered = await components_of(strategy_id)
        own = {row["number"]: row for row in offered if row["strategy"] == strategy_id}
        wanted = parsed(int, form.number.strip()) if form.number.strip() != NEW else None
        if form.number.strip() != NEW and wanted not in own:
            raise InvalidInput(
                {"number": "Choose a new component or one of this strategy's own to reword"}
            )
        before = own[wanted] if wanted is not None else None
        others = [row["text"] for row in offered if row["number"] != wanted]
        text, problems = checked_text(form.text, others)
        if problems:
            raise InvalidInput(problems)
        flagged = guard({"text": (LABEL, text)}, confirmed=confirmed)
        if before is None:
            top = await CoreComponent.select(Max(CoreComponent.number).as_alias("top")).first()
            number = int((top or {}).get("top") or 0) + 1
            [row] = await CoreComponent.insert(
                CoreComponent(number=number, text=text, strategy=strategy_id)
            ).returning(CoreComponent.id)
            component_id = int(row["id"])
        else:
            number, component_id = int(before["number"]), int(before["id"])
            await CoreComponent.update({CoreComponent.text: text}).where(
                CoreComponent.id == component_id
            )
        subject = f"Core component {number}"
        await record_flags(
            flagged,
            record_table="core_component",
            record_id=component_id,
            confirmed_by=person.email,
            subject=subject,
        )
        await append(
            AuditKind.OWN_COMPONENT_SAVED,
            person.email,
            subject=subject,
            summary=(
                f"Added for strategy {strategy_id}: {text}"
                if before is None
                else f"Reworded for strategy {strategy_id}: {before['text']} → {text}"
            ),
            before={} if before is None else {"number": number, "text": before["text"]},
            after={"strategy": strategy_id, "number": number, "text": text},
            client=client,
        )
    return number
