"""The add and edit account form: what was typed, kept as typed, and what is wrong with it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from tracker.accounts.store import (
    TOO_LONG_EMAIL,
    AccountProblem,
    clean_lead_names,
    clean_name,
    normalised_email,
)
from tracker.core.refusals import InvalidInput, Refusal
from tracker.core.roles import Role

# The element each field's message links to from the error summary.
FIELD_IDS = {
    "email": "email",
    "name": "name",
    "role": "role",
    "agencies": "agencies",
    "lead_titles": "lead-titles",
}


@dataclass
class FormProblems:
    by_field: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.by_field.setdefault(name if name in FIELD_IDS else "email", message)

    def add_problem(self, problem: AccountProblem) -> None:
        self.add(problem.field, str(problem))

    @classmethod
    def of(cls, refused: Refusal) -> FormProblems:
        """A refusal's messages, each by its field."""
        problems = cls()
        for name, message in (
            refused.problems if isinstance(refused, InvalidInput) else {}
        ).items():
            problems.add(name, message)
        return problems

    def refuse(self) -> None:
        """Stop, saying every problem, if there is any."""
        if self.by_field:
            raise InvalidInput(dict(self.by_field))

    @property
    def messages(self) -> list[tuple[str, str]]:
        """(element id, message) in the order the fields appear on the page."""
        return [
            (FIELD_IDS[name], self.by_field[name]) for name in FIELD_IDS if name in self.by_field
        ]

    def __bool__(self) -> bool:
        return bool(self.by_field)


@dataclass
class AccountForm:
    email: str = ""
    name: str = ""
    role: str = ""
    agencies: list[str] = field(default_factory=list)
    lead_titles: str = ""  # one a line, as typed

    @classmethod
    def from_form(cls, fields: Mapping[str, list[Any]]) -> AccountForm:
        """From every value of each field, as a submitted form holds them."""

        def first(name: str) -> str:
            values = fields.get(name) or [""]
            return str(values[0])

        return cls(
            email=first("email"),
            name=first("name"),
            role=first("role"),
            agencies=[str(value) for value in fields.get("agencies", [])],
            lead_titles=first("lead_titles"),
        )

    @property
    def lead_names(self) -> list[str]:
        return [line for line in self.lead_titles.splitlines() if line.strip()]

    @property
    def chosen_role(self) -> Role:
        return Role(self.role)

    def check(self, *, new: bool) -> FormProblems:
        """What stops saving this form; the email only matters for a new account."""
        problems = FormProblems()
        if new:
            if not self.email.strip():
                problems.add("email", "Enter their email address, like name@example.org")
            else:
                try:
                    normalised_email(self.email)
                except AccountProblem as problem:
                    problems.add(
                        "email",
                        str(problem)
                        if str(problem) == TOO_LONG_EMAIL
                        else "Enter an email address in the right form, like name@example.org",
                    )
        for check in (lambda: clean_name(self.name), lambda: clean_lead_names(self.lead_names)):
            try:
                check()
            except AccountProblem as problem:
                problems.add_problem(problem)
        if self.role not in {role.value for role in Role}:
            problems.add("role", "Choose what they may do")
        elif self.chosen_role is not Role.LEAD and (self.agencies or self.lead_names):
            problems.add(
                "role",
                "Only agency leads have agencies or lead titles: choose Agency lead, "
                "or untick the agencies and clear the lead titles",
            )
        elif self.chosen_role is Role.LEAD and not (self.agencies or self.lead_names):
            problems.add(
                "agencies",
                "Choose their agency, or give a lead title: without one an agency lead "
                "can update no action",
            )
        return problems
