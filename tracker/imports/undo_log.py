"""What an import created and what it overwrote: enough to take it back exactly.

Stored as JSON on the import's record. `versions` holds each touched action's
version just after the import; undo is refused once any of them has moved on,
because a later change (an update on the page, another import) builds on it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

# Action columns an import may overwrite, as stored; `objective` is the objective's id.
EDITABLE_COLUMNS = (
    "objective",
    "text",
    "input",
    "desired_outcome",
    "lead",
    "timeframe",
    "due",
    "recurring",
)


@dataclass
class UndoLog:
    created_plans: list[int] = field(default_factory=list)
    created_objectives: list[int] = field(default_factory=list)
    objective_texts: dict[int, str] = field(default_factory=dict)
    created_actions: list[int] = field(default_factory=list)
    edited_actions: dict[int, dict[str, Any]] = field(default_factory=dict)
    versions: dict[int, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["edited_actions"] = {
            str(action): {
                column: value.isoformat() if isinstance(value, date) else value
                for column, value in before.items()
            }
            for action, before in self.edited_actions.items()
        }
        data["objective_texts"] = {str(key): text for key, text in self.objective_texts.items()}
        data["versions"] = {str(key): version for key, version in self.versions.items()}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> UndoLog:
        edited = {
            int(action): {
                column: date.fromisoformat(value) if column == "due" and value else value
                for column, value in before.items()
            }
            for action, before in data.get("edited_actions", {}).items()
        }
        return cls(
            created_plans=list(data.get("created_plans", [])),
            created_objectives=list(data.get("created_objectives", [])),
            objective_texts={int(k): v for k, v in data.get("objective_texts", {}).items()},
            created_actions=list(data.get("created_actions", [])),
            edited_actions=edited,
            versions={int(k): int(v) for k, v in data.get("versions", {}).items()},
        )
