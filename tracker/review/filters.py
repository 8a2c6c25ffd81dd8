"""The review's filters, made once for each query and set of choices and kept in memory.

The form (templates/review/_filters.html) is the same for every page of a view and every
return to it: it changes only with what was asked and what the filters offer. Made by its
macros it took about 1.5 ms of a view's 10; a view's next pages and views take it from here.
Kept by content, not by anything a request remembers: another worker makes its own the
same. At most MOST of them, the least recently used forgotten first.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence
from dataclasses import replace
from typing import Any

from markupsafe import Markup

from tracker.core.paging import PER_PAGE_CHOICES
from tracker.review.query import RAG_CHOICES, SORT_LABELS
from tracker.review.table import ReviewTable

TEMPLATE = "review/_filters.html"
MOST = 64

_made: OrderedDict[Hashable, Markup] = OrderedDict()


Pairs = Sequence[tuple[str, str]]


def _key(table: ReviewTable, quarter_ends: Sequence[Any], kept: Pairs) -> Hashable:
    """All the form shows: the query (any page; the day and the words as typed), its problems
    and the choices."""
    query = table.query
    return (
        repr(replace(query, typed={}, page=1)),
        (query.typed.get("as_at"), query.typed.get("q")),  # as typed, shown back
        table.problems,
        table.choices,
        tuple(quarter_ends),
        tuple(kept),
    )


def filters_html(
    request: Any, table: ReviewTable, quarter_ends: Sequence[Any], kept: Pairs
) -> Markup:
    """The filters of `table`'s view: made now if not kept. `quarter_ends`: the quarter ends
    to jump to (hashable); `kept`: the query's pairs the jump keeps."""
    key = _key(table, quarter_ends, kept)
    found = _made.get(key)
    if found is not None:
        _made.move_to_end(key)
        return found
    environment = request.app.template_engine.engine
    found = Markup(  # noqa: S704 - the autoescaping template's output
        environment.get_template(TEMPLATE).render(
            request=request,
            table=table,
            query=table.query,
            quarter_ends=quarter_ends,
            kept=kept,
            rag_choices=RAG_CHOICES,
            sorts=SORT_LABELS,
            per_page_choices=[(str(n), str(n)) for n in PER_PAGE_CHOICES],
        )
    )
    _made[key] = found
    while len(_made) > MOST:
        _made.popitem(last=False)
    return found
