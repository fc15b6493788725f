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
from dataclasses import dataclass

__all__ = ["Rule", "RuleSet", "expand", "compile_rules", "lower_same_length"]

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
    """All the rules of one label, compiled once into a single regex."""

    label: str
    regex: re.Pattern[str]
    why: dict[str, str]
    """Named group -> explanation."""

    def finditer(self, text: str):  # noqa: ANN201 - iterator of (start, end, why)
        for m in self.regex.finditer(text):
            if m.end() > m.start():
                yield m.start(), m.end(), self.why[m.lastgroup or ""]


_PAREN = re.compile(r"(?<!\\)\((?!\?)")
_FAMILY = re.compile(r"%(\w+)%")


def expand(pattern: str) -> str:
    """Translate the readable notation into a regular expression."""
    out = _FAMILY.sub(lambda m: FAMILIES[m.group(1)], pattern)
    out = _PAREN.sub("(?:", out)
    out = out.replace("'", "['’`]?").replace("~", r"[\s\-]*").replace(" ", r"\s+")
    return out


def compile_rules(label: str, rules: list[Rule]) -> RuleSet:
    """Compile the rules of one label into one regex over *lower-cased* text.

    Matching lower-cased text case-sensitively is about twice as fast as
    ``re.IGNORECASE`` in CPython's engine, and the one word-boundary check
    outside the alternation lets the engine skip mid-word positions at once.
    Matches are whole words only.
    """
    parts = []
    why: dict[str, str] = {}
    for i, rule in enumerate(rules):
        name = f"r{i}"
        parts.append(f"(?P<{name}>{expand(rule.pattern.lower())})")
        why[name] = rule.why
    return RuleSet(label, re.compile("(?<!\\w)(?:" + "|".join(parts) + ")(?!\\w)"), why)


def lower_same_length(text: str) -> str:
    """``text.lower()`` with every character kept at its offset, so spans map back to ``text``.

    A few characters lower-case to two (``'İ'``); those are kept as they are.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
