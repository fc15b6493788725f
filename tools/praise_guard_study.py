"""Measure a sentence-level praise guard on unseen training writers.

Why: a sarcastic draft often opens with a sincere-sounding acknowledgement and
puts the jab in the next sentence ("I understand. Clearly a PhD and eight
years at DeepMind isn't quite enough for you."). Read as a whole, the polite
words dilute the jab, and p(aggressive) can fall under the praise guard of
:mod:`pushback_lib.analyzer.core`, so the acknowledgement is credited. This
study asks whether also reading each sentence's p(aggressive), and holding
the praise back (as "not sure") when any one sentence is hostile enough,
protects learners from praised sarcasm without costing ``acknowledge`` and
``let_go`` too much.

Each writer's sentences are scored by an ``aggressive`` model trained
without that writer (the same features, C and Platt calibration as the model
file given), and the analyzer's decision steps are applied to the
leave-one-writer-out probabilities that ``train_analyzer.py --save-oof``
wrote. The frozen holdout is never read.

Usage: ``python -m tools.praise_guard_study OOF.npz --model MODEL.npz --c 8``
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from sklearn.model_selection import LeaveOneGroupOut

from pushback_lib.analyzer.core import _SENTENCE, UNSURE_LOW, _consistent
from pushback_lib.analyzer.features import tokens
from pushback_lib.analyzer.rules import apply_rules
from pushback_lib.analyzer.short import SHORT_DRAFT_WORDS, gate_short_flags
from tools.short_gate_study import LABELS, decide, f1_columns, report
from tools.train_analyzer import design_matrix, featurize, fit, load_training, vocabulary

GUARDS = (0.5, 0.6, 0.7, 0.8, 0.9)


def sentences(text: str) -> list[str]:
    """The sentences :mod:`pushback_lib.analyzer.core` reads one by one."""
    return [m.group().strip() for m in _SENTENCE.finditer(text) if m.group().strip()]


def sentence_aggressive(rows: list[dict[str, object]], gold_agg: np.ndarray, c: float,
                        platt: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """Each draft's highest sentence p(aggressive), by a model that never saw its writer (0.0 for a
    draft of one sentence: the whole-draft reading already covers it); and the same over only the
    sentences the tone rules also find hostile."""
    feats = featurize(rows)
    groups = np.array([str(r["writer"]) for r in rows])
    out = np.zeros(len(rows))
    agreed = np.zeros(len(rows))
    for train_idx, test_idx in LeaveOneGroupOut().split(np.zeros(len(rows)), gold_agg, groups):
        names, idf = vocabulary([feats[i] for i in train_idx])
        vocab = {n: i for i, n in enumerate(names)}
        model = fit(design_matrix([feats[i] for i in train_idx], vocab, idf), gold_agg[train_idx], c)
        pieces: list[str] = []
        owner: list[int] = []
        for i in test_idx:
            parts = sentences(str(rows[i]["text"]))
            if len(parts) >= 2:
                pieces += parts
                owner += [i] * len(parts)
        if not pieces:
            continue
        logits = model.decision_function(design_matrix(featurize([{"text": s} for s in pieces]),
                                                       vocab, idf))
        probs = 1 / (1 + np.exp(-(platt[0] * logits + platt[1])))
        for i, p, piece in zip(owner, probs, pieces, strict=True):
            out[i] = max(out[i], float(p))
            if "aggressive" in apply_rules(piece).flags:
                agreed[i] = max(agreed[i], float(p))
        print(f"  writer {groups[test_idx[0]]}: {len(pieces)} sentences", flush=True)
    return out, agreed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("oof", type=Path, help="the .npz written by train_analyzer.py --save-oof")
    parser.add_argument("--model", type=Path, required=True, help="the model.npz trained in that run")
    parser.add_argument("--c", type=float, required=True, help="the C chosen for aggressive in that run")
    parser.add_argument("--writers", nargs="*", help="score only these writers")
    args = parser.parse_args(argv)
    data = np.load(args.oof, allow_pickle=False)
    model = np.load(args.model, allow_pickle=False)
    rows = load_training()
    if [str(r.get("id", i)) for i, r in enumerate(rows)] != [str(x) for x in data["ids"]]:
        raise SystemExit(f"{args.oof}: its drafts are not today's training drafts")
    agg = LABELS.index("aggressive")
    platt = (float(model["platt"][agg, 0]), float(model["platt"][agg, 1]))
    gold = data["gold"].astype(bool)
    print(f"{len(rows)} drafts; sentence-level aggressive, leave-one-writer-out (C {args.c}):")
    worst, agreed = sentence_aggressive(rows, gold[:, agg], args.c, platt)
    keep = np.array([args.writers is None or str(w) in args.writers for w in data["writers"]])
    thr = {lab: float(t) for lab, t in zip(LABELS, data["thresholds"], strict=True)}
    texts = [str(r["text"]) for r in rows]
    gated = [gate_short_flags(dict(zip(LABELS, map(float, p), strict=True)), len(tokens(t.lower())),
                              apply_rules(t).flags.__contains__, thr, UNSURE_LOW, SHORT_DRAFT_WORDS)
             for p, t in zip(data["probs"], texts, strict=True)]
    ack, let = LABELS.index("acknowledge"), LABELS.index("let_go")
    base = np.array([[lab in decide(g, thr) for lab in LABELS] for g in gated])
    final = np.array([[g[lab] for lab in LABELS] for g in gated])
    print("shipped decision steps:")
    report(gold[keep], base[keep], final[keep])
    rule_hostile = np.array([p > UNSURE_LOW or "aggressive" in apply_rules(t).flags
                             for p, t in zip(final[:, agg], texts, strict=True)])
    variants = {f"a sentence's p(aggressive) > {g}": worst > g for g in GUARDS}
    variants.update({f"a sentence the tone rules find hostile has p(aggressive) > {g}": agreed > g
                     for g in (0.0, *GUARDS)})
    variants["the tone rules find hostility anywhere in the draft"] = rule_hostile
    capped = np.array([[_consistent(g)[lab] for lab in LABELS] for g in gated])
    for g in (0.05, 0.1, 0.15):
        for sure in (0.8, 0.9):
            variants[f"p(aggressive) > {g} and the praise itself is under {sure}"] = (
                (final[:, agg] > g) & (np.maximum(capped[:, ack], capped[:, let]) < sure))
    for name, held in variants.items():
        pred = base.copy()
        pred[held, ack] = False
        pred[held, let] = False
        f = f1_columns(gold[keep], pred[keep])
        praised = int((gold[keep, agg] & (pred[keep, ack] | pred[keep, let])).sum())
        print(f"also withhold when {name}: acknowledge {f[ack]:.3f}, "
              f"let_go {f[let]:.3f}, macro {f[:6].mean():.3f}, aggressive praised {praised}, "
              f"credit withheld from {int((held & (base[:, ack] | base[:, let]))[keep].sum())} drafts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
