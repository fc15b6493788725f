"""Score a learner's pushback plan against a case: ``score(plan, case) -> RubricResult``.

One criterion per stage a plan can show (the ``decide`` stage is judged by
:func:`pushback_lib.decide`, not by a plan). Each criterion is worth three
points, earned by small named checks, so the points say exactly what was done
and the reason says what to do next.

The rubric rewards judgement, not label-reading:

- **Substance, not ids.** A fact, challenge, analogy or ally earns credit only
  when the plan's prose (acknowledge, business reason, alternative, opening,
  closing, let-go line) actually uses it: its content words and numbers, or
  the person's name (see :mod:`pushback_lib.rubric.prose`). Listing an id the
  prose never uses earns nothing and costs a point: padding is not evidence.
- **Tied to the stakeholder.** A fact or analogy counts fully only when the
  passage that uses it also speaks to a challenge or want the stakeholder
  stated; a reason must rest on one of their challenges. Boilerplate ("I
  understand your concern.", "It matters for your goal.") earns nothing.
- **Precision, not just recall.** Distractors cost: an unverified fact (cited
  or leaned on in the prose) is an accuracy penalty, an ally the stakeholder
  does not trust works against you, an alternative that bundles several
  options is no recommendation, and an unknown id is a visible error.
- **Customise the recipe.** When the case marks a stage unnecessary (a small
  issue needs no ally or analogy), skipping it loses nothing: the criterion is
  ``not needed`` and worth 0 of 0, and the reason says why. Doing it anyway
  costs a point per item, as overkill.

- **Copying is not using.** A sentence mostly pasted from the case (a fact,
  a challenge, a want, an analogy, an option) earns nothing, in any field:
  credit needs the learner's own words (see :mod:`pushback_lib.rubric.prose`).
- **No oracle.** Reasons and penalties the learner sees say *that* a cited
  fact would not survive a check or an ally is not trusted, never *which*;
  the named version is kept for the debrief (``result.explain(reveal=True)``,
  see :mod:`pushback_lib.rubric.result`).

An aggressive tone (found by the draft analyzer) costs both the delivery
points and credibility. Everything is deterministic: the same plan and case
always give the same result.
"""

from __future__ import annotations

from dataclasses import dataclass

from .._text import has_any, overlap, terms, word_count
from ..cases import Ally, Case
from ..errors import PlanError
from ..plan import PushbackPlan
from ..process import stage
from .prose import Prose, closest_alternatives
from .result import CriterionResult, Penalty, RubricResult

__all__ = ["score", "RubricResult", "CriterionResult", "Penalty"]

UNKNOWN_FACT_PENALTY = 3
UNVERIFIED_FACT_PENALTY = 3
UNKNOWN_ID_PENALTY = 1
UNUSED_ID_PENALTY = 1
UNTRUSTED_ALLY_PENALTY = 2
OVERKILL_PENALTY = 1
AGGRESSIVE_PENALTY = 3

_CONTRADICT = ("wrong", "mistake", "mistaken", "disagree", "misguided", "not right", "forgot",
               "you clearly", "obviously", "nonsense")
"""Words that tell the stakeholder they are wrong: an acknowledgement holding one acknowledges
nothing ("...proud of, but you are wrong.")."""
_PIVOT = ("but", "however", "although", "disagree", "wrong", "mistake")
_AGREE = ("agree", "yes", "you're right", "you are right", "understand", "appreciate", "thank",
          "thanks", "makes sense", "fair point", "good point", "i see why", "i can see",
          "absolutely", "i share", "with you on", "happy to", "glad", "great")
_FORWARD = ("suggest", "propose", "recommend", "could we", "let's", "let us", "next", "plan",
            "together", "would you", "happy to", "how about", "what if", "i'll", "we'll", "shall",
            "i will", "we will", "can we", "shall i")
