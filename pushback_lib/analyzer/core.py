"""``analyze(text, case=None)``: rules find spans, a learned model makes the call, and says how sure.

Why two halves: hand-written rules explain themselves (which words, and why)
but miss phrasing they have never met; a model trained on many writers'
drafts generalises better but cannot point at a span. So the rules
(:mod:`.rules`) run first, their hit counts become features of the model
(:mod:`.model`), and the model's calibrated probability decides each label.
A label the model is not sure about (between ``UNSURE_LOW`` and
``UNSURE_HIGH``) is reported in ``Analysis.unsure`` so the learner is told
"not sure" instead of being praised or blamed on a guess.

Two rules of the labelling guide (``corpus/GUIDE.md``) are applied after the
model, because a learner must never be praised for hostility: a draft read as
aggressive gets no ``acknowledge`` and no ``let_go``, and ``opinion_only``
needs the absence of both a business reason and evidence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .labels import COMPONENTS, DEFINITIONS, FLAGS
from .result import Analysis, Finding
from .rules import apply_rules, check_inputs
from .suggest import EMPTY, suggestions

if TYPE_CHECKING:
    from pushback_lib.case import Case

    from .model import LabelModel

__all__ = ["analyze", "UNSURE_LOW", "UNSURE_HIGH"]

UNSURE_LOW, UNSURE_HIGH = 0.2, 0.8
"""Probabilities strictly between these are not called with confidence."""
_FLAG_COST = 0.15
_CONTRADICTION_COST = 0.15
_CITED_FACT_CONFIDENCE = 0.95
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


def _sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line of the draft, trimmed."""
    spans, start = [], 0
    for i, ch in enumerate(text):
        if ch in ".!?\n" and (i + 1 == len(text) or not text[i + 1].isalnum()):
            spans.append((start, i + 1))
            start = i + 1
    spans.append((start, len(text)))
    out = []
    for lo, hi in spans:
        while lo < hi and text[lo].isspace():
            lo += 1
        while hi > lo and text[hi - 1].isspace():
            hi -= 1
        if hi > lo:
            out.append((lo, hi))
    return out


def _model_finding(text: str, label: str, model: LabelModel) -> Finding | None:
    """The sentence the model reads as most clearly doing ``label``, for a label no rule spanned."""
    from .rules import rule_counts

    best: tuple[float, int, int] | None = None
    for lo, hi in _sentences(text)[:60]:
        piece = text[lo:hi]
        p = model.probabilities(piece, rule_counts(piece))[label]
        if best is None or p > best[0]:
            best = (p, lo, hi)
    if best is None:
        return None
    _, lo, hi = best
    return Finding(label, lo, hi, text[lo:hi], f"read as a whole, this {DEFINITIONS[label]}")


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

    rules = apply_rules(text, case)
    model = _model()
    p = _consistent(model.probabilities(text, rules.counts))
    if rules.cited_facts:  # a case fact matched in the text is evidence, whatever the model says
        p["evidence"] = max(p["evidence"], _CITED_FACT_CONFIDENCE)
        p["opinion_only"] = min(p["opinion_only"], 1.0 - _CITED_FACT_CONFIDENCE)
    p = {label: round(p[label], 3) for label in (*COMPONENTS, *FLAGS)}  # shown and decided alike
    present = {label for label, prob in p.items() if prob >= 0.5}
    components = frozenset(c for c in COMPONENTS if c in present)
    flags = frozenset(f for f in FLAGS if f in present)
    unsure = frozenset(label for label, prob in p.items() if UNSURE_LOW < prob < UNSURE_HIGH)

    findings = [f for f in rules.findings if f.label in present or f.label not in p]
    spanned = {f.label for f in findings}
    for label in sorted(present - spanned, key=(*COMPONENTS, *FLAGS).index):
        found = _model_finding(text, label, model)
        if found is not None:
            findings.append(found)
    findings.sort(key=lambda f: (f.start, f.end, f.label))

    contradictions = rules.contradictions
    prescore = (len(components) / len(COMPONENTS) - _FLAG_COST * len(flags)
                - _CONTRADICTION_COST * len(contradictions))
    return Analysis(text=text, components=components, flags=flags, findings=tuple(findings),
                    suggestions=suggestions(components, flags, contradictions, rules.unverified,
                                            unsure=unsure, focus=focus),
                    contradictions=contradictions, prescore=min(1.0, max(0.0, prescore)),
                    cited_facts=rules.cited_facts,
                    confidence=p,
                    unsure=unsure, model=model.version)
