"""Fixtures of the model tests: example plans for the seed cases and a valid case as data.

The plans are written as an expert, a novice and an angry novice would write
them, so the rubric expectations read like the course's own examples.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pushback_lib import PushbackPlan

CASES_DIR = Path(__file__).resolve().parents[2] / "pushback_lib" / "data" / "cases"

STRONG: dict[str, PushbackPlan] = {
    "niche_recruitment": PushbackPlan(
        opening="Thank you, Khalid, I completely understand why you want to move fast.",
        acknowledge=("You need one grading structure agreed before the merger closes, and "
                     "someone who will stay long enough to finish it."),
        business_reason=("Daniel is the one candidate who has already built a grading structure "
                         "of this size, and he plans to stay for the long term: both answer the "
                         "merger deadline and the tenure problem you described."),
        challenges=["c_merger_grading", "c_tenure"],
        evidence=["f_grading_project", "f_wants_to_stay", "f_attrition_result", "f_brief_priorities"],
        analogies=["a_finance_controller", "a_football_scouting"],
        alternative=("Could we set up a 30-minute video call with Daniel this week, with two "
                     "questions on the brief's top priorities, before deciding on a full interview?"),
        allies=["ally_sarah"],
        closing=("If the call works, you get a head of reward who stays and Daniel gets the role "
                 "he wants: a win for both. I'll send two times for the call today."),
        let_go=("If you still feel he is not right, I respect that, thank you for hearing me out, "
                "and I will keep looking hard for the right person."),
    ),
    "agency_feedback": PushbackPlan(
        opening="Yes, Greg, I agree the CEO has to feel proud of this launch, and thanks for the call.",
        acknowledge=("You want the launch to win trial from new buyers and you want the product "
                     "easy to spot on a supermarket shelf."),
        business_reason=("The brief asks for trial from under-35s who do not buy Fernleigh today; "
                         "in testing the current route won 64% intent against 38% for heritage, and "
                         "a 20% discount would take the margin well below the business case."),
        challenges=["c_young_buyers", "c_margin"],
        evidence=["f_brief_audience", "f_contact_report", "f_concept_test", "f_margin_floor"],
        analogies=["a_plant_yoghurt", "a_electric_car"],
        alternative=("Let's get everyone in the room early next week, write down every piece of "
                     "feedback and the actions, and come back within five working days with a plan "
                     "that keeps the route and enlarges the end-frame pack shot."),
        allies=["ally_hannah"],
        closing=("That way we protect your margin and the brief, the team has a clear plan, and "
                 "both the CEO and the board get a launch that works for everyone."),
        let_go=("If, after the session, you still want the heritage version, we will make it as "
                "good as it can be, and I appreciate you hearing the case."),
    ),
}

WEAK = PushbackPlan(
    acknowledge="OK.",
    business_reason="I just think he is better.",
    alternative="Reconsider.",
)

AGGRESSIVE = PushbackPlan(
    opening="Frankly, this is a ridiculous decision and you are wrong.",
    acknowledge="You clearly did not read the brief.",
    business_reason=("You obviously have no idea what you are doing; anyone competent would see "
                     "that the candidate is perfect and your feedback is stupid."),
    evidence=["f_grading_project"],
    alternative="Interview him or I will take this to your boss.",
    closing="Do it my way or don't blame me when it fails.",
    let_go="Fine then, your loss.",
)


@pytest.fixture
def strong_plans() -> dict[str, PushbackPlan]:
    return STRONG


@pytest.fixture
def weak_plan() -> PushbackPlan:
    return WEAK


@pytest.fixture
def aggressive_plan() -> PushbackPlan:
    return AGGRESSIVE


@pytest.fixture
def valid_case_data() -> dict[str, Any]:
    """A fresh, valid case as plain data, ready to be broken one field at a time."""
    import yaml

    return yaml.safe_load((CASES_DIR / "niche_recruitment.yaml").read_text(encoding="utf-8"))
