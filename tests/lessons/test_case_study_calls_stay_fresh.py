"""No lesson before a case study answers the call that case study asks for.

Why: lesson 10 (niche_recruitment) and lesson 11 (agency_feedback) ask the
learner to make their own call before the reveal. If an earlier lesson already
printed what the expert did, how it ended, or what ``pb.decide`` recommends for
that case, the learner arrives knowing the answer and the exercise tests memory,
not judgement. Earlier lessons may use the case (its situation, facts, a plan
exercise) but must not show its expert outcome or its decision unfolded.
"""

from __future__ import annotations

import re

import nbformat
import pytest

import pushback_lib as pb
from tests.lessons.conftest import LESSON_NAMES
from tests.lessons.test_nothing_revealed_first import _folded, _outputs

# Each case study's case, and the lesson that asks for its call.
CASE_STUDIES = {"niche_recruitment": "10-case-study-niche-recruitment",
                "agency_feedback": "11-case-study-agency-feedback"}


def _before(lesson: str) -> list[str]:
    return LESSON_NAMES[:LESSON_NAMES.index(lesson)]


def _text(value) -> str:
    return "".join(value) if isinstance(value, list) else (value or "")


def _outcome_sentences(case_id: str) -> list[str]:
    """The sentences of the expert's outcome: any one of them printed gives the call away."""
    outcome = pb.load_case(case_id).expert_outcome
    sentences = re.split(r"(?<=[.!?])\s+", f"{outcome.summary} {outcome.reasoning}")
    return [s.strip() for s in sentences if len(s.strip()) > 30]


def _shown_unfolded(out) -> str:
    """What a stored output shows without the learner opening a fold."""
    if out.output_type == "stream":
        return _text(out.get("text"))
    data = out.get("data", {})
    if _folded(out):
        return ""
    return _text(data.get("text/plain")) + _text(data.get("text/html"))


def outcome_leaks(nb, case_id: str) -> list[str]:
    """Cells that show a sentence of the case's expert outcome outside a fold."""
    sentences = _outcome_sentences(case_id)
    bad = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            shown = re.sub(r"<details>.*?</details>", "", cell.source, flags=re.S)
            bad += [f"cell {i} (markdown): {s[:50]!r}" for s in sentences if s in shown]
    for i, _cell, out in _outputs(nb):
        shown = _shown_unfolded(out)
        bad += [f"cell {i} (output): {s[:50]!r}" for s in sentences if s in shown]
    return bad


def decision_leaks(nb, case_id: str) -> list[str]:
    """Cells that show ``pb.decide`` on the case, or a decision made from it, unfolded.

    Follows names: a variable bound to ``load_case(case_id)`` is the case, and a
    variable bound to ``decide(<the case>...)`` is its decision; a cell that uses
    either in a ``decide(`` call or shows the decision must store nothing, or only
    a closed fold.
    """
    loads = re.compile(r"(\w+)\s*=\s*(?:pb\.)?load_case\(\s*[\"']" + re.escape(case_id) + r"[\"']")
    cases: set[str] = set()
    decisions: set[str] = set()
    bad = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        cases |= set(loads.findall(cell.source))
        if not cases:
            continue
        case_names = "|".join(map(re.escape, sorted(cases)))
        on_case = re.compile(r"\bdecide\(\s*(?:" + case_names + r")\b")
        decisions |= set(re.findall(r"(\w+)\s*=\s*(?:pb\.)?decide\(\s*(?:" + case_names + r")\b",
                                    cell.source))
        uses_decision = any(re.search(rf"\b{re.escape(d)}\b", cell.source) for d in decisions)
        if not (on_case.search(cell.source) or uses_decision):
            continue
        for out in cell.get("outputs", []):
            if out.output_type == "stream" or _shown_unfolded(out):
                bad.append(f"cell {i}: shows the decision on {case_id} unfolded")
                break
    return bad


@pytest.mark.parametrize("case_id, name", [(c, n) for c, study in CASE_STUDIES.items()
                                           for n in _before(study)])
def test_no_earlier_lesson_shows_the_expert_outcome(lessons, case_id, name):
    bad = outcome_leaks(lessons[name], case_id)
    assert not bad, f"{name} gives away {case_id}'s outcome before its case study: " + "; ".join(bad)


@pytest.mark.parametrize("case_id, name", [(c, n) for c, study in CASE_STUDIES.items()
                                           for n in _before(study)])
def test_no_earlier_lesson_shows_the_decision(lessons, case_id, name):
    bad = decision_leaks(lessons[name], case_id)
    assert not bad, f"{name} gives away {case_id}'s call before its case study: " + "; ".join(bad)


def test_the_scan_catches_a_printed_outcome_and_decision():
    """The rule itself: a printed outcome or decision fails; the same folded, or none, passes."""
    case = pb.load_case("niche_recruitment")

    def nb_with(source, text=None, html=None):
        cell = nbformat.v4.new_code_cell(source)
        if text is not None:
            cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=text)]
        if html is not None:
            cell.outputs = [nbformat.v4.new_output("execute_result", execution_count=1,
                                                   data={"text/html": html, "text/plain": "[folded]"})]
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell('c = pb.load_case("niche_recruitment")'), cell]
        return nb

    printed = nb_with("print(c.expert_outcome.summary)", text=case.expert_outcome.summary)
    assert outcome_leaks(printed, "niche_recruitment")
    assert not outcome_leaks(nb_with("print(c.situation)", text=case.situation), "niche_recruitment")
    said = nbformat.v4.new_notebook()
    said.cells = [nbformat.v4.new_markdown_cell(case.expert_outcome.summary)]
    assert outcome_leaks(said, "niche_recruitment")

    assert decision_leaks(nb_with("print(pb.decide(c).recommendation)", text="push_back\n"),
                          "niche_recruitment")
    two_cells = nb_with("print(d.recommendation)", text="push_back\n")
    two_cells.cells.insert(1, nbformat.v4.new_code_cell("d = pb.decide(c)"))
    assert decision_leaks(two_cells, "niche_recruitment")
    folded = nb_with("fold(pb.decide(c))",
                     html="<details><summary>Open after your call</summary>push_back</details>")
    assert not decision_leaks(folded, "niche_recruitment")
    assert not decision_leaks(nb_with("print(pb.decide(c).recommendation)", text="push_back\n"),
                              "agency_feedback")
