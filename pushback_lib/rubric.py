"""Score a learner's pushback plan against a case: ``score(plan, case) -> RubricResult``.

One criterion per stage a plan can show (the ``decide`` stage is judged by
:func:`pushback_lib.decide`, not by a plan). Each criterion is worth three
points, earned by small named checks, so the points say exactly what was done
and the reason says what to do next. Accuracy is enforced as the source articles
insist: an id the case does not hold, or an unverified fact, is a visible
penalty taken off the total, and an aggressive tone costs both the delivery
points and credibility. Everything is deterministic: the same plan and case
always give the same result.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._text import has_any, overlap, word_count
from .case import Case
from .errors import PlanError
from .plan import PushbackPlan
from .process import stage
from .rubric_result import CriterionResult, Penalty, RubricResult

__all__ = ["score", "RubricResult", "CriterionResult", "Penalty"]

UNKNOWN_FACT_PENALTY = 3
UNVERIFIED_FACT_PENALTY = 2
UNKNOWN_ID_PENALTY = 1
AGGRESSIVE_PENALTY = 3

_PIVOT = ("but", "however", "although", "disagree", "wrong", "mistake")
_AGREE = ("agree", "yes", "you're right", "you are right", "understand", "appreciate", "thank",
          "thanks", "makes sense", "fair point", "good point", "i see why", "i can see",
          "absolutely", "i share", "with you on")
_FORWARD = ("suggest", "propose", "recommend", "could we", "let's", "let us", "next", "plan",
            "together", "would you", "happy to", "how about", "what if", "i'll", "we'll", "shall")
_CONCRETE = ("today", "tomorrow", "this week", "next week", "monday", "tuesday", "wednesday",
             "thursday", "friday", "days", "weeks", "meeting", "call", "session", "review",
             "pilot", "trial", "test", "wave", "room", "slide")
_WIN_WIN = ("both", "together", "win", "works for", "everyone", "all of us", "we can", "shared",
            "mutual", "team", "you and", "for you", "your goal", "your aim")


@dataclass(frozen=True)
class _Check:
    passed: bool
    praise: str
    hint: str
    weight: int = 1


def _criterion(key: str, present: bool, checks: list[_Check]) -> CriterionResult:
    points = sum(c.weight for c in checks if c.passed)
    max_points = sum(c.weight for c in checks)
    if not present:
        level = "missing"
    elif points == max_points:
        level = "strong"
    elif points * 3 >= max_points * 2:
        level = "good"
    else:
        level = "weak"
    done = [c.praise for c in checks if c.passed]
    todo = [c.hint for c in checks if not c.passed and c.hint]
    reason = ("Done: " + "; ".join(done) + "." if done else "")
    if todo:
        reason += (" " if reason else "") + "Next: " + " ".join(todo)
    return CriterionResult(key, stage(key).name, points, max_points, level, reason)  # type: ignore[arg-type]


def _listen(plan: PushbackPlan, case: Case) -> CriterionResult:
    text, who = plan.acknowledge, case.stakeholder.name
    view = [*case.stakeholder_wants, case.decision, *(c.text for c in case.challenges)]
    shared = sorted(overlap(text, view))
    pivot = has_any(text, _PIVOT)
    return _criterion("listen", bool(text.strip()), [
        _Check(word_count(text) >= 6, "you acknowledge their view first",
               f"Open by restating, in a full sentence, what {who} wants before you disagree."),
        _Check(len(shared) >= 2, f"in their own terms ({', '.join(shared[:4])})",
               f"Use {who}'s own terms, e.g. \"{case.stakeholder_wants[0].rstrip('.')}\"."
               if case.stakeholder_wants else f"Use {who}'s own terms."),
        _Check(word_count(text) >= 6 and pivot is None, "with no 'but' hiding in it",
               f"Keep the acknowledgement free of '{pivot}': the concern comes later."
               if pivot else ""),
    ])


def _build_case(plan: PushbackPlan, case: Case) -> CriterionResult:
    linked = [c.id for c in case.challenges
              if c.id in plan.challenges or len(overlap(plan.business_reason, [c.text])) >= 2]
    facts = [f for f in (case.fact(i) for i in plan.evidence) if f is not None and f.verified]
    example = case.challenges[0] if case.challenges else None
    return _criterion("build_case", bool(plan.business_reason.strip()), [
        _Check(word_count(plan.business_reason) >= 8, "a business reason, not a preference",
               "State the business reason for your concern in a sentence or two."),
        _Check(bool(linked), f"tied to their challenge ({', '.join(linked)})",
               "Link the reason to a challenge the stakeholder shared"
               + (f", e.g. {example.id}: \"{example.text.rstrip('.')}\"." if example else ".")),
        _Check(bool(facts), f"resting on verified props ({', '.join(sorted({f.prop for f in facts}))})",
               "Support it with a verified fact from a prop (brief, contact report, email "
               "chain...): put its id in evidence."),
    ])


def _evidence(plan: PushbackPlan, case: Case) -> CriterionResult:
    used = [a for a in (case.analogy(i) for i in plan.analogies) if a is not None]
    available = {a.in_category for a in case.analogies}
    covered = {a.in_category for a in used}
    return _criterion("evidence", bool(plan.analogies), [
        _Check(bool(used), "an analogous situation",
               "Bring an analogous example or success story from the case."),
        _Check(any(a.kind == "success_story" for a in used) or len(used) >= 2,
               "more than one reassurance",
               "Add a success story: what others gained lowers the fear of something new."),
        _Check(bool(covered) and covered >= available, "from inside and outside the category",
               "Add an example from " + {frozenset({True}): "outside the category as well.",
                                         frozenset({False}): "inside the category as well."}
               .get(frozenset(covered), "inside and from outside the category.")),
    ])


def _alternative(plan: PushbackPlan, case: Case) -> CriterionResult:
    text = plan.alternative
    best = next((a for a in case.alternatives if a.recommended), None)
    matches = best is not None and len(overlap(text, [best.text])) >= 3
    return _criterion("alternative", bool(text.strip()), [
        _Check(word_count(text) >= 6, "a different way forward, not just an objection",
               "Recommend a different way forward: 'I disagree' alone does not sell."),
        _Check(matches, "the option an expert would pick",
               "Weigh the options in the case: which one gives the stakeholder what they want "
               "with the least risk?"),
        _Check(any(ch.isdigit() for ch in text) or has_any(text, _CONCRETE) is not None,
               "concrete (what, who, by when)", "Make it concrete: what happens, and by when."),
    ])


def _enlist(plan: PushbackPlan, case: Case) -> CriterionResult:
    allies = [a for a in (case.ally(i) for i in plan.allies) if a is not None]
    trusted = [a.name for a in allies if a.trusted_by_stakeholder]
    return _criterion("enlist", bool(plan.allies), [
        _Check(bool(allies), f"support from {', '.join(a.name for a in allies)}",
               "Name someone from the case who can support you.", weight=2),
        _Check(bool(trusted), f"whom {case.stakeholder.name} trusts",
               f"Choose someone {case.stakeholder.name} already trusts: such a "
               "'co-conspirator' carries more weight than your own team."),
    ])


def _tone(plan: PushbackPlan) -> list[str]:
    """Quotes the analyzer flags as aggressive (empty when the tone is fine).

    The plan is read as the message it assembles, each field a paragraph, so the
    analyzer's paragraph check catches one hostile line in an otherwise calm plan.
    """
    from .analyzer import analyze  # deferred: the analyzer is only needed when scoring

    analysis = analyze("\n\n".join(t for t in (plan.draft(), plan.let_go) if t.strip()))
    if "aggressive" not in analysis.flags:
        return []
    quotes = [f.quote for f in analysis.findings if f.label == "aggressive"]
    return quotes or ["(the overall tone)"]


def _deliver(plan: PushbackPlan, aggressive: list[str]) -> CriterionResult:
    forward = " ".join((plan.alternative, plan.closing))
    result = _criterion("deliver", bool(plan.opening.strip() or plan.draft()), [
        _Check(has_any(plan.opening, _AGREE) is not None, "opens with agreement",
               "Open with genuine agreement, the top slice of the Yes Sandwich."),
        _Check(word_count(plan.business_reason) >= 8, "the concern in the middle",
               "Put your concern in the middle, grounded in the business."),
        _Check(has_any(forward, _FORWARD) is not None, "ends on a positive way forward",
               "End on a positive way forward: what you propose to do next."),
    ])
    if not aggressive:
        return result
    quoted = "; ".join(f'"{q}"' for q in aggressive[:3])
    return CriterionResult("deliver", result.name, 0, result.max_points, "weak",
                           f"Reads as aggressive ({quoted}): an aggressive pushback never works. "
                           "Rewrite it calmly, on the content, as a 'Yes, but...' person.")


def _close(plan: PushbackPlan, case: Case, aggressive: list[str]) -> CriterionResult:
    from .analyzer.tone import PARTING_SHOTS  # the one tone vocabulary (deferred, as analyze is)

    sour = has_any(plan.let_go, PARTING_SHOTS)
    hostile = [q for q in aggressive if q in plan.let_go]
    graceful = word_count(plan.let_go) >= 5 and sour is None and not hostile
    return _criterion("close", bool(plan.closing.strip() or plan.let_go.strip()), [
        _Check(word_count(plan.closing) >= 6, "a closing that proposes the next step",
               "Close by proposing the next step."),
        _Check(has_any(plan.closing, _WIN_WIN) is not None, "aimed at a win/win",
               f"Aim the close at an outcome where both {case.stakeholder.name} and you win."),
        _Check(graceful, "a graceful let-go line",
               f"Your let-go line sounds like a parting shot ('{sour or hostile[0]}'); keep it "
               "gracious." if sour or hostile else "Add a graceful let-go line for a final no: "
               "respect the decision, thank them, keep the door open."),
    ])


def _penalties(plan: PushbackPlan, case: Case, aggressive: list[str]) -> list[Penalty]:
    out: list[Penalty] = []
    for fid in dict.fromkeys(plan.evidence):
        fact = case.fact(fid)
        if fact is None:
            out.append(Penalty(UNKNOWN_FACT_PENALTY, "evidence", fid,
                               f"{fid!r} is not a fact of this case: one wrong statement sinks "
                               "a pushback. Cite only ids from the case's facts."))
        elif not fact.verified:
            out.append(Penalty(UNVERIFIED_FACT_PENALTY, "evidence", fid,
                               f"{fid!r} is unverified ({fact.text.strip()}) Check it before "
                               "you rely on it, or leave it out."))
    lookups = (("challenges", case.challenge), ("analogies", case.analogy), ("allies", case.ally))
    for field, find in lookups:
        for ref in dict.fromkeys(getattr(plan, field)):
            if find(ref) is None:
                out.append(Penalty(UNKNOWN_ID_PENALTY, field, ref,
                                   f"{ref!r} is not among this case's {field}."))
    if aggressive:
        out.append(Penalty(AGGRESSIVE_PENALTY, "tone", "aggressive",
                           "An aggressive tone costs credibility, whatever the content."))
    return out


def score(plan: PushbackPlan, case: Case) -> RubricResult:
    """Score ``plan`` against ``case``: one criterion per stage, penalties, total."""
    if not isinstance(plan, PushbackPlan):
        raise PlanError(f"score() needs a PushbackPlan as its first argument, got "
                        f"{type(plan).__name__}")
    if not isinstance(case, Case):
        raise PlanError(f"score() needs a Case as its second argument (use load_case), got "
                        f"{type(case).__name__}")
    aggressive = _tone(plan)
    criteria = (_listen(plan, case), _build_case(plan, case), _evidence(plan, case),
                _alternative(plan, case), _enlist(plan, case), _deliver(plan, aggressive),
                _close(plan, case, aggressive))
    return RubricResult(case.id, criteria, tuple(_penalties(plan, case, aggressive)))

