"""The register of an action's own fields: what each is called and where it goes.

A field's label is written here once. The pages (through the `fields` template
global that tracker.web.app passes in), the edit form and its checks, the audit
trail, the review downloads, the report tables and the API all read it from here.
Pure: no database, no HTTP.

Who may edit: every editable field follows one rule, the one for updating the
action (tracker.core.permissions.may_update): the business unit, and a lead of
the action's agency or whose title the action's lead names.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a field holds, which says how the edit form shows and reads it."""

    REF = "ref"  # a short code: never wrapped
    LINE = "line"  # one line of text: runs of spaces become one
    TEXT = "text"  # text that may run to several lines: trimmed
    DATE = "date"
    CHOICE = "choice"  # one of a few values (recurring: quarterly, ongoing)


class Export(StrEnum):
    REVIEW = "review"  # a column of the review downloads (tracker.review.columns)
    REPORT = "report"  # a column of the quarterly report's action tables
    API = "api"  # a property of the API's action (tracker.api.models)


@dataclass(frozen=True)
class ActionField:
    name: str  # the Action table's column and ActionAsAt's attribute
    label: str  # as a heading, a column title or a form label: "Desired outcome"
    kind: Kind = Kind.TEXT
    words: str = ""  # in a sentence, if not the label in lower case: "due date"
    editable: bool = False  # on the edit page (see the module's docstring for who)
    max_length: int | None = None  # for editable text
    hint: str = ""  # under the label on the edit page
    # The proforma column it is read from (a tracker.imports.proforma.headers.Field
    # value; that module holds the ways agencies write the header); None: not imported.
    imported: str | None = None
    exported: frozenset[Export] = frozenset()
    width: int = 12  # characters, for its review download column
    api_name: str = ""  # its name in the API, if not `name`

    @property
    def in_words(self) -> str:
        return self.words or self.label.lower()

    @property
    def form_label(self) -> str:
        """The edit form's label: the field in words, as a sentence starts."""
        return self.in_words[:1].upper() + self.in_words[1:]

    @property
    def api(self) -> str:
        return self.api_name or self.name

    @property
    def wraps(self) -> bool:
        """Whether its spreadsheet column wraps text."""
        return self.kind in (Kind.LINE, Kind.TEXT)

    def too_long(self) -> str:
        return f"The {self.in_words} must be {self.max_length} characters or fewer."

    def not_a_date(self) -> str:
        return f"Enter the {self.in_words} as a real date, for example 2021-03-31."


class Register:
    """The fields in the order pages and downloads list them; `register["lead"]` is one."""

    def __init__(self, fields: Iterable[ActionField]) -> None:
        self.all = tuple(fields)
        self._by_name = {field.name: field for field in self.all}

    def __getitem__(self, name: str) -> ActionField:
        return self._by_name[name]

    def __iter__(self) -> Iterator[ActionField]:
        return iter(self.all)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def label(self, name: str) -> str:
        return self[name].label

    @property
    def editable(self) -> tuple[ActionField, ...]:
        return tuple(field for field in self.all if field.editable)

    def exported(self, to: Export) -> tuple[ActionField, ...]:
        return tuple(field for field in self.all if to in field.exported)

    def imported(self) -> tuple[ActionField, ...]:
        return tuple(field for field in self.all if field.imported)

    def editable_in_words(self, conjunction: str) -> str:
        """The editable fields in a sentence: "lead, time-frame and due date"."""
        words = [field.in_words for field in self.editable]
        if len(words) < 2:
            return "".join(words)
        return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


_EVERYWHERE = frozenset({Export.REVIEW, Export.REPORT, Export.API})

ACTION_FIELDS = Register(
    (
        ActionField("ref", "Ref", Kind.REF, exported=_EVERYWHERE, width=7),
        ActionField(
            "text", "Action", imported="action", exported=_EVERYWHERE, width=60, api_name="action"
        ),
        ActionField("input", "Input", imported="input", exported=frozenset({Export.API})),
        ActionField(
            "desired_outcome",
            "Desired outcome",
            imported="desired_outcome",
            exported=frozenset({Export.API}),
        ),
        ActionField(
            "lead",
            "Lead",
            Kind.LINE,
            editable=True,
            max_length=200,
            hint="A role or team, for example “ESAT Manager”: "
            "leads with that title may update the action.",
            imported="lead",
            exported=_EVERYWHERE,
            width=24,
        ),
        ActionField(
            "timeframe",
            "Time-frame",
            editable=True,
            max_length=500,
            hint="As the plan words it, for example “By March 2021” or “Quarterly”.",
            imported="timescale",
            exported=_EVERYWHERE,
            width=14,
        ),
        ActionField(
            "due",
            "Due",
            Kind.DATE,
            words="due date",
            editable=True,
            hint="The day the action is overdue after. Leave empty for ongoing actions.",
            imported="timescale",  # read from the time-scale when it names a day
            exported=_EVERYWHERE,
        ),
        ActionField(
            "recurring",
            "Recurring",
            Kind.CHOICE,
            imported="timescale",  # "Quarterly", "Ongoing"
            exported=frozenset({Export.API}),
        ),
    )
)


def label(name: str) -> str:
    """A field's label, for Python code that names a column: label("timeframe")."""
    return ACTION_FIELDS.label(name)
