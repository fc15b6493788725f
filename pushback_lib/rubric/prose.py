"""Does the plan's prose use an item of the case, and tie it to the stakeholder? Deterministic.

The rubric credits a fact, a challenge, an analogy or an ally only when the
learner's own words use it: listing ids is what a label-reader does, saying
what the fact shows is what a practitioner does. "Uses" is measured on
*terms* (content-word stems and numbers, see :func:`pushback_lib._text.terms`):

- an item's terms leave out the words of the decision itself (in a case about
  a supplier survey, every sentence says "survey"), so what is left is what
  tells this item apart;
- a sentence uses an item when it shares two of those terms with it (one
  when the item has only one or two terms, three when it has more than eight,
  two for a challenge whatever its length), so "44 replies on Tuesdays" uses
  the reply-rate fact, and "I understand your concern" uses nothing;
- an ally is used when the prose names them (first or last name);
- an item is *tied* to the stakeholder when the passage using it (its
  sentence and the ones either side) also holds a term of a challenge or want
  they stated, beyond the item's own words.

Leaning on an unverified fact in the prose without citing it is caught by
:meth:`Prose.leans_on`, a stricter test (three terms, or half the item's),
so a passing word in common is never an accusation.

Copying is not using. Before anything is measured, every sentence that is
mostly pasted from the case is set aside (:func:`copied_share`): seven in ten
of its content words sit inside runs of four or more words copied from one of
the case's texts (a fact, an analogy, a challenge, a want, an option, the
decision, an ally's role), or it carries a copied run with fewer than three
content words of the learner's own beyond glue ("..., and that matters for
your goal."). Pasting "the texts of the verified facts" with a
little glue shows the learner can copy, not that they can argue; a paraphrase
that keeps the figures and names ("44 replies on Tuesdays") copies no run of
four words and counts in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from .._text import _STOP, GENERIC, _stem, sentences, terms, words
from ..cases import Ally, Analogy, Case, Challenge, Fact

__all__ = ["Prose", "closest_alternatives", "AlternativeMatch", "copied_share", "case_texts"]

_Told = TypeVar("_Told", Fact, Analogy)
_PROSE_FIELDS = ("opening", "acknowledge", "business_reason", "alternative", "closing", "let_go")
_ROLE_STOP = frozenset({"manager", "director", "head", "officer", "team", "your", "whom", "trusts",
                        "relies", "listens", "trust", "rely", "listen"})


_RUN = 4
"""Words in a row that count as copied: three can be an ordinary phrase ("one of the"), four
in a row taken from the case are a paste."""
COPIED = 0.7
"""Share of a sentence's content words inside copied runs from which it is a paste, not prose:
mostly a copy (seven in ten), so echoing a figure or a phrase in your own sentence is fine."""


_FILLER = frozenset(_stem(w) for w in """
matter matters important goal goals concern concerns understand agree point really clear
help helps exactly absolutely completely truly indeed definitely therefore because
""".split())
"""Glue words that add nothing of the learner's own to a pasted sentence."""


def case_texts(case: Case) -> list[str]:
    """Every text of the case a learner could paste instead of writing their own words."""
    return [case.decision, *case.stakeholder_wants, *(c.text for c in case.challenges),
            *(f.text for f in case.facts), *(a.text for a in case.analogies),
            *(a.text for a in case.alternatives), *(a.role for a in case.allies)]


def _runs(texts: list[str]) -> set[tuple[str, ...]]:
    out: set[tuple[str, ...]] = set()
    for text in texts:
        ws = words(text)
        out.update(tuple(ws[i:i + _RUN]) for i in range(len(ws) - _RUN + 1))
    return out


def _content(word: str) -> bool:
    return word not in _STOP and (len(word) >= 4 or any(ch.isdigit() for ch in word))


def copied_share(sentence: str, runs: set[tuple[str, ...]]) -> float:
    """Share of the sentence's content words that sit in a run of four words copied from the case.

    An n-gram measure, not a bag of words: "44 replies on Tuesdays" keeps the fact's figures
    in the learner's own phrasing (share 0), "Across the last four supplier surveys..." pasted
    with "So you want this:" in front is nearly all copy (share close to 1).
    """
    ws = words(sentence)
    covered = [False] * len(ws)
    for i in range(len(ws) - _RUN + 1):
        if tuple(ws[i:i + _RUN]) in runs:
            for j in range(i, i + _RUN):
                covered[j] = True
    content = [i for i, w in enumerate(ws) if _content(w) and _stem(w) not in GENERIC]
    if not content:
        return 0.0
    own = [i for i in content if not covered[i] and _stem(ws[i]) not in _FILLER]
    if len(content) - len(own) >= _RUN and len(own) < 3:
        return 1.0  # a paste with a tag of glue ("..., and that matters for your goal.")
    return sum(covered[i] for i in content) / len(content)


