"""What the learned model sees of a draft: words, word pairs, letter runs, rule hits and tone.

One function, :func:`extract`, is used both to train the model
(``tools/train_analyzer.py``) and to apply it (:mod:`.model`), so the two can
never drift apart. Why these features:

* **words and word pairs** carry most of what a label means ("could we",
  "your call", "the brief");
* **letter runs** (3 to 5 characters inside words) keep typos, lowercase
  chat and non-native spellings close to the words they stand for;
* **rule hits** (how many times each hand-written rule family fired) bring
  the rules' precision where they are right, and let the model learn where
  they are not;
* **tone** (capitals, "!!", question marks, length) is what shouting and
  curt replies look like, whatever the words.

The sparse part is a ``dict`` of feature name to weight (sublinear term
frequency); the dense part is a short tuple in the order of ``DENSE``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import pairwise

from .labels import COMPONENTS, FLAGS

__all__ = ["DENSE", "extract", "tokens", "letter_runs", "dense_features"]

_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[!?£$€%]")
_CAPS = re.compile(r"\b[A-Z]{3,}\b")
_LETTERS = re.compile(r"[A-Za-z]")
_UPPER = re.compile(r"[A-Z]")
_ACRONYMS = frozenset({
    "ceo", "cfo", "coo", "cto", "vp", "roi", "kpi", "kpis", "nps", "hr", "it", "ok", "asap", "fyi",
    "sla", "api", "csv", "ui", "ux", "uk", "us", "usa", "eu", "gdpr", "q1", "q2", "q3", "q4", "pr",
    "crm", "erp", "wms", "aed", "gbp", "usd", "eur", "fy", "okr", "okrs", "mvp", "b2b", "saas",
    "nhs", "icu", "ehr", "pm", "am", "tv", "ad", "ads", "cv", "ops", "rfp", "sow", "qa", "dba",
    "sre", "etl", "sql", "aws", "pdf", "faq", "rsvp", "eta", "eod", "eow", "tbh", "imo", "lol",
})
_RULE_LABELS = (*COMPONENTS, *FLAGS)

DENSE: tuple[str, ...] = (
    *(f"rule:{label}" for label in _RULE_LABELS),
    *(f"rule_count:{label}" for label in _RULE_LABELS),
    "tone:shouted_words", "tone:upper_ratio", "tone:exclamations", "tone:questions",
    "tone:log_words", "tone:short", "tone:has_number",
)
"""Names of the dense features, in order."""


def tokens(low: str) -> list[str]:
    """The word tokens of lower-cased text (apostrophes kept inside words)."""
    return [t.replace("’", "'") for t in _WORD.findall(low)]


def letter_runs(word: str) -> list[str]:
    """The 3- to 5-letter runs of a word marked at both ends (``<word>``); none for short or
    non-alphabetic tokens."""
    if len(word) < 3 or not word[0].isalpha():
        return []
    padded = f"<{word}>"
    n = len(padded)
    return [padded[i:i + size] for size in (3, 4, 5) for i in range(n - size + 1)]


def dense_features(text: str, rule_counts: dict[str, int]) -> tuple[float, ...]:
    """Rule hits and tone, in the order of ``DENSE``."""
    words = _WORD.findall(text.lower())
    shouted = sum(1 for m in _CAPS.findall(text) if m.lower() not in _ACRONYMS)
    letters = len(_LETTERS.findall(text))
    upper = len(_UPPER.findall(text))
    n_words = sum(1 for w in words if w[0].isalnum())
    return (
        *(1.0 if rule_counts.get(label) else 0.0 for label in _RULE_LABELS),
        *(math.log1p(rule_counts.get(label, 0)) for label in _RULE_LABELS),
        math.log1p(shouted),
        upper / letters if letters else 0.0,
        math.log1p(text.count("!")),
        math.log1p(text.count("?")),
        math.log1p(n_words) / 6.0,
        1.0 if n_words <= 12 else 0.0,
        1.0 if any(ch.isdigit() for ch in text) else 0.0,
    )


def extract(text: str, rule_counts: dict[str, int]) -> tuple[dict[str, float], tuple[float, ...]]:
    """(sparse features, dense features) of a draft, given how often each rule family fired."""
    words = tokens(text.lower())
    counts: Counter[str] = Counter()
    counts.update("w " + w for w in words)
    counts.update("b " + a + " " + b for a, b in pairwise(words))
    for w in words:
        counts.update("c " + g for g in letter_runs(w))
    return {name: 1.0 + math.log(c) for name, c in counts.items()}, dense_features(text, rule_counts)
