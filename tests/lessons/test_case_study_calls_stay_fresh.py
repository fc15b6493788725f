"""No lesson before a case study answers the call that case study asks for.

Why: lesson 10 (niche_recruitment) and lesson 11 (agency_feedback) ask the
learner to make their own call before the reveal. If an earlier lesson already
printed what the expert did, how it ended, or what ``pb.decide`` recommends for
that case, the learner arrives knowing the answer and the exercise tests memory,
not judgement. Earlier lessons may use the case (its situation, facts, a plan
exercise) but must not show its expert outcome or its decision unfolded.

Nor may they reveal, folded or not, what the case study's plan debrief asks the
learner to work out: which alternative the expert recommends and which ally the
stakeholder relies on (or, folded or not, the call). A fold in lesson 06 is
still opened before lesson 10. Those lessons teach the same points on another
case.
"""

from __future__ import annotations

import functools
import re

import nbformat
import pytest

import pushback_lib as pb
from pushback_lib._text import terms
from pushback_lib.rubric.prose import case_texts, closest_alternatives
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


def _loads(case_id: str) -> re.Pattern[str]:
    """A cell line that loads this case into a name (the name is the match's group)."""
    return re.compile(r"(\w+)\s*=\s*(?:pb\.)?load_case\(\s*[\"']" + re.escape(case_id) + r"[\"']")


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
    loads = _loads(case_id)
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


LABEL_READS = re.compile(r"\.(?:recommended|trusted_by_stakeholder)\b|\bexpert_outcome\b|"
                         r"\bdebrief\(|\bdecide\(")
"""Code that reads the judgements a case study's debrief reveals (or computes its call)."""


def _chunks(nb):
    """Everything a learner can read in a notebook, folded or not: each markdown cell (folds
    included), each code cell's source, each stored output's text."""
    for i, cell in enumerate(nb.cells):
        yield f"cell {i} ({cell.cell_type})", cell.source
    for i, _cell, out in _outputs(nb):
        data = out.get("data", {})
        yield f"cell {i} (output)", _text(out.get("text")) + _text(data.get("text/plain")) + \
            _text(data.get("text/html"))


def _ally_named(ally, text: str) -> bool:
    """The text names the ally: first or last name, or id."""
    return bool(re.search(r"\b(?:" + "|".join(map(re.escape, (*ally.name.split(), ally.id))) + r")\b",
                          text))


def _singles_out(case, best: set[str], text: str) -> bool:
    """Some sentence of the text proposes the recommended alternative (three of its distinctive
    terms at least), and the text as a whole does not list every alternative (that is the brief)."""
    every = {a.id for a in case.alternatives}
    if {m.id for m in closest_alternatives(case, text)} == every:
        return False
    return any(m.id in best and m.hits >= 3
               for sentence in re.split(r"(?<=[.!?])\s+|\n+", text)
               for m in closest_alternatives(case, sentence))


PARAPHRASE_OPTION_TERMS = 3
"""Terms of the recommended alternative (beyond the request itself) a passage must carry to propose
it in other words: the old lesson 08 plan carried four to five; no clean lesson carries three
together with the case's facts."""
PARAPHRASE_FACT_TERMS = 2
"""Terms of the case's own verified facts the same passage must carry, so that it is about this
case and not the process's general advice (lesson 07's "everyone in the room, write the actions
down" shares the agency option's words but none of its facts)."""


def _vocabulary(case) -> set[str]:
    return terms(" ".join([case.title, case.situation, case.stakes, case.relationship,
                           *case_texts(case)]))


