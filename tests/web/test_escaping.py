"""The tracker's own escaping (tracker.core.web.escaping) gives markupsafe's characters."""

from __future__ import annotations

from datetime import date

import markupsafe
from hypothesis import given
from hypothesis import strategies as st

from tracker.core.web.escaping import escape


@given(st.text())
def test_any_text_is_escaped_as_markupsafe_escapes_it(text):
    assert escape(text) == str(markupsafe.escape(text))
    assert type(escape(text)) is str


def test_markup_is_left_as_it_is_and_other_values_are_written_as_text():
    safe = markupsafe.Markup("<b>kept</b>")
    assert escape(safe) == "<b>kept</b>"
    for value in (None, 12, 3.5, date(2020, 9, 30), "O'Brien & <Co>"):
        assert escape(value) == str(markupsafe.escape(value))
    assert escape('say "hi"') == "say &#34;hi&#34;"
