"""The drafts lessons 08 and 09 analyse in front of the learner get the reading the lesson's prose gives.

Lesson 08 says its demo email leans on loaded words ("ridiculous", "completely
miss the point", "cheap") and rests its one reason on a feeling ("I just
feel"), and that the client's own "20%" and "We'll go ahead as planned" are no
evidence and no letting go; lesson 09's "Fine, your loss." is a parting shot,
not a graceful let-go. If the analyzer said otherwise, the lesson would teach
one thing and show another.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import pushback_lib as pb

from .conftest import MODEL_MISS

ROOT = Path(__file__).resolve().parents[2]

LESSON_08_DRAFT = """Hi Greg,

Thanks for your time on the phone earlier. To be honest, your CEO's notes are ridiculous and
completely miss the point of the campaign. I just feel the ads are right as they are, and
nobody on our team wants to put the farm back in. A 20% flash would make it look cheap.

We'll go ahead as planned unless you insist.

Priya"""


def _lesson_source(prefix: str) -> str:
    found = [p for p in ROOT.rglob(f"{prefix}-*.md") if ".venv" not in p.parts]
    assert found, f"no lesson source for {prefix}"
    return found[0].read_text(encoding="utf-8")


def test_the_demo_drafts_are_the_lessons_own() -> None:
    assert LESSON_08_DRAFT in _lesson_source("08")
    assert 'my_let_go = "Fine, your loss."' in _lesson_source("09")


@MODEL_MISS  # the polite frame dilutes one hostile paragraph: no flag at all today
def test_lesson_08_demo_is_flagged_for_what_the_lesson_names() -> None:
    a = pb.analyze(LESSON_08_DRAFT, pb.load_case("agency_feedback"))
    assert {"aggressive", "opinion_only"} <= a.flags
    assert not a.components & {"acknowledge", "evidence", "let_go", "alternative"}
    quoted = " | ".join(f.quote.lower() for f in a.findings)
    for phrase in ("ridiculous", "completely miss the point", "i just feel", "cheap"):
        assert phrase in quoted, (phrase, quoted)


@pytest.mark.parametrize("text", ["Fine, your loss.",
                                  "Fine. Your call. Don't come back to me when it fails."])
def test_a_parting_shot_is_not_a_graceful_let_go(text: str) -> None:
    a = pb.analyze(text, pb.load_case("niche_recruitment"))
    assert "aggressive" in a.flags
    assert "let_go" not in a.components


@MODEL_MISS  # acknowledge 0.64, aggressive 0.20: shown as "not sure", but still credited
def test_sarcastic_acknowledgement_is_not_praised() -> None:
    a = pb.analyze("I understand. Clearly a PhD and eight years at DeepMind isn't quite enough for you.")
    assert "acknowledge" not in a.components
    assert "aggressive" in a.flags
