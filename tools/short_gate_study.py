"""Measure the short-draft gate (:mod:`pushback_lib.analyzer.short`) on unseen training writers.

Reads the leave-one-writer-out probabilities that ``tools/train_analyzer.py --save-oof FILE``
writes (each writer predicted by a model that never saw them), applies the analyzer's own decision
steps (the gate under study, the guide's caps, the per-label thresholds, the hard rules and the
praise guard of :mod:`pushback_lib.analyzer.core`) and prints macro-F1 of the six components,
the F1 of both flags with bootstrap 95% intervals, and how many aggressive drafts are praised
(given ``acknowledge`` or ``let_go``). The frozen holdout is never read: only the training drafts.

Usage: ``python -m tools.short_gate_study OOF.npz``; with ``--report``, only the shipped decision
steps, in full: F1 of every label with its interval, aggressive drafts praised and the confident
calls (to compare models trained differently, e.g. ``train_analyzer.py --embed``).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

import numpy as np

from pushback_lib.analyzer.core import UNSURE_HIGH, UNSURE_LOW, _consistent, praise_withheld
from pushback_lib.analyzer.features import tokens
from pushback_lib.analyzer.labels import COMPONENTS, FLAGS, hard_rules
from pushback_lib.analyzer.rules import apply_rules
from pushback_lib.analyzer.short import SHORT_DRAFT_WORDS, gate_short_flags
from tools.train_analyzer import load_training

LABELS = (*COMPONENTS, *FLAGS)
RESAMPLES = 1000
SEED = 0

Gate = Callable[[dict[str, float], int, frozenset[str], dict[str, float]], dict[str, float]]


def decide(p: dict[str, float], thresholds: dict[str, float]) -> frozenset[str]:
    """The analyzer's calls from (gated) probabilities, as :func:`pushback_lib.analyzer.analyze`."""
    p = {k: round(v, 3) for k, v in _consistent(p).items()}
    present = set(hard_rules({lab for lab in LABELS if p[lab] >= thresholds[lab]}))
    return frozenset(present - praise_withheld(p))