_CONCRETE = ("today", "tomorrow", "this week", "next week", "monday", "tuesday", "wednesday",
             "thursday", "friday", "days", "weeks", "meeting", "call", "session", "review",
             "pilot", "trial", "test", "wave", "room", "slide", "am", "pm")
_WIN_WIN = ("both", "together", "win", "works for", "everyone", "all of us", "we can", "shared",
            "mutual", "team", "you and", "you get", "you'll get", "you will get", "you keep",
            "you still", "for you", "gets", "we keep", "we get")
_PREFERENCE = ("i think", "i feel", "i like", "i prefer", "i believe", "my gut", "personally",
               "in my opinion", "i just")


@dataclass(frozen=True)
class _Check:
    passed: bool
    praise: str
    hint: str
    weight: int = 1
    named: str = ""
    """The praise with the judged items named, for the debrief only (see ``reveal``)."""


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
    todo = [c.hint for c in checks if not c.passed and c.hint]

    def say(done: list[str]) -> str:
        reason = ("Done: " + "; ".join(done) + "." if done else "")
        if todo:
            reason += (" " if reason else "") + "Next: " + " ".join(todo)
        return reason

    reason = say([c.praise for c in checks if c.passed])
    named = say([c.named or c.praise for c in checks if c.passed])
    return CriterionResult(key, stage(key).name, points, max_points, level,  # type: ignore[arg-type]
                           reason, named if named != reason else "")


def _not_needed(key: str, why: str, extra: list[str]) -> CriterionResult:
    """A stage the case makes unnecessary: worth 0 of 0, whether skipped or (as overkill) done."""
    reason = f"Not needed in this case: {why.rstrip('.')}. Skipping it costs nothing."
    if extra:
        reason = (f"Not needed in this case: {why.rstrip('.')}. You brought {', '.join(extra)} "
                  "anyway, which makes a small point heavier. Next: leave it out.")
    return CriterionResult(key, stage(key).name, 0, 0, "not needed", reason)


def _listen(plan: PushbackPlan, case: Case, prose: Prose) -> CriterionResult:
    text, who = prose.own["acknowledge"], case.stakeholder.name
    view = [*case.stakeholder_wants, case.decision, *(c.text for c in case.challenges)]
    shared = sorted(overlap(text, view))
    pivot = has_any(plan.acknowledge, _PIVOT)
    contradicts = has_any(plan.acknowledge, _CONTRADICT)
    heard = word_count(text) >= 6 and contradicts is None
    pasted = (f"You pasted {who}'s words back: restate them in your own, so they hear you "
              "understood. " if prose.pasted["acknowledge"] else "")
    return _criterion("listen", bool(plan.acknowledge.strip()), [
        _Check(heard, "you acknowledge their view first",
               f"Telling {who} they are '{contradicts}' is not acknowledging them: restate what "
               "they want, and save the disagreement for later." if contradicts else
               pasted + f"Open by restating, in a full sentence of your own, what {who} wants "
               "before you disagree."),
        _Check(heard and len(shared) >= 2, f"in their own terms ({', '.join(shared[:4])})",
               f"Use {who}'s own key terms (what they said they need and why), in your "
               "sentence, not a copy of theirs."),
        _Check(heard and pivot is None, "with no 'but' hiding in it",
               f"Keep the acknowledgement free of '{pivot}': the concern comes later."
               if pivot else ""),
    ])


