"""Measure a tiny trained model against the analyzer's rules, to choose between them honestly.

``python -m tools.train_analyzer`` trains, for each of the eight labels, an
L2-regularised logistic regression on word unigrams and bigrams of the
corpus's train split (numpy only, full-batch gradient descent from zeros, so
the run is fully reproducible), then prints per-label F1 on the test split
for: the rules alone (what ships), the model alone, and rules OR model.
It writes nothing into the package: the rules ship unless the model wins.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from itertools import pairwise

import numpy as np

from pushback_lib.analyzer import COMPONENTS, FLAGS, analyze
from pushback_lib.analyzer.evaluate import Draft, LabelScore, load_corpus

LABELS = (*COMPONENTS, *FLAGS)
_TOKEN = re.compile(r"[a-z0-9£$%']+")


def features(text: str) -> list[str]:
    """Lower-cased word unigrams and bigrams: the simplest model that can learn phrases."""
    words = _TOKEN.findall(text.lower())
    return words + [f"{a} {b}" for a, b in pairwise(words)]


def vectorise(drafts: list[Draft], vocab: dict[str, int]) -> np.ndarray:
    x = np.zeros((len(drafts), len(vocab)))
    for i, d in enumerate(drafts):
        for f in features(d.text):
            j = vocab.get(f)
            if j is not None:
                x[i, j] = 1.0
    return x


def train(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 600, rate: float = 0.5) -> np.ndarray:
    """Weights (bias last) of a logistic regression, by deterministic full-batch gradient descent."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(xb @ w)))
        grad = xb.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0.0]
        w -= rate * grad
    return w


def predict(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    return (np.hstack([x, np.ones((len(x), 1))]) @ w) > 0.0


def score(pred: dict[str, np.ndarray], drafts: list[Draft]) -> dict[str, LabelScore]:
    out = {}
    for label in LABELS:
        want = np.array([label in (d.components | d.flags) for d in drafts])
        got = pred[label]
        out[label] = LabelScore(label, int((got & want).sum()), int((got & ~want).sum()),
                                int((~got & want).sum()))
    return out


def main() -> int:
    train_set, test_set = load_corpus(split="train"), load_corpus(split="test")
    counts = Counter(f for d in train_set for f in set(features(d.text)))
    vocab = {f: i for i, f in enumerate(sorted(f for f, c in counts.items() if c >= 2))}
    xtr, xte = vectorise(train_set, vocab), vectorise(test_set, vocab)
    model = {}
    for label in LABELS:
        y = np.array([float(label in (d.components | d.flags)) for d in train_set])
        model[label] = predict(xte, train(xtr, y))
    analyses = [analyze(d.text) for d in test_set]
    rules = {label: np.array([label in (a.components | a.flags) for a in analyses]) for label in LABELS}
    hybrid = {label: rules[label] | model[label] for label in LABELS}
    table = {name: score(pred, test_set) for name, pred in
             (("rules", rules), ("model", model), ("rules OR model", hybrid))}
    print(f"train {len(train_set)} drafts, test {len(test_set)} drafts, vocabulary {len(vocab)}")
    print(f"{'label':<16}" + "".join(f"{name:>16}" for name in table))
    for label in LABELS:
        print(f"{label:<16}" + "".join(f"{table[name][label].f1:>16.2f}" for name in table))
    for name, scores in table.items():
        macro = sum(scores[c].f1 for c in COMPONENTS) / len(COMPONENTS)
        print(f"macro-F1 components, {name}: {macro:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
