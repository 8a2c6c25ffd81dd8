"""Suggesting core components from an objective's wording."""

import json
from pathlib import Path

import pytest

from tracker.core.settings import REPO_ROOT
from tracker.coverage.matching import (
    Wording,
    leading_number,
    significant_words,
    suggest_components,
)
from tracker.imports.seed_files import read_core_components

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
COMPONENTS = [
    Wording(row.number, row.text)
    for row in read_core_components(REPO_ROOT / "imports" / "appendix2-core-components.xlsx")
]
WORDING = {component.number: component.text for component in COMPONENTS}


def sample_actions(name: str) -> list[dict]:
    result = json.loads((SAMPLES / f"{name}.expected.json").read_text(encoding="utf-8"))
    return [action for plan in result["plans"] for action in plan["actions"]]


def test_every_thames_valley_police_objective_is_matched_to_the_component_it_copies():
    actions = sample_actions("agency-tvp-2020-21-q1")
    suggested = [
        suggest_components(action["objective"], COMPONENTS, objective_ref=action["objective_ref"])
        for action in actions
    ]
    assert suggested == [(1,), (1,), (2,), (2,), (4,), (7,), (7,), (8,), (8,), (9,), (10,)] + [
        (11,),
        (11,),
    ]


def test_the_match_does_not_depend_on_the_objective_being_numbered():
    for action in sample_actions("agency-tvp-2020-21-q1"):
        assert suggest_components(action["objective"], COMPONENTS) == (
            int(action["objective_ref"]),
        )


def test_a_renumbered_objective_is_matched_by_its_words_not_its_number():
    objective = "3. " + WORDING[8]
    assert suggest_components(objective, COMPONENTS, objective_ref="3") == (8,)


@pytest.mark.parametrize(
    ("objective", "expected"),
    [
        ("Ensure all staff have the knowledge and skills to identify and name neglect early", (1,)),
        (
            "Make sure officers attend child protection conferences and reviews, "
            "in person or virtually",
            (7,),
        ),
        ("Clarify our response to neglect of adolescents", (8,)),
        ("To seek evidence that colleagues in universal services…", (4,)),
        ("<p>To contribute to <i>multi-agency</i> reflection through case mapping</p>", (10,)),
    ],
)
def test_paraphrased_shortened_or_marked_up_objectives_are_matched(objective, expected):
    assert suggest_components(objective, COMPONENTS) == expected


@pytest.mark.parametrize(
    "objective",
    [
        "Recruit more foster carers in the north of the county",
        "Improve the quality of referrals to the MASH",
        "Promote use of Family Group Conferences (FGC) earlier in the pathway.",
        "",
    ],
)
def test_unrelated_objectives_get_no_suggestion(objective):
    assert suggest_components(objective, COMPONENTS) == ()


def test_an_objective_mentioning_two_components_gets_both():
    objective = (
        "To clarify and embed our response to adolescent neglect, and to ensure attendance "
        "at child protection conferences and reviews in person or virtually"
    )
    assert suggest_components(objective, COMPONENTS) == (7, 8)


def test_the_objectives_number_tips_a_near_match_but_is_never_enough_alone():
    near = "Attendance at child protection conferences"
    assert suggest_components(near, COMPONENTS) == ()
    assert suggest_components(near, COMPONENTS, objective_ref="7") == (7,)
    assert suggest_components("7. " + near, COMPONENTS) == (7,)
    assert suggest_components(near, COMPONENTS, objective_ref="2") == ()
    assert suggest_components("Recruit foster carers", COMPONENTS, objective_ref="8") == ()


def test_any_other_areas_is_never_suggested_even_for_its_own_wording():
    assert suggest_components(WORDING[12], COMPONENTS, objective_ref="12") == ()


def test_the_overarching_plans_own_objectives_match_no_component():
    for action in sample_actions("appendix1-overarching"):
        assert suggest_components(action["objective"], COMPONENTS) == (), action["objective"]


def test_childrens_social_care_attendance_objective_matches_component_7_only():
    suggested = {
        action["objective"]: suggest_components(action["objective"], COMPONENTS)
        for action in sample_actions("appendix3-csc")
    }
    assert {text[:40]: numbers for text, numbers in suggested.items() if numbers} == {
        "Ensure system is in place to monitor att": (7,)
    }


def test_plurals_and_endings_fold_together():
    assert significant_words("Conferences, reviewing and naming") == significant_words(
        "conference review name"
    )


def test_leading_number_comes_from_the_ref_or_the_opening_of_the_text():
    assert leading_number("Whatever", "4a") == 4
    assert leading_number("11) To identify") == 11
    assert leading_number("COVID-19 recovery") is None
