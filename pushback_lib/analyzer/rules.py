"""The hand-written rules applied to one draft: which spans fire for which label, and why.

:func:`apply_rules` explains the calls of :func:`pushback_lib.analyzer.analyze`:
the learned model (:mod:`.model`) decides every label, and the rules' spans are
what a learner sees highlighted, with why. They are not inputs of the model
(measured: they made it worse on unseen writers). All regexes are compiled once, on the first call (so
importing the analyzer stays cheap), and every later call does no imports and
no compilation. The text is lower-cased once per call and every rule set runs
over that copy; spans map back to the original text because lower-casing keeps
each character at its offset.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pushback_lib.errors import PushbackError

from .labels import COMPONENTS, CONTRADICTION, DEFINITIONS
from .result import Contradiction, Finding

if TYPE_CHECKING:
    from pushback_lib.cases import Case

    from .facts import FactCheck
    from .patterns import CompiledRules, Rule

__all__ = ["RuleOutcome", "apply_rules", "label_spans", "check_inputs", "rules_find"]

_COMPILED: dict[str, CompiledRules] = {}

# Bound by _rulesets() on first use, so importing the analyzer loads no rule module.
lower_same_length: Callable[[str], str]
shouting_spans: Callable[[str], list[tuple[int, int]]]
check_facts: Callable[[str, Case], FactCheck]


_SOURCES: dict[str, list[Rule]] = {}
"""Each label's rule source (the rule modules' tables), bound by :func:`_bind` on first use."""


def _bind() -> None:
    """Load the rule modules and the helper patterns, once (importing the analyzer loads neither)."""
    if _SOURCES:
        return
    global lower_same_length, shouting_spans, check_facts
    global _NEGATED, _SENTENCE_END, _CONTRAST, _PROPOSAL, _AGREEMENT
    _NEGATED, _SENTENCE_END, _CONTRAST, _PROPOSAL, _AGREEMENT = (
        re.compile(_HELPERS[k]) for k in ("negated", "sentence_end", "contrast", "proposal", "agreement"))
    from .facts import check_facts
    from .lexicon import BUSINESS_WEAK_RULES, COMPONENT_RULES
    from .patterns import lower_same_length
    from .tone import AGGRESSIVE_RULES, OPINION_RULES, shouting_spans
    _SOURCES.update({**COMPONENT_RULES, "aggressive": AGGRESSIVE_RULES, "opinion_only": OPINION_RULES,
                     "business_weak": BUSINESS_WEAK_RULES})


def _ruleset(label: str) -> CompiledRules:
    """One label's compiled rules, built on first use. Why one at a time: the short-draft gate asks
    the ``aggressive`` rules of every short draft, and a process whose first draft is short would
    otherwise compile all nine rule sets (about 0.8 s) before its first answer."""
    _bind()
    if label not in _COMPILED:
        from .patterns import compile_rules

        _COMPILED[label] = compile_rules(label, _SOURCES[label])
    return _COMPILED[label]


def _rulesets() -> dict[str, CompiledRules]:
    """Every label's compiled rules, built on first use (the rule modules load only then)."""
    _bind()
    if len(_COMPILED) < len(_SOURCES):  # every rule pass asks: look at each label only until all are built
        for label in _SOURCES:
            _ruleset(label)
    return _COMPILED


_HELPERS: dict[str, str] = {
    "agreement": r"(?:^|[.!?\n])\W*"
                 r"(?:(?:sure|ok|okay|yes|yep|yeah|cool|great|perfect|thanks|fine|right)\W+)+$",
    "negated": r"(?:n['’`]?t|not|never|no)\s+(?:\w+\s+)?$",
    "sentence_end": r"[.!?\n]",
    "contrast": r"\b(?:but|however|though|although|yet|that said|the thing is|the trouble is"
                r"|my (?:worry|concern))\b",
    "proposal": r"\b(?:we could|could we|can we|we can|let['’]?s|let us|why don['’]?t we|how about|what if"
                r"|suggest|propose|recommend|instead of|rather than|moving|move|hire|hiring|add|adding"
                r"|interview|cut|cutting)\b[^.!?\n]*$",
}
"""Small helper regexes, compiled with the rules on first use (not at import)."""
_NEGATED = _SENTENCE_END = _CONTRAST = _PROPOSAL = _AGREEMENT = re.compile("")
_MAX_PER_LABEL = 200  # findings kept per label: enough to explain, bounded for megabyte drafts


def _find(ruleset: CompiledRules, text: str, low: str) -> list[Finding]:
    out: list[Finding] = []
    for start, end, why in ruleset.finditer(low):
        out.append(Finding(ruleset.label, start, end, text[start:end], why))
        if len(out) >= _MAX_PER_LABEL:
            break
    return out


def _negated(low: str, start: int) -> bool:
    """True when the words just before ``start`` negate it ("I don't understand", "not your call")."""
    return bool(_NEGATED.search(low, max(0, start - 16), start))


def _sentence(low: str, start: int, end: int) -> str:
    """The sentence around a span (cheap: scans to the nearest terminators only)."""
    window = max(0, start - 400)
    lo = max((m.end() for m in _SENTENCE_END.finditer(low, window, start)), default=window)
    m = _SENTENCE_END.search(low, end)
    return low[lo:m.start() if m else min(len(low), end + 400)]


