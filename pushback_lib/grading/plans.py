"""Checks for answers that are a ``PushbackPlan``: rebuilt from plain data, scored by the rubric.

The visible part is the rubric; the hidden part (:func:`plan_judgement`) asks
what a label-copying plan cannot fake: that every fact and analogy it cites is
actually *said* in its prose, that the reason speaks to a challenge the
stakeholder shared, that the alternative is the one that fits the case, and that
nobody the stakeholder distrusts is brought in. Citing everything is not safe:
an id the prose never uses earns nothing and fails the precision checks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from .._text import content_words, overlap, words
from ..errors import PlanError
from ..plan import PushbackPlan
from .checks import CheckResult
from .kit import case_names, withheld
from .plain import PLAN_FIELDS, PLAN_KEY, Plain

if TYPE_CHECKING:
    from ..cases import Case

__all__ = ["plan_from_answer", "rubric_checks", "plan_judgement", "prose", "told_in_prose",
           "nearest_alternative", "FULL_MARKS_AT", "MAX_ANALOGIES", "HiddenCheck"]

HiddenCheck = tuple[str, float, Callable[[PushbackPlan], bool], str]
"""``(name, weight, test, about)``: ``about`` says what it tests and why, never the answer."""

MAX_ANALOGIES = 2
"""One or two well-told analogies persuade; a list of every one in the case reads as padding."""

FULL_MARKS_AT = 0.9
"""Share of the rubric that earns the whole rubric weight (the rest scales linearly)."""

_TEXT = {"acknowledge", "business_reason", "alternative", "opening", "closing", "let_go"}


def plan_from_answer(answer: Plain) -> tuple[PushbackPlan | None, str]:
    """The plan an answer describes, or ``(None, what is wrong)``.

    The answer is ``{"__plan__": {field: value}}`` (what ``PushbackPlan(...)``
    becomes as plain data); every field is checked for its exact type before
    the plan is built, so nothing but text and lists of text reaches the rubric.
    """
    if type(answer) is not dict or PLAN_KEY not in answer or len(answer) != 1:
        return None, "the answer should be a PushbackPlan(...), with each field written out"
    fields = answer[PLAN_KEY]
    if type(fields) is not dict:
        return None, "the answer should be a PushbackPlan(...)"
    clean: dict[str, object] = {}
    for name, value in fields.items():
        if name not in PLAN_FIELDS:
            return None, f"PushbackPlan has no field {name!r}"
        if name in _TEXT:
            if type(value) is not str:
                return None, f"PushbackPlan.{name} should be text"
        elif type(value) is not list or not all(type(v) is str for v in value):
            return None, f"PushbackPlan.{name} should be a list of ids (text)"
        clean[name] = value
    try:
        return PushbackPlan(**clean), ""  # type: ignore[arg-type]
    except PlanError as exc:
        return None, str(exc)


def rubric_checks(answer: Plain, case_id: str, *, weight: float,
                  hidden: list[HiddenCheck]) -> list[CheckResult]:
    """A visible rubric check worth ``weight`` plus named hidden checks on the plan.

    The rubric part earns ``weight * min(1, fraction / FULL_MARKS_AT)``; its
    message is the rubric's own advice for the weakest stage.
    """
    from ..rubric import score
    from .casebook import case

    plan, problem = plan_from_answer(answer)
    results = [CheckResult("form", 0, 0, problem or "the plan is a valid PushbackPlan",
                           passed=plan is not None)]
    if plan is None:
        results.append(CheckResult("rubric score", 0.0, weight, "not checked until the form "
                                   "is right"))
        results.extend(CheckResult(name, 0.0, w, "", hidden=True, about=about)
                       for name, w, _, about in hidden)
        return results
    the_case = case(case_id)
    if not the_case.labelled:  # a kept-back case in a learner's kernel: say so, earn nothing
        results.append(CheckResult("rubric score", 0.0, weight, "", passed=False,
                                   unchecked=withheld(the_case)))
        results.extend(CheckResult(name, 0.0, w, "", hidden=True, about=about)
                       for name, w, _, about in hidden)
        return results
    result = score(plan, the_case)
    earned = round(weight * min(1.0, result.fraction / FULL_MARKS_AT), 4)
    weakest = min(result.criteria, key=lambda c: c.points / c.max_points if c.max_points else 1)
    advice = (f"a strong plan: at least {FULL_MARKS_AT:.0%} of the rubric" if earned >= weight
              else f"{result.total} of {result.max_total} rubric points")
    if result.penalties:
        advice += "; " + "; ".join(p.reason for p in result.penalties)
    if weakest.points < weakest.max_points:
        advice += f"; to improve, work on '{weakest.name}': {weakest.reason}"
    results.append(CheckResult("rubric score", earned, weight, advice))
    for name, w, test, about in hidden:
        try:
            ok = bool(test(plan))
        except Exception:
            ok = False
        results.append(CheckResult(name, w if ok else 0.0, w, "", hidden=True, about=about))
    return results


def prose(plan: PushbackPlan) -> str:
    """Everything the stakeholder would hear or read from the plan."""
    return "\n".join((plan.acknowledge, plan.business_reason, plan.alternative, plan.opening,
                      plan.closing, plan.let_go))


MIN_SHARED = 2
"""Content words an item's text and the prose must share for the item to count as said."""
MIN_REASON_WORDS = 12
"""A business reason shorter than this makes no case, so nothing in the plan earns by omission."""


