"""The rows of a plan's actions table and of "My actions", written here rather than by Jinja
macros: a page shows 50 to 100, and the macros took about 70 microseconds a row, the most
of those pages' rendering. Every value is escaped as it is put in, as the templates'
autoescaping would; the glossary's abbreviations and agencies' short names come from the
page's context, as the filters have them. templates/plans/_action_rows.html calls these;
tests/plans/test_rows.py and the plan and My actions pages' tests read the rows."""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from jinja2.filters import do_urlencode
from markupsafe import Markup

from tracker.core.dates import days_text
from tracker.core.rag import rag_label
from tracker.core.web.escaping import escape
from tracker.core.web.route_paths import url_for
from tracker.core.web.templating import (
    RECURRING_LABELS,
    abbreviated,
    date_text,
    no_value,
    rag_cell,
    rich,
    short_name,
)
from tracker.plans.fields import ACTION_FIELDS
from tracker.plans.model import ActionAsAt

_LABEL = {
    name: escape(ACTION_FIELDS[name].label)
    for name in ("ref", "text", "input", "desired_outcome", "lead", "timeframe", "due")
}


def due_cell(action: ActionAsAt) -> str:
    """The due date, with how it stands: overdue by, due today or in (not once withdrawn)."""
    if not action.due:
        if action.recurring:
            return str(escape(RECURRING_LABELS.get(action.recurring, "")))
        return no_value()
    shown = str(escape(date_text(action.due)))
    if action.withdrawn:
        return shown
    if action.days_overdue:
        late = days_text(action.days_overdue)
        return f'{shown}<br><strong class="overdue">Overdue by {late}</strong>'
    if action.due_soon:
        soon = (
            "Due today"
            if action.days_to_due == 0
            else f"Due in {days_text(action.days_to_due or 0)}"
        )
        return f'{shown}<br><span class="due-soon">{soon}</span>'
    return shown


def _progress(context: Any, action: ActionAsAt, saved: bool, notice: str | None) -> str:
    parts = []
    if saved:
        said = f". {escape(notice)}" if notice else ""
        parts.append(
            '<p class="saved" role="status"><strong>Saved:</strong> '
            f"{escape(rag_label(action.rag))} as at "
            f"{escape(date_text(action.status_as_at))}{said}</p>"
        )
    if action.progress:
        parts.append(rich(context, action.progress))
    if action.status_as_at:
        parts.append(f'<span class="hint">As at {escape(date_text(action.status_as_at))}</span>')
    elif not action.progress:
        parts.append(no_value())
    return "".join(parts)


# The page a row's Update link comes back to, escaped, for the request last asked: the same
# for every row of a page (held, so its identity is never another request's).
_last_back: tuple[Any, str, str] | None = None


def _back(context: Any, view: str) -> str:
    global _last_back
    request = context["request"]
    last = _last_back
    if last is not None and last[0] is request and last[1] == view:
        return last[2]
    if view == "my":
        back = url_for(context, "my_actions")
    else:
        back = request.url.path
        plan = context.get("plan")
        if plan is not None and getattr(plan, "chosen", None):
            back += "?" + do_urlencode(
                [("objective", plan.chosen.id), ("page", plan.paging.number)]
            )
    encoded = str(escape(do_urlencode(back)))
    _last_back = (request, view, encoded)
    return encoded


def _update_button(context: Any, action: ActionAsAt, view: str, saved: bool) -> str:
    """The Update link: the form in the row with htmx; without JS, the form's page, coming
    back to the page showing the row (a long plan's objective and page too)."""
    update_href = escape(url_for(context, "update_form", action_id=action.id))
    focus = " autofocus" if saved else ""
    return (
        f'<a class="button button-update" href="{update_href}?view={escape(view)}'
        f'&amp;next={_back(context, view)}"\n'
        f'   hx-get="{update_href}?view={escape(view)}" hx-target="closest tr"'
        f' hx-swap="outerHTML"{focus}>Update<span class="visually-hidden"> action'
        f" {escape(action.ref)}</span></a>"
    )


def _withdrawn_mark(action: ActionAsAt) -> str:
    return (
        '<p class="withdrawn-mark"><strong class="tag tag-withdrawn">Withdrawn</strong> on '
        f"{escape(date_text(action.withdrawn_on))}: {escape(action.withdrawn_reason)}</p>"
    )