def _business(found: list[Finding], weak: Callable[[], list[Finding]], acks: list[Finding],
              low: str) -> list[Finding]:
    """Business-reason findings that count.

    A business word inside a sentence that only acknowledges the other side
    ("I understand the budget pressure") is their reason, not the writer's,
    unless the sentence turns ("..., but it costs more"). Common business words
    (sales, launch, market...) count only when two different ones appear.
    """
    def own(f: Finding) -> bool:
        if not any(a.start < f.end + 400 and a.end > f.start - 400 for a in acks):
            return True
        sentence = _sentence(low, f.start, f.end)
        in_ack = any(a.quote.lower() in sentence for a in acks)
        return not in_ack or bool(_CONTRAST.search(sentence))
    strong = [f for f in found if own(f)]
    if strong:
        return strong
    common = [f for f in weak() if own(f)]  # only searched when no strong business word counted
    if len({f.quote.lower() for f in common}) < 2:
        return []
    return [replace(f, label="business_reason") for f in common]  # they count for business_reason


def check_inputs(text: object, case: object) -> None:
    """Raise ``PushbackError`` naming what is wrong with the arguments of ``analyze``."""
    if not isinstance(text, str):
        raise PushbackError(f"analyze(text): text must be a str (the draft), got {type(text).__name__}")
    if case is not None:
        from pushback_lib.cases import Case  # already loaded by pushback_lib; no cost
        if not isinstance(case, Case):
            raise PushbackError(f"analyze(text, case): case must be a pushback_lib.Case or None, got "
                                f"{type(case).__name__}; load one with pushback_lib.load_case('<id>')")


@dataclass(frozen=True)
class RuleOutcome:
    """What the rules found in one draft (the model makes the calls; these explain them)."""

    components: frozenset[str]
    flags: frozenset[str]
    findings: tuple[Finding, ...]
    """Spans of every label the rules found, sorted by position."""
    cited_facts: tuple[str, ...] = ()
    unverified: tuple[str, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()


NOTHING = RuleOutcome(frozenset(), frozenset(), ())


def label_spans(text: str, label: str) -> list[Finding]:
    """Every span of one label's own rules, without the checks between labels (used to explain
    a call the model made where the full rule pass stood the label down)."""
    _bind()
    if label not in _SOURCES:
        return []
    low = lower_same_length(text)
    found = _find(_ruleset(label), text, low)
    if label in ("acknowledge", "let_go"):
        found = [f for f in found if not _negated(low, f.start)]
    return found


def rules_find(text: str, flag: str) -> bool:
    """Whether the rules raise ``flag`` in ``text``, as :func:`apply_rules` would; ``aggressive``
    is checked alone (its own rules and shouting), without the component rules, since the
    short-draft gate (:mod:`.short`) asks it of every short draft."""
    if flag != "aggressive":
        return flag in apply_rules(text).flags
    rules = _ruleset("aggressive")
    return bool(_find(rules, text, lower_same_length(text)) or shouting_spans(text))


def apply_rules(text: str, case: Case | None = None) -> RuleOutcome:
    """Every rule over one draft: the labels they support and the spans, with why.

    With a ``case``, evidence that cites the case's own facts is recognised and a
    claim that contradicts a fact is reported in ``contradictions``.
    """
    if not text.strip():
        return NOTHING
    sets = _rulesets()
    low = lower_same_length(text)
    findings: list[Finding] = []
    components: set[str] = set()
    by_label: dict[str, list[Finding]] = {}
    for label in COMPONENTS:
        found = _find(sets[label], text, low)
        if label in ("acknowledge", "let_go"):
            found = [f for f in found if not _negated(low, f.start)]
        elif label == "evidence":  # "interview the two finalists" is a plan, not a cited count
            found = [f for f in found if f.why != "cites a specific count"
                     or not _PROPOSAL.search(low, max(0, f.start - 60), f.start)]
        by_label[label] = found
    by_label["business_reason"] = _business(by_label["business_reason"],
                                            lambda: _find(sets["business_weak"], text, low),
                                            by_label["acknowledge"], low)
    letting_go = by_label["let_go"]
    by_label["alternative"] = [f for f in by_label["alternative"]
                               if not any(g.start < f.end and f.start < g.end for g in letting_go)]
    for label in COMPONENTS:
        if by_label[label]:
            components.add(label)
            findings += by_label[label]

    cited: tuple[str, ...] = ()
    unverified: tuple[str, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    if case is not None and case.facts:
        check = check_facts(text, case)
        for _fact_id, start, end, why in check.cited:
            findings.append(Finding("evidence", start, end, text[start:end], why))
        if check.cited:
            components.add("evidence")
        cited = tuple(c[0] for c in check.cited)
        # a withheld label (None: a case kept back for grading) is not known to be unverified
        unverified = tuple(f for f in cited if (fact := case.fact(f)) is None or fact.verified is False)
        contradictions = check.contradictions
        findings += [Finding(CONTRADICTION, c.start, c.end, c.quote,
                             f"says {c.said}, but the case's fact {c.fact_id!r} says {c.expected}: "
                             f"{DEFINITIONS[CONTRADICTION]}") for c in contradictions]

    flags: set[str] = set()
    aggressive = _find(sets["aggressive"], text, low)
    aggressive += [Finding("aggressive", s, e, text[s:e], "shouting in capitals reads as anger")
                   for s, e in shouting_spans(text)[:_MAX_PER_LABEL]]
    if aggressive:
        flags.add("aggressive")
        findings += aggressive
    if not components & {"business_reason", "evidence", "let_go"}:  # accepting a decision is not arguing
        opinions = [f for f in _find(sets["opinion_only"], text, low)
                    if not _AGREEMENT.search(low, max(0, f.start - 24), f.start)]  # "sure, sounds good"
        if opinions:
            flags.add("opinion_only")
            findings += [Finding("opinion_only", f.start, f.end, f.quote,
                                 f"{f.why}; the draft gives no business reason or evidence")
                         for f in opinions]

    findings.sort(key=lambda f: (f.start, f.end, f.label))
    return RuleOutcome(frozenset(components), frozenset(flags), tuple(findings), cited, unverified,
                       tuple(contradictions))