def told_in_prose(item_text: str, plan: PushbackPlan, case: Case) -> bool:
    """True when the prose carries the item's substance (its own words), not just its id.

    People's names do not count: every fact about Daniel names Daniel.
    """
    names = {w.lower() for n in case_names(case) for w in n.split()}
    shared = {w for w in overlap(item_text, [prose(plan)]) if w not in names}
    return len(shared) >= MIN_SHARED


MIN_ALTERNATIVE_SHARE = 0.25
"""Share of an alternative's own content words a text must use to say it means that option."""


def nearest_alternative(text: str, case: Case) -> tuple[str, bool] | None:
    """``(id, recommended)`` of the case alternative the text clearly means, or None.

    Closeness is the share of the alternative's content words the text uses, so a
    long text does not match everything. A text that uses under a quarter of every
    option's words, or sits as close to two options, does not say which way forward
    it means: "let's find a better way forward next week" matches nothing.
    """
    said = content_words(text)
    scored = []
    for alt in case.alternatives:
        own = content_words(alt.text)
        if own:
            scored.append((len(own & said) / len(own), alt.id, bool(alt.recommended)))
    scored.sort(reverse=True)
    if not scored or scored[0][0] < MIN_ALTERNATIVE_SHARE or (
            len(scored) > 1 and scored[0][0] == scored[1][0]):
        return None
    return scored[0][1], scored[0][2]


def plan_judgement(case: Case, who: str) -> list[HiddenCheck]:
    """The hidden checks every plan question shares (``who``: the stakeholder's first name)."""
    trusted = {a.id for a in case.allies if a.trusted_by_stakeholder}

    def facts_said(p: PushbackPlan) -> bool:
        facts = [case.fact(i) for i in p.evidence]
        return bool(facts) and all(f is not None and f.verified and told_in_prose(f.text, p, case)
                                   for f in facts)

    def analogies_said(p: PushbackPlan) -> bool:
        found = [case.analogy(i) for i in p.analogies]
        return (0 < len(found) <= MAX_ANALOGIES
                and all(a is not None and told_in_prose(a.text, p, case) for a in found))

    def reason_on_challenge(p: PushbackPlan) -> bool:
        cited = [c for c in case.challenges if c.id in p.challenges]
        names = {w.lower() for n in case_names(case) for w in n.split()}
        return bool(cited) and all(len(overlap(p.business_reason, [c.text]) - names) >= MIN_SHARED
                                   for c in cited)

    def alternative_fits(p: PushbackPlan) -> bool:
        found = nearest_alternative(p.alternative, case)
        return found is not None and found[1]

    def allies_trusted(p: PushbackPlan) -> bool:
        said = set(words(prose(p)))
        if len(words(p.business_reason)) < MIN_REASON_WORDS:
            return False  # leaving enlisting out earns this only in a plan that makes a case
        named = all(any(w in said for w in words(a.name) if len(w) > 2)
                    for a in (case.ally(i) for i in p.allies) if a is not None)
        return set(p.allies) <= trusted and named

    return [
        ("the reason speaks to the challenges it cites", 1.0, reason_on_challenge,
         f"whether your business reason, in its own words, answers each challenge you list; "
         f"a challenge id that your sentence never addresses does not show {who} you listened"),
        ("every cited fact is verified and said", 1.0, facts_said,
         "whether each fact you cite is one you can stand behind and is actually put into your "
         "words; a fact the stakeholder never hears persuades no one, and one wrong fact sinks "
         "the case"),
        ("analogies chosen, not collected", 1.0, analogies_said,
         f"whether you chose at most {MAX_ANALOGIES} analogies and told each one in your prose; "
         "an analogy lowers the risk only when the stakeholder hears why it is like their case"),
        ("the alternative fits the case", 1.0, alternative_fits,
         "whether the way forward you recommend is the one that gives the stakeholder what they "
         "want with the least risk, said clearly enough to tell which option you mean"),
        ("enlists only people the stakeholder trusts, by name", 1.0, allies_trusted,
         f"whether everyone you bring in is someone {who} already trusts, named in what you "
         "say; an ally they do not trust weakens the case, and one they never hear about adds "
         "nothing (leaving enlisting out is fine when the case does not need it)"),
    ]
