"""The one Jinja environment: autoescaped, with the tracker's filters."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from markupsafe import Markup

from tracker.core.clock import UK
from tracker.core.dates import Quarter, days_text, format_date
from tracker.core.rag import rag_label
from tracker.core.web import navigation
from tracker.core.web.escaping import escape
from tracker.core.web.rich_text import rich_text, with_abbreviations

RECURRING_LABELS = {"quarterly": "Quarterly", "ongoing": "Ongoing"}
KIND_LABELS = {
    "overarching": "Overarching plan",
    "agency": "Agency plan",
    "additional": "Additional actions",
}


UK_TIME = UK


def date_text(value: date | datetime | None) -> str:
    """30 Sep 2020; a moment also gets its UK clock time: 30 Sep 2020, 14:05."""
    if isinstance(value, datetime):
        local = value.astimezone(UK_TIME) if value.tzinfo else value
        return f"{format_date(local.date())}, {local:%H:%M}"
    return format_date(value)


def _field_value(value: Any) -> str:
    """A recorded field value for people: ISO dates as 30 Sep 2020, nothing as empty."""
    if value is None:
        return ""
    if isinstance(value, str) and len(value) == 10:
        try:
            return format_date(date.fromisoformat(value))
        except ValueError:
            return value
    return str(value)


def _quarter(value: date) -> str:
    return Quarter.of(value).label


@pass_context
def rich(context: Any, text: str | None) -> Markup:
    return rich_text(text, context.get("glossary") or {})


@pass_context
def abbreviated(context: Any, text: str | None) -> Markup:
    return with_abbreviations(text, context.get("glossary") or {})


@pass_context
def short_name(context: Any, name: str | None) -> Markup:
    """An agency's or its plan's short name ("TVP") where it has one, the full name on
    hover and, in place of the short one, for screen readers; else the name as it is."""
    short = (context.get("short_names") or {}).get(name or "")
    if not short or short == name:
        return abbreviated(context, name)
    return Markup(  # noqa: S704 - both names escaped here
        f'<abbr class="short-name" title="{escape(name)}" aria-hidden="true">{escape(short)}</abbr>'
        f'<span class="visually-hidden">{escape(name)}</span>'
    )


def rag_badge(rag: str | None) -> Markup:
    """A RAG badge: the word always, the colour as well, never the colour alone. (_rag.html's
    `badge`: a function, not a macro, as a page of actions shows hundreds.)"""
    return Markup(  # noqa: S704 - both parts escaped here
        f'<span class="rag rag-{escape(rag or "none")}">{escape(rag_label(rag))}</span>'
    )


_EMPTY = Markup('<span class="empty" aria-label="None">–</span>')


def no_value() -> Markup:
    """A cell with nothing in it, said as "None" (_rag.html's `empty`)."""
    return _EMPTY


def rag_cell(rag: str | None) -> Markup:
    """A table cell of a RAG badge (_tables.html's `rag_cell`)."""
    return Markup(f'<td data-label="RAG">{rag_badge(rag)}</td>')  # noqa: S704 - escaped above


@pass_context
def _person_name(context: Any, email: str | None) -> str:
    """The person's name where they have one, else their e-mail ("system" stays as it is).
    Pages get the names from tracker.core.web.rendering.shared_context, with the glossary."""
    if not email:
        return ""
    return (context.get("people") or {}).get(email.lower(), email)


_MISSING = object()


def _field(option: Any, name: str) -> Any:
    """`option.name` as a template reads it: the attribute, else the item, else missing."""
    try:
        return getattr(option, name)
    except AttributeError:
        try:
            return option[name]
        except (TypeError, LookupError):
            return _MISSING


def options_html(options: Iterable[Any], chosen: Any) -> Markup:
    """A select's <option>s, `chosen` selected (_forms.html's `options_of`: a function, not
    a macro, as the review's filters offer 150 and more). An option is a choice (`value`
    and `label`), a pair (value, text) or a string, both value and text."""
    parts = []
    for option in options:
        value = _field(option, "value")
        if value is not _MISSING:
            text = _field(option, "label")
            text = "" if text is _MISSING else text
        elif isinstance(option, str):
            value = text = option
        else:
            value, text = option
        selected = " selected" if value == chosen else ""
        parts.append(f'<option value="{escape(value)}"{selected}>{escape(text)}</option>')
    return Markup("".join(parts))  # noqa: S704 - every value escaped above


def make_environment(
    templates_dir: Path, template_globals: Mapping[str, Any] | None = None
) -> Environment:
    """`template_globals`: what every template may read, from features core may not import
    (tracker.web.app passes the register of an action's fields as `fields`)."""
    environment = Environment(
        loader=FileSystemLoader(templates_dir),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        date=date_text,
        quarter=_quarter,
        field_value=_field_value,
        rag_label=rag_label,
        rich=rich,
        abbr=abbreviated,
        person_name=_person_name,
        short_name=short_name,
        recurring_label=lambda value: RECURRING_LABELS.get(value or "", ""),
        kind_label=lambda value: KIND_LABELS.get(value, value),
        days=days_text,
    )
    environment.globals.update(
        main_navigation=navigation.MAIN,
        reference_navigation=navigation.REFERENCE,
        rag_badge=rag_badge,
        no_value=no_value,
        rag_badge_cell=rag_cell,
        options_html=options_html,
    )
    environment.globals.update(template_globals or {})
    return environment