def _of(as_at: Any, name: str) -> Any:
    """A field of the page's as-at (tracker.core.web.rendering's), or of a row swap's dict."""
    return as_at[name] if isinstance(as_at, dict) else getattr(as_at, name)


def _rich_or_none(context: Any, text: str | None) -> str:
    return rich(context, text) if text else no_value()


@pass_context
def plan_row(
    context: Any,
    action: ActionAsAt,
    as_at: Any,
    can_update: bool = False,
    saved: bool = False,
    notice: str | None = None,
) -> Markup:
    """A row of a plan's actions table, as at `as_at` (is_today and day)."""
    href = str(escape(url_for(context, "action", action_id=action.id)))
    if not _of(as_at, "is_today"):
        href += f"?as_at={escape(_of(as_at, 'day').isoformat())}"
    ref = escape(action.ref)
    withdrawn = action.withdrawn
    mark = _withdrawn_mark(action) if withdrawn else ""
    lead = abbreviated(context, action.lead) if action.lead else no_value()
    button = (
        f'<div class="row-actions">{_update_button(context, action, "plan", saved)}</div>'
        if can_update and not withdrawn
        else ""
    )
    marked = ' class="withdrawn"' if withdrawn else ""
    return Markup(  # noqa: S704 - every value escaped above or here
        f'<tr id="action-{ref}"{marked}>\n'
        f'  <th scope="row" class="card-title" data-label="{_LABEL["ref"]}"><a href="{href}"'
        f' aria-label="Action {ref}">{ref}</a></th>\n'
        f'  <td class="prose action-text" data-label="{_LABEL["text"]}">{mark}'
        f"{rich(context, action.text)}</td>\n"
        f'  <td class="prose" data-label="{_LABEL["input"]}">'
        f"{_rich_or_none(context, action.input)}</td>\n"
        f'  <td class="prose" data-label="{_LABEL["desired_outcome"]}">'
        f"{_rich_or_none(context, action.desired_outcome)}</td>\n"
        f'  <td data-label="{_LABEL["lead"]}">{lead}</td>\n'
        f'  <td class="prose" data-label="{_LABEL["timeframe"]}">'
        f"{_rich_or_none(context, action.timeframe)}</td>\n"
        f'  <td class="nowrap" data-label="{_LABEL["due"]}">{due_cell(action)}</td>\n'
        f"  {rag_cell(action.rag)}\n"
        f'  <td class="prose" data-label="Latest progress">'
        f"{_progress(context, action, saved, notice)}{button}</td>\n"
        "</tr>"
    )


@pass_context
def my_row(context: Any, item: Any, saved: bool = False, notice: str | None = None) -> Markup:
    """A row of "My actions": `item` is the action and whether it is updated this quarter."""
    action: ActionAsAt = item.action
    ref = escape(action.ref)
    lead = abbreviated(context, action.lead) if action.lead else no_value()
    done = (
        '<span class="tag tag-done">Updated</span>'
        if item.updated_this_quarter
        else '<span class="tag tag-todo">Not yet</span>'
    )
    return Markup(  # noqa: S704 - every value escaped above or here
        f'<tr id="my-action-{int(action.id)}">\n'
        f'  <th scope="row" class="card-title" data-label="{_LABEL["ref"]}">'
        f'<a href="{escape(url_for(context, "action", action_id=action.id))}"'
        f' aria-label="Action {ref} of {escape(item.plan)}">{ref}</a></th>\n'
        f'  <td class="card-title-aside" data-label="Plan">{short_name(context, item.plan)}</td>\n'
        f'  <td class="prose action-text" data-label="{_LABEL["text"]}">'
        f"{rich(context, action.text)}</td>\n"
        f'  <td data-label="{_LABEL["lead"]}">{lead}</td>\n'
        f'  <td class="nowrap" data-label="{_LABEL["due"]}">{due_cell(action)}</td>\n'
        f"  {rag_cell(action.rag)}\n"
        f'  <td class="prose" data-label="Latest progress">'
        f"{_progress(context, action, saved, notice)}</td>\n"
        f'  <td data-label="This quarter">{done}</td>\n'
        f'  <td class="card-button" data-label="Update">'
        f"{_update_button(context, action, 'my', saved)}</td>\n"
        "</tr>"
    )
