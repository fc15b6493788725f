"""The frozen holdout stays frozen, and nothing the analyzer learns from overlaps it.

The holdout (``corpus/holdout.jsonl``) is the only honest measure of the
analyzer on writers it has never seen: it was fixed, with its SHA-256, before
any model or rule was changed, and it is only ever read to report
(``make eval-analyzer``). These tests make that checkable.
"""

from __future__ import annotations

import hashlib
import inspect
import re

import tools.train_analyzer as train
from tools.corpus_tool import HOLDOUT, HOLDOUT_HASH, LABELS, read_jsonl


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def test_the_holdout_matches_its_recorded_hash() -> None:
    recorded = HOLDOUT_HASH.read_text(encoding="utf-8").split()[0]
    assert hashlib.sha256(HOLDOUT.read_bytes()).hexdigest() == recorded


def test_holdout_rows_are_complete_and_follow_the_guides_hard_rules() -> None:
    rows = read_jsonl(HOLDOUT)
    assert len(rows) >= 500 and len({r["id"] for r in rows}) == len(rows)
    writers = {r["writer"] for r in rows}
    for r in rows:
        assert set(r["components"]) | set(r["flags"]) <= set(LABELS)
        assert r["split"] == "holdout"
        if "aggressive" in r["flags"]:
            assert not {"acknowledge", "let_go"} & set(r["components"]), r["id"]
        if {"business_reason", "evidence"} & set(r["components"]):
            assert "opinion_only" not in r["flags"], r["id"]
    training = train.load_training()
    assert not writers & {str(r["writer"]) for r in training}  # other voices, by construction


def test_no_holdout_draft_is_in_the_training_data() -> None:
    held = {_norm(str(r["text"])) for r in read_jsonl(HOLDOUT)}
    assert all(_norm(str(r["text"])) not in held for r in train.load_training())


def test_the_adjudicated_batches_trained_on_or_waiting_are_other_voices_and_other_drafts() -> None:
    """``corpus/train.jsonl`` and the batches in ``corpus/pending/`` (appended to it when a model is
    next trained) must keep clear of the holdout, by writer and by text, and follow the guide's
    hard rules."""
    holdout = read_jsonl(HOLDOUT)
    held, held_writers = {_norm(str(r["text"])) for r in holdout}, {r["writer"] for r in holdout}
    batches = [HOLDOUT.parent / "train.jsonl", *sorted((HOLDOUT.parent / "pending").glob("*.jsonl"))]
    assert batches[0].exists()
    for path in batches:
        rows = read_jsonl(path)
        for r in rows:
            assert r["split"] == "train" and r["writer"] not in held_writers, (path.name, r["id"])
            assert _norm(str(r["text"])) not in held, (path.name, r["id"])
            labels = set(r["components"]) | set(r["flags"])
            assert labels <= set(LABELS), (path.name, r["id"])
            assert not ("aggressive" in labels and {"acknowledge", "let_go"} & labels), r["id"]


def test_the_trainer_never_reads_the_holdout() -> None:
    assert HOLDOUT not in train.SOURCES
    source = inspect.getsource(train)
    assert "holdout.jsonl" not in source and "HOLDOUT" not in source

