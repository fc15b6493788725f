"""``make eval-analyzer``: the analyzer measured on the frozen holdout, with intervals.

Why this shape: a single F1 on a few hundred drafts hides how much it could
move with other drafts, and a figure on data the rules or the model were
tuned on says little about drafts nobody here wrote. So this prints, on
``corpus/holdout.jsonl`` only (refusing to run if its SHA-256 no longer
matches ``corpus/holdout.sha256``):

* per-label precision, recall and F1 with bootstrap 95% intervals (drafts
  resampled with replacement, fixed seed), and macro-F1 over the six components;
* how often a draft labelled ``aggressive`` is praised with ``acknowledge`` or
  ``let_go`` (the target is never);
* when the analyzer reports ``confidence``: how often its confident calls
  (p >= 0.8 or p <= 0.2) are right and what share of decisions they cover;
* the first-look figures recorded in ``corpus/first_look.jsonl``: each new
  batch scored once, before anything was fitted or tuned on it.

``--first-look FILE --batch NAME`` scores a new labelled batch once and appends
the figures to ``corpus/first_look.jsonl`` (refusing a batch name already there).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from tools.corpus_tool import COMPONENTS, HOLDOUT, HOLDOUT_HASH, LABELS, ROOT, read_jsonl, sha256

FIRST_LOOK = ROOT / "corpus" / "first_look.jsonl"
BOOTSTRAP = 2000
SEED = 20261204
CONFIDENT_HIGH, CONFIDENT_LOW = 0.8, 0.2


@dataclass(frozen=True)
class Predictions:
    """Gold and predicted label matrices (drafts x labels), and the analyzer's probabilities."""

    gold: np.ndarray
    pred: np.ndarray
    prob: np.ndarray | None


def predict(rows: list[dict[str, Any]]) -> Predictions:
    from pushback_lib.analyzer import analyze

    gold = np.zeros((len(rows), len(LABELS)), dtype=bool)
    pred = np.zeros_like(gold)
    prob = np.full(gold.shape, np.nan)
    has_conf = False
    for i, row in enumerate(rows):
        want = set(row["components"]) | set(row["flags"])
        a = analyze(row["text"])
        got = set(a.components) | set(a.flags)
        conf = getattr(a, "confidence", None)
        for j, label in enumerate(LABELS):
            gold[i, j] = label in want
            pred[i, j] = label in got
            if conf and label in conf:
                prob[i, j] = conf[label]
                has_conf = True
    return Predictions(gold, pred, prob if has_conf else None)


def f1_columns(gold: np.ndarray, pred: np.ndarray) -> np.ndarray:
    """F1 per column; a label absent from both gold and prediction scores 1."""
    tp = (gold & pred).sum(axis=-2)
    fp = (~gold & pred).sum(axis=-2)
    fn = (gold & ~pred).sum(axis=-2)
    denom = 2 * tp + fp + fn
    return np.where(denom == 0, 1.0, 2 * tp / np.maximum(denom, 1))


def bootstrap_f1(p: Predictions, reps: int = BOOTSTRAP, seed: int = SEED) -> np.ndarray:
    """(reps, labels + 1) F1 samples; the last column is macro-F1 over the components."""
    rng = np.random.default_rng(seed)
    n = p.gold.shape[0]
    idx = rng.integers(0, n, size=(reps, n))
    f1 = f1_columns(p.gold[idx], p.pred[idx])
    macro = f1[:, :len(COMPONENTS)].mean(axis=1, keepdims=True)
    return np.concatenate([f1, macro], axis=1)


def label_table(p: Predictions) -> list[tuple[str, float, float, float, float, float, int]]:
    """(label, precision, recall, F1, low, high, support) rows, then the components' macro-F1."""
    point = f1_columns(p.gold, p.pred)
    samples = bootstrap_f1(p)
    low, high = np.percentile(samples, [2.5, 97.5], axis=0)
    rows = []
    for j, label in enumerate(LABELS):
        g, q = p.gold[:, j], p.pred[:, j]
        tp = int((g & q).sum())
        precision = tp / q.sum() if q.sum() else 1.0
        recall = tp / g.sum() if g.sum() else 1.0
        rows.append((label, precision, recall, float(point[j]), float(low[j]), float(high[j]),
                     int(g.sum())))
    macro = float(point[:len(COMPONENTS)].mean())
    rows.append(("macro (components)", float("nan"), float("nan"), macro, float(low[-1]),
                 float(high[-1]), int(p.gold[:, :len(COMPONENTS)].sum())))
    return rows