@functools.cache
def _paraphrase_terms(case_id: str) -> tuple[frozenset[str], frozenset[str]]:
    """What only the recommended alternative proposes, and what only this case's facts say.

    The option's terms leave out the decision and situation (the request itself: "pack shot",
    "Daniel") and the process's own words ("room", "plan", "feedback"): what is left is what the
    expert adds. The facts' terms leave out every other case's vocabulary and the process's words,
    so "64%", "Fernleigh" or "tenure" mark a passage as arguing this very case.
    """
    case = pb.load_case(case_id)
    process = terms(" ".join(f"{s.name} {s.description} {s.good_looks_like}" for s in pb.STAGES))
    others = set().union(*(_vocabulary(pb.load_case(c)) for c in pb.cases() if c != case.id))
    best = " ".join(a.text for a in case.alternatives if a.recommended)
    option = terms(best) - terms(f"{case.decision} {case.situation}") - process
    facts = set().union(*(terms(f.text) for f in case.facts if f.verified)) - others - process - option
    return frozenset(option), frozenset(facts)


def _paraphrases(case, text: str) -> bool:
    """Some passage (a sentence and the ones either side) proposes the recommended alternative in
    other words: three of its own terms, with two terms of the case's verified facts beside them.
    ``closest_alternatives`` misses a paraphrase of a long option (few of its many terms), which
    is how the old lesson 08 gave lesson 11's option away."""
    option, facts = _paraphrase_terms(case.id)
    parts = [terms(s) for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]
    for i in range(len(parts)):
        window = set().union(*parts[max(0, i - 1):i + 2])
        if len(window & option) >= PARAPHRASE_OPTION_TERMS and len(window & facts) >= PARAPHRASE_FACT_TERMS:
            return True
    return False


SCORES_A_PICK = re.compile(r"\b(?:alternative|allies)\s*=|\bcriterion\(\s*[\"'](?:alternative|enlist)[\"']")
"""A plan scored with an alternative or allies: the rubric's 'the option that fits' and 'someone
they trust' checks then tell the learner, try by try, which option and ally the labels favour."""


def label_leaks(nb, case_id: str) -> list[str]:
    """Where a notebook reveals, folded or not, the case's recommended alternative, the ally its
    stakeholder relies on, or its call.

    Five tests: code that reads those labels of the case (a name bound to ``load_case(case_id)``
    used with ``.recommended``, ``.trusted_by_stakeholder``, ``expert_outcome``, ``debrief(`` or
    ``decide(``); code that scores an alternative or allies against the case (the rubric is an
    oracle for both); any text that proposes the recommended alternative and not every alternative
    (``closest_alternatives`` on each sentence: a list of all the options is the brief, one
    singled out is the answer), or proposes it in other words (:func:`_paraphrases`); any text that
    names the relied-on ally and none of the others.
    """
    case = pb.load_case(case_id)
    best = {a.id for a in case.alternatives if a.recommended}
    relied = [a for a in case.allies if a.trusted_by_stakeholder]
    others = [a for a in case.allies if not a.trusted_by_stakeholder]
    loads = _loads(case_id)
    names: set[str] = set()
    bad = []
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        names |= set(loads.findall(cell.source))
        uses = names and re.search(r"\b(?:" + "|".join(map(re.escape, sorted(names))) + r")\b", cell.source)
        if uses and LABEL_READS.search(cell.source):
            bad.append(f"cell {i}: reads {case_id}'s labels ({LABEL_READS.search(cell.source).group(0)})")
        if uses and re.search(r"\bscore\(", cell.source) and SCORES_A_PICK.search(cell.source):
            bad.append(f"cell {i}: scores an alternative or allies against {case_id} (the rubric "
                       "says which one fits)")
    for where, text in _chunks(nb):
        if _singles_out(case, best, text):
            bad.append(f"{where}: singles out the recommended alternative ({', '.join(sorted(best))})")
        elif _paraphrases(case, text):
            bad.append(f"{where}: proposes the recommended alternative in other words "
                       f"({', '.join(sorted(best))})")
        named = [a.id for a in relied if _ally_named(a, text)]
        if named and not any(_ally_named(a, text) for a in others):
            bad.append(f"{where}: singles out the ally the stakeholder relies on ({', '.join(named)})")
    return bad


@pytest.mark.parametrize("case_id, name", [(c, n) for c, study in CASE_STUDIES.items()
                                           for n in _before(study)])