def _build_case(plan: PushbackPlan, case: Case, prose: Prose) -> CriterionResult:
    reason = prose.own["business_reason"]
    linked = [c for c in case.challenges if prose.uses_in(reason, c.text)]
    facts = [f for f in prose.used(case.facts, plan.evidence) if f.verified]
    tied = [f for f in facts if prose.tied(f.text)]
    preference = has_any(reason, _PREFERENCE)
    example = case.challenges[0] if case.challenges else None
    pasted = ("Sentences pasted from the case earn nothing: say it in your own words. "
              if prose.pasted["business_reason"] else "")
    return _criterion("build_case", bool(plan.business_reason.strip()), [
        _Check(word_count(reason) >= 8 and bool(linked),
               f"a business reason tied to their challenge ({', '.join(c.id for c in linked)})",
               pasted + (f"Say what the decision costs them in business terms, not what you "
                         f"prefer ('{preference}'). " if preference else "")
               + "Tie your reason to a challenge the stakeholder shared, in your own words, and "
               "say what the decision does to it" + (f" (e.g. {example.id})." if example else ".")),
        _Check(bool(facts), "resting on a fact that would survive a check, which your prose uses",
               "Bring a fact you can stand behind and use it in your words (its figures, names, "
               "what it shows), with its id in evidence: an id alone proves nothing.",
               named=f"resting on a verified fact your prose uses ({', '.join(f.id for f in facts)})"),
        _Check(bool(tied), "and you say how it bears on what they want",
               "Say how that fact answers the stakeholder's own challenge or goal, in the same "
               "breath."),
    ])


def _evidence(plan: PushbackPlan, case: Case, prose: Prose) -> CriterionResult:
    used = prose.used(case.analogies, plan.analogies)
    tied = [a for a in used if prose.tied(a.text)]
    inside = [a for a in used if a.in_category]
    return _criterion("evidence", bool(plan.analogies), [
        _Check(bool(used), f"an analogous case your prose tells ({', '.join(a.id for a in used)})",
               "Tell an analogous example or success story from the case in a sentence: what "
               "happened, to whom, with what result."),
        _Check(bool(tied), "linked to their situation",
               "Say why that example speaks to the stakeholder's own challenge or fear."),
        _Check(bool(inside), "close to their own world",
               "Lead with the example closest to their category: a far-off one can only support "
               "it.", named=f"close to their own world ({', '.join(a.id for a in inside)})"),
    ])


def _alternative(plan: PushbackPlan, case: Case, prose: Prose) -> CriterionResult:
    text = prose.own["alternative"]
    best = next(a for a in case.alternatives if a.recommended)
    several = len([m for m in closest_alternatives(case, plan.alternative) if m.share >= 0.5]) > 1
    matches = closest_alternatives(case, text)
    fits = bool(matches) and matches[0].id == best.id and not several
    own_words = prose.goal_terms_in(text) - terms(best.text)
    pasted = bool(prose.pasted["alternative"]) and not matches
    return _criterion("alternative", bool(plan.alternative.strip()), [
        _Check(word_count(text) >= 6 and (any(ch.isdigit() for ch in text)
                                           or has_any(text, _CONCRETE) is not None),
               "a concrete way forward (what, who, by when)",
               "Recommend a different way forward and make it concrete: what happens, and by when."),
        _Check(fits, "the option that fits",
               "You offer several options at once: recommend one." if several else
               "Put the option in your own words: an option pasted from the case shows you can "
               "copy, not that you weighed it." if pasted else
               "Weigh the options in the case: the one you offer is not the one that fits best. "
               "Which gives the stakeholder what they want with the least risk?"
               if matches else "Weigh the options in the case: which one gives the stakeholder "
               "what they want with the least risk?", named=f"the option that fits ({best.id})"),
        _Check(fits and bool(own_words), "and you say what it does for them "
               f"({', '.join(sorted(own_words)[:3])})",
               "Say, in your own words, how the option serves what the stakeholder wants."),
    ])


def _enlist(plan: PushbackPlan, case: Case, prose: Prose) -> CriterionResult:
    who = case.stakeholder.name
    named = [a for a in prose.named(case.allies, plan.allies) if a.trusted_by_stakeholder]
    reasoned = [a for a in named if prose.ally_reason(a)]
    return _criterion("enlist", bool(plan.allies), [
        _Check(bool(named), f"support from someone {who} trusts",
               f"Enlist someone {who} already trusts, and name them in what you say: such a "
               "'co-conspirator' carries more weight than your own team.", weight=2,
               named=f"support from {', '.join(a.name for a in named)}, whom {who} trusts"),
        _Check(bool(reasoned), "and you say what they bring",
               "Say what that person brings (what they know, saw or decide), not only their name."),
    ])


