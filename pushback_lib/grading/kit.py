"""Reusable check shapes, so each question module states only its content.

Every helper returns the *same list of checks* (names, weights, visible or
hidden) whatever the answer is, even ``None``: the grade's denominator never
depends on what the learner wrote, and an unreadable answer simply earns 0 on
each. Comparisons use exact types (``True`` is not ``1``), on plain data only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

from .._text import has_any, overlap, word_count
from .checks import CheckResult
from .plain import Plain

if TYPE_CHECKING:
    from ..cases import Case

__all__ = ["withheld", "shape_check", "labelled_items", "id_choices", "ordered_items", "exact_equal",
           "reasoned_choice", "reason_factors", "grounded_factors", "judged_only",
           "case_specifics", "FACTORS"]

FACTORS: dict[str, tuple[str, ...]] = {
    "stakes": ("stake", "stakes", "at stake", "matters", "cost", "costs", "£", "cheap",
               "small", "minor", "low", "big", "critical", "budget", "worth", "safety",
               "patients", "revenue", "sales", "margin", "launch", "deadline"),
    "evidence": ("evidence", "fact", "facts", "verified", "unverified", "data", "test",
                 "tested", "testing", "study", "source", "proof", "poll", "figure", "figures",
                 "report", "reports", "log", "incident", "hearsay", "rumour", "checked",
                 "forwarded", "unsigned", "sourced", "unsourced", "traced"),
    "credibility": ("credibility", "track record", "trusts me", "trust", "respect",
                    "respects", "expert", "expertise", "my judgement", "years"),
    "openness": ("open", "decided", "final", "made up her mind", "made up his mind",
                 "asked for", "asked me", "listen", "listens", "mind", "firm"),
    "relationship": ("relationship", "first project", "goodwill", "future work",
                     "next year", "depends on", "partner", "rapport"),
    "timing": ("timing", "printed", "print", "already", "too late", "moment", "in time",
               "next monday", "months", "weeks", "before", "now", "sent"),
}
"""Words that name each input of ``decide``: a reason for a call should name what decides it."""

_GENERIC = frozenset({"goal", "goals", "client", "case", "business", "matter", "matters",
                      "decision", "important", "concern", "understand", "think", "really",
                      "people", "want", "wants", "need", "needs", "good", "better", "thing",
                      "things", "team", "work", "time", "year", "week", "push", "back", "every",
                      "also", "would", "could", "just", "much", "many", "well", "sure"})
"""Content words any boilerplate reason uses; they never count as naming the case."""


def withheld(case: Case) -> str:
    """Why a check on a case whose labels are kept back cannot run in a learner's kernel."""
    return (f"it needs the expert's labels of {case.id}, which stay with your instructor until "
            "after grading (the trusted grader has them); it counts in your grade")


