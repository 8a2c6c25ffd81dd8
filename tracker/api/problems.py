"""What is wrong with an API request, field by field, in words the caller can act on."""

from __future__ import annotations


class RequestProblem(ValueError):
    def __init__(self, problems: dict[str, str]) -> None:
        super().__init__("; ".join(problems.values()))
        self.problems = problems
