"""Two ways to show a case: the learner's brief, and the debrief after the learner commits.

A case carries the expert's judgements: which facts are verified, which
analogies are in the category, which alternative fits, which allies the
stakeholder trusts, which stages a small issue can skip, and what the expert
did. Shown up front, those labels turn every exercise into label-reading, so
the learner-facing view (:func:`brief`, also what ``Case`` shows in a notebook
and as ``str(case)``) leaves them out: the learner sees the same documents a
practitioner would, and judges.

:func:`debrief` is the reveal, meant to be called after the learner has made
and written down their own call. It shows every label with the one-line reason
behind it and the expert outcome; given the learner's plan (and their call),
it also says, item by item, where the two agree and where they differ::

    case = pb.load_case("niche_recruitment")
    case                                  # the brief: no labels
    my_plan = pb.PushbackPlan(...)        # the learner commits first
    pb.debrief(case, my_plan, call="push_back")   # or case.debrief(my_plan, ...)
"""

from __future__ import annotations

from dataclasses import dataclass

from .._html import Raw, badge, fragment, table
from .._text import content_words
from ..errors import PushbackError
from ..plan import PushbackPlan
from .model import CHOICES, Case

__all__ = ["brief", "brief_markdown", "brief_html", "debrief", "Debrief", "DebriefRow"]

_KIND = {"example": "example", "success_story": "success story"}
_CALL = {"push_back": "push back", "let_go": "let go"}


def _sections(case: Case) -> list[tuple[str, list[str]]]:
    """The learner's view as (heading, lines): everything a practitioner would have, no labels."""
    def person(p: object) -> str:
        name, role, org = (getattr(p, k) for k in ("name", "role", "organisation"))
        return f"{name}, {role}" + (f" ({org})" if org else "")

    return [
        ("Who", [f"You: {person(case.you)}", f"Stakeholder: {person(case.stakeholder)}"]),
        ("Situation", [case.situation]),
        ("The decision you may want to challenge", [case.decision]),
        (f"What {case.stakeholder.name} wants", list(case.stakeholder_wants)),
        ("Challenges they have shared", [f"{c.id}: {c.text}" for c in case.challenges]),
        ("What you know (check each one before you rely on it)",
         [f"{f.id} [{f.prop.replace('_', ' ')}]: {f.text}" for f in case.facts]),
        ("Analogous examples you could use",
         [f"{a.id} [{_KIND[a.kind]}]: {a.text}" for a in case.analogies]),
        ("What is at stake", [case.stakes]),
        ("The relationship", [case.relationship]),
        ("Options on the table", [f"{a.id}: {a.text}" for a in case.alternatives]),
        ("People who could support you", [f"{a.id}: {a.name}, {a.role}" for a in case.allies]),
    ]


def brief(case: Case) -> str:
    """The case as plain text for the learner: no verified, category, trust or expert labels."""
    lines = [case.title, "=" * len(case.title)]
    for heading, items in _sections(case):
        lines += ["", heading + ":"] + [f"- {item}" for item in items]
    return "\n".join(lines)


def brief_markdown(case: Case) -> str:
    """The learner's brief as Markdown (for a lesson cell or a handout); no labels."""
    out = [f"### {case.title}"]
    for heading, items in _sections(case):
        out += ["", f"**{heading}**", ""] + [f"- {item}" for item in items]
    return "\n".join(out)


def brief_html(case: Case) -> Raw:
    """The learner's brief as escaped HTML: what a ``Case`` shows in a notebook."""
    return fragment(_BRIEF, title=case.title, sections=list(_sections(case)))


_BRIEF = ("<div><h4>{{ title }}</h4>{% for heading, items in sections %}<p><strong>{{ heading }}</strong>"
          "</p><ul>{% for i in items %}<li>{{ i }}</li>{% endfor %}</ul>{% endfor %}"
          "<p><em>Which of these you can rely on, and how the story ended, stay hidden "
          "until you have made your own call: then run <code>pb.debrief(case, "
          "your_plan, call=...)</code>.</em></p></div>")


