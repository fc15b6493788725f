"""What the learned model sees of a draft: words, word pairs, letter runs and tone.

One function, :func:`extract`, is used both to train the model
(``tools/train_analyzer.py``) and to apply it (:mod:`.model`), so the two can
never drift apart. Why these features:

* **words and word pairs** carry most of what a label means ("could we",
  "your call", "the brief");
* **letter runs** (3 to 5 characters inside words) keep typos, lowercase
  chat and non-native spellings close to the words they stand for;
* **one spelling per word**: British and American ``-ise``/``-ize`` forms are
  read as one word, and a word the model never met is read as the known word
  one or two slips away (:class:`Speller`: "reccomend" is "recommend"), because
  learners type fast and in many Englishes, and the label does not depend on it;
* **tone** (capitals, "!!", question marks) is what shouting looks like,
  whatever the words. Length is deliberately left out: measured on unseen
  writers it taught the model that a short message is a hostile one (macro-F1
  0.856 without the two length features against 0.854 with them; on drafts of
  25 words or fewer, 0.758 against 0.749).

The sparse part is a ``dict`` of feature name to weight (sublinear term
frequency); the dense part is a short tuple in the order of ``DENSE``.

The hand-written rules are deliberately *not* features: measured by
leave-one-writer-out F1 on the training corpus (1,750 adjudicated drafts by
five writers, plus the older 621), adding their hit counts made the model
worse on writers it had not seen (macro-F1 0.842 against 0.854 without them;
0.713 against 0.746 on an earlier, smaller sample), because it learned to
trust phrasings that do not carry over. The rules explain the model's calls
instead (:mod:`.core`), which also keeps them out of the hot path.
"""

from __future__ import annotations

import math
import re
import string
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["DENSE", "Speller", "extract", "ending", "ending_counts", "model_words", "one_spelling", "tokens",
           "with_apostrophes", "letter_runs", "dense_features"]

_CLAUSE = re.compile(r"[^.!?\n]+")
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?|[!?£$€%]")
_CAPS = re.compile(r"\b[A-Z]{3,}\b")
_CAPITAL_WORD = re.compile(r"\b[A-Z][A-Z0-9]+\b")
_DROP_LETTERS = dict.fromkeys(map(ord, string.ascii_letters))
_DROP_UPPER = dict.fromkeys(map(ord, string.ascii_uppercase))
_DIGIT = re.compile(r"\d")
_ACRONYMS = frozenset({
    "ceo", "cfo", "coo", "cto", "vp", "roi", "kpi", "kpis", "nps", "hr", "it", "ok", "asap", "fyi",
    "sla", "api", "csv", "ui", "ux", "uk", "us", "usa", "eu", "gdpr", "q1", "q2", "q3", "q4", "pr",
    "crm", "erp", "wms", "aed", "gbp", "usd", "eur", "fy", "okr", "okrs", "mvp", "b2b", "saas",
    "nhs", "icu", "ehr", "pm", "am", "tv", "ad", "ads", "cv", "ops", "rfp", "sow", "qa", "dba",
    "sre", "etl", "sql", "aws", "pdf", "faq", "rsvp", "eta", "eod", "eow", "tbh", "imo", "lol",
})
DENSE: tuple[str, ...] = (
    "tone:shouted_words", "tone:upper_ratio", "tone:exclamations", "tone:questions",
    "tone:has_number",
)
"""Names of the dense features, in order."""


def tokens(low: str) -> list[str]:
    """The word tokens of lower-cased text (apostrophes kept inside words)."""
    return _WORD.findall(low.replace("’", "'"))


_IZE = re.compile(r"^([a-z]{4,}[iy])z(e|es|ed|ing|er|ers|ation|ations)$")
SPELLER_MIN_LETTERS = 5
"""Shorter words are never corrected: one slip turns too many short words into other words."""


def one_spelling(word: str) -> str:
    """An ``-ize``/``-yze`` word in its ``-ise``/``-yse`` spelling ("organize" -> "organise");
    "size", "prize" and "seize" are left alone (the stem must have four letters or more)."""
    if "z" not in word:  # most words: no pattern to try
        return word
    m = _IZE.match(word)
    return f"{m[1]}s{m[2]}" if m else word


