"""Lesson 13's capstone: the blank template a learner fills with a case from their own work, the
worked example, and the honest account of what the rubric can score on such a case."""

from __future__ import annotations

from pathlib import Path

import pytest

import pushback_lib as pb
from pushback_lib.errors import CaseError
from pushback_lib.own_case import NOT_SCORED, UnfilledTemplate, load_own_case, unfilled, what_is_scored

from .conftest import ROOT

TEMPLATE = ROOT / "course" / "own-case" / "template.yaml"
EXAMPLE = ROOT / "course" / "own-case" / "worked-example.yaml"


def filled_template(tmp_path: Path, **replace: str) -> Path:
    """The template with every TODO value replaced by plain text, and ``replace`` applied."""
    text = TEMPLATE.read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        if line.strip().startswith('choice: "TODO'):
            line = line[:line.index('"TODO')] + "push_back"
        elif '"TODO' in line:
            line = line[:line.index('"TODO')] + '"Filled in by the learner."'
        elif line.strip().startswith("TODO"):
            line = line[:len(line) - len(line.lstrip())] + "Filled in by the learner."
        lines.append(line)
    text = "\n".join(lines) + "\n"
    for old, new in replace.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "my-case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_blank_template_names_every_field_still_to_fill():
    with pytest.raises(UnfilledTemplate) as info:
        load_own_case(TEMPLATE)
    fields = dict(info.value.fields)
    todo_lines = [line for line in TEMPLATE.read_text().splitlines()
                  if "TODO" in line and not line.lstrip().startswith("#")]
    assert len(fields) == len(todo_lines)
    for name in ("title", "situation", "facts[2].text", "alternatives[0].text",
                 "expert_outcome.choice", "expert_outcome.reasoning", "allies[0].role"):
        assert name in fields, f"the template's {name} is not reported"
    message = str(info.value)
    assert str(TEMPLATE) in message
    assert "  facts[2].text: something you believe but have not checked" in message


def test_a_filled_template_loads_and_its_ids_and_labels_are_valid(tmp_path):
    case = load_own_case(filled_template(tmp_path))
    assert case.id == "my_case" and len(case.facts) == 3
    assert [f.verified for f in case.facts].count(False) == 1, "the template asks for one unchecked fact"
    assert sum(a.recommended for a in case.alternatives) == 1
    assert pb.decide(case).recommendation in ("push_back", "let_go")


@pytest.mark.parametrize("old,new,field", [
    ("prop: data", "prop: a rumour", "facts[0].prop"),
    ("verified: true", "verified: probably", "facts[0].verified"),
    ("  openness: 0.5", "  openness: 5", "decision_inputs.openness"),
    ("    recommended: false", "    recommended: true", "alternatives"),
    ("id: c_second", "id: c_first", "challenges[1].id"),
])
def test_a_malformed_own_case_names_the_field(tmp_path, old, new, field):
    with pytest.raises(CaseError) as info:
        load_own_case(filled_template(tmp_path, **{old: new}))
    assert info.value.field == field and str(tmp_path / "my-case.yaml") in str(info.value)


def test_a_missing_file_says_to_copy_the_template(tmp_path):
    with pytest.raises(CaseError, match="no such file; copy the template"):
        load_own_case(tmp_path / "nowhere.yaml")


def test_the_worked_example_is_complete_and_pushes_back_as_its_author_did():
    assert list(unfilled(__import__("yaml").safe_load(EXAMPLE.read_text()))) == []
    case = load_own_case(EXAMPLE)
    assert pb.decide(case).recommendation == case.expert_outcome.choice
    assert any(not f.verified for f in case.facts), "the example models naming an unchecked fact"
    assert any(not a.trusted_by_stakeholder for a in case.allies)
    assert len(case.alternatives) >= 3


def test_what_is_scored_covers_every_criterion_and_flags_the_self_labelled_ones():
    case = load_own_case(EXAMPLE)
    result = pb.score(pb.PushbackPlan(acknowledge="I understand the board wants costs cut."), case)
    bases = what_is_scored(result)
    assert [b.stage for b in bases] == [c.stage for c in result.criteria]
    by_stage = {b.stage: b for b in bases}
    for stage in ("build_case", "evidence", "alternative", "enlist"):
        assert by_stage[stage].basis == "your own labels" and by_stage[stage].caveat
    assert by_stage["listen"].basis == "your prose"
    assert any("true" in line for line in NOT_SCORED) and len(NOT_SCORED) >= 3
