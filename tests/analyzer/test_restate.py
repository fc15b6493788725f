"""A checking question that restates the stakeholder's view counts as acknowledging (the guide);
one that only asks what their view is, or a loaded one, does not, and hostility is never praised."""

from __future__ import annotations

import pytest

from pushback_lib.analyzer import analyze
from pushback_lib.analyzer.restate import checking_question

RESTATED = [
    "So what worries you most is missing the autumn launch window?",  # the guide's own examples
    "Just so I've got it: the board needs the saving inside this financial year, right?",
    "So what really worries you is whether he can build one structure out of two quickly, and stay long "
    "enough to finish it?",
    "So, um, just so I've got it, Greg, the CEO's worry is that people won't spot the pack on shelf. "
    "Is that it?",
    "if ive understood you right, ur main worry is the march renewal?",
    "So you're worried that the merger date moves if we wait a week, yeah?",
]
NOT_RESTATED = [
    "What's worrying you about him?",  # asks what their view is, names none
    "Just so I've got it, Khalid: what is it that's putting you off him?",
    "Could I ask what the main worry is, exactly?",
    "So the real worry is the launch window.",  # a restatement, but not asked: the model decides
    "Your worry is noted. We go ahead on Monday.",
    "Is the board meeting on Tuesday or Wednesday?",
]


@pytest.mark.parametrize("text", RESTATED)
def test_a_restated_view_asked_back_is_a_checking_question(text: str) -> None:
    assert checking_question(text)


@pytest.mark.parametrize("text", NOT_RESTATED)
def test_a_question_that_only_asks_or_a_statement_is_not(text: str) -> None:
    assert not checking_question(text)


def test_a_checking_question_the_model_is_unsure_of_is_credited_as_acknowledging() -> None:
    text = RESTATED[2]
    a = analyze(text)
    assert "acknowledge" in a.components
    assert "acknowledge" not in a.unsure
    assert not a.flags


def test_a_loaded_restatement_is_never_praised() -> None:
    """Sarcasm in a checking question's clothes: the pattern matches, the praise guard holds."""
    text = ("Tom, just so I understand it right: you'd rather have a loyalty scheme than a checkout that "
            "works on Black Friday? That's the priority now?")
    assert checking_question(text)
    a = analyze(text)
    assert "acknowledge" not in a.components and "let_go" not in a.components