def exact_equal(a: Plain, b: Plain) -> bool:
    """Equality of plain data that also requires the same types all the way down."""
    if type(a) is not type(b):
        return False
    if type(a) is list:
        return len(a) == len(b) and all(exact_equal(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    if type(a) is dict:
        return a.keys() == b.keys() and all(exact_equal(a[k], b[k]) for k in a)  # type: ignore[union-attr,index]
    return a == b


def shape_check(answer: Plain, length: int, allowed: Sequence[Plain], what: str) -> CheckResult:
    """Weight-0 gate: a list of ``length`` items, each one of ``allowed``."""
    allowed_text = ", ".join(repr(a) for a in allowed)
    if type(answer) is not list:
        return CheckResult("form", 0, 0, f"{what} should be a list of {length} items, each one "
                           f"of {allowed_text}", passed=False)
    if len(answer) != length:
        return CheckResult("form", 0, 0, f"{what} has {len(answer)} items; it needs {length}, "
                           "one per item in the question", passed=False)
    for i, item in enumerate(answer):
        if not any(exact_equal(item, a) for a in allowed):
            return CheckResult("form", 0, 0, f"item {i + 1} of {what} is {item!r}; use one of "
                               f"{allowed_text}", passed=False)
    return CheckResult("form", 0, 0, f"{what} is a list of {length} valid items", passed=True)


def labelled_items(answer: Plain, *, what: str, expected: Sequence[object],
                   allowed: Sequence[Plain], visible: int, explain: Sequence[str],
                   item: str = "Statement",
                   hint: str = "reread it and ask whether it rests on the other side's goals and "
                               "facts or on taste and feeling",
                   tests: str = "whether you can tell a reason resting on the other side's goals "
                                "and verified facts from one resting on taste or feeling; only "
                                "the first persuades someone who does not share your taste"
                   ) -> list[CheckResult]:
    """One check per item (weight 1); the first ``visible`` are visible, the rest hidden.

    ``explain[i]`` says why item i has its label; a visible item shows it when right
    and a hint when wrong. ``tests`` says what every item tests and why it matters,
    without any item's answer: graded feedback shows it for a failed hidden item.
    """
    gate = shape_check(answer, len(expected), allowed, what)
    results = [gate]
    for i, want in enumerate(expected):
        got = answer[i] if gate.passed and type(answer) is list else None
        right = gate.passed and exact_equal(got, cast(Plain, want))  # the key holds plain data
        msg = (f"right: {explain[i]}" if right else f"not yet: {hint}" if gate.passed
               else "not checked until the form is right")
        results.append(CheckResult(f"{item} {i + 1}", 1.0 if right else 0.0, 1.0, msg,
                                   hidden=i >= visible, about=tests))
    return results


def id_choices(answer: Plain, *, what: str, universe: Sequence[str], expected: set[str],
               visible: set[str], explain: dict[str, str], known: bool = True,
               tests: str = "whether this fact is safe to cite: verified, resting on a prop you "
                            "can show; one wrong fact can sink the whole case") -> list[CheckResult]:
    """One check per id of ``universe``: right when chosen exactly if it is in ``expected``.

    Choosing everything is never a safe answer: an id wrongly chosen costs as
    much as one wrongly left out. ``known=False`` (a keyed question graded
    without its key) means ``expected`` holds only the visible expectations, so
    hidden ids cannot pass.
    """
    problem = ""
    if type(answer) is not list or not all(type(x) is str for x in answer):
        problem = f"{what} should be a list of ids (text), such as [{universe[0]!r}]"
    elif len(set(answer)) != len(answer):
        problem = f"{what} lists an id twice"
    else:
        unknown = [x for x in answer if x not in universe]
        if unknown:
            problem = f"{what} holds {unknown[0]!r}, which is not an id in the case"
    results = [CheckResult("form", 0, 0, problem or f"{what} is a list of ids from the case",
                           passed=not problem)]
    chosen = set(answer) if not problem and type(answer) is list else set()
    for ident in universe:
        right = (not problem and ((ident in chosen) == (ident in expected))
                 and (known or ident in visible))
        if right:
            msg = f"right: {explain.get(ident, '')}".rstrip(": ")
        elif problem:
            msg = "not checked until the form is right"
        else:
            msg = ("consider it again: " + ("it is safe and useful, so it belongs"
                   if ident in expected else "citing it could cost you credibility"))
        results.append(CheckResult(ident, 1.0 if right else 0.0, 1.0, msg,
                                   hidden=ident not in visible, about=tests))
    return results


def ordered_items(answer: Plain, *, what: str, expected: Sequence[object],
                  visible_positions: set[int], explain: Sequence[str],
                  items: Sequence[str] | None = None,
                  tests: str = "whether each part comes where it does its job"
                  ) -> list[CheckResult]:
    """One check per position (weight 1) of an ordering of ``items`` (default: ``expected``'s)."""
    order = cast("Sequence[str]", items if items is not None else expected)  # stage keys
    gate = shape_check(answer, len(expected), sorted(order), what)
    if gate.passed and len(set(answer)) != len(expected):  # type: ignore[arg-type]
        gate = CheckResult("form", 0, 0, f"{what} repeats an item; each appears once",
                           passed=False)
    results = [gate]
    for i, want in enumerate(expected):
        right = gate.passed and exact_equal(answer[i], cast(Plain, want))  # type: ignore[index]
        msg = (f"right: {explain[i]}" if right else
               "not yet: think about what has to be true before this step can work"
               if gate.passed else "not checked until the form is right")
        results.append(CheckResult(f"position {i + 1}", 1.0 if right else 0.0, 1.0, msg,
                                   hidden=i not in visible_positions, about=tests))
    return results


def reason_factors(text: str) -> set[str]:
    """The inputs of ``decide`` (stakes, evidence, ...) a reason names in its own words."""
    return {name for name, phrases in FACTORS.items() if has_any(text, phrases)}


_JUDGEMENT = frozenset({"high", "low", "strong", "weak", "right", "wrong", "clear", "fine", "solid",
                        "enough", "call", "risk", "risky", "issue", "situation", "worth", "short",
                        "quick", "note", "simple", "stage", "stages", "step", "steps", "process",
                        "small", "minor", "big", "large", "important", "critical", "good", "bad",
                        "real", "little", "lot", "point", "moment", "option", "options",
                        # the factors' own names, and words that only point at one
                        "stake", "stakes", "matters", "cost", "costs", "evidence", "fact", "facts",
                        "data", "proof", "verified", "unverified", "checked", "credibility",
                        "trust", "trusts", "respect", "respects", "expert", "expertise",
                        "judgement", "openness", "open", "mind", "decided", "final", "firm",
                        "relationship", "goodwill", "rapport", "timing", "time", "already",
                        "now", "before", "late", "safe"})
"""Words that judge a factor without saying what it is here: "the stakes are high" is true of
any case. Concrete words that also name a factor ("printed", "patients", "launch", "£600")
are the case's substance and count."""

_CLAUSE = re.compile(r"[,;:.!?()\u2013\u2014]+|\s(?:and|but|so|because|while|although|though|"
                     r"since|as|yet|whereas)\s", re.IGNORECASE)


def judged_only(specifics: set[str]) -> set[str]:
    """``specifics`` without the judgement words ("high", "small", "timing") any reason uses."""
    return specifics - _JUDGEMENT


def grounded_factors(text: str, case: Case) -> set[str]:
    """The factors a reason names *with* this case's substance beside them.

    A factor counts only when the clause that names it also holds a word of the
    case's own texts (a number, a name of a thing, the actual stake) that is not
    a judgement word: "the stakes are high" grounds nothing, "£600 of boards is
    at stake" grounds the stakes. Clauses are split at punctuation and at joining
    words, so one specific clause cannot ground a list of generic ones.
    """
    found: set[str] = set()
    texts = case_texts(case)
    names = case_names(case)
    for clause in _CLAUSE.split(text):
        named = reason_factors(clause)
        if named and case_specifics(clause, texts, names) - _JUDGEMENT:
            found |= named
    return found


def case_specifics(text: str, texts: Iterable[str], names: Iterable[str] = ()) -> set[str]:
    """Words of ``text`` that come from the case's own texts: its substance, not boilerplate.

    People's names and generic words ("goal", "client") do not count: a sentence
    that only names the stakeholder or says "it matters for your goal" is not
    about this case.
    """
    skip = _GENERIC | {w.lower() for n in names for w in n.split()}
    return {w for w in overlap(text, texts) if w not in skip}


def case_texts(case: Case) -> list[str]:
    """Every text in a case a reason can draw on: situation, stakes, facts, challenges..."""
    return [case.situation, case.decision, case.stakes, case.relationship,
            *case.stakeholder_wants, *(c.text for c in case.challenges),
            *(f.text for f in case.facts), *(a.text for a in case.alternatives)]


def case_names(case: Case) -> list[str]:
    """The people's names in a case (never evidence of substance on their own)."""
    return [case.you.name, case.stakeholder.name, *(a.name for a in case.allies)]


MIN_REASON_WORDS = 12


def reasoned_choice(answer: Plain, *, what: str, case: Case, expected: object,
                    allowed: Sequence[str] = ("push_back", "let_go"),
                    about_call: str, min_specifics: int = 3) -> list[CheckResult]:
    """The learner's own call with a reason: ``{"call": <one of allowed>, "why": "<text>"}``.

    Visible: the reason names at least two of the inputs that decide a call
    (stakes, evidence, timing...). Hidden: the reason rests on this case's
    specifics (at least ``min_specifics`` of its own words, never boilerplate),
    and the call matches ``expected`` (the expert's, or the key's). The
    reason weighs as much as the call: a right call for no reason is a guess.
    """
    call = answer.get("call") if type(answer) is dict else None
    why = answer.get("why") if type(answer) is dict else None
    options = " or ".join(repr(a) for a in allowed)
    if type(answer) is not dict or set(answer) != {"call", "why"}:
        problem = f'{what} should be a dictionary {{"call": {options}, "why": "your reason"}}'
    elif type(call) is not str or call not in allowed:
        problem = f'{what}["call"] should be {options}'
    elif type(why) is not str or word_count(why) < MIN_REASON_WORDS:
        problem = (f'{what}["why"] should be your reason in at least {MIN_REASON_WORDS} words: '
                   "what in this case decides it")
    else:
        problem = ""
    results = [CheckResult("form", 0, 0, problem or f"your call is {call!r}, with a reason",
                           passed=not problem)]
    text = cast(str, why) if not problem else ""
    named = sorted(reason_factors(text))
    grounded = sorted(grounded_factors(text, case))
    bare = [f for f in named if f not in grounded]
    specific = case_specifics(text, case_texts(case), case_names(case)) - _JUDGEMENT
    right_call = not problem and exact_equal(cast(Plain, call), cast(Plain, expected))
    names_two = len(grounded) >= 2
    if problem:
        message = "not checked until the form is right"
    elif names_two:
        message = f"right: it weighs {', '.join(grounded[:-1])} and {grounded[-1]} in this case's terms"
    elif bare:
        they = "they are" if len(bare) > 1 else "it is"
        message = (f"not yet: you name {' and '.join(bare)}, but not what {they} here;"
                   " say it with the case's own facts (the figure, the date, what is "
                   "actually at stake), as 'high' or 'strong' fits any case")
    else:
        message = ("not yet: say which of the stakes, the evidence, your credibility, their "
                   "openness, the relationship and the timing decide it here, with the case's "
                   "own facts")
    results.append(CheckResult("your reason names what decides it", 1.0 if names_two else 0.0,
                               1.0, message))
    results.append(CheckResult(
        "your reason rests on this case", 1.0 if len(specific) >= min_specifics else 0.0, 1.0,
        "", hidden=True,
        about="whether your reason uses what this case actually says (its facts, its stakes, "
              "its relationship) rather than words that would fit any case; a reason the "
              "stakeholder cannot recognise as theirs does not persuade"))
    results.append(CheckResult("your call", 1.0 if right_call else 0.0, 1.0, "", hidden=True,
                               about=about_call))
    return results
