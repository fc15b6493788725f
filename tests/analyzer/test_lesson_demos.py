"""The drafts lessons 01, 08 and 09 analyse in front of the learner get the reading the lesson's prose gives.

Lesson 08 says its demo email (James to Anita, on the consulting case) leans on
loaded words ("reckless", "completely ignores", "desperate") and rests its one
reason on a feeling ("I just feel"), and that "We'll keep preparing for the one
weekend" is no alternative and no letting go; lesson 09's "Fine, your loss." is a parting shot,
not a graceful let-go. If the analyzer said otherwise, the lesson would teach
one thing and show another.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import pushback_lib as pb

from .conftest import MODEL_MISS

ROOT = Path(__file__).resolve().parents[2]

LESSON_08_DRAFT = """Hi Anita,

Thanks for your time on the call earlier. To be honest, switching all fourteen sites in one weekend is
reckless and completely ignores what happened at Daventry. I just feel the plan is wrong, and
nobody on our team wants to put their name to it. Hiring temporary staff would only look desperate.

We'll keep preparing for the one weekend unless you change your mind.

James"""


def _lesson_source(prefix: str) -> str:
    found = [p for p in ROOT.rglob(f"{prefix}-*.md") if ".venv" not in p.parts]
    assert found, f"no lesson source for {prefix}"
    return found[0].read_text(encoding="utf-8")


def test_the_demo_drafts_are_the_lessons_own() -> None:
    assert LESSON_08_DRAFT in _lesson_source("08")
    assert 'my_let_go = "Fine, your loss."' in _lesson_source("09")


@MODEL_MISS  # the polite frame dilutes one hostile paragraph: no aggressive flag today
def test_lesson_08_demo_is_flagged_for_what_the_lesson_names() -> None:
    a = pb.analyze(LESSON_08_DRAFT, pb.load_case("consulting_rollout"))
    assert {"aggressive", "opinion_only"} <= a.flags
    assert not a.components & {"acknowledge", "evidence", "let_go", "alternative"}
    quoted = " | ".join(f.quote.lower() for f in a.findings)
    for phrase in ("reckless", "completely ignores", "i just feel", "desperate"):
        assert phrase in quoted, (phrase, quoted)


@pytest.mark.parametrize("text", ["Fine, your loss.",
                                  "Fine. Your call. Don't come back to me when it fails."])
def test_a_parting_shot_is_not_a_graceful_let_go(text: str) -> None:
    a = pb.analyze(text, pb.load_case("niche_recruitment"))
    assert "aggressive" in a.flags
    assert "let_go" not in a.components


@MODEL_MISS  # v2-13e84d342d: acknowledge 0.37 not credited, but aggressive 0.34: "not sure", not flagged
def test_sarcastic_acknowledgement_is_not_praised() -> None:
    a = pb.analyze("I understand. Clearly a PhD and eight years at DeepMind isn't quite enough for you.")
    assert "acknowledge" not in a.components
    assert "aggressive" in a.flags


def test_lesson_01_pushy_draft_is_flagged_for_its_blame() -> None:
    """Lesson 01 asks the learner to rewrite this draft until it is flagged neither aggressive nor
    opinion only; "you're wrong" and "you haven't read his profile properly" are blame."""
    draft = ("Honestly, you're wrong about Daniel. He is obviously the best candidate and I just "
             "feel you haven't read his profile properly.")
    a = pb.analyze(draft, pb.load_case("niche_recruitment"))
    assert {"aggressive", "opinion_only"} <= a.flags
