"""``analyze(text, case=None)``: the rules applied to one draft, and the result assembled.

All regexes are compiled once, on the first call (so importing the analyzer
stays cheap), and every later call does no imports and no compilation:
thousands of short drafts a second. The text is lower-cased once per call and
every rule set runs over that copy; spans map back to the original text
because lower-casing keeps each character at its offset.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pushback_lib.errors import PushbackError

from .facts import check_facts
from .labels import COMPONENTS, CONTRADICTION, DEFINITIONS
from .lexicon import COMPONENT_RULES
from .patterns import RuleSet, compile_rules, lower_same_length
from .result import Analysis, Finding
from .suggest import EMPTY, suggestions
from .tone import AGGRESSIVE_RULES, OPINION_RULES, shouting_spans

if TYPE_CHECKING:
    from pushback_lib.case import Case

__all__ = ["analyze"]

_COMPILED: dict[str, RuleSet] = {}


def _rulesets() -> dict[str, RuleSet]:
    """Every label's compiled rules, built on first use."""
    if not _COMPILED:
        for label, rules in (*COMPONENT_RULES.items(), ("aggressive", AGGRESSIVE_RULES),
                             ("opinion_only", OPINION_RULES)):
            _COMPILED[label] = compile_rules(label, rules)
    return _COMPILED

_MAX_PER_LABEL = 200  # findings kept per label: enough to explain, bounded for megabyte drafts
_FLAG_COST = 0.15
_CONTRADICTION_COST = 0.15


def _find(ruleset: RuleSet, text: str, low: str) -> list[Finding]:
    out: list[Finding] = []
    for start, end, why in ruleset.finditer(low):
        out.append(Finding(ruleset.label, start, end, text[start:end], why))
        if len(out) >= _MAX_PER_LABEL:
            break
    return out


def _check_inputs(text: object, case: object) -> None:
    if not isinstance(text, str):
        raise PushbackError(f"analyze(text): text must be a str (the draft), got {type(text).__name__}")
    if case is not None:
        from pushback_lib.case import Case  # already loaded by pushback_lib; no cost
        if not isinstance(case, Case):
            raise PushbackError(f"analyze(text, case): case must be a pushback_lib.Case or None, got "
                                f"{type(case).__name__}; load one with pushback_lib.load_case('<id>')")


def analyze(text: str, case: "Case | None" = None) -> Analysis:
    """Analyse a free-text pushback draft: which components it has, which flags it raises, and why.

    ``text`` is the draft (an email, a call script, a chat message). With a
    ``case``, evidence that cites the case's own facts is recognised and a
    claim that contradicts a fact is reported in ``.contradictions``.
    Raises ``PushbackError`` (a ``ValueError``) when ``text`` is not a string.
    """
    _check_inputs(text, case)
    if not text.strip():
        return Analysis(text=text, suggestions=(EMPTY,))

    sets = _rulesets()
    low = lower_same_length(text)
    findings: list[Finding] = []
    components: set[str] = set()
    for label in COMPONENTS:
        found = _find(sets[label], text, low)
        if found:
            components.add(label)
            findings += found

    cited: tuple[str, ...] = ()
    unverified: tuple[str, ...] = ()
    contradictions = ()
    if case is not None and case.facts:
        check = check_facts(text, case)
        for fact_id, start, end, why in check.cited:
            findings.append(Finding("evidence", start, end, text[start:end], why))
        if check.cited:
            components.add("evidence")
        cited = tuple(c[0] for c in check.cited)
        unverified = tuple(f for f in cited if not (case.fact(f) and case.fact(f).verified))
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
    if not components & {"business_reason", "evidence"}:
        opinions = _find(sets["opinion_only"], text, low)
        if opinions:
            flags.add("opinion_only")
            findings += [Finding("opinion_only", f.start, f.end, f.quote,
                                 f"{f.why}; the draft gives no business reason or evidence")
                         for f in opinions]

    comp = frozenset(components)
    flag_set = frozenset(flags)
    prescore = len(comp) / len(COMPONENTS) - _FLAG_COST * len(flag_set) - _CONTRADICTION_COST * len(contradictions)
    findings.sort(key=lambda f: (f.start, f.end, f.label))
    return Analysis(text=text, components=comp, flags=flag_set, findings=tuple(findings),
                    suggestions=suggestions(comp, flag_set, contradictions, unverified),
                    contradictions=tuple(contradictions), prescore=min(1.0, max(0.0, prescore)),
                    cited_facts=cited)
