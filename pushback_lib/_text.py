"""Small, deterministic text helpers for the rubric.

The rubric checks shape and substance, not eloquence: whether a sentence
speaks to the stakeholder's own words, whether it opens with agreement,
whether it looks forward, and whether the prose actually *uses* a fact, an
analogy or a person from the case (their content words, numbers or name),
rather than only listing its id. Plain word sets and phrase lists keep that
transparent, so a learner can see why a check passed or failed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["words", "content_words", "overlap", "has_any", "word_count", "sentences",
           "terms", "as_written", "GENERIC"]

_WORD = re.compile(r"[a-z0-9£$%]+(?:['’][a-z]+)?")
_STOP = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers him his how i if in into is it its itself just me more most my
no nor not now of off on once only or other our ours out over own same she should so some such
than that the their theirs them then there these they this those through to too under until up
very was we were what when where which while who whom why will with would you your yours
""".split())


def words(text: str) -> list[str]:
    """Lower-case words of a text, in order."""
    return _WORD.findall(text.lower())


def word_count(text: str) -> int:
    return len(words(text))


def _stem(word: str) -> str:
    """A crude stem so 'merger' meets 'merge', 'replies' meets 'reply' and 'Fernleigh's' meets 'Fernleigh'."""
    w = word.replace("’", "'")
    if w.endswith("'s"):
        w = w[:-2]
    w = w.rstrip("'")
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    for suffix in ("ing", "ed", "er"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
    if len(w) > 3 and w.endswith("e"):
        w = w[:-1]
    return w


def content_words(text: str) -> set[str]:
    """Stems of the words that carry meaning (no stop words, at least 4 letters or a number)."""
    return {_stem(w) for w in words(text)
            if w not in _STOP and (len(w) >= 4 or any(ch.isdigit() for ch in w))}


def overlap(text: str, others: Iterable[str]) -> set[str]:
    """Words of ``text`` (as written) whose stems also occur in any of ``others``."""
    pool: set[str] = set()
    for other in others:
        pool |= content_words(other)
    return {w for w in words(text) if w not in _STOP and _stem(w) in pool
            and (len(w) >= 4 or any(ch.isdigit() for ch in w))}


def as_written(text: str, stems: Iterable[str]) -> list[str]:
    """Each stem as the text first writes it, in the order given: stems are for matching, and a
    learner shown "warehous" reads a typo, not the word they wrote ("warehouses")."""
    first: dict[str, str] = {}
    for w in words(text):
        first.setdefault(_stem(w), w)
    return [first.get(stem, stem) for stem in stems]


def has_any(text: str, phrases: Iterable[str]) -> str | None:
    """The first phrase found in ``text`` (case-insensitive, on word boundaries), or None."""
    lowered = " " + " ".join(words(text)) + " "
    for phrase in phrases:
        if f" {' '.join(words(phrase))} " in lowered:
            return phrase
    return None


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")

GENERIC = frozenset(_stem(w) for w in """
want wants need needs make makes made like think good well much many thing things also just
really very able sure know keep kept still going goes come comes take takes give gives
""".split())
"""Stems too common to show that the prose uses one item rather than another."""


def sentences(text: str) -> list[str]:
    """The sentences of a text (ended by '.', '!', '?' or a line break), in order, none empty."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def terms(text: str) -> set[str]:
    """The stems of a text that can show its substance: content words and numbers, no generic ones."""
    return content_words(text) - GENERIC