def _tone(plan: PushbackPlan) -> list[str]:
    """Quotes the analyzer flags as aggressive (empty when the tone is fine).

    The plan is read as the message it assembles, each field a paragraph, so the
    analyzer's paragraph check catches one hostile line in an otherwise calm plan.
    """
    from ..analyzer import analyze  # deferred: the analyzer is only needed when scoring

    analysis = analyze("\n\n".join(t for t in (plan.draft(), plan.let_go) if t.strip()))
    if "aggressive" not in analysis.flags:
        return []
    quotes = [f.quote for f in analysis.findings if f.label == "aggressive"]
    return quotes or ["(the overall tone)"]


def _deliver(plan: PushbackPlan, case: Case, prose: Prose, aggressive: list[str]) -> CriterionResult:
    who = case.stakeholder.name
    first = who.split()[0].lower()
    opening, reason = prose.own["opening"], prose.own["business_reason"]
    personal = (bool(prose.view_terms_in(opening))
                or first in opening.lower().replace(",", " ").split())
    result = _criterion("deliver", bool(plan.opening.strip() or plan.draft()), [
        _Check(has_any(opening, _AGREE) is not None and word_count(opening) >= 5
               and personal, "opens with agreement about something of theirs",
               f"Open with genuine agreement about something {who} said or wants, the top slice "
               "of the Yes Sandwich: a bare 'I understand' is a formula."),
        _Check(word_count(reason) >= 8 and bool(prose.goal_terms_in(reason)),
               "the concern in the middle, in business terms",
               "Put your concern in the middle, in terms of their business."),
        _Check(has_any(" ".join((prose.own["alternative"], prose.own["closing"])), _FORWARD)
               is not None,
               "ends on a positive way forward",
               "End on a positive way forward: what you propose to do next."),
    ])
    if not aggressive:
        return result
    quoted = "; ".join(f'"{q}"' for q in aggressive[:3])
    return CriterionResult("deliver", result.name, 0, result.max_points, "weak",
                           f"Reads as aggressive ({quoted}): an aggressive pushback never works. "
                           "Next: rewrite it calmly, on the content, as a 'Yes, but...' person.")


def _close(plan: PushbackPlan, case: Case, prose: Prose, aggressive: list[str]) -> CriterionResult:
    from ..analyzer.tone import PARTING_SHOTS  # the one tone vocabulary (deferred, as analyze is)

    sour = has_any(plan.let_go, PARTING_SHOTS)
    hostile = [q for q in aggressive if q in plan.let_go]
    graceful = word_count(prose.own["let_go"]) >= 5 and sour is None and not hostile
    closing = prose.own["closing"]
    gains = prose.goal_terms_in(closing)
    return _criterion("close", bool(plan.closing.strip() or plan.let_go.strip()), [
        _Check(word_count(closing) >= 6 and (has_any(closing, _FORWARD) is not None
                                             or has_any(closing, _CONCRETE) is not None),
               "a closing that proposes the next step", "Close by proposing the next step."),
        _Check(has_any(closing, _WIN_WIN) is not None and bool(gains),
               f"aimed at a win/win that names what they gain ({', '.join(sorted(gains)[:3])})",
               f"Aim the close at an outcome where both {case.stakeholder.name} and you win, and "
               "name what they gain in their own terms."),
        _Check(graceful, "a graceful let-go line",
               f"Your let-go line sounds like a parting shot ('{sour or hostile[0]}'); keep it "
               "gracious." if sour or hostile else "Add a graceful let-go line for a final no: "
               "respect the decision, thank them, keep the door open."),
    ])