@dataclass(frozen=True)
class DebriefRow:
    """One labelled item of the case, as the debrief shows it."""

    kind: str
    """``fact``, ``analogy``, ``alternative``, ``ally`` or ``stage``."""
    id: str
    text: str
    label: str
    """The expert's label in words, e.g. ``not verified`` or ``trusted by Khalid Rahman``."""
    good: bool
    """True when the label makes the item a good pick (verified, in the category, ...)."""
    yours: bool | None
    """Whether the learner's plan picked it; None when no plan was given."""
    verdict: str
    """How the learner's pick compares with the label; empty when no plan was given."""
    why: str


@dataclass(frozen=True)
class Debrief:
    """The reveal: every label with its reason, the expert outcome, and the learner's picks."""

    case_id: str
    title: str
    rows: tuple[DebriefRow, ...]
    your_call: str
    """``push_back``, ``let_go`` or empty when the learner's call was not given."""
    expert_call: str
    expert_summary: str
    expert_reasoning: str
    decision_inputs: tuple[tuple[str, float], ...]

    def rows_of(self, kind: str) -> tuple[DebriefRow, ...]:
        return tuple(r for r in self.rows if r.kind == kind)

    @property
    def differences(self) -> tuple[DebriefRow, ...]:
        """The items where the learner's pick and the expert's label disagree."""
        return tuple(r for r in self.rows if r.yours is not None and r.yours != r.good)

    def _call_line(self) -> str:
        expert = _CALL[self.expert_call]
        if not self.your_call:
            return f"The expert's call: {expert}."
        if self.your_call == self.expert_call:
            return f"Your call: {_CALL[self.your_call]}; the expert agrees."
        return (f"Your call: {_CALL[self.your_call]}; the expert's: {expert}. Read the reasoning "
                "below and name the input you weighed differently.")

    def __str__(self) -> str:
        lines = [f"Debrief: {self.title}", self._call_line(), f"What happened: {self.expert_summary}",
                 f"Why: {self.expert_reasoning}"]
        for r in self.rows:
            mine = "" if r.yours is None else (" [yours]" if r.yours else " [not yours]")
            verdict = f" {r.verdict}" + ("" if r.verdict.endswith("?") else ".") if r.verdict else ""
            lines.append(f"- {r.kind} {r.id}: {r.label}{mine}.{verdict} {r.why}")
        lines.append("The expert's reading of the situation: " + ", ".join(
            f"{name.replace('_', ' ')} {value:.2f}" for name, value in self.decision_inputs))
        return "\n".join(lines)

    def __repr__(self) -> str:
        """Short, for the notebook's text/plain beside the HTML table; ``str()`` has it all."""
        compared = sum(r.yours is not None for r in self.rows)
        return (f"Debrief(case_id={self.case_id!r}, items={len(self.rows)}, "
                f"differences={len(self.differences) if compared else 'no plan given'})")

    def _repr_html_(self) -> str:
        has_plan = any(r.yours is not None for r in self.rows)
        headers = ("Item", "Text", "Label", *(("Yours?", "Verdict") if has_plan else ()), "Why")
        body = []
        for r in self.rows:
            label = badge(r.label, "#009E73" if r.good else "#D55E00")
            extra = (("yes" if r.yours else "no", r.verdict),) if has_plan else ()
            body.append((f"{r.kind}: {r.id}", r.text, label, *(x for e in extra for x in e), r.why))
        inputs = ", ".join(f"{n.replace('_', ' ')} {v:.2f}" for n, v in self.decision_inputs)
        return fragment(_DEBRIEF, call_line=self._call_line(), summary=self.expert_summary,
                        reasoning=self.expert_reasoning, inputs=inputs,
                        table=table(headers, body, caption=f"Debrief: {self.title}"))


_DEBRIEF = ("<div><p><strong>{{ call_line }}</strong></p><p>What happened: {{ summary }}</p>"
            "<p>Why: {{ reasoning }}</p>{{ table }}"
            "<p>The expert's reading of the situation: {{ inputs }}.</p></div>")


def _verdict(yours: bool | None, good: bool, take: str, trap: str, miss: str, skip: str) -> str:
    if yours is None:
        return ""
    if yours:
        return take if good else trap
    return miss if good else skip


