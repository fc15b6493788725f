"""Turn readable rule patterns into fast compiled regexes that still say which rule fired.

Rules are written the way people type, in a small notation so a reviewer can
read them: a space matches any run of whitespace, ``~`` an optional space or
hyphen, ``'`` an optional straight or curly apostrophe (so ``dont``, ``don't``
and ``don’t`` all match), every ``(`` is non-capturing, and ``%name%`` expands
to a spelling family (British and American spellings, common typos). All the
rules of one label are compiled into one alternation with a named group per
rule, so one ``finditer`` pass per label finds every span and
``match.lastgroup`` tells which rule, and so which explanation, applies.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from . import factor
from .factor import compile_piece, compile_pieces, first_literal, pieces

__all__ = ["Rule", "RuleSet", "PlainRuleSet", "CompiledRules", "reference_regex", "split_alternatives",
           "expand", "compile_rules", "lower_same_length"]

# Spelling families: British/American variants and the typos people really make.
FAMILIES: dict[str, str] = {
    "understand": r"(?:understand|undrestand|udnerstand|understnad|undestand|understan)",
    "recommend": r"(?:rec+om+end|reccomend)",
    "suggest": r"(?:sug+est|sugest)",
    "appreciate": r"(?:ap+re(?:c|sh)iate)",
    "believe": r"(?:bel(?:ie|ei)ve)",
    "recognise": r"(?:recogni[sz]e)",
    "realise": r"(?:reali[sz]e)",
    "organise": r"(?:organi[sz]e)",
    "prioritise": r"(?:prioriti[sz]e)",
    "business": r"(?:bus(?:i|s|si)?ness|buisness|busness)",
    "colleague": r"(?:coll?eague|colleage|collegue)",
    "experience": r"(?:experi[ea]nce)",
    "separate": r"(?:sep[ae]rate)",
    "definitely": r"(?:defin[ia]te?ly)",
    "candidate": r"(?:cand[ia]date)",
    "schedule": r"(?:sch?edule)",
}


@dataclass(frozen=True)
class Rule:
    """One pattern for one label and the reason it counts, shown to the learner."""

    pattern: str
    why: str


@dataclass(frozen=True)
class RuleSet:
    """All the rules of one label, compiled once into a single regex.

    The regex means exactly ``(?<!\\w)(?:r0|r1|...)(?!\\w)`` (leftmost match wins;
    at one position the earliest rule wins), rewritten for CPython's engine:
    each rule is cut into pieces that open with what they consume first, and
    pieces opening with the same letter share one branch (``factor.py``), so at
    each word start the engine tests one letter instead of entering every rule.
    There are no capturing groups (they would defeat that letter test); which
    rule matched is found afterwards, for matches only.
    """

    label: str
    regex: re.Pattern[str]
    keys: tuple[tuple[int, int, int], ...]
    """(rule, alternative, piece) of each piece, in the order the regex tries them."""
    pieces: tuple[object, ...]
    """Each piece's parsed form, compiled on first need to tell which one matched."""
    why: tuple[str, ...]
    """Explanation of each rule, by index."""
    _by_char: dict[int, tuple[tuple[int, re.Pattern[str]], ...]] = field(
        default_factory=dict, compare=False, repr=False)
    """Per first character of a match: (rule, piece regex) of the pieces that can start
    with it, in the regex's order; filled on first need."""

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, why)`` of every non-empty match, left to right."""
        for m in self.regex.finditer(text):
            if m.end() > m.start():
                yield m.start(), m.end(), self.why[self._which(text, m.start())]

    def _which(self, text: str, start: int) -> int:
        """The rule of the first piece that matches at ``start``: the one the regex took."""
        if len(self.keys) == 1:
            return self.keys[0][0]
        char = ord(text[start])
        candidates = self._by_char.get(char)
        if candidates is None:
            # a piece whose first item is another literal cannot match here
            candidates = self._by_char[char] = tuple(
                (key[0], _piece_regex(piece)) for key, piece in zip(self.keys, self.pieces, strict=True)
                if first_literal(piece) in (None, char))
        for rule, regex in candidates:
            if regex.match(text, start) is not None:
                return rule
        raise AssertionError(f"{self.label}: no rule matches at {start}")  # cannot happen


@dataclass(frozen=True)
class PlainRuleSet:
    """The rules of one label as the plain alternation, with a named group per rule.

    The portable form of :class:`RuleSet`: the same matches and explanations
    through the public ``re`` API only, used where the factored form is not
    (see :data:`factor.AVAILABLE`); about 1.75x slower per draft.
    """

    label: str
    regex: re.Pattern[str]
    why: tuple[str, ...]

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """``(start, end, why)`` of every non-empty match, left to right."""
        for m in self.regex.finditer(text):
            if m.end() > m.start():
                yield m.start(), m.end(), self.why[int((m.lastgroup or "r0")[1:])]


CompiledRules = RuleSet | PlainRuleSet
"""What :func:`compile_rules` returns: either form finds the same ``(start, end, why)``."""

_PIECES: dict[int, tuple[object, re.Pattern[str]]] = {}
"""Compiled pieces by ``id``; each entry keeps its piece alive, so an id is never reused
for another piece while its entry exists (a rule set compiled twice cannot collide)."""


def _piece_regex(piece: object) -> re.Pattern[str]:
    found = _PIECES.get(id(piece))
    if found is None:
        found = _PIECES[id(piece)] = (piece, compile_piece(piece))
    return found[1]


def split_alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regex: ``a|b(c|d)`` -> ``["a", "b(c|d)"]``;
    ``(?:a|b)`` -> ``["a", "b"]``.

    ``(?<!\\w)(?:a|b)(?!\\w)`` means the same as trying ``(?<!\\w)(?:a)(?!\\w)`` and then
    ``(?<!\\w)(?:b)(?!\\w)`` at each position.
    """
    parts, start = [], 0
    for i, c, depth in _structure(pattern):
        if c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    parts.append(pattern[start:])
    if len(parts) == 1 and pattern.startswith("(?:") and _closing(pattern) == len(pattern) - 1:
        inner = split_alternatives(pattern[3:-1])
        if len(inner) > 1:
            return inner
    return parts


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Each parenthesis and bar of a regex outside escapes and character classes,
    as ``(index, char, depth before it)``: the one scan both splitting and
    bracket matching need."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]" or pattern[i - 1] == "["
        elif c == "[":
            in_class = True
        elif c in "()|":
            yield i, c, depth
            depth += (c == "(") - (c == ")")
        i += 1


