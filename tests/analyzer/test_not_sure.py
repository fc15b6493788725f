"""Saying "not sure" instead of guessing, and never praising a draft that may be hostile.

A label whose probability lies in the "not sure" band is neither praised nor
criticised in what the learner reads (suggestions, the HTML the widgets show,
the plain text): it is named as an open question ("not sure whether this
acknowledges their view") with what would make it clear. And an
acknowledgement or a let-go is never credited while ``aggressive`` is not
confidently ruled out, whatever the two labels' own probabilities.

The rule tests feed fixed probabilities through ``analyze`` with a stand-in
model, so they check the decision logic itself, not one trained model's mood.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from pushback_lib.analyzer import COMPONENTS, FLAGS, analyze, core
from pushback_lib.analyzer.labels import NOT_SURE

LABELS = (*COMPONENTS, *FLAGS)


class _FixedModel:
    """A stand-in for ``LabelModel`` that gives every text the same probabilities."""

    def __init__(self, probs: dict[str, float]) -> None:
        self._probs = {label: probs.get(label, 0.05) for label in LABELS}
        self.thresholds = dict.fromkeys(LABELS, 0.5)
        self.version = "fixed-for-tests"

    def probabilities(self, text: str) -> dict[str, float]:
        return dict(self._probs)


@pytest.fixture
def fixed(monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    def use(probs: dict[str, float]) -> None:
        monkeypatch.setattr(core, "_MODEL", [_FixedModel(probs)])
    yield use


def _learner_text(a: object) -> str:
    return str(a) + "\n" + a._repr_html_()  # type: ignore[attr-defined]


def test_an_unsure_acknowledgement_is_named_as_an_open_question(fixed) -> None:  # type: ignore[no-untyped-def]
    fixed({"acknowledge": 0.6, "business_reason": 0.95, "evidence": 0.95, "alternative": 0.9})
    a = analyze("I see where you are coming from, but the pilot data says otherwise.")
    assert "acknowledge" in a.unsure
    texts = [s.text for s in a.suggestions]
    assert any(t.startswith("Not sure whether this acknowledges their view:") for t in texts), texts
    out = _learner_text(a)
    assert "not sure whether this acknowledges their view" in out.lower()
    assert "Components present: business_reason, evidence, alternative" in str(a)  # not acknowledge
    assert "✔ present" not in a._repr_html_().split("acknowledge</span>", 1)[1].split("</tr>", 1)[0]
    for f in a.findings_for("acknowledge"):
        assert f.why.startswith(NOT_SURE["acknowledge"])


def test_an_unsure_flag_is_neither_blamed_nor_cleared(fixed) -> None:  # type: ignore[no-untyped-def]
    fixed({"aggressive": 0.55, "business_reason": 0.9})
    a = analyze("Honestly, this again?")
    assert "aggressive" in a.unsure
    texts = [s.text for s in a.suggestions]
    assert any(t.startswith("Not sure whether the tone reads as hostile or sarcastic") for t in texts)
    assert not any(t.startswith("Take the heat out") for t in texts)  # the confident criticism
    assert "Flags: none" in str(a)


@pytest.mark.parametrize("aggressive", [0.21, 0.5, 0.79, 0.95])
def test_no_praise_while_hostility_is_not_ruled_out(fixed, aggressive: float) -> None:  # type: ignore[no-untyped-def]
    fixed({"acknowledge": 0.99, "let_go": 0.99, "aggressive": aggressive})
    a = analyze("I understand. It's your call, obviously, since you know everything.")
    assert not a.components & {"acknowledge", "let_go"}
    # capped at 1 - p(aggressive): never a confident "present", so shown as not sure (or absent)
    assert all(a.confidence[x] < core.UNSURE_HIGH for x in ("acknowledge", "let_go"))
    if aggressive < core.UNSURE_HIGH:
        assert {"acknowledge", "let_go"} <= a.unsure
        told = " ".join(s.text for s in a.suggestions)
        assert "Not sure whether this acknowledges their view" in told
        assert "No credit for it while the tone may read as hostile or sarcastic" in told


def test_praise_stands_when_hostility_is_confidently_ruled_out(fixed) -> None:  # type: ignore[no-untyped-def]
    fixed({"acknowledge": 0.95, "let_go": 0.9, "aggressive": core.PRAISE_GUARD - 0.05})
    a = analyze("I understand, and it's your call; we'll make it work.")
    assert {"acknowledge", "let_go"} <= a.components
    assert "Components present: acknowledge, let_go" in str(a)


@pytest.mark.parametrize("aggressive, credited", [
    (core.UNSURE_PRAISE_GUARD - 0.02, {"acknowledge", "let_go"}),  # hostility firmly ruled out
    (core.UNSURE_PRAISE_GUARD + 0.05, {"let_go"}),  # the unsure acknowledgement is held back
])
def test_an_unsure_praise_needs_hostility_ruled_out_more_firmly(fixed, aggressive: float,  # type: ignore[no-untyped-def]
                                                                credited: set[str]) -> None:
    fixed({"acknowledge": 0.6, "let_go": 0.95, "aggressive": aggressive})
    a = analyze("I understand. It's your call, and we'll make it work.")
    assert a.components & {"acknowledge", "let_go"} == credited
    assert "acknowledge" in a.unsure
    if "acknowledge" not in credited:
        told = " ".join(s.text for s in a.suggestions)
        assert "Not sure whether this acknowledges their view" in told
        assert "No credit for it while the tone may read as hostile or sarcastic" in told


@pytest.mark.parametrize("text", [
    "I understand. Clearly a PhD and eight years at DeepMind isn't quite enough for you.",
    "Fine, your loss.",
    "Fine. Your call. Don't come back to me when it fails.",
    "I'm sure you know best, as always.",
    "Sure, because the last rebrand went so well.",
    "Oh wonderful, yet another 'quick tweak' on a Friday night.",
    "Great, I understand completely. Your call, as always, since you never listen anyway.",
])
def test_the_known_sarcastic_drafts_are_never_praised(text: str) -> None:
    """The trained model on the sarcastic examples of issue 13 and the lessons: no credit for a
    sarcastic acknowledgement or a parting-shot let-go, whatever else it says."""
    a = analyze(text)
    assert not a.components & {"acknowledge", "let_go"}, (a.confidence, a.unsure)


def test_the_plain_phrases_cover_every_label() -> None:
    assert set(NOT_SURE) == set(LABELS)
    assert all(v.startswith("not sure whether ") for v in NOT_SURE.values())


class _SentenceModel(_FixedModel):
    """A stand-in that reads chosen sentences differently from the whole draft."""

    def __init__(self, probs: dict[str, float], sentences: dict[str, dict[str, float]]) -> None:
        super().__init__(probs)
        self._sentences = {text: {label: p.get(label, 0.05) for label in LABELS}
                           for text, p in sentences.items()}

    def probabilities(self, text: str) -> dict[str, float]:
        return dict(self._sentences.get(text, self._probs))


_AGREE = "• You're right that the launch window is tight."
_BULLETS = f"Notes:\n{_AGREE}\n• the brief asks for trial, not awareness\n• propose a sampling tour"


@pytest.mark.parametrize(("whole", "sentence", "credited"), [
    ({"acknowledge": 0.3}, {"acknowledge": 0.95}, True),  # diluted by the other lines: read apart
    ({"acknowledge": 0.3}, {"acknowledge": 0.95, "aggressive": 0.3}, False),  # the sentence itself may jab
    ({"acknowledge": 0.3, "aggressive": 0.25}, {"acknowledge": 0.95}, False),  # the draft may be hostile
    ({"acknowledge": 0.3}, {"acknowledge": 0.7}, False),  # the sentence is not clear either
    ({"acknowledge": 0.1}, {"acknowledge": 0.95}, False),  # the model is sure the draft does not
])
def test_a_clear_acknowledging_sentence_is_read_apart_only_when_nothing_is_hostile(
        monkeypatch: pytest.MonkeyPatch, whole: dict[str, float], sentence: dict[str, float],
        credited: bool) -> None:
    monkeypatch.setattr(core, "_MODEL", [_SentenceModel(whole, {_AGREE: sentence})])
    a = analyze(_BULLETS)
    assert ("acknowledge" in a.components) is credited
    assert a.confidence["acknowledge"] == (sentence["acknowledge"] if credited else whole["acknowledge"])


def test_a_sentence_the_rules_do_not_read_as_acknowledging_is_not_read_apart(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Two readers must agree on the sentence: the model alone does not lift the whole draft."""
    plain = "The pilot ran in March."
    model = _SentenceModel({"acknowledge": 0.3}, {plain: {"acknowledge": 0.95}})
    monkeypatch.setattr(core, "_MODEL", [model])
    a = analyze(f"{plain} It reached 14,000 people. We could run it again.")
    assert "acknowledge" not in a.components
    assert a.confidence["acknowledge"] == 0.3