def test_no_earlier_lesson_reveals_the_recommended_alternative_the_ally_or_the_call(lessons, case_id,
                                                                                    name):
    bad = label_leaks(lessons[name], case_id)
    assert not bad, (f"{name} reveals what {CASE_STUDIES[case_id]} asks the learner to work out on "
                     f"{case_id}: " + "; ".join(bad))


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


def test_the_label_scan_catches_a_singled_out_option_or_ally_even_folded():
    """The rule itself, on the old lesson 06's fold and lesson 07's pick: an option or ally
    singled out fails, folded or not; the brief's list of every option and ally passes."""
    case = pb.load_case("niche_recruitment")

    def nb_of(*cells):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell('case = pb.load_case("niche_recruitment")'), *cells]
        return nb

    listing = nbformat.v4.new_code_cell("for alt in case.alternatives: print(alt.id, alt.text)")
    listing.outputs = [nbformat.v4.new_output("stream", name="stdout", text="\n".join(
        f"{a.id}\n  {a.text}" for a in case.alternatives))]
    allies = nbformat.v4.new_markdown_cell(", ".join(a.name for a in case.allies))
    assert not label_leaks(nb_of(listing, allies), "niche_recruitment")

    picked = nbformat.v4.new_code_cell("expert_pick = [a.id for a in case.alternatives if a.recommended]")
    assert label_leaks(nb_of(picked), "niche_recruitment")
    folded = nbformat.v4.new_markdown_cell(
        "<details><summary>Open after your pick</summary>\n\nOffer a 30-minute video call with Daniel "
        "this week, with two questions built on the brief's top priorities.\n\n</details>")
    assert label_leaks(nb_of(folded), "niche_recruitment"), "a fold is still read before lesson 10"
    ally = nbformat.v4.new_code_cell('enlist_level(["ally_sarah"], "Could Sarah join our call?")')
    assert label_leaks(nb_of(ally), "niche_recruitment")
    assert not label_leaks(nb_of(ally), "agency_feedback"), "another case's ally is no leak"


def test_the_label_scan_catches_a_paraphrased_option_and_a_scored_pick():
    """The rule itself, on the old lesson 08 plan and the old lesson 06 exercise: an option put in
    other words, next to the case's facts, fails; so does scoring an alternative against the case.
    The process's general advice, in the option's own words but about no case, passes."""
    def nb_of(*cells):
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell('agency = pb.load_case("agency_feedback")'), *cells]
        return nb

    old_08 = nbformat.v4.new_markdown_cell(
        "The brief's goal is trial from under-35s who don't buy Fernleigh yet, and in testing 64% "
        "of them wanted to try it after this route against 38% for a heritage one. Could we keep the "
        "route, make the end-frame pack shot bigger and add a shelf-finder line? Could we get "
        "together early next week and agree the changes in one go?")
    assert label_leaks(nb_of(old_08), "agency_feedback"), "a paraphrased option is still the answer"
    assert not label_leaks(nb_of(old_08), "niche_recruitment"), "another case's option is no leak"
    niche = nbformat.v4.new_markdown_cell(
        "Ask Khalid for thirty minutes on video with Daniel, two questions from the brief's "
        "priorities.")
    assert label_leaks(nb_of(niche), "niche_recruitment")
    advice = nbformat.v4.new_markdown_cell(
        "On really big issues, get everyone in the same room instead of on the phone. Write the "
        "feedback and the actions down, work them through with the team, and come back with a "
        "plan by a date you name.")
    assert not label_leaks(nb_of(advice), "agency_feedback"), "the process's own advice is no leak"

    old_06 = nbformat.v4.new_code_cell(
        'c = pb.score(pb.PushbackPlan(alternative=my_alternative), agency).criterion("alternative")')
    assert label_leaks(nb_of(old_06), "agency_feedback")
    close_only = nbformat.v4.new_code_cell('c = pb.score(plan, agency).criterion("close")')
    assert not label_leaks(nb_of(close_only), "agency_feedback"), "scoring the close reveals no pick"