def _deletes(word: str) -> list[str]:
    return [word[:i] + word[i + 1:] for i in range(len(word))]


@dataclass(frozen=True)
class Speller:
    """Reads a word the model never met as the most common known word at most two slips away.

    Symmetric deletes (the idea behind SymSpell): a known word is indexed under itself and each
    of its one-letter deletions; an unknown word finds it through itself or one of its own
    deletions. That catches a dropped, doubled, swapped or mistyped letter ("recomend",
    "reccomend", "understnad", "totaly") with a handful of dictionary lookups. Only words of
    ``SPELLER_MIN_LETTERS`` letters or more, made of letters only, are corrected, and only to a
    word with the same first letter ("costed" is not "posted").
    """

    known: frozenset[str]
    index: dict[str, str]
    rank: dict[str, float]
    """Known word -> rank (its inverse document frequency: lower is more common)."""

    @classmethod
    def from_words(cls, words: Iterable[tuple[str, float]]) -> Speller:
        """From (known word, rank) pairs, e.g. a vocabulary's ``w`` features and their idf."""
        ranked = sorted(words, key=lambda pair: (pair[1], pair[0]))
        index: dict[str, str] = {}
        for word, _ in ranked:  # most common first, so each key keeps the most common word
            if len(word) >= SPELLER_MIN_LETTERS and word.isalpha():
                for key in (word, *_deletes(word)):
                    index.setdefault(key, word)
        return cls(known=frozenset(w for w, _ in ranked), index=index, rank=dict(ranked))

    @classmethod
    def from_vocabulary(cls, names: Iterable[str], idf: Iterable[float]) -> Speller:
        """From a model's feature names and idf (only the word features, ``"w <word>"``)."""
        pairs = zip(names, idf, strict=True)
        return cls.from_words((n[2:], float(r)) for n, r in pairs if n.startswith("w "))

    def correct(self, word: str) -> str:
        """``word`` itself when known, short or not all letters; else the closest common known word."""
        if word in self.known or len(word) < SPELLER_MIN_LETTERS or not word.isalpha():
            return word
        found = [c for c in (self.index.get(k) for k in (word, *_deletes(word)))
                 if c is not None and c[0] == word[0]]  # a first letter is rarely the slip
        return min(found, key=lambda c: (self.rank[c], c)) if found else word


_CONTRACTIONS = {w.replace("'", ""): w for w in (
    "don't", "can't", "won't", "didn't", "doesn't", "isn't", "aren't", "wasn't", "weren't",
    "hasn't", "haven't", "hadn't", "wouldn't", "shouldn't", "couldn't", "mustn't", "needn't",
    "i'm", "i've", "you're", "you've", "you'll", "they're", "they've", "they'll", "we've",
    "that's", "what's", "there's", "here's", "who's", "let's", "it'll", "that'll")}
"""Contractions whose apostrophe-less spelling is no other word ("dont", "youre", "thats")."""
_BEFORE_A_VERB = {
    "well": ("we'll", frozenset(
        "go have be get need make do send keep take see let look run start put work come try stick "
        "proceed sort deliver move ship book call set use change update finish support "
        "launch hold plan review share check bring push write find meet talk manage cover pick "
        "schedule respect live back follow".split())),
    "its": ("it's", frozenset(
        "your a an the not been going just too very really fine ok okay all only up still also what "
        "my our their his her so no probably definitely clear true better worse time late early "
        "hard easy important about because more less always never done fair yours ours theirs "
        "how why where when who totally absolutely completely".split())),
}
"""Apostrophe-less words that are also words: read as the contraction only before a word that
the contraction takes and the other word does not ("well go ahead", "its your call")."""


def with_apostrophes(words: list[str]) -> list[str]:
    """``words`` with contractions typed without their apostrophe restored ("dont" -> "don't";
    "well go" -> "we'll go"; "its your call" -> "it's your call").

    Why: a phone-typed let-go ("its your call and well go ahead") must read as the same words as
    the careful one; left alone, "well" and "its" are other words with other company in the
    corpus (a sarcastic "oh well", a possessive "its").
    """
    out = [_CONTRACTIONS.get(w, w) for w in words]
    if "well" in out or "its" in out:  # the two that depend on the next word: rare, so looked for
        for i, w in enumerate(words[:-1]):
            if w in _BEFORE_A_VERB and words[i + 1] in _BEFORE_A_VERB[w][1]:
                out[i] = _BEFORE_A_VERB[w][0]
    return out