def _closing(pattern: str) -> int:
    """Index of the parenthesis that closes the one at 0 (-1 if unbalanced)."""
    return next((i for i, c, depth in _structure(pattern) if c == ")" and depth == 1), -1)


_PAREN = re.compile(r"(?<!\\)\((?!\?)")
_FAMILY = re.compile(r"%(\w+)%")


def expand(pattern: str) -> str:
    """Translate the readable notation into a regular expression."""
    out = _FAMILY.sub(lambda m: FAMILIES[m.group(1)], pattern)
    out = _PAREN.sub("(?:", out)
    out = out.replace("'", "['’`]?").replace("~", r"[\s\-]*").replace(" ", r"\s+")
    return out


def compile_rules(label: str, rules: list[Rule], factored: bool | None = None) -> CompiledRules:
    """Compile the rules of one label into one regex over *lower-cased* text.

    Matching lower-cased text case-sensitively is about twice as fast as
    ``re.IGNORECASE`` in CPython's engine, and the one word-boundary check
    outside the alternation lets the engine skip mid-word positions at once.
    Matches are whole words only. ``factored`` (default: where the interpreter
    allows it, :data:`factor.AVAILABLE`) chooses the fast form; both find the
    same spans.
    """
    if not (factor.AVAILABLE if factored is None else factored):
        return PlainRuleSet(label, reference_regex(rules), tuple(rule.why for rule in rules))
    keys: list[tuple[int, int, int]] = []
    trees: list[object] = []
    for i, rule in enumerate(rules):
        for j, alt in enumerate(split_alternatives(expand(rule.pattern.lower()))):
            for k, piece in enumerate(pieces(alt)):
                keys.append((i, j, k))
                trees.append(piece)
    regex = compile_pieces(trees)
    return RuleSet(label, regex, tuple(keys), tuple(trees), tuple(rule.why for rule in rules))


def reference_regex(rules: list[Rule]) -> re.Pattern[str]:
    """The plain alternation the compiled rule set must agree with (named group ``r<i>`` per rule)."""
    parts = [f"(?P<r{i}>{expand(rule.pattern.lower())})" for i, rule in enumerate(rules)]
    return re.compile("(?<!\\w)(?:" + "|".join(parts) + ")(?!\\w)")


def lower_same_length(text: str) -> str:
    """``text.lower()`` with every character kept at its offset, so spans map back to ``text``.

    A few characters lower-case to two (``'İ'``); those are kept as they are.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
