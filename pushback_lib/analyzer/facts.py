"""Check a draft against a case's facts: which facts it cites, and which it gets wrong.

A draft cites a fact when one of its sentences shares enough of the fact's
content words, or a number and a content word. A sentence contradicts a fact
when it is about the same thing (shared content words) but states a different
number for the same unit (8 years vs 10 years, 14 March vs 12 March) or a
different month: the accuracy prerequisite says one wrong fact sinks the case.
Plain string work, no model: the reasons can be shown to the learner.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .result import Contradiction

if TYPE_CHECKING:  # the analyzer never needs the case module at import time
    from pushback_lib.cases import Case, Fact

__all__ = ["FactCheck", "check_facts"]

_STOP = frozenset("""
about above after again against also been before being below between both but could does doing down
during each from further have having here hers herself himself into itself just more most must only
other ought ourselves over same should some such than that their theirs them themselves then there
these they this those through under until very were what when where which while whom will with would
your yours yourself yourselves client candidate said says told make made need needs want wants
really think feel know because still even much many very the and for you but his her our was are has
had not can all any one two its who how why may out off own she him they them than then too yes yet
did does get got let put say see set use way day per via new old big
""".split())

_MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
_MONTH_ABBR = {m[:3]: i for m, i in _MONTHS.items()}
_WORD_NUMS = {w: str(i) for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}

_TOKEN = re.compile(r"\d+(?:[.,]\d+)*%?|[^\W\d_]+|[£$€]", re.UNICODE)
_CURRENCIES = frozenset("£ $ € aed usd gbp eur sar qar inr".split())
_FILLERS = frozenset("a an the of per each every some around about over under nearly almost".split())
_SENTENCE = re.compile(r"(?:[^.!?\n]|\.(?=\d))+[.!?]*")


def _stem(word: str) -> str:
    return word[:6]


def _month(word: str) -> int | None:
    if word in _MONTHS:
        return _MONTHS[word]
    if len(word) == 3 and word in _MONTH_ABBR and word != "may":
        return _MONTH_ABBR[word]
    return None


@dataclass(frozen=True)
class _Profile:
    """What a piece of text is about: content stems, (number, unit) claims and months."""

    stems: frozenset[str]
    numbers: frozenset[tuple[str, str]]
    months: frozenset[int]


def _profile(text: str) -> _Profile:
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    stems: set[str] = set()
    numbers: set[tuple[str, str]] = set()
    months: set[int] = set()
    for i, tok in enumerate(tokens):
        value = _WORD_NUMS.get(tok) if tok in _WORD_NUMS else (tok if tok[0].isdigit() else None)
        if value is not None:
            value = value.rstrip("%").replace(",", "")
            unit = "%" if tok.endswith("%") else ""
            j = i + 1
            while not unit and j < len(tokens) and tokens[j] in _FILLERS and tokens[j] != "per":
                j += 1
            if not unit and j < len(tokens):
                nxt = tokens[j]
                percent = nxt == "percent" or (nxt == "per" and tokens[j + 1:j + 2] == ["cent"])
                unit = "%" if percent else (
                    f"month{_month(nxt)}" if _month(nxt) else _stem(nxt.rstrip("s")))
            if i > 0 and _month(tokens[i - 1]):
                unit = f"month{_month(tokens[i - 1])}"
            elif i > 0 and tokens[i - 1] in _CURRENCIES:
                unit = tokens[i - 1]
            numbers.add((value, unit))
            continue
        m = _month(tok)
        if m:
            months.add(m)
        elif len(tok) >= 3 and tok not in _STOP:
            stems.add(_stem(tok))
    return _Profile(frozenset(stems), frozenset(numbers), frozenset(months))


@dataclass(frozen=True)
class FactCheck:
    """The outcome of checking one draft against a case."""

    cited: tuple[tuple[str, int, int, str], ...]
    """(fact id, start, end, why) for each fact a sentence cites."""
    contradictions: tuple[Contradiction, ...]


_CACHE: dict[int, tuple[object, tuple[tuple[Fact, _Profile], ...]]] = {}


def _fact_profiles(case: Case) -> tuple[tuple[Fact, _Profile], ...]:
    entry = _CACHE.get(id(case))
    if entry is not None and entry[0] is case:
        return entry[1]
    profiles = tuple((f, _profile(f.text)) for f in case.facts)
    if len(_CACHE) > 64:
        _CACHE.clear()
    _CACHE[id(case)] = (case, profiles)
    return profiles


def _show(value: str, unit: str) -> str:
    """A (number, unit) claim as a learner would write it: 19%, 6000 staff, AED 52000, 14 March."""
    if unit == "%":
        return f"{value}%"
    if unit.startswith("month") and unit[5:].isdigit():
        return f"{value} {next(m for m, i in _MONTHS.items() if i == int(unit[5:])).title()}"
    if unit in _CURRENCIES:
        return f"{unit.upper() if unit.isalpha() else unit} {value}"
    return f"{value} {unit}".strip()


def _contradiction(fact: Fact, fp: _Profile, sp: _Profile, overlap: int,
                   start: int, end: int, quote: str) -> Contradiction | None:
    fact_units = {u: {v for v, uu in fp.numbers if uu == u} for _, u in fp.numbers if u}
    for value, unit in sorted(sp.numbers):
        if unit in fact_units and value not in fact_units[unit] and overlap >= 2:
            return Contradiction(fact.id, fact.text, start, end, quote, _show(value, unit),
                                 " or ".join(_show(v, unit) for v in sorted(fact_units[unit])))
    if fp.months and sp.months and not (fp.months & sp.months) and overlap >= 2:
        names = {i: m.title() for m, i in _MONTHS.items()}
        return Contradiction(fact.id, fact.text, start, end, quote,
                             "/".join(names[m] for m in sorted(sp.months)),
                             "/".join(names[m] for m in sorted(fp.months)))
    return None


def check_facts(text: str, case: Case) -> FactCheck:
    """Which of the case's facts the draft cites, and which it contradicts."""
    facts = _fact_profiles(case)
    cited: list[tuple[str, int, int, str]] = []
    contradictions: list[Contradiction] = []
    seen: set[str] = set()
    for m in _SENTENCE.finditer(text[:200_000]):
        sp = _profile(m.group())
        if not sp.stems and not sp.numbers:
            continue
        for fact, fp in facts:
            overlap = len(fp.stems & sp.stems)
            if overlap == 0:
                continue
            quote = m.group().strip()
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            end = start + len(quote)
            wrong = _contradiction(fact, fp, sp, overlap, start, end, quote)
            if wrong is not None:
                contradictions.append(wrong)
                continue
            shared_number = bool(fp.numbers & sp.numbers)
            need = min(3, max(2, (len(fp.stems) + 1) // 2))
            if fact.id not in seen and (overlap >= need or (shared_number and overlap >= 1)):
                seen.add(fact.id)
                why = f"cites the case's fact {fact.id!r} ({fact.prop.replace('_', ' ')})"
                if fact.verified is False:  # None: withheld until the debrief, so not said
                    why += ", which is not verified: check it before you rely on it"
                cited.append((fact.id, start, end, why))
    return FactCheck(tuple(cited), tuple(contradictions))
