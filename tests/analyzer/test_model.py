"""The learned half of the analyzer: stored safely, applied exactly as trained, calibrated, honest.

The model is plain arrays (no pickle) read on the first ``analyze()``; its fast
feature path must give the same probabilities as the reference path the
trainer uses; every label gets a probability; "not sure" follows the
thresholds; and the guide's rules hold on every draft: a draft read as
aggressive is never credited with an acknowledgement or a let-go, and
``opinion_only`` never sits beside a business reason or evidence.
"""

from __future__ import annotations

import subprocess
import sys
import zipfile
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pushback_lib.analyzer import COMPONENTS, FLAGS, analyze
from pushback_lib.analyzer.core import PRAISE_GUARD, UNSURE_HIGH, UNSURE_LOW, UNSURE_PRAISE_GUARD, _model
from pushback_lib.analyzer.evaluate import load_corpus

LABELS = (*COMPONENTS, *FLAGS)
MODEL = resources.files("pushback_lib.analyzer").joinpath("data", "model.npz")


def test_the_model_is_plain_arrays_under_25_mb() -> None:
    with MODEL.open("rb") as fh, zipfile.ZipFile(fh) as z:
        names = set(z.namelist())
        assert all(n.endswith(".npy") for n in names)
        for name in names:  # an object array would need pickle to load
            with z.open(name) as member:
                header = member.read(128)
                assert b"'O'" not in header and b"|O" not in header, name
    size = MODEL.stat().st_size if hasattr(MODEL, "stat") else len(MODEL.read_bytes())
    assert size <= 25 * 1024 * 1024


def test_the_fast_path_gives_the_trainers_probabilities() -> None:
    model = _model()
    for draft in load_corpus()[:300]:
        fast = model.probabilities(draft.text)
        slow = model.probabilities_reference(draft.text)
        assert fast.keys() == slow.keys()
        assert all(abs(fast[k] - slow[k]) < 1e-9 for k in fast), draft.id


def test_every_label_has_a_probability_and_unsure_follows_the_thresholds() -> None:
    for draft in load_corpus()[:200]:
        a = analyze(draft.text)
        assert tuple(a.confidence) == LABELS
        assert all(0.0 <= p <= 1.0 for p in a.confidence.values())
        assert a.unsure == {k for k, p in a.confidence.items() if UNSURE_LOW < p < UNSURE_HIGH}
        assert all(UNSURE_LOW < a.threshold[k] < UNSURE_HIGH for k in LABELS)
        over = {k for k in LABELS if a.confidence[k] >= a.threshold[k]}
        hostile = "aggressive" in over or a.confidence["aggressive"] > PRAISE_GUARD
        doubted = {k for k in ("acknowledge", "let_go") if a.confidence[k] < UNSURE_HIGH
                   and a.confidence["aggressive"] > UNSURE_PRAISE_GUARD}
        vetoed = ({"acknowledge", "let_go"} if hostile else doubted) | (
            {"opinion_only"} if over & {"business_reason", "evidence"} else set())
        assert a.components | a.flags == over - vetoed


def _guide_holds(text: str) -> None:
    a = analyze(text)
    if "aggressive" in a.flags:
        assert not a.components & {"acknowledge", "let_go"}, text
    if a.components & {"business_reason", "evidence"}:
        assert "opinion_only" not in a.flags, text


def test_the_guides_rules_hold_on_the_corpus() -> None:
    for draft in load_corpus():
        _guide_holds(draft.text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from([
    "I understand your concern.", "It's your call, and we'll make it work.", "This is RIDICULOUS!!",
    "you never listen", "The brief says trial from under-35s.", "I just feel it's wrong.",
    "Costs fell 12% in the pilot.", "Could we run a two-week pilot?", "Fine, your loss.",
    "Let's get Sarah in the room.", "whatever", "Thanks!"]), min_size=1, max_size=6))
def test_the_guides_rules_hold_on_any_mix(parts: list[str]) -> None:
    _guide_holds(" ".join(parts))


