from datetime import date

from tracker.imports.undo_log import UndoLog


def test_an_undo_log_survives_its_json_round_trip():
    log = UndoLog(
        created_plans=[3],
        created_objectives=[7, 8],
        objective_texts={5: "Old wording"},
        created_actions=[40, 41],
        edited_actions={12: {"lead": "DCI", "due": date(2020, 9, 30), "objective": 5}},
        versions={12: 4, 40: 1, 41: 1},
    )
    assert UndoLog.from_json(log.to_json()) == log


def test_json_keys_are_strings_as_databases_store_them():
    data = UndoLog(versions={12: 4}, edited_actions={12: {"due": None}}).to_json()
    assert data["versions"] == {"12": 4}
    assert data["edited_actions"] == {"12": {"due": None}}
