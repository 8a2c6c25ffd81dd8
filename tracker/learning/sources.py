"""Writing sources of learning: adding one, and editing its kind, title, date, publisher
and link. All-or-nothing, audited, titles through the personal-data guard."""

from __future__ import annotations

import secrets
from datetime import date

from tracker.audit.kinds import AuditKind
from tracker.audit.trail import append
from tracker.core.dates import parse_day
from tracker.core.people import Person
from tracker.core.personal_data.check import FlaggedField, guard
from tracker.core.personal_data.flags import record_flags
from tracker.core.refusals import InvalidInput, NotFound
from tracker.core.tables import LearningSource
from tracker.core.transactions import write_transaction
from tracker.learning.rules import SOURCE_KINDS, SourceForm, source_problems
from tracker.learning.store import must_add


def _checked(form: SourceForm) -> date | None:
    """The day published, when the form is right; InvalidInput otherwise."""
    published = parse_day(form.published) if form.published.strip() else None
    problems = source_problems(form, published is not None)
    if problems:
        raise InvalidInput(problems)
    return published


async def _flag(
    flagged: tuple[FlaggedField, ...], source_id: int, person: Person, title: str
) -> None:
    await record_flags(
        flagged,
        record_table=LearningSource._meta.tablename,
        record_id=source_id,
        confirmed_by=person.email,
        subject=title,
    )


async def add_source(
    form: SourceForm, *, person: Person, client: str = "", confirmed: bool = False
) -> int:
    """The new source's id. Its key, which imports/learning.toml would name it by, is made up."""
    must_add(person)
    published = _checked(form)
    async with write_transaction(LearningSource._meta.db):
        flagged = guard({"title": ("Title", form.title)}, confirmed=confirmed)
        position = await LearningSource.count()
        [row] = await LearningSource.insert(
            LearningSource(
                key=f"web-{secrets.token_hex(6)}",
                kind=form.kind,
                title=form.title.strip(),
                published=published,
                publisher=form.publisher.strip(),
                link=form.link.strip() or None,
                position=position,
            )
        ).returning(LearningSource.id)
        await _flag(flagged, row["id"], person, form.title.strip())
        await append(
            AuditKind.LEARNING_SOURCE_ADDED,
            person.email,
            subject=form.title.strip(),
            summary=f"{SOURCE_KINDS[form.kind]} added",
            after={"source": row["id"], "kind": form.kind, "title": form.title.strip()},
            client=client,
        )
    return row["id"]


async def edit_source(
    source_id: int, form: SourceForm, *, person: Person, client: str = "", confirmed: bool = False
) -> bool:
    """Whether anything changed. Its findings, recommendations and links stay as they are."""
    must_add(person)
    published = _checked(form)
    title = form.title.strip()
    async with write_transaction(LearningSource._meta.db):
        source = await LearningSource.select().where(LearningSource.id == source_id).first()
        if source is None:
            raise NotFound("There is no such source of learning.")
        after = {
            "kind": form.kind,
            "title": title,
            "published": published,
            "publisher": form.publisher.strip(),
            "link": form.link.strip() or None,
        }
        changed = {name: value for name, value in after.items() if source[name] != value}
        if not changed:
            return False
        flagged = guard(
            {"title": ("Title", title if "title" in changed else None)}, confirmed=confirmed
        )
        await LearningSource.update(changed).where(LearningSource.id == source_id)  # type: ignore[arg-type]
        await _flag(flagged, source_id, person, title)
        await append(
            AuditKind.LEARNING_SOURCE_EDITED,
            person.email,
            subject=title,
            summary="Edited: " + ", ".join(sorted(changed)),
            before={name: source[name] for name in changed},
            after=changed,
            client=client,
        )
    return True