def _closest_alternative(case: Case, text: str) -> str:
    """The id of the case alternative the learner's own words are closest to ('' if none)."""
    mine = content_words(text)
    if not mine:
        return ""
    best, best_share = "", 0.0
    for alt in case.alternatives:
        theirs = content_words(alt.text)
        share = len(mine & theirs) / len(theirs) if theirs else 0.0
        if share > best_share:
            best, best_share = alt.id, share
    return best if best_share >= 0.25 else ""


def debrief(case: Case, plan: PushbackPlan | None = None, call: str | None = None) -> Debrief:
    """The reveal, for after the learner commits: labels, reasons, expert outcome, comparison.

    ``plan`` (the learner's ``PushbackPlan``) marks which items they picked and
    says where that differs from the expert; ``call`` (``"push_back"`` or
    ``"let_go"``) compares their decision with the expert's.
    """
    if call is not None and call not in CHOICES:
        raise PushbackError(f"debrief(): call must be one of {', '.join(CHOICES)}, got {call!r}")
    if plan is not None and not isinstance(plan, PushbackPlan):
        raise PushbackError(f"debrief(): plan must be a PushbackPlan, got {type(plan).__name__}")
    inputs, outcome = case.expert("the debrief")  # a case kept back: it opens after grading
    who = case.stakeholder.name

    def picked(ids: tuple[str, ...], item_id: str) -> bool | None:
        return None if plan is None else item_id in ids

    rows: list[DebriefRow] = []
    for f in case.facts:
        yours = picked(plan.evidence if plan else (), f.id)
        rows.append(DebriefRow("fact", f.id, f.text, "verified" if f.verified else "not verified",
                               bool(f.verified), yours, _verdict(
                                   yours, bool(f.verified), "Right to cite", "A trap: you cited it "
                                   "unchecked", "Verified, and you left it out: would it have "
                                   "helped?", "Rightly left out"), f.why))
    skip_analogies = case.unnecessary("evidence")
    for a in case.analogies:
        yours = picked(plan.analogies if plan else (), a.id)
        good = bool(a.in_category) and not skip_analogies
        rows.append(DebriefRow("analogy", a.id, a.text,
                               ("in the category" if a.in_category else "outside the category")
                               + f", {_KIND[a.kind]}", good, yours, _verdict(
                                   yours, good, "A strong pick", "Weaker than it looks here",
                                   "In the category, and you left it out", "Fair to leave out"),
                               a.why))
    mine = _closest_alternative(case, plan.alternative) if plan else ""
    for alt in case.alternatives:
        yours = None if plan is None else alt.id == mine
        rows.append(DebriefRow("alternative", alt.id, alt.text,
                               "recommended" if alt.recommended else "not recommended",
                               bool(alt.recommended), yours, _verdict(
                                   yours, bool(alt.recommended), "Your alternative is close to it",
                                   "Your alternative is close to this weaker option",
                                   "The expert's pick; compare it with yours", ""), alt.why))
    skip_allies = case.unnecessary("enlist")
    for ally in case.allies:
        yours = picked(plan.allies if plan else (), ally.id)
        good = bool(ally.trusted_by_stakeholder) and not skip_allies
        label = (f"trusted by {who}" if ally.trusted_by_stakeholder else f"not trusted by {who}")
        rows.append(DebriefRow("ally", ally.id, f"{ally.name}, {ally.role}", label, good, yours,
                               _verdict(yours, good, "A good ally", "A distractor: enlisting them "
                                        "works against you", f"{who} trusts them: worth enlisting",
                                        "Rightly left out"), ally.why))
    plan_fields = {"evidence": "analogies", "enlist": "allies", "alternative": "alternative"}
    for key, why in case.unnecessary_stages.reasons().items():
        used = None if plan is None else bool(getattr(plan, plan_fields[key]))
        rows.append(DebriefRow("stage", key, f"The {key} stage", "unnecessary in this case",
                               False, used, _verdict(used, False, "", "You did it anyway: "
                                                     "overkill here", "", "Rightly skipped"), why))
    return Debrief(case.id, case.title, tuple(rows), call or "", outcome.choice, outcome.summary,
                   outcome.reasoning, tuple(vars(inputs).items()))
