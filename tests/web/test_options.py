"""A select's options written in Python (tracker.core.web.templating.options_html) are the
HTML the template's loop wrote, for each kind of option a page passes."""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment, select_autoescape

from tracker.core.web.templating import options_html

# The loop _forms.html's `options_of` ran before it called options_html.
MACRO_LOOP = (
    "{% for option in options %}{% if option.value is defined %}"
    "{% set value, text = option.value, option.label %}{% elif option is string %}"
    "{% set value, text = option, option %}{% else %}{% set value, text = option %}{% endif %}"
    '<option value="{{ value }}"{% if value == chosen %} selected{% endif %}>{{ text }}</option>'
    "{% endfor %}"
)


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Unlabelled:
    value: int


OPTIONS = [
    [Choice("1", "Thames Valley Police"), Choice("2", 'Says "<b>" & more'), Choice("", "None")],
    [("red", "Red"), ("amber", "Amber <a>"), (3, "Three"), (None, "Nothing")],
    ["25", "50", "100", "<script>", "O'Brien & Co"],
    [{"value": "x", "label": "From a mapping"}, {"value": "y", "label": "Y & Z"}],
    [Unlabelled(7), Unlabelled(8)],
    [],
]
CHOSEN = ["1", "amber", 3, "50", "y", 8, None, "", "nothing of these"]


def test_options_are_the_html_the_template_wrote():
    environment = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    loop = environment.from_string(MACRO_LOOP)
    for options in OPTIONS:
        for chosen in CHOSEN:
            assert str(options_html(options, chosen)) == loop.render(
                options=options, chosen=chosen
            ), (options, chosen)
    written = str(options_html(OPTIONS[0], "2"))
    assert '<option value="2" selected>Says &#34;&lt;b&gt;&#34; &amp; more</option>' in written


# The review's objective filter wrote its options in the template, a group a plan.
OBJECTIVE_LOOP = """      {% for group in groups %}
      <optgroup label="{{ group.plan }}">
        {% for option in group.objectives %}<option value="{{ option.value }}"{% if option.value == chosen | string %} selected{% endif %}>{{ option.label | truncate(90) }}</option>{% endfor %}
      </optgroup>
      {% endfor %}
"""  # noqa: E501 - as the template had it


def test_the_reviews_objective_options_are_the_html_the_template_wrote():
    from tracker.review.row import objective_options
    from tracker.review.table import Choice, ObjectiveGroup

    words = "Practitioners recognise neglect & act on it <early> in every agency's work "
    groups = [
        ObjectiveGroup("Overarching", (Choice("1", "1. Short"), Choice("2", "2. " + words * 3))),
        # 95 characters and 96: the filter kept up to 5 over its 90.
        ObjectiveGroup('TVP "plan"', (Choice("3", "3." + "x" * 93), Choice("4", "4." + "y" * 94))),
        ObjectiveGroup("Empty", ()),
    ]
    environment = Environment(
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    loop = environment.from_string(OBJECTIVE_LOOP)
    for chosen in (None, 1, 2, 3, 4, 99):
        written = str(objective_options(groups, str(chosen)))
        assert written == loop.render(groups=groups, chosen=chosen), chosen
    assert "..." in written and "&lt;early&gt;" in written
