"""Measure the analyzer against a labelled corpus: per-label precision, recall and F1.

Used by ``make bench`` (``bench/bench_analyzer.py``), by the tests in
``tests/analyzer/`` and by anyone checking a new rule, so the figures quoted
in reports are computed one way only. The corpus is JSON Lines with the
fields ``text``, ``components``, ``flags``, ``scenario`` and ``split``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pushback_lib.errors import PushbackError

from .core import analyze
from .labels import COMPONENTS, FLAGS

__all__ = ["Draft", "LabelScore", "load_corpus", "read_jsonl", "score_labels", "CORPUS"]

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "drafts.jsonl"
"""The course's own labelled drafts (a source checkout, not an installed wheel)."""

_FIELDS = ("text", "components", "flags", "scenario", "split")


@dataclass(frozen=True)
class Draft:
    """One labelled draft of the corpus."""

    id: str
    text: str
    components: frozenset[str]
    flags: frozenset[str]
    scenario: str
    split: str


@dataclass(frozen=True)
class LabelScore:
    """Precision, recall and F1 of one label over a set of drafts."""

    label: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line of a JSON Lines file; a line that is not
    a JSON object is a ``PushbackError`` naming the file and the line."""
    rows: list[tuple[int, dict[str, Any]]] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            raise PushbackError(f"{path}:{n}: not valid JSON ({e.msg})") from None
        if not isinstance(row, dict):
            raise PushbackError(f"{path}:{n}: expected a JSON object")
        rows.append((n, row))
    return rows


def load_corpus(path: Path = CORPUS, split: str | None = None) -> list[Draft]:
    """Read the corpus, checking every line; ``split`` keeps only ``"train"`` or ``"test"``."""
    drafts: list[Draft] = []
    for n, row in read_jsonl(path):
        missing = [f for f in _FIELDS if f not in row]
        if missing:
            raise PushbackError(f"{path}:{n}: missing field(s) {', '.join(missing)}")
        bad = set(row["components"]) - set(COMPONENTS) | set(row["flags"]) - set(FLAGS)
        if bad:
            raise PushbackError(f"{path}:{n}: unknown label(s) {', '.join(sorted(bad))}")
        if row["split"] not in ("train", "test"):
            raise PushbackError(f"{path}:{n}: split must be train or test, got {row['split']!r}")
        drafts.append(Draft(row.get("id", f"line{n}"), row["text"], frozenset(row["components"]),
                            frozenset(row["flags"]), row["scenario"], row["split"]))
    return [d for d in drafts if split is None or d.split == split]


def score_labels(drafts: list[Draft]) -> dict[str, LabelScore]:
    """Per-label counts of the analyzer's output against the drafts' labels."""
    counts = {label: [0, 0, 0] for label in (*COMPONENTS, *FLAGS)}
    for d in drafts:
        a = analyze(d.text)
        got, want = a.components | a.flags, d.components | d.flags
        for label, c in counts.items():
            if label in got and label in want:
                c[0] += 1
            elif label in got:
                c[1] += 1
            elif label in want:
                c[2] += 1
    return {label: LabelScore(label, *c) for label, c in counts.items()}
