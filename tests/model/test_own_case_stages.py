"""The own-case template's optional ``unnecessary_stages``: a learner can say which stages
their small issue does not need (stage: why), and the rubric honours it."""

from __future__ import annotations

from pathlib import Path

import pytest

from pushback_lib import PushbackPlan, score
from pushback_lib.errors import CaseError
from pushback_lib.own_case import load_own_case

OWN_CASE = Path(__file__).resolve().parents[2] / "course" / "own-case"
WHY = "David decides this alone and trusts my logistics; an ally would feel like pressure"


def _example_with(tmp_path: Path, block: str) -> Path:
    """The worked example with the template's commented ``unnecessary_stages`` block filled in."""
    text = (OWN_CASE / "worked-example.yaml").read_text(encoding="utf-8")
    path = tmp_path / "my-case.yaml"
    path.write_text(text.replace("decision_inputs:", block + "decision_inputs:", 1), encoding="utf-8")
    return path


def test_the_template_documents_the_optional_field_with_its_reason() -> None:
    template = (OWN_CASE / "template.yaml").read_text(encoding="utf-8")
    assert "# unnecessary_stages:" in template and "(stage: why)" in template
    example = (OWN_CASE / "worked-example.yaml").read_text(encoding="utf-8")
    assert "unnecessary_stages" in example
    assert load_own_case(OWN_CASE / "worked-example.yaml").unnecessary_stages.reasons() == {}


def test_the_worked_example_loads_with_a_skipped_stage_and_the_rubric_honours_it(
        tmp_path: Path) -> None:
    case = load_own_case(_example_with(tmp_path, f'unnecessary_stages:\n  enlist: "{WHY}"\n'))
    assert case.unnecessary_stages.reasons() == {"enlist": WHY}
    plan = PushbackPlan(acknowledge="David, you need the gala to raise what it did last year "
                                    "while the board's cut comes off the costs.")
    enlist = score(plan, case).criterion("enlist")
    assert (enlist.points, enlist.max_points, enlist.level) == (0, 0, "not needed")
    assert WHY in enlist.reason
    heavy = score(PushbackPlan(allies=["ally_treasurer"]), case)
    assert [(p.ref, p.points) for p in heavy.penalties] == [("ally_treasurer", 1)]


@pytest.mark.parametrize(("block", "where"), [
    ('unnecessary_stages:\n  listen: "too small"\n', "unnecessary_stages.listen"),
    ('unnecessary_stages:\n  - enlist\n', "unnecessary_stages"),
])
def test_a_wrong_unnecessary_stages_field_is_named(tmp_path: Path, block: str, where: str) -> None:
    with pytest.raises(CaseError, match=where.replace(".", r"\.")):
        load_own_case(_example_with(tmp_path, block))
