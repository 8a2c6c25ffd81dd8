"""Who is asking, as every service sees them: their role, agencies and lead titles."""

from __future__ import annotations

from typing import Protocol

from tracker.core.roles import Role


class Person(Protocol):
    @property
    def email(self) -> str: ...
    @property
    def role(self) -> Role: ...
    @property
    def agency_ids(self) -> frozenset[int]: ...
    @property
    def lead_names(self) -> frozenset[str]: ...
