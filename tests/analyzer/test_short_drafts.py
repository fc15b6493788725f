"""Short drafts: a calm acknowledgement is not hostile, and a short jab is still never praised.

With two or three words the trained model has almost nothing to read, and the
corpus is full of grudging or sarcastic drafts that open the same way, so it
used to call "I understand." aggressive with confidence. A short draft's flag
now needs the tone rules to agree (:mod:`pushback_lib.analyzer.short`). These
sentences were written for this test, in several voices; none is from a lesson.
"""

from __future__ import annotations

import pytest

from pushback_lib.analyzer import analyze
from pushback_lib.analyzer.core import UNSURE_LOW
from pushback_lib.analyzer.features import tokens
from pushback_lib.analyzer.labels import COMPONENTS
from pushback_lib.analyzer.short import RULES_RAISE_WORDS, SHORT_DRAFT_WORDS, cap_bare_token, gate_short_flags

CALM = (
    "I hear you.", "Got it, thanks.", "Understood, Priya.", "That's a fair point.",
    "Makes sense to me.", "ok, noted", "Thanks for explaining.", "I see what you mean.",
    "Good question.", "Fair enough, Tom.", "Right, that helps.", "Thank you for the update.",
    "I appreciate you flagging it.", "Sounds reasonable.", "yes that works for me",
    "Happy to go with that.", "Agreed.", "I understand the deadline.", "Let me think about it.",
    "Noted, will do.", "Thanks, Marta. That clarifies it.", "Sure, we can do that.",
    "I take your point about the budget.", "Okay. Let's talk tomorrow.", "Appreciate the context.",
    "I get why this matters to you.", "Thank you, that is clear now.", "i see, thanks for telling me",
    "Yes, I understand your worry.", "Okay, understood.",
)
HOSTILE = (
    "Oh great, another rewrite.", "This is a joke.", "You never listen.", "Fine. Your funeral.",
    "Are you kidding me?", "Thanks for nothing.", "STOP CHANGING THE BRIEF.",
    "Sure, because that worked so well last time.", "Did you even read it?",
    "What a ridiculous request.", "I understand. Clearly you know best.",
)
NEVER_PRAISED = (*HOSTILE, "Whatever you say, boss.", "Noted. Don't come back to me when it fails.")
THRESHOLDS = {"aggressive": 0.4, "opinion_only": 0.3}


@pytest.mark.parametrize("text", CALM)
def test_a_short_calm_sentence_is_not_called_hostile(text: str) -> None:
    a = analyze(text)
    assert "aggressive" not in a.flags, (text, a.confidence["aggressive"])


@pytest.mark.parametrize("text", HOSTILE)
def test_a_short_hostile_sentence_is_still_flagged(text: str) -> None:
    a = analyze(text)
    assert "aggressive" in a.flags, (text, a.confidence["aggressive"])


@pytest.mark.parametrize("text", NEVER_PRAISED)
def test_a_short_hostile_sentence_gets_no_praise(text: str) -> None:
    a = analyze(text)
    assert not a.components & {"acknowledge", "let_go"}, (text, sorted(a.components))


def test_the_calm_sentences_are_all_short() -> None:
    """The gate is what these tests exercise, so every calm sentence must fall under it."""
    from pushback_lib.analyzer.features import tokens

    assert all(len(tokens(t.lower())) <= SHORT_DRAFT_WORDS for t in CALM)
    assert len(CALM) >= 25 and len(HOSTILE) >= 10


def test_a_model_only_flag_on_a_short_draft_becomes_not_sure() -> None:
    p = {"aggressive": 0.9, "opinion_only": 0.7, "acknowledge": 0.6}
    out = gate_short_flags(p, 2, frozenset().__contains__, THRESHOLDS, UNSURE_LOW)
    assert UNSURE_LOW < out["aggressive"] < THRESHOLDS["aggressive"]
    assert UNSURE_LOW < out["opinion_only"] < THRESHOLDS["opinion_only"]
    assert out["acknowledge"] == 0.6


def test_a_flag_the_rules_agree_with_is_kept() -> None:
    p = {"aggressive": 0.9, "opinion_only": 0.7}
    out = gate_short_flags(p, 2, {"aggressive"}.__contains__, THRESHOLDS, UNSURE_LOW)
    assert out["aggressive"] == 0.9
    assert out["opinion_only"] < THRESHOLDS["opinion_only"]


def test_a_long_draft_is_left_to_the_model() -> None:
    def no_rules(flag: str) -> bool:
        raise AssertionError("the rules are not read for a long draft")

    p = {"aggressive": 0.9, "opinion_only": 0.7}
    assert gate_short_flags(p, SHORT_DRAFT_WORDS + 1, no_rules, THRESHOLDS, UNSURE_LOW) == p


def test_a_short_jab_the_rules_find_is_flagged_even_if_the_model_missed_it() -> None:
    p = {"aggressive": 0.1, "opinion_only": 0.1}
    found = {"aggressive"}.__contains__
    out = gate_short_flags(p, 3, found, THRESHOLDS, UNSURE_LOW)
    assert out["aggressive"] == THRESHOLDS["aggressive"]
    assert gate_short_flags(p, 3, found, THRESHOLDS, UNSURE_LOW, raise_aggressive=False) == p


def test_a_parting_shot_of_a_sentence_or_two_the_rules_find_is_raised_but_not_a_long_draft() -> None:
    """Raising reaches ``RULES_RAISE_WORDS`` words; lowering stays with short drafts."""
    def no_rules(flag: str) -> bool:
        raise AssertionError("the rules are not read for a long draft")

    p = {"aggressive": 0.1, "opinion_only": 0.9}
    found = {"aggressive"}.__contains__
    out = gate_short_flags(p, SHORT_DRAFT_WORDS + 3, found, THRESHOLDS, UNSURE_LOW)
    assert out == {"aggressive": THRESHOLDS["aggressive"], "opinion_only": 0.9}  # no lowering here
    assert gate_short_flags(p, RULES_RAISE_WORDS, found, THRESHOLDS, UNSURE_LOW)["aggressive"] == 0.4
    assert gate_short_flags(p, RULES_RAISE_WORDS + 1, no_rules, THRESHOLDS, UNSURE_LOW) == p
    assert gate_short_flags(p, SHORT_DRAFT_WORDS + 3, found, THRESHOLDS, UNSURE_LOW,
                            raise_aggressive=False) == p


@pytest.mark.parametrize("text", ["OK.", "ok", "Okay!", "Noted.", "Sure.", "Right.", "ok ok", "K"])
def test_a_bare_token_acknowledges_nothing_and_lets_nothing_go(text: str) -> None:
    """The guide's rule, applied as written: no draft in the corpus is a bare token."""
    a = analyze(text)
    assert not a.components and not a.unsure & set(COMPONENTS), (text, a.confidence)


def test_only_a_bare_token_alone_is_capped() -> None:
    p = {label: 0.9 for label in COMPONENTS}
    capped = cap_bare_token(p, tokens("ok."), COMPONENTS, UNSURE_LOW)
    assert all(capped[label] == UNSURE_LOW for label in COMPONENTS)
    for text in ("ok, your call, we'll go with it", "Noted, will do.", "Sure, we can do that.", ""):
        assert cap_bare_token(p, tokens(text.lower()), COMPONENTS, UNSURE_LOW) == p