def praise_of_hostility(p: Predictions) -> tuple[int, int]:
    """(aggressive drafts given acknowledge or let_go, aggressive drafts)."""
    aggressive = p.gold[:, LABELS.index("aggressive")]
    praised = p.pred[:, LABELS.index("acknowledge")] | p.pred[:, LABELS.index("let_go")]
    return int((aggressive & praised).sum()), int(aggressive.sum())


def confident_calls(p: Predictions) -> tuple[float, float] | None:
    """(accuracy of confident calls, share of label decisions that are confident), or None."""
    if p.prob is None:
        return None
    confident = (p.prob >= CONFIDENT_HIGH) | (p.prob <= CONFIDENT_LOW)
    if not confident.any():
        return 0.0, 0.0
    right = p.pred == p.gold  # the analyzer's own calls (its thresholds lie inside the unsure band)
    return float(right[confident].mean()), float(confident.mean())


def check_frozen() -> None:
    if not HOLDOUT.exists() or not HOLDOUT_HASH.exists():
        raise SystemExit(f"eval-analyzer: {HOLDOUT.relative_to(ROOT)} or its hash file is missing")
    want = HOLDOUT_HASH.read_text(encoding="utf-8").split()[0]
    got = sha256(HOLDOUT)
    if got != want:
        raise SystemExit(f"eval-analyzer: the frozen holdout changed (SHA-256 {got[:12]}..., "
                         f"recorded {want[:12]}...). It is never edited; restore it from git.")


def print_table(title: str, p: Predictions) -> None:
    print(title)
    print(f"  {'label':20} {'prec':>5} {'rec':>5} {'F1':>5}  95% interval   n")
    for label, prec, rec, f1, lo, hi, n in label_table(p):
        pr = f"{prec:5.2f} {rec:5.2f}" if prec == prec else " " * 11
        print(f"  {label:20} {pr} {f1:5.3f}  [{lo:.3f}, {hi:.3f}]  {n}")


def analyzer_name() -> str:
    """The rules' package version, or the trained model's version when there is one."""
    from pushback_lib import __version__
    from pushback_lib.analyzer import analyze

    return getattr(analyze("version probe"), "model", "") or f"rules-{__version__}"


def first_look(path: Path, batch: str) -> int:
    done = {r["batch"] for r in read_jsonl(FIRST_LOOK)} if FIRST_LOOK.exists() else set()
    if batch in done:
        print(f"eval-analyzer: batch {batch!r} already has its first look", file=sys.stderr)
        return 1
    rows = read_jsonl(path)
    p = predict(rows)
    table = {r[0]: round(r[3], 3) for r in label_table(p)}
    record = {"batch": batch, "drafts": len(rows), "date": dt.date.today().isoformat(),
              "analyzer": analyzer_name(), "f1": table}
    with FIRST_LOOK.open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(record) + "\n")
    print_table(f"First look at {batch} ({len(rows)} drafts)", p)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first-look", type=Path, help="a new labelled batch to score once")
    parser.add_argument("--batch", help="the batch's name (with --first-look)")
    args = parser.parse_args(argv)
    if args.first_look:
        if not args.batch:
            parser.error("--first-look needs --batch NAME")
        return first_look(args.first_look, args.batch)
    check_frozen()
    rows = read_jsonl(HOLDOUT)
    p = predict(rows)
    writers = sorted({str(r.get("writer", "")) for r in rows})
    print_table(f"Frozen holdout: {len(rows)} drafts by writers {', '.join(writers)} "
                f"(bootstrap {BOOTSTRAP}, seed {SEED})", p)
    praised, hostile = praise_of_hostility(p)
    print(f"  aggressive drafts praised with acknowledge or let_go: {praised} of {hostile}")
    conf = confident_calls(p)
    if conf is None:
        print("  confidence: this analyzer reports none")
    else:
        print(f"  confident calls (p >= {CONFIDENT_HIGH} or <= {CONFIDENT_LOW}): right {conf[0]:.1%}, "
              f"covering {conf[1]:.1%} of label decisions")
    if FIRST_LOOK.exists():
        print("First look at each batch, before anything was fitted or tuned on it (F1):")
        print(f"  {'batch':24} {'drafts':>6} {'analyzer':>14} {'macro':>6} "
              + " ".join(f"{x[:6]:>6}" for x in LABELS))
        for r in read_jsonl(FIRST_LOOK):
            f1 = r["f1"]
            print(f"  {r['batch']:24} {r['drafts']:>6} {r['analyzer']:>14} "
                  f"{f1['macro (components)']:6.3f} " + " ".join(f"{f1[x]:6.3f}" for x in LABELS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
