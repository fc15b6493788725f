"""Fixtures of the model tests: example plans for the cases and a valid case as data.

The plans are written as an expert, a novice and an angry novice would write
them, so the rubric expectations read like the course's own examples. The
expert plans (one per case) and the paraphrased ones live in expert_plans.yaml.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pushback_lib import PushbackPlan

CASES_DIR = Path(__file__).resolve().parents[2] / "pushback_lib" / "data" / "cases"

PLANS_FILE = Path(__file__).with_name("expert_plans.yaml")


def load_plans(kind: str) -> dict[str, PushbackPlan]:
    """``{case id: plan}`` from expert_plans.yaml: ``expert`` (one per case) or ``paraphrased``."""
    import yaml

    data = yaml.safe_load(PLANS_FILE.read_text(encoding="utf-8"))
    return {case_id: PushbackPlan(**fields) for case_id, fields in data[kind].items()}


EXPERT = load_plans("expert")
STRONG: dict[str, PushbackPlan] = {k: EXPERT[k] for k in ("niche_recruitment", "agency_feedback")}
"""The seed cases' expert plans: the reference most rubric tests vary one field of."""

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
def expert_plans() -> dict[str, PushbackPlan]:
    return EXPERT


@pytest.fixture
def paraphrased_plans() -> dict[str, PushbackPlan]:
    return load_plans("paraphrased")


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
