"""Small, deterministic text helpers for the rubric.

The rubric checks shape, not eloquence: whether a sentence speaks to the
stakeholder's own words, whether it opens with agreement, whether it looks
forward. Plain word sets and phrase lists keep that transparent, so a learner
can see why a check passed or failed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["words", "content_words", "overlap", "has_any", "word_count"]

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
    """A crude stem so 'merger' meets 'merge' and 'candidates' meets 'candidate'."""
    for suffix in ("ing", "ers", "er", "es", "ed", "s"):
        if len(word) > len(suffix) + 3 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


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


def has_any(text: str, phrases: Iterable[str]) -> str | None:
    """The first phrase found in ``text`` (case-insensitive, on word boundaries), or None."""
    lowered = " " + " ".join(words(text)) + " "
    for phrase in phrases:
        if f" {' '.join(words(phrase))} " in lowered:
            return phrase
    return None