def test_the_model_loads_on_first_analyze_and_the_rules_only_when_findings_are_read() -> None:
    probe = ("import sys, pushback_lib.analyzer as a\n"
             "before = 'numpy' in sys.modules or 'pushback_lib.analyzer.model' in sys.modules\n"
             "x = a.analyze('Could we run a pilot first, on the two sites with the most churn, "
             "before the whole rollout?')\n"
             "rules = 'pushback_lib.analyzer.lexicon' in sys.modules\n"
             "spans = len(x.findings)\n"
             "print(before, 'pushback_lib.analyzer.model' in sys.modules, rules,\n"
             "      'pushback_lib.analyzer.lexicon' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "False", "True"]
    # a short draft (pushback_lib.analyzer.short) is the exception: its flags need the tone rules
    probe = probe.replace("on the two sites with the most churn, before the whole rollout", "")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True", "True", "True"]


def test_findings_explain_only_what_the_model_called() -> None:
    for draft in load_corpus()[:150]:
        a = analyze(draft.text)
        labels = {f.label for f in a.findings}
        assert labels <= set(a.components | a.flags) | {"contradiction"}, draft.id
        assert set(a.components | a.flags) <= labels, draft.id  # every call has a span
        assert all(draft.text[f.start:f.end] == f.quote for f in a.findings)


@pytest.mark.parametrize("focus, allowed", [("listen", {"listen", "deliver"}),
                                             ("alternative", {"alternative", "deliver"})])
def test_focus_keeps_suggestions_to_the_stage_of_the_exercise(focus: str, allowed: set[str]) -> None:
    a = analyze("ok", focus=focus)
    assert a.suggestions and {s.stage for s in a.suggestions} <= allowed


def test_an_unknown_focus_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="stage"):
        analyze("Could we meet?", focus="lunch")


def test_a_conditional_label_is_read_as_the_guide_defines_it() -> None:
    """A label read conditionally (opinion_only: a position *and* no reason or evidence) is the
    classifier's probability times the chance that nothing rules it out, so it never exceeds that
    chance; the other labels are untouched. The shipped model reads the labels the trainer says."""
    from dataclasses import replace

    import tools.train_analyzer as train

    shipped = _model()
    assert shipped.conditional == train.CONDITIONAL
    plain = replace(shipped, conditional=())
    model = replace(shipped, conditional=("opinion_only",))
    for draft in load_corpus()[:100]:
        p, raw = model.probabilities(draft.text), plain.probabilities(draft.text)
        expected = raw["opinion_only"] * (1 - max(raw["business_reason"], raw["evidence"]))
        assert p["opinion_only"] == pytest.approx(expected), draft.id
        assert p["opinion_only"] <= 1 - max(p["business_reason"], p["evidence"]) + 1e-12
        assert all(p[k] == raw[k] for k in LABELS if k != "opinion_only")


def test_a_model_that_reads_endings_reads_them_as_the_trainer_does() -> None:
    """The fast path and the trainer's features agree for a model trained with ``--ending`` too,
    and the ending is read only by such a model. (No shipped model reads endings yet: the trainer
    says why.)"""
    from dataclasses import replace

    import numpy as np

    import tools.train_analyzer as train
    from pushback_lib.analyzer.features import ending

    shipped = _model()
    assert shipped.ending == train.ENDING
    names = ["e w you", "e w call", "e b your call", "e w on", "e b on you", "e w the"]
    vocab = dict(shipped.vocab) | {n: len(shipped.vocab) + i for i, n in enumerate(names)}
    rng = np.random.default_rng(0)
    extra_weights = rng.normal(0, 2, (len(names), len(LABELS))).astype(shipped.sparse_weights.dtype)
    reader = replace(shipped, ending=True, vocab=vocab,
                     idf=np.concatenate([shipped.idf, np.ones(len(names), shipped.idf.dtype)]),
                     sparse_weights=np.vstack([shipped.sparse_weights, extra_weights]), word_cache={})
    moved = 0
    for draft in load_corpus()[:300]:
        fast, slow = reader.probabilities(draft.text), reader.probabilities_reference(draft.text)
        assert all(abs(fast[k] - slow[k]) < 1e-9 for k in fast), draft.id
        if set(ending(draft.text)) & set(names):
            moved += fast != shipped.probabilities(draft.text)
        else:
            assert fast == pytest.approx(shipped.probabilities(draft.text)), draft.id
    assert moved > 20  # the ending's words changed the reading of the drafts that end with them
