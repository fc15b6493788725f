"""Two measured choices of ``train_analyzer``: where each label's threshold sits, and how much the
older corpus weighs (corpus/README.md, "Third round")."""

from __future__ import annotations

import numpy as np
import pytest

import tools.train_analyzer as train


def test_the_threshold_stays_at_even_odds_unless_another_is_clearly_better() -> None:
    rng = np.random.default_rng(0)
    gold = rng.random(2000) < 0.4
    probs = np.clip(np.where(gold, 0.7, 0.3) + rng.normal(0, 0.15, 2000), 0, 1)
    assert train.choose_threshold(probs, gold) == 0.5  # symmetric: 0.5 is within 0.01 of the best


def test_a_clearly_better_threshold_is_taken() -> None:
    # positives all sit between 0.3 and 0.45: at 0.5 the label is never called (F1 0)
    gold = np.array([True] * 50 + [False] * 50)
    probs = np.concatenate([np.linspace(0.3, 0.45, 50), np.linspace(0.0, 0.2, 50)])
    t = train.choose_threshold(probs, gold)
    assert t in train.THRESHOLDS and t <= 0.3
    assert train.f1(gold, probs >= t) == 1.0


def test_the_older_corpus_keeps_the_share_asked_for() -> None:
    groups = np.array(["legacy"] * 100 + ["t1"] * 300 + ["t2"] * 500)
    w = train.draft_weights(groups, 0.23)
    assert w is not None
    assert w[groups == "legacy"].sum() / w.sum() == pytest.approx(0.23)
    assert (w[groups != "legacy"] == 1.0).all()
    assert train.draft_weights(groups, 0.0) is None  # the default: every draft weighs 1
    assert train.draft_weights(groups[groups != "legacy"], 0.23) is None
