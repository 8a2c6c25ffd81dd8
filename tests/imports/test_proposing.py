"""A returned proforma's new rows and locked-text changes are set aside as proposals; the rows
an officer skips, and those that would move an action backwards, are found without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from tracker.core.dates import Quarter
from tracker.core.strategy_period import StrategyPeriod
from tracker.imports.changes import ExistingAction, plan_changes
from tracker.imports.file_checks import Expected, older_warning, page_problems, period_warnings
from tracker.imports.proforma import ParsedAction, ParsedPlan
from tracker.imports.proforma.model import PlanKind
from tracker.imports.proposing import as_proposals, skipping
from tracker.imports.returning import proposals_of
from tracker.imports.risks import older_text_warnings, risky_changes
from tracker.proformas.rules import About

Q2 = Quarter(2020, 2)


def held(ref: str, id_: int, **values) -> ExistingAction:
    base = dict(
        id=id_,
        version=1,
        ref=ref,
        objective_id=1,
        objective_ref="1",
        objective="Know neglect when we see it",
        action=f"Action {ref}",
        input=None,
        desired_outcome=None,
        lead="DI MASH",
        timeframe="March 2021",
        due=date(2021, 3, 31),
        recurring=None,
        rag="amber",
        progress="Started",
    )
    return ExistingAction(**(base | values))


def row(existing: ExistingAction, **values) -> ParsedAction:
    base = dict(
        row=6,
        objective_ref=existing.objective_ref,
        objective=existing.objective,
        ref=existing.ref,
        action=existing.action,
        input=existing.input,
        desired_outcome=existing.desired_outcome,
        lead=existing.lead,
        timeframe=existing.timeframe,
        due=existing.due,
        recurring=existing.recurring,
        rag=existing.rag,
        progress=existing.progress,
    )
    return ParsedAction(**(base | values))


def returned(*rows: ParsedAction) -> ParsedPlan:
    return ParsedPlan("Proforma", PlanKind.AGENCY, "Police", "TVP", tuple(rows))


def test_new_rows_and_locked_text_are_proposed_and_only_the_quarters_status_applied():
    one, two = held("1.1", 11), held("1.2", 12)
    new = replace(row(one), ref="1.3", action="Share the learning", rag="green", row=9)
    parsed = returned(
        row(one, rag="red", action="Brief every officer", objective="Know neglect, act on it"),
        row(two, lead="Head of Policy", objective="Know neglect, act on it"),
        new,
    )
    changes = as_proposals(plan_changes(parsed, {"1.1": one, "1.2": two}, blank_keeps=True))

    assert changes.created == ()
    assert [a.ref for a in changes.proposed_new] == ["1.3"]
    [applied] = changes.updated
    assert [c.field for c in applied.changes] == ["rag"]
    assert applied.parsed.action == "Action 1.1"  # applied with the tracker's text
    assert [a.objective for a in changes.plan.actions] == ["Know neglect when we see it"] * 2
    assert [e.ref for e in changes.unchanged] == ["1.2"]
    edits = [(e.existing.ref, c.field) for e in changes.proposed_edits for c in e.changes]
    # The objective's re-wording shows on both rows: proposed once.
    assert edits == [("1.1", "objective"), ("1.1", "action"), ("1.2", "lead")]
    stored = proposals_of(changes)
    assert [(p.kind.value, p.ref, p.field) for p in stored] == [
        ("new", "1.3", ""),
        ("edit", "1.1", "objective"),
        ("edit", "1.1", "action"),
        ("edit", "1.2", "lead"),
    ]
    assert stored[0].details["rag"] == "green"


def test_a_changed_time_scale_is_proposed_with_the_due_day_it_gives():
    one = held("1.1", 11)
    parsed = returned(row(one, timeframe="June 2021", due=date(2021, 6, 30)))
    [edit] = proposals_of(as_proposals(plan_changes(parsed, {"1.1": one}, blank_keeps=True)))
    assert (edit.field, edit.before, edit.after) == ("timeframe", "March 2021", "June 2021")
    assert edit.details == {"due": "2021-06-30", "recurring": None}


def test_skipped_rows_are_left_as_they_are():
    one, two = held("1.1", 11), held("1.2", 12)
    changes = plan_changes(
        returned(row(one, rag="red"), row(two, rag="green")), {"1.1": one, "1.2": two}
    )
    kept = skipping(changes, {11})
    assert [c.existing.ref for c in kept.updated] == ["1.2"]
    assert [c.existing.ref for c in kept.skipped] == ["1.1"]
    assert "1.1" in [e.ref for e in kept.unchanged]
    assert skipping(changes, ()) is changes


def test_rows_that_would_move_an_action_backwards_are_listed_with_why():
    done = held("1.1", 11, rag="blue", progress="All briefed")
    older = held("1.2", 12, progress="Second round booked")
    later = held("1.3", 13)
    fine = held("1.4", 14)
    parsed = returned(
        row(done, rag="green"),
        row(older, progress="First round booked"),
        row(later, rag="red"),
        row(fine, rag="green"),
    )
    changes = plan_changes(parsed, {e.ref: e for e in (done, older, later, fine)})
    risks = risky_changes(
        [changes], {12: frozenset({"First round booked"})}, {13: date(2020, 12, 31)}
    )
    assert [(r.ref, r.reasons) for r in risks] == [
        ("1.1", ("Complete in the tracker; this file rates it Green",)),
        ("1.2", ("its progress would go back to an older note the tracker had",)),
        ("1.3", ("the tracker has a later update, dated 31 Dec 2020",)),
    ]
    # The Complete one is warned of already (tracker.imports.backward): not twice.
    assert [w.message.split(":")[0] for w in older_text_warnings(risks)] == [
        "Action 1.2 of TVP",
        "Action 1.3 of TVP",
    ]


def about(plan_id=7, quarter=Q2) -> About:
    return About("Neglect", plan_id, "TVP", quarter, datetime(2020, 10, 1, 9, 30))


def test_a_file_from_a_return_page_must_be_that_plans_proforma_for_that_quarter():
    expected = Expected(7, Q2)
    assert page_problems(about(), expected, "TVP") == ()
    [other_plan] = page_problems(about(plan_id=8), expected, "TVP")
    assert other_plan.message.startswith("This file is the proforma of TVP, not of TVP")
    [other_quarter] = page_problems(about(quarter=Q2.next()), expected, "TVP")
    assert "for 2020-21 Q3, not the 2020-21 Q2 return of TVP" in other_quarter.message
    [not_proforma] = page_problems(None, expected, "TVP")
    assert "not a proforma made by the tracker" in not_proforma.message


def test_an_as_at_day_outside_the_strategy_or_in_the_future_is_warned_about():
    period = StrategyPeriod(date(2020, 4, 1), date(2023, 3, 31))
    today = date(2026, 11, 10)
    assert period_warnings(date(2020, 9, 30), period, today) == ()
    assert period_warnings(today, period, today) == ()  # after the end, collecting as at today
    [before] = period_warnings(date(2019, 9, 30), period, today)
    assert "outside the strategy's period (1 Apr 2020 to 31 Mar 2023)" in before.message
    assert len(period_warnings(date(2027, 1, 1), period, today)) == 2


def test_a_proforma_made_before_the_plan_moved_on_is_an_older_version():
    assert older_warning(about(), []) == ()
    [warning] = older_warning(about(), ["another import of the plan was confirmed"])
    assert warning.message.startswith(
        "This proforma of TVP was made on 1 Oct 2020 at 09:30; since then another import"
    )