def f1_columns(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    tp = (gold & pred).sum(0)
    denom = 2 * tp + (~gold & pred).sum(0) + (gold & ~pred).sum(0)
    return np.where(denom == 0, 1.0, 2 * tp / np.maximum(denom, 1))


def summary(gold: np.ndarray, pred: np.ndarray) -> dict[str, tuple[float, float, float]]:
    """Macro-F1 (components), aggressive and opinion_only F1: (value, low, high) of 95% bootstrap."""
    def stats(g: np.ndarray, q: np.ndarray) -> np.ndarray:
        f = f1_columns(g, q)
        return np.array([f[:len(COMPONENTS)].mean(), f[LABELS.index("aggressive")],
                         f[LABELS.index("opinion_only")]])
    point = stats(gold, pred)
    rng = np.random.default_rng(SEED)
    boots = np.array([stats(gold[i], pred[i])
                      for i in (rng.integers(0, len(gold), len(gold)) for _ in range(RESAMPLES))])
    lo, hi = np.percentile(boots, [2.5, 97.5], axis=0)
    return {name: (point[k], lo[k], hi[k]) for k, name in enumerate(("macro", "aggressive", "opinion_only"))}


def report(gold: np.ndarray, pred: np.ndarray, final: np.ndarray) -> None:
    """Print every label's F1 with its 95% bootstrap interval, macro-F1 of the components, praise
    of aggressive drafts, and how often confident calls (final p >= 0.8 or <= 0.2) are right."""
    rng = np.random.default_rng(SEED)
    point = f1_columns(gold, pred)
    boots = np.array([f1_columns(gold[i], pred[i])
                      for i in (rng.integers(0, len(gold), len(gold)) for _ in range(RESAMPLES))])
    macro = boots[:, :len(COMPONENTS)].mean(1)
    lo, hi = np.percentile(boots, [2.5, 97.5], axis=0)
    mlo, mhi = np.percentile(macro, [2.5, 97.5])
    print(f"  macro-F1 (components) {point[:len(COMPONENTS)].mean():.3f} [{mlo:.3f}, {mhi:.3f}]")
    for j, lab in enumerate(LABELS):
        print(f"  {lab:16} {point[j]:.3f} [{lo[j]:.3f}, {hi[j]:.3f}]")
    agg, ack, let = (LABELS.index(x) for x in ("aggressive", "acknowledge", "let_go"))
    praised = int((gold[:, agg] & (pred[:, ack] | pred[:, let])).sum())
    confident = (final >= UNSURE_HIGH) | (final <= UNSURE_LOW)
    right = pred == gold
    print(f"  aggressive drafts praised {praised} of {int(gold[:, agg].sum())}; confident calls right "
          f"{right[confident].mean():.1%}, covering {confident.mean():.1%} of label decisions")


def length_gate(limit: int, both_ways: bool) -> Gate:
    """The shipped gate with this word limit; ``both_ways`` also raises a rules-only aggressive
    (up to ``RULES_RAISE_WORDS`` words, or the limit if longer)."""
    return lambda p, n, found, thr: gate_short_flags(p, n, found.__contains__, thr, UNSURE_LOW, limit,
                                                     raise_aggressive=both_ways)


def agreement_gate(confident: float) -> Gate:
    """Alternative (any length): a model-only aggressive call needs p >= ``confident``."""
    def gate(p: dict[str, float], n: int, found: frozenset[str], thr: dict[str, float]) -> dict[str, float]:
        out = dict(p)
        if thr["aggressive"] <= out["aggressive"] < confident and "aggressive" not in found:
            out["aggressive"] = (UNSURE_LOW + thr["aggressive"]) / 2
        return out
    return gate


def raise_gate(limit: int, floor: float) -> Gate:
    """The shipped gate, and also (drafts of at most ``limit`` words) an ``aggressive`` the rules
    find raised to its threshold when the model gives it more than ``floor``: two readers, one sure
    of the words, the other unsure of the whole."""
    shipped = length_gate(SHORT_DRAFT_WORDS, True)

    def gate(p: dict[str, float], n: int, found: frozenset[str], thr: dict[str, float]) -> dict[str, float]:
        out = shipped(p, n, found, thr)
        if n <= limit and "aggressive" in found and floor < out["aggressive"] < thr["aggressive"]:
            out["aggressive"] = thr["aggressive"]
        return out
    return gate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("oof", type=Path, help="the .npz written by train_analyzer.py --save-oof")
    parser.add_argument("--writers", nargs="*", help="score only these writers (e.g. t1 ... t6)")
    parser.add_argument("--report", action="store_true",
                        help="only the shipped steps, with every label and the confident calls")
    args = parser.parse_args(argv)
    data = np.load(args.oof, allow_pickle=False)
    rows = load_training()
    ids = [str(r.get("id", i)) for i, r in enumerate(rows)]
    if ids != [str(x) for x in data["ids"]]:
        raise SystemExit(f"{args.oof}: its drafts are not today's training drafts; "
                         "rerun train_analyzer.py --save-oof")
    keep = np.array([args.writers is None or str(w) in args.writers for w in data["writers"]])
    rows = [r for r, k in zip(rows, keep, strict=True) if k]
    probs, gold = data["probs"][keep], data["gold"][keep].astype(bool)
    thr = {lab: float(t) for lab, t in zip(LABELS, data["thresholds"], strict=True)}
    texts = [str(r["text"]) for r in rows]
    n_words = [len(tokens(t.lower())) for t in texts]
    found = [apply_rules(t).flags for t in texts]
    agg, ack, let = (LABELS.index(x) for x in ("aggressive", "acknowledge", "let_go"))
    if args.report:
        gate = length_gate(SHORT_DRAFT_WORDS, True)
        gated = [gate(dict(zip(LABELS, map(float, p), strict=True)), n, f, thr)
                 for p, n, f in zip(probs, n_words, found, strict=True)]
        pred = np.array([[lab in decide(g, thr) for lab in LABELS] for g in gated])
        final = np.array([[round(_consistent(g)[lab], 3) for lab in LABELS] for g in gated])
        print(f"{len(rows)} drafts; shipped steps (short-draft gate <= {SHORT_DRAFT_WORDS} words, caps, "
              "thresholds, hard rules, praise guard):")
        report(gold, pred, final)
        return 0
    gates: dict[str, Gate] = {"none (shipped)": lambda p, n, f, t: dict(p)}
    gates.update({f"short <= {k} words, flags need rules": length_gate(k, False)
                  for k in (3, 5, 8, 12, 16, 25)})
    gates.update({f"short <= {k} words, both ways": length_gate(k, True) for k in (8, 12, 16)})
    gates.update({f"any length, model-only aggressive needs p >= {c}": agreement_gate(c)
                  for c in (0.6, 0.8)})
    gates.update({f"shipped + raise rules' aggressive <= {k} words, p > {f}": raise_gate(k, f)
                  for k in (16, 25, 10_000) for f in (0.0, UNSURE_LOW, 0.3)})
    short = np.array(n_words) <= SHORT_DRAFT_WORDS
    print(f"{len(rows)} drafts, {short.sum()} of at most {SHORT_DRAFT_WORDS} words; "
          f"aggressive drafts {gold[:, agg].sum()}")
    for name, gate in gates.items():
        pred = np.array([[lab in decide(gate(dict(zip(LABELS, map(float, p), strict=True)), n, f, thr), thr)
                          for lab in LABELS] for p, n, f in zip(probs, n_words, found, strict=True)])
        s = summary(gold, pred)
        praised = int((gold[:, agg] & (pred[:, ack] | pred[:, let])).sum())
        fs = f1_columns(gold[short], pred[short])
        print(f"{name:50} " + "  ".join(f"{k} {v:.3f} [{lo:.3f}, {hi:.3f}]" for k, (v, lo, hi) in s.items())
              + f"  praised {praised}  | short: agg {fs[agg]:.3f} op {fs[-1]:.3f} ack {fs[ack]:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
