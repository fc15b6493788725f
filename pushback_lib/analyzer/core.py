"""``analyze(text, case=None)``: a learned model makes each call and says how sure; rules explain it.

Why two halves: a model trained on thousands of drafts by many writers
(``corpus/``) generalises to phrasing nobody here wrote, but cannot point at
words; the hand-written rules (:mod:`.rules`) point at words and say why, but
miss phrasing they have never met. So the model's calibrated probability
decides each label (:mod:`.model`), and the rules supply the highlighted
spans for the labels the model found, worked out only when the findings are
first read. A label whose probability lies between ``UNSURE_LOW`` and
``UNSURE_HIGH`` is reported in ``Analysis.unsure``, so the learner is told
"not sure" instead of being praised or blamed on a guess.

A short draft gives the model too little to read, so there a flag also needs
the tone rules to agree, or it is "not sure" (:mod:`.short`). A long draft can
hide one clear move among unrelated words, so a hostile paragraph and an
acknowledging sentence are also read apart, each only where the model and the
rules agree on it.

Two rules of the labelling guide (``corpus/GUIDE.md``) are applied after the
model, because a learner must never be praised for hostility: a draft read as
aggressive gets no ``acknowledge`` and no ``let_go``, and ``opinion_only``
needs the absence of both a business reason and evidence.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice
from typing import TYPE_CHECKING

from .labels import COMPONENTS, CONTRADICTION, DEFINITIONS, FLAGS, NOT_SURE, hard_rules
from .restate import checking_question
from .result import Analysis, Contradiction, Finding
from .rules import apply_rules, check_inputs, label_spans, rules_find
from .short import cap_bare_token, gate_short_flags
from .suggest import EMPTY, suggestions

if TYPE_CHECKING:
    from pushback_lib.cases import Case

    from .model import LabelModel

__all__ = ["analyze", "praise_withheld", "UNSURE_LOW", "UNSURE_HIGH", "PRAISE_GUARD",
           "UNSURE_PRAISE_GUARD"]

LABELS = (*COMPONENTS, *FLAGS)
UNSURE_LOW, UNSURE_HIGH = 0.2, 0.8
"""Probabilities strictly between these are not called with confidence."""
PRAISE_GUARD = UNSURE_LOW
"""No ``acknowledge`` or ``let_go`` credit unless ``aggressive`` is confidently ruled out (its
probability at most this). Warmth beside a jab reads as sarcasm, and praising it teaches the wrong
thing; since both labels are capped at 1 - p(aggressive), a withheld label always sits in the
"not sure" band (or below it), so the learner is told "not sure whether...", never praised.
Measured on unseen training writers: aggressive drafts credited fall from 26 to 15 of 358, at a
cost of 0.0005 in components macro-F1 (corpus/README.md)."""
UNSURE_PRAISE_GUARD = 0.1
"""A praise the model is itself not sure of (below ``UNSURE_HIGH``) needs hostility ruled out more
firmly: p(aggressive) at most this. Sarcasm borrows the words of a sincere acknowledgement, so the
model is often unsure of both at once ("I understand. Clearly a PhD and eight years at DeepMind
isn't quite enough for you.": acknowledge 0.58, aggressive 0.16). Measured on unseen training
writers t1-t9 (corpus/README.md, "Third round"): aggressive drafts credited
fall from 15 to 9 of 611, components macro-F1 unchanged (0.880)."""
_PRAISE = ("acknowledge", "let_go")
_FLAG_COST = 0.15
_CONTRADICTION_COST = 0.15
_CITED_FACT_CONFIDENCE = 0.95
_MAX_PIECES = 60  # sentences or paragraphs read one by one, at most
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?!\s*\n))+")
_MODEL: list[LabelModel] = []


def _model() -> LabelModel:
    if not _MODEL:
        from .model import load_model

        _MODEL.append(load_model())
    return _MODEL[0]


def _consistent(p: dict[str, float]) -> dict[str, float]:
    """Apply the guide's hard rules to the probabilities (never praise hostility)."""
    out = dict(p)
    hostile = out["aggressive"]
    for label in ("acknowledge", "let_go"):
        out[label] = min(out[label], 1.0 - hostile)
    out["opinion_only"] = min(out["opinion_only"], 1.0 - max(out["business_reason"], out["evidence"]))
    return out


def praise_withheld(p: dict[str, float]) -> frozenset[str]:
    """The praise labels (``acknowledge``, ``let_go``) held back from a draft with these final
    probabilities because hostility is not ruled out firmly enough: any praise while p(aggressive)
    is above ``PRAISE_GUARD``, and a praise the model is not sure of while it is above
    ``UNSURE_PRAISE_GUARD``. The learner reads "not sure whether..." instead."""
    hostile = p["aggressive"]
    return frozenset(label for label in _PRAISE
                     if hostile > PRAISE_GUARD or (hostile > UNSURE_PRAISE_GUARD and p[label] < UNSURE_HIGH))


def _hostile_paragraph(text: str, model: LabelModel) -> float:
    """The highest aggressive probability of a paragraph that the model calls confidently hostile
    and the rules' tone lexicon agrees with (0.0 when there is none).

    One clear instance is enough (the labelling guide), but a whole-draft reading lets a polite
    frame dilute one hostile paragraph. Two independent readers agreeing on the paragraph keeps
    precision: on unseen training writers this scored F1 0.847 against 0.847 for the whole draft
    alone, and finds the hostile paragraph inside a courteous email.
    """
    best = 0.0
    if "\n" not in text:  # one paragraph: the whole-draft reading already read it
        return best
    from .rules import apply_rules

    parts = [m.group() for m in _PARAGRAPH.finditer(text) if m.group().strip()]
    if len(parts) < 2:
        return best
    for part in parts[:_MAX_PIECES]:
        p = model.probabilities(part)["aggressive"]
        if p >= UNSURE_HIGH and p > best and "aggressive" in apply_rules(part).flags:
            best = p
    return best


def _clear_acknowledgement(text: str, model: LabelModel) -> float:
    """The acknowledge probability of the clearest sentence the rules and the model both read as
    acknowledging, with no hostility in it (0.0 when there is none).

    A whole-draft reading lets one word elsewhere dilute a plain acknowledgement: in bullet notes,
    "• agree: fair point on timing" is followed by "not awareness", a word of grudging replies.
    Only sentences holding a span of the rules' own acknowledge patterns are read, so this costs
    one pass of those rules (compiled on first use). It is asked only to settle a draft the model
    is not sure acknowledges (above ``UNSURE_LOW``, below the threshold), which keeps the cost off
    most drafts, and only when the whole draft is ruled out as hostile; the praise guards still
    apply to the whole draft after it, so sarcasm beside a bare "I understand" stays "not sure".
    Measured with v2-905e6aa24a on the writers it never saw, t25-t30 (corpus/README, "Tenth
    round").
    """
    best = 0.0
    if len(list(islice((m for m in _SENTENCE.finditer(text) if m.group().strip()), 2))) < 2:
        return best  # one sentence: the whole-draft reading was already that sentence's
    starts = sorted({span.start for span in label_spans(text, "acknowledge")[:_MAX_PIECES]})
    for m in _SENTENCE.finditer(text):  # in order, and only as far as the last span
        if not starts:
            break
        if starts[0] >= m.end():
            continue
        while starts and starts[0] < m.end():
            starts.pop(0)
        q = model.probabilities(m.group().strip())
        if q["acknowledge"] >= UNSURE_HIGH and q["aggressive"] < UNSURE_LOW:
            best = max(best, q["acknowledge"])
    return best


def _sentence_finding(text: str, label: str, model: LabelModel) -> Finding | None:
    """The sentence the model reads as most clearly doing ``label``, for a label no rule spanned."""
    best: tuple[float, int, int] | None = None
    for m in list(_SENTENCE.finditer(text))[:_MAX_PIECES]:
        lo, hi = m.start(), m.end()
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi <= lo:
            continue
        p = model.probabilities(text[lo:hi])[label]
        if best is None or p > best[0]:
            best = (p, lo, hi)
    if best is None:
        return None
    _, lo, hi = best
    return Finding(label, lo, hi, text[lo:hi], f"read as a whole, the draft {DEFINITIONS[label]}; "
                                               "this sentence carries it most")


def _explain(text: str, case: Case | None, present: frozenset[str],
             model: LabelModel, unsure: frozenset[str] = frozenset()) -> tuple[Finding, ...]:
    """The spans behind the calls: the rules' spans for every label the model found, a sentence
    where no rule fired, and the case's citations and contradictions. A span of a label the model
    is not sure about says so first, so a highlight is never read as a confident verdict."""
    rules = apply_rules(text, case)
    findings = [f for f in rules.findings if f.label in present or f.label == CONTRADICTION]
    spanned = {f.label for f in findings}
    for label in (x for x in LABELS if x in present and x not in spanned):
        own = label_spans(text, label)
        if own:
            findings += own
            continue
        found = _sentence_finding(text, label, model)
        if found is not None:
            findings.append(found)
    findings = [replace(f, why=f"{NOT_SURE[f.label]}; {f.why}") if f.label in unsure else f
                for f in findings]
    findings.sort(key=lambda f: (f.start, f.end, f.label))
    return tuple(findings)


def analyze(text: str, case: Case | None = None, *, focus: str | None = None) -> Analysis:
    """Analyse a free-text pushback draft: which components it has, which flags it raises, how sure, and why.

    ``text`` is the draft (an email, a call script, a chat message). With a
    ``case``, evidence that cites the case's own facts is recognised and a
    claim that contradicts a fact is reported in ``.contradictions``. With
    ``focus`` (a key of ``pushback_lib.STAGES``), the suggestions keep to that
    stage (and to tone), for an exercise about one stage.
    Raises ``PushbackError`` (a ``ValueError``) when an argument is wrong.
    """
    check_inputs(text, case)
    if focus is not None:
        from pushback_lib.process import stage

        stage(focus)  # raises PushbackError naming the stages for an unknown key
    if not text.strip():
        return Analysis(text=text, suggestions=(EMPTY,))

    model = _model()
    raw = model.probabilities(text)
    if raw["aggressive"] < model.thresholds["aggressive"]:
        raw["aggressive"] = max(raw["aggressive"], _hostile_paragraph(text, model))
    settle = UNSURE_LOW < raw["acknowledge"] < model.thresholds["acknowledge"]
    if settle and raw["aggressive"] <= PRAISE_GUARD:
        raw["acknowledge"] = max(raw["acknowledge"], _clear_acknowledgement(text, model))
        if raw["acknowledge"] < model.thresholds["acknowledge"] and checking_question(text):
            raw["acknowledge"] = UNSURE_HIGH  # their view restated to check it: the guide counts it
    from .features import tokens

    words = tokens(text.lower())
    raw = gate_short_flags(raw, len(words), lambda flag: rules_find(text, flag), model.thresholds, UNSURE_LOW)
    raw = cap_bare_token(raw, words, COMPONENTS, UNSURE_LOW)
    p = _consistent(raw)
    cited: tuple[str, ...] = ()
    unverified: tuple[str, ...] = ()
    contradictions: tuple[Contradiction, ...] = ()
    if case is not None and case.facts:
        from .facts import check_facts

        check = check_facts(text, case)
        cited = tuple(c[0] for c in check.cited)
        # a withheld label (None: a case kept back for grading) is not known to be unverified
        unverified = tuple(f for f in cited if (fact := case.fact(f)) is None or fact.verified is False)
        contradictions = tuple(check.contradictions)
        if cited:  # a case fact matched in the text is evidence, whatever the model says
            p["evidence"] = max(p["evidence"], _CITED_FACT_CONFIDENCE)
            p["opinion_only"] = min(p["opinion_only"], 1.0 - _CITED_FACT_CONFIDENCE)
    p = {label: round(p[label], 3) for label in LABELS}  # shown and decided alike
    # the guide's hard rules on the calls too: the probabilities are capped, but a label's
    # threshold may sit below the cap
    present = hard_rules({label for label in LABELS if p[label] >= model.thresholds[label]})
    withheld = praise_withheld(p)
    present -= withheld  # hostility not ruled out: no praise, "not sure" instead
    components = frozenset(c for c in COMPONENTS if c in present)
    flags = frozenset(f for f in FLAGS if f in present)
    unsure = frozenset(label for label in LABELS if UNSURE_LOW < p[label] < UNSURE_HIGH)
    prescore = (len(components) / len(COMPONENTS) - _FLAG_COST * len(flags)
                - _CONTRADICTION_COST * len(contradictions))
    return Analysis(text=text, components=components, flags=flags,
                    suggestions=suggestions(components, flags, contradictions, unverified,
                                            unsure=unsure, focus=focus, withheld=withheld),
                    contradictions=contradictions, prescore=min(1.0, max(0.0, prescore)),
                    cited_facts=cited, confidence=p, threshold=dict(model.thresholds), unsure=unsure,
                    model=model.version,
                    explain=lambda: _explain(text, case, present, model, unsure))
