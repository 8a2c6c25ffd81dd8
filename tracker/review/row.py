"""A row of the review's table, written here rather than by a Jinja macro: a page shows 50
to 100 rows, and the macro took about 60 microseconds a row (3 ms of a page's 16). Every
value is escaped here (escape), as the template's autoescaping would;
the glossary's abbreviations and agencies' short names come from the page's context, as
the filters have them. tests/review/test_page.py reads the rows a page shows."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jinja2 import pass_context
from markupsafe import Markup

from tracker.core.web.escaping import escape
from tracker.core.web.route_paths import url_for
from tracker.core.web.templating import (
    RECURRING_LABELS,
    abbreviated,
    date_text,
    no_value,
    rag_badge,
    rag_cell,
    rich,
    short_name,
)
from tracker.plans.fields import ACTION_FIELDS
from tracker.plans.portfolio import PortfolioAction
from tracker.review.table import ObjectiveGroup, due_note, short_text

_LABELS = {name: escape(ACTION_FIELDS[name].label) for name in ("ref", "text", "lead", "due")}
_DISAGREES = Markup(
    '<strong class="tag tag-disagrees"><span aria-hidden="true">⚠ </span>Disagrees</strong>'
)
_STALE = Markup('<br><strong class="tag tag-todo">Stale</strong>')


def _counted(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _due(action: PortfolioAction) -> str:
    if action.due:
        shown = escape(date_text(action.due))
    elif action.recurring:
        shown = escape(RECURRING_LABELS.get(action.recurring, ""))
    else:
        shown = no_value()
    note = due_note(action)
    if not note:
        return shown
    if action.slipping.overdue:
        return f'{shown}<br><strong class="overdue">{escape(note)}</strong>'
    return f"{shown}<br><span>{escape(note)}</span>"


def _assurance(action: PortfolioAction) -> str:
    assurance = action.assurance
    if not assurance:
        return no_value()
    disagrees = _DISAGREES if assurance.disagrees else ""
    label = escape(assurance.quarter.label)
    return f'{rag_badge(assurance.rag)}<span class="hint">{label}</span>{disagrees}'


def _open(action: PortfolioAction) -> str:
    challenges, escalations = action.open_challenges, action.open_escalations
    if not challenges and not escalations:
        return no_value()
    parts = []
    if challenges:
        parts.append(escape(_counted(challenges, "challenge")))
    if escalations:
        parts.append(escape(_counted(escalations, "escalation")))
    return "<br>".join(parts)


@pass_context
def review_row(context: Any, action: PortfolioAction, at: str) -> Markup:
    """The table row of one action; `at` follows its link (?as_at=... or nothing). Each
    value is escaped as it is put in (f-strings: Markup.format's formatter is slower than
    the macro was)."""
    plan = short_name(context, action.plan)
    if action.agency and not action.plan.startswith(action.agency):
        plan += Markup(f'<span class="hint">{short_name(context, action.agency)}</span>')  # noqa: S704
    status = escape(date_text(action.status_as_at)) if action.status_as_at else "Never"
    ref = escape(action.ref)
    href = escape(url_for(context, "action", action_id=action.id)) + escape(at)
    lead = abbreviated(context, action.lead) if action.lead else no_value()
    progress = escape(short_text(action.progress)) or no_value()
    return Markup(  # noqa: S704 - every value escaped above or here
        f'<tr id="review-action-{int(action.id)}">'
        f'<td class="card-title-aside" data-label="Plan">{plan}</td>'
        f'<th scope="row" class="card-title" data-label="{_LABELS["ref"]}">'
        f'<a href="{href}" aria-label="Action {ref} of {escape(action.plan)}">{ref}</a></th>'
        f'<td class="prose action-text" data-label="{_LABELS["text"]}">'
        f"{rich(context, action.text)}</td>"
        f'<td data-label="{_LABELS["lead"]}">{lead}</td>'
        f'<td class="nowrap" data-label="{_LABELS["due"]}">{_due(action)}</td>'
        f"{rag_cell(action.rag)}"
        f'<td class="nowrap" data-label="Assurance">{_assurance(action)}</td>'
        f'<td class="nowrap" data-label="Last update">{status}'
        f"{_STALE if action.slipping.stale else ''}</td>"
        f'<td class="prose" data-label="Progress">{progress}</td>'
        f'<td data-label="Open challenges and escalations">{_open(action)}</td>'
        "</tr>"
    )


def _truncated(text: str, length: int = 90, leeway: int = 5, end: str = "...") -> str:
    """Jinja's `truncate` filter, as the template used it: whole words, "..." after."""
    if len(text) <= length + leeway:
        return text
    return text[: length - len(end)].rsplit(" ", 1)[0] + end


def objective_options(groups: Sequence[ObjectiveGroup], chosen: str) -> Markup:
    """The objective filter's options, a group a plan, `chosen` (an id as text) selected:
    written here, as a long strategy offers a hundred objectives and more."""
    parts = []
    for group in groups:
        options = "".join(
            f'<option value="{escape(option.value)}"'
            f"{' selected' if option.value == chosen else ''}>"
            f"{escape(_truncated(option.label))}</option>"
            for option in group.objectives
        )
        parts.append(f'      <optgroup label="{escape(group.plan)}">\n{options}      </optgroup>\n')
    return Markup("".join(parts))  # noqa: S704 - every value escaped above