class Prose:
    """The plan's prose, read once, with the case's vocabulary to measure it against."""

    def __init__(self, plan: object, case: Case) -> None:
        self.case = case
        runs = _runs(case_texts(case))
        split = {name: sentences(str(getattr(plan, name))) for name in _PROSE_FIELDS}
        self.pasted: dict[str, list[str]] = {
            name: [s for s in split[name] if copied_share(s, runs) >= COPIED]
            for name in _PROSE_FIELDS}
        """The sentences of each field that are mostly pasted from the case: they earn nothing."""
        self.own: dict[str, str] = {
            name: " ".join(s for s in split[name] if s not in self.pasted[name])
            for name in _PROSE_FIELDS}
        """Each prose field in the learner's own words: sentences pasted from the case left out."""
        self.sentences: list[str] = [s for name in _PROSE_FIELDS for s in sentences(self.own[name])]
        """The prose the rubric credits: every field, minus its pasted sentences."""
        self._terms = [terms(s) for s in self.sentences]
        self.all_terms: set[str] = set().union(*self._terms) if self._terms else set()
        self._words = {w for s in self.sentences for w in words(s)}
        self.background = terms(case.decision)
        self.goal = terms(" ".join([*case.stakeholder_wants, *(c.text for c in case.challenges)]))
        self.view = self.goal | terms(case.decision)

    def item_terms(self, text: str) -> set[str]:
        """The terms that tell an item apart: its own, minus the words of the decision."""
        return terms(text) - self.background

    def _need(self, item: set[str], most: int = 3) -> int:
        """How many shared terms show a use: one for a tiny item, up to three for a long one."""
        return min(most, 1 if len(item) <= 2 else 2 if len(item) <= 8 else 3)

    def hits(self, text: str, most: int = 3) -> list[int]:
        """Indices of the sentences that use the item with this text."""
        item = self.item_terms(text)
        if not item:
            return []
        need = self._need(item, most)
        return [i for i, t in enumerate(self._terms) if len(t & item) >= need]

    def uses(self, text: str, most: int = 3) -> bool:
        return bool(self.hits(text, most))

    def uses_in(self, field_text: str, item_text: str) -> bool:
        """Whether one field's text (not the whole plan) speaks to a challenge: two of its terms."""
        item = self.item_terms(item_text)
        return bool(item) and len(terms(field_text) & item) >= self._need(item, most=2)

    def leans_on(self, text: str) -> bool:
        """A strong use, for unverified facts: three of its terms, or half of them, in one passage."""
        item = self.item_terms(text)
        if len(item) < 3:
            return False
        need = max(3, (len(item) + 1) // 2)
        windows = [set().union(*self._terms[max(0, i - 1):i + 2]) for i in range(len(self._terms))]
        return any(len(w & item) >= need for w in windows)

    def tied(self, text: str) -> bool:
        """Whether a passage that uses the item also speaks to the stakeholder's challenges or wants."""
        own = terms(text)
        for i in self.hits(text):
            window = set().union(*self._terms[max(0, i - 1):i + 2])
            if (window & self.goal) - own:
                return True
        return False

    def goal_terms_in(self, text: str) -> set[str]:
        """Terms of the stakeholder's stated challenges and wants that ``text`` uses."""
        return terms(text) & self.goal

    def view_terms_in(self, text: str) -> set[str]:
        """Terms of the stakeholder's view (wants, challenges, the decision) that ``text`` uses."""
        return terms(text) & self.view

    def names(self, ally: Ally) -> bool:
        """Whether the prose names the ally (first or last name, at least three letters)."""
        return any(len(part) >= 3 and part in self._words for part in words(ally.name))

    def used(self, items: tuple[_Told, ...], ids: tuple[str, ...]) -> list[_Told]:
        """The cited items (their id in ``ids``) whose substance the prose uses, in case order."""
        return [item for item in items if item.id in ids and self.uses(item.text)]

    def named(self, allies: tuple[Ally, ...], ids: tuple[str, ...]) -> list[Ally]:
        """The cited allies the prose names, in case order."""
        return [a for a in allies if a.id in ids and self.names(a)]

    def ally_reason(self, ally: Ally) -> bool:
        """Whether a passage naming the ally says what they bring (their role) or why it matters."""
        role = terms(ally.role) - {w for w in _ROLE_STOP} - terms(self.case.stakeholder.name)
        parts = {p for p in words(ally.name) if len(p) >= 3}
        for i, sentence in enumerate(self.sentences):
            if parts & set(words(sentence)):
                window = set().union(*self._terms[max(0, i - 1):i + 2])
                if window & (role | self.goal):
                    return True
        return False

    def uses_item(self, item: Challenge | Analogy | Ally | Fact) -> bool:
        if isinstance(item, Ally):
            return self.names(item)
        if isinstance(item, Challenge):  # the stakeholder's own words: two of them are a use
            return self.uses(item.text, most=2)
        return self.uses(item.text)


@dataclass(frozen=True)
class AlternativeMatch:
    """How much of one alternative's distinctive wording a text carries."""

    id: str
    share: float
    hits: int


def closest_alternatives(case: Case, text: str) -> list[AlternativeMatch]:
    """The case's alternatives that ``text`` proposes, closest first.

    Each alternative is measured on its distinctive terms (those no other
    alternative of the case shares), so a text that proposes one option is
    not mistaken for a neighbour, and a text that pastes several options in
    matches each of them.
    """
    mine = terms(text)
    own = {a.id: terms(a.text) for a in case.alternatives}
    out = []
    for alt in case.alternatives:
        others = set().union(*(t for i, t in own.items() if i != alt.id))
        distinct = own[alt.id] - others
        hits = len(mine & distinct)
        share = hits / len(distinct) if distinct else 0.0
        if hits >= min(2, len(distinct)) and share >= 0.3:
            out.append(AlternativeMatch(alt.id, round(share, 3), hits))
    return sorted(out, key=lambda m: -m.share)
