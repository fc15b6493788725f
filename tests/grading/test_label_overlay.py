"""The labels of the cases kept back for grading live in keys/, with the instructor.

A kept-back case ships as a brief; its labels (keys/cases/<id>.yaml) are
merged by the strict loader where the library finds them, and the trusted
grader reads them from its course directory only. Without them, label-based
checks cannot pass and the visible ones say what they could not check.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
import yaml

from pushback_lib.cases import load_case
from pushback_lib.cases.keys import CASE_LABELS, ITEM_LABELS
from pushback_lib.errors import CaseError, LabelsWithheld
from pushback_lib.grading import QUESTIONS, casebook
from pushback_lib.grading.checks import grade
from pushback_lib.grading.questions import CASES

ROOT = Path(__file__).resolve().parents[2]
KEYS = ROOT / "keys"
PACKAGE_CASES = ROOT / "pushback_lib" / "data" / "cases"
LESSON_SOURCES = sorted((ROOT / "course" / "src").glob("*.md"))
KEPT_BACK = ("capstone_vendor", "charity_raffle")



def _reference(assignment: str) -> tuple[dict, dict]:
    """The reference solution's answers and the keys of its hidden tests (solutions/)."""
    import nbformat

    from pushback_lib.grading.answer_key import keys_from_notebook
    from pushback_lib.grading.source import answers_from_sources

    path = next((ROOT / "solutions").glob(f"{assignment}*/*.ipynb"))
    nb = nbformat.read(path, as_version=4)
    sources = [c.source for c in nb.cells
               if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")]
    return answers_from_sources(sources), keys_from_notebook(path)


@pytest.fixture(autouse=True)
def _fresh_casebook():
    """Each test picks where the casebook's labels come from; none leaks into the next."""
    saved = list(casebook._KEYS), dict(casebook._SNAPSHOT)
    yield
    casebook._KEYS[:] = saved[0]
    casebook._SNAPSHOT.clear()
    casebook._SNAPSHOT.update(saved[1])


def _learner_kernel(monkeypatch: pytest.MonkeyPatch) -> None:
    """What a hub learner's kernel sees: the installed package, no clone, no released debrief."""
    monkeypatch.setenv("PUSHBACK_SOLUTIONS_DIR", "/nonexistent/solutions")
    monkeypatch.delenv("PUSHBACK_DEBRIEF_DIR", raising=False)
    casebook._KEYS[0] = None
    casebook._SNAPSHOT.clear()


def _write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def _overlay(case_id: str) -> dict:
    return yaml.safe_load((KEYS / "cases" / f"{case_id}.yaml").read_text())


def test_the_kept_back_cases_are_exactly_the_graded_cases_no_lesson_opens():
    in_lessons = {c for c in CASES for src in LESSON_SOURCES if f'load_case("{c}")' in src.read_text()}
    assert set(CASES) - in_lessons == set(KEPT_BACK)
    assert sorted(p.stem for p in (KEYS / "cases").glob("*.yaml")) == sorted(KEPT_BACK)


@pytest.mark.parametrize("case_id", KEPT_BACK)
def test_the_package_holds_the_brief_and_no_label(case_id: str):
    brief = yaml.safe_load((PACKAGE_CASES / f"{case_id}.yaml").read_text())
    assert not set(brief) & set(CASE_LABELS)
    for list_name, fields in ITEM_LABELS.items():
        for item in brief[list_name]:
            assert not set(item) & set(fields), (case_id, item["id"])
    text = (PACKAGE_CASES / f"{case_id}.yaml").read_text()
    overlay = _overlay(case_id)
    whys = [v["why"] for name in ITEM_LABELS for v in overlay[name].values() if v.get("why")]
    assert whys and not [w for w in whys if w[:40] in text]
    assert overlay["expert_outcome"]["summary"][:40] not in text


@pytest.mark.parametrize("case_id", KEPT_BACK)
def test_brief_plus_overlay_is_the_whole_case_and_the_brief_alone_is_withheld(case_id: str):
    whole = load_case(case_id, keys=KEYS)
    assert whole.labelled and whole.labels_from.endswith(f"keys/cases/{case_id}.yaml")
    overlay = _overlay(case_id)
    assert [f.verified for f in whole.facts] == [overlay["facts"][f.id]["verified"] for f in whole.facts]
    assert whole.expert_outcome is not None
    assert whole.expert_outcome.choice == overlay["expert_outcome"]["choice"]
    assert sum(bool(a.recommended) for a in whole.alternatives) == 1
    bare = load_case(case_id, keys=False)
    assert not bare.labelled and bare.labels_from == ""
    assert bare.decision_inputs is None and bare.expert_outcome is None
    assert {f.verified for f in bare.facts} == {None}
    assert {a.trusted_by_stakeholder for a in bare.allies} == {None}
    assert {a.recommended for a in bare.alternatives} == {None}
    assert [f.text for f in bare.facts] == [f.text for f in whole.facts]  # the same brief
    with pytest.raises(LabelsWithheld, match="release-debrief"):
        bare.debrief()


def _broken_overlay(tmp_path: Path, case_id: str, change) -> Path:
    data = _overlay(case_id)
    change(data)
    _write(tmp_path / "keys" / "cases" / f"{case_id}.yaml", data)
    return tmp_path / "keys"


@pytest.mark.parametrize(("change", "field", "problem"), [
    (lambda d: d["facts"]["f_near_misses"].update(verified="yes"), "facts.f_near_misses.verified",
     "expected true or false"),
    (lambda d: d["facts"].update(f_typo={"verified": True}), "facts.f_typo",
     "the case has no item with this id"),
    (lambda d: d["allies"].pop("ally_pharmacist"), "allies.ally_pharmacist", "no labels for this item"),
    (lambda d: d["alternatives"]["alt_tiered"].update(recomended=True), "alternatives.alt_tiered.recomended",
     "unknown field"),
    (lambda d: d.update(case="charity_raffle"), "case", "expected 'capstone_vendor'"),
    (lambda d: d["decision_inputs"].update(stakes=1.5), "decision_inputs.stakes", "from 0 to 1"),
    (lambda d: d.pop("expert_outcome"), "expert_outcome", "missing required field"),
])
def test_a_malformed_overlay_names_its_file_the_item_and_the_field(tmp_path, change, field, problem):
    keys = _broken_overlay(tmp_path, "capstone_vendor", change)
    with pytest.raises(CaseError) as err:
        load_case("capstone_vendor", keys=keys)
    assert err.value.source == str(keys / "cases" / "capstone_vendor.yaml")
    assert err.value.field == field and problem in err.value.problem, str(err.value)


def test_a_brief_may_not_carry_labels_of_its_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    folder = tmp_path / "extra"
    brief = yaml.safe_load((PACKAGE_CASES / "capstone_vendor.yaml").read_text())
    brief["id"] = "capstone_copy"
    brief["allies"][0]["trusted_by_stakeholder"] = True
    path = _write(folder / "capstone_copy.yaml", brief)
    with pytest.raises(CaseError, match="belong in its label overlay") as err:
        load_case(path, keys=False)
    assert err.value.field == "allies[0].trusted_by_stakeholder"
    overlay = {**_overlay("capstone_vendor"), "case": "capstone_copy"}
    keys = tmp_path / "keys"
    _write(keys / "cases" / "capstone_copy.yaml", overlay)
    with pytest.raises(CaseError, match="keeps its labels there only") as err:
        load_case(path, keys=keys)
    assert err.value.field == "allies[0].trusted_by_stakeholder"


def test_the_trusted_grader_reads_labels_from_its_course_only(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch):
    # a folder a learner can write, named where the library looks, holding made-up labels
    planted = _broken_overlay(tmp_path / "planted", "capstone_vendor",
                              lambda d: d["expert_outcome"].update(choice="let_go"))
    monkeypatch.setenv("PUSHBACK_DEBRIEF_DIR", str(planted))
    assert load_case("capstone_vendor").expert_outcome.choice == "let_go"  # the library would use it
    course = tmp_path / "course"
    casebook.use_course_keys(course / "keys")  # no keys/ in this course
    assert set(casebook.withheld(CASES)) == set(KEPT_BACK)
    graded = tmp_path / "graded-course"
    shutil.copytree(KEYS, graded / "keys")
    casebook.use_course_keys(graded / "keys")
    assert casebook.withheld(CASES) == []
    assert casebook.case("capstone_vendor").expert_outcome.choice == "push_back"


LABEL_BASED = {"a3-q1", "a3-q2", "a4-q1", "a4-q2", "a4-q3", "a4-q4"}
"""The questions on a kept-back case whose expectations rest on its labels."""


@pytest.mark.parametrize("assignment", ["a3", "a4"])
def test_the_reference_solutions_score_in_full_only_where_the_grader_has_the_labels(
        assignment: str, tmp_path: Path):
    answers, keys = _reference(assignment)
    questions = [q for q in QUESTIONS.values() if q.id.startswith(f"{assignment}-")]
    casebook.use_course_keys(KEYS)
    for q in questions:
        assert grade(q, answers[q.answer_name], keys.get(q.id)).points(True) == q.points, q.id
    casebook.use_course_keys(tmp_path / "keys")  # a course without the overlay
    for q in questions:
        without = grade(q, answers[q.answer_name], keys.get(q.id))
        if q.id in LABEL_BASED:
            assert without.points(include_hidden=True) < q.points, q.id
        else:
            assert without.points(include_hidden=True) == q.points, q.id


@pytest.mark.parametrize("qid", ["a3-q2", "a4-q2"])
def test_the_expert_call_is_a_hidden_check_that_needs_the_labels(qid: str, tmp_path: Path):
    q = QUESTIONS[qid]
    answer = _reference(qid[:2])[0][q.answer_name]
    casebook.use_course_keys(KEYS)
    graded = grade(q, answer)
    casebook.use_course_keys(tmp_path / "keys")
    without = grade(q, answer)
    assert next(c for c in graded.checks if c.name == "your call").passed
    assert not next(c for c in without.checks if c.name == "your call").passed
    assert without.points(include_hidden=False) == graded.points(include_hidden=False)


def _plan(case) -> dict:
    """A label-copying plan: every item it could cite, as the learner's kernel shows the case."""
    return {"__plan__": {
        "acknowledge": "I understand your concern and I hear how much it matters to you.",
        "business_reason": " ".join(c.text for c in case.challenges),
        "evidence": [f.id for f in case.facts], "analogies": [a.id for a in case.analogies],
        "alternative": case.alternatives[0].text, "allies": [a.id for a in case.allies],
        "challenges": [c.id for c in case.challenges],
        "opening": "Thanks for the time today.", "closing": "Let us agree the next step.",
        "let_go": "If you still disagree I will go with your call."}}


def test_a_submission_built_from_what_the_kernel_can_read_gets_no_label_points(
        monkeypatch: pytest.MonkeyPatch):
    _learner_kernel(monkeypatch)
    seen = load_case("capstone_vendor")
    assert not seen.labelled  # the kernel reads the brief only: nothing to copy labels from
    exposed = repr(dataclasses.asdict(seen))
    assert "'verified': None" in exposed and "'verified': True" not in exposed
    # the kernel's self-check cannot score a plan on labels it does not have, and says so
    result = grade(QUESTIONS["a4-q3"], _plan(seen))
    rubric = next(c for c in result.checks if c.name == "rubric score")
    assert rubric.unchecked and rubric.earned == 0
    assert "? rubric score: not checked here" in result.report(include_hidden=False)
    assert all(c.earned == 0 for c in result.checks if c.hidden)
    keystone = grade(QUESTIONS["a4-q1"], {"fact": seen.facts[0].id, "why": "the safety argument "
                                          "and the tiered alerts alternative both rest on this log"})
    cite = next(c for c in keystone.checks if c.name == "a fact you would cite")
    assert cite.unchecked and not cite.passed
    # graded by the trusted grader with its course's labels, the same copy earns no hidden point
    # for the labels it could not read: the distrusted allies and the unverified facts it took
    casebook.use_course_keys(KEYS)
    graded = grade(QUESTIONS["a4-q3"], _plan(seen))
    hidden = {c.name: c.passed for c in graded.checks if c.hidden}
    assert not hidden["every cited fact is verified and said"]
    assert not hidden["enlists only people the stakeholder trusts, by name"]
    assert graded.points(include_hidden=True) < QUESTIONS["a4-q3"].points / 2


def test_decide_and_reveal_on_a_withheld_case(monkeypatch: pytest.MonkeyPatch):
    import pushback_lib as pb
    from pushback_lib.practice.commit import MyCall, reveal

    _learner_kernel(monkeypatch)
    case = pb.load_case("charity_raffle")
    every = dict(stakes=0.2, evidence=0.2, credibility=0.4, openness=0.1, relationship_risk=0.5, timing=0.1)
    assert pb.decide(case, **every).recommendation == "let_go"  # the learner's own reading works
    with pytest.raises(LabelsWithheld, match="charity_raffle"):
        pb.decide(case, stakes=0.2)
    with pytest.raises(LabelsWithheld):
        reveal(case, MyCall("let_go", "Only £400 of one raffle, printed and settled by Graham."))
    with pytest.raises(LabelsWithheld):
        pb.score(pb.PushbackPlan(acknowledge="I hear you."), case)