def _penalties(plan: PushbackPlan, case: Case, prose: Prose, aggressive: list[str],
               skipped: dict[str, str]) -> list[Penalty]:
    out: list[Penalty] = []
    for fid in dict.fromkeys(plan.evidence):
        fact = case.fact(fid)
        if fact is None:
            out.append(Penalty(UNKNOWN_FACT_PENALTY, "evidence", fid,
                               f"{fid!r} is not a fact of this case: one wrong statement sinks "
                               "a pushback. Cite only ids from the case's facts."))
        elif not fact.verified:
            out.append(Penalty(UNVERIFIED_FACT_PENALTY, "evidence", "",
                               "One fact you cite would not survive a check against a prop: "
                               "before you rely on a fact, ask where it comes from and whether "
                               "anyone could show it.", revealed_ref=fid,
                               revealed=f"{fid!r} is unverified ({fact.text.strip()}) Check it "
                               "before you rely on it, or leave it out."))
        if fact is not None and not prose.uses(fact.text):  # verified or not: no elimination clue
            out.append(Penalty(UNUSED_ID_PENALTY, "evidence", fid,
                               f"You list {fid!r} but your prose never uses it: say what it "
                               "shows, or drop it."))
    for fact in case.facts:
        if not fact.verified and fact.id not in plan.evidence and prose.leans_on(fact.text):
            out.append(Penalty(UNVERIFIED_FACT_PENALTY, "prose", "",
                               "Your prose leans on something that would not survive a check "
                               "against a prop: say only what you could show.",
                               revealed_ref=fact.id,
                               revealed=f"Your prose leans on {fact.id!r}, which is unverified "
                               f"({fact.text.strip()}) Check it before you say it."))
    lookups = (("challenges", case.challenge, ""), ("analogies", case.analogy, "evidence"),
               ("allies", case.ally, "enlist"))
    for field, find, stage_key in lookups:
        for ref in dict.fromkeys(getattr(plan, field)):
            item = find(ref)
            if item is None:
                out.append(Penalty(UNKNOWN_ID_PENALTY, field, ref,
                                   f"{ref!r} is not among this case's {field}."))
            elif stage_key in skipped:
                out.append(Penalty(OVERKILL_PENALTY, field, ref,
                                   f"{ref!r}: this case does not need the {stage_key} stage "
                                   f"({skipped[stage_key].rstrip('.')})."))
            elif isinstance(item, Ally) and not item.trusted_by_stakeholder:
                who = case.stakeholder.name
                out.append(Penalty(UNTRUSTED_ALLY_PENALTY, field, "",
                                   f"One person you enlist does not carry weight with {who} on "
                                   "this: ask whose word they already rely on.", revealed_ref=ref,
                                   revealed=f"{item.name} is not someone {who} trusts on this: "
                                   "enlisting them works against you."))
            if item is not None and stage_key not in skipped and not prose.uses_item(item):
                out.append(Penalty(UNUSED_ID_PENALTY, field, ref,
                                   f"You list {ref!r} but your prose never uses it: say how it "
                                   "bears on their challenge, or drop it."))
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
    case.require_labels("score()")  # a case kept back: LabelsWithheld says when it opens
    aggressive = _tone(plan)
    prose = Prose(plan, case)
    skipped = case.unnecessary_stages.reasons()
    done = {"evidence": list(plan.analogies), "enlist": list(plan.allies),
            "alternative": ["an alternative"] if plan.alternative.strip() else []}
    scored = {"evidence": _evidence, "alternative": _alternative, "enlist": _enlist}
    middle = tuple(_not_needed(key, skipped[key], done[key]) if key in skipped
                   else scored[key](plan, case, prose) for key in ("evidence", "alternative", "enlist"))
    criteria = (_listen(plan, case, prose), _build_case(plan, case, prose), *middle,
                _deliver(plan, case, prose, aggressive), _close(plan, case, prose, aggressive))
    return RubricResult(case.id, criteria, tuple(_penalties(plan, case, prose, aggressive, skipped)))