def model_words(text: str, speller: Speller | None = None, apostrophes: bool = False) -> list[str]:
    """The words the model reads: :func:`tokens` of the lower-cased text in one spelling, with
    ``apostrophes``, contractions' dropped apostrophes restored (:func:`with_apostrophes`; a
    model reads so only if it was trained so), and, with a ``speller`` (the model's vocabulary),
    unknown words read as the known word meant."""
    words = [one_spelling(t) for t in tokens(text.lower())]
    if apostrophes:
        words = with_apostrophes(words)
    return [speller.correct(w) for w in words] if speller is not None else words


def letter_runs(word: str) -> list[str]:
    """The 3- to 5-letter runs of a word marked at both ends (``<word>``); none for short or
    non-alphabetic tokens."""
    if len(word) < 3 or not word[0].isalpha():
        return []
    padded = f"<{word}>"
    n = len(padded)
    return [padded[i:i + size] for size in (3, 4, 5) for i in range(n - size + 1)]


def dense_features(text: str) -> tuple[float, ...]:
    """Tone, in the order of ``DENSE``."""
    shouted = sum(1 for m in _CAPS.findall(text) if m.lower() not in _ACRONYMS)
    letters = len(text) - len(text.translate(_DROP_LETTERS))  # ASCII letters, without a list of them
    # capitals of acronyms (CEO, NHS, SLA) are not shouting
    upper = len(text) - len(text.translate(_DROP_UPPER)) - sum(sum(ch.isalpha() for ch in m)
                                            for m in _CAPITAL_WORD.findall(text)
                                            if m.lower() in _ACRONYMS)
    return (
        math.log1p(shouted),
        upper / letters if letters else 0.0,
        math.log1p(text.count("!")),
        math.log1p(text.count("?")),
        1.0 if _DIGIT.search(text) else 0.0,
    )


def extract(text: str, speller: Speller | None = None,
            apostrophes: bool = False) -> tuple[dict[str, float], tuple[float, ...]]:
    """(sparse features, dense features) of a draft; ``speller``, ``apostrophes``: see
    :func:`model_words`."""
    words = model_words(text, speller, apostrophes)
    counts: Counter[str] = Counter()
    counts.update("w " + w for w in words)
    counts.update("b " + a + " " + b for a, b in pairwise(words))
    for w in words:
        counts.update("c " + g for g in letter_runs(w))
    return _sublinear(counts), dense_features(text)


def _sublinear(counts: Counter[str]) -> dict[str, float]:
    """Each feature's weight from its count: 1 + log(count), so a word said five times is not five
    times the evidence."""
    return {name: 1.0 + math.log(c) for name, c in counts.items()}


def ending_counts(text: str, speller: Speller | None = None, min_words: int = 3,
                  apostrophes: bool = False) -> Counter[str]:
    """Words and word pairs of a draft's last sentence of at least ``min_words`` words, marked
    ``e``, when the draft has two or more such sentences (none otherwise: a one-sentence draft's
    ending is the draft). A sign-off ("Regards, Dani") is too short to count.

    Why: a sincere let-go says so at its end ("your call; we'll make it work"), and a grudging
    one often puts its sting only there; read as a whole, the words before dilute either. Measured
    on unseen writers it lifted let_go and opinion_only (corpus/README.md, "Sixth round"); a model
    reads it only if it was trained with it (``tools/train_analyzer.py --ending``).
    """
    clauses = [words for m in _CLAUSE.finditer(text)
               if len(words := model_words(m.group(), speller, apostrophes)) >= min_words]
    counts: Counter[str] = Counter()
    if len(clauses) >= 2:
        last = clauses[-1]
        counts.update("e w " + w for w in last)
        counts.update("e b " + a + " " + b for a, b in pairwise(last))
    return counts


def ending(text: str, speller: Speller | None = None, apostrophes: bool = False) -> dict[str, float]:
    """:func:`ending_counts` weighted as :func:`extract` weighs its features."""
    return _sublinear(ending_counts(text, speller, apostrophes=apostrophes))
