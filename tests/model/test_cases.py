"""Loading the course's cases: the eight files, their content rules, caching and lookup."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import pushback_lib
from pushback_lib import Case, CaseError, cases, load_case
from pushback_lib.cases import CHOICES

CASES_DIR = Path(__file__).resolve().parents[2] / "pushback_lib" / "data" / "cases"
EXPECTED = ["agency_feedback", "capstone_vendor", "charity_raffle", "consulting_rollout",
            "internal_manager", "let_go_rebrand", "niche_recruitment", "survey_timing"]
LET_GO_CASES = ("let_go_rebrand", "charity_raffle")
"""Small issues where letting go is right; a3 asks for the first call on charity_raffle."""


def test_cases_lists_the_eight_case_files_sorted() -> None:
    assert cases() == EXPECTED
    assert cases() == sorted(p.stem for p in CASES_DIR.glob("*.yaml"))


@pytest.mark.parametrize("case_id", EXPECTED)
def test_every_case_loads_complete(case_id: str) -> None:
    case = load_case(case_id)
    assert isinstance(case, Case) and case.id == case_id
    assert Path(case.path) == (CASES_DIR / f"{case_id}.yaml").resolve()
    assert case.challenges and case.facts and case.analogies and case.allies
    assert any(not f.verified for f in case.facts), "every case needs an unverified fact as a trap"
    assert any(f.verified for f in case.facts)
    assert sum(a.recommended for a in case.alternatives) == 1
    assert any(a.trusted_by_stakeholder for a in case.allies)
    assert {a.in_category for a in case.analogies} == {True, False}
    assert case.expert_outcome.choice in CHOICES
    assert len(case.expert_outcome.reasoning.split()) >= 20


@pytest.mark.parametrize("case_id", EXPECTED)
def test_every_case_offers_real_choices_with_a_reason_for_each_label(case_id: str) -> None:
    """Distractors make the learner judge: tempting hearsay, a far-off analogy, a wrong ally."""
    case = load_case(case_id)
    assert sum(not f.verified for f in case.facts) >= 2
    assert any(not a.in_category for a in case.analogies)
    assert any(not a.trusted_by_stakeholder for a in case.allies)
    assert len(case.alternatives) >= 3
    assert sum(not a.recommended for a in case.alternatives) >= 2
    labelled = [*case.facts, *case.analogies, *case.alternatives, *case.allies]
    assert all(len(item.why.split()) >= 3 for item in labelled), \
        [item.id for item in labelled if len(item.why.split()) < 3]


def test_a_small_issue_case_marks_the_heavy_stages_unnecessary() -> None:
    small = load_case("survey_timing")
    assert set(small.unnecessary_stages.reasons()) == {"evidence", "enlist"}
    assert "overkill" in small.unnecessary("enlist")
    assert small.unnecessary("listen") == "" and small.unnecessary("alternative") == ""
    assert small.expert_outcome.choice == "push_back"
    assert pushback_lib.decide(small).recommendation == "push_back"
    for let_go_id in LET_GO_CASES:
        let_go = load_case(let_go_id)
        assert set(let_go.unnecessary_stages.reasons()) == {"evidence", "enlist"}, let_go_id
    others = [load_case(c) for c in EXPECTED if c not in ("survey_timing", *LET_GO_CASES)]
    assert all(not c.unnecessary_stages.reasons() for c in others), "big issues skip nothing"


def test_lookups_by_id() -> None:
    case = load_case("niche_recruitment")
    assert case.fact("f_grading_project").verified is True
    assert case.fact("f_rival_offer").verified is False
    assert case.fact("nope") is None
    assert case.ally("ally_sarah").trusted_by_stakeholder
    assert case.challenge("c_tenure") is not None and case.analogy("a_football_scouting") is not None


def test_seed_cases_follow_their_articles() -> None:
    niche, agency = load_case("niche_recruitment"), load_case("agency_feedback")
    assert (niche.source, agency.source) == ("000", "003")
    assert niche.sector == "recruitment" and agency.sector == "agency"
    assert niche.expert_outcome.choice == "push_back"
    assert "offer" in niche.expert_outcome.summary
    assert any(f.prop == "interview_notes" for f in niche.facts)
    assert {"brief", "contact_report", "email_chain"} <= {f.prop for f in agency.facts}
    assert "room" in agency.expert_outcome.summary + agency.alternatives[0].text


@pytest.mark.parametrize("case_id", LET_GO_CASES)
def test_let_go_case_is_one_where_letting_go_is_right(case_id: str) -> None:
    case = load_case(case_id)
    inputs = case.decision_inputs
    assert case.expert_outcome.choice == "let_go"
    assert pushback_lib.decide(case).recommendation == "let_go"
    assert inputs.stakes <= 0.3 and inputs.evidence <= 0.3 and inputs.openness <= 0.2


def test_loads_are_cached_until_the_file_changes(tmp_path: Path) -> None:
    path = tmp_path / "copy.yaml"
    shutil.copy(CASES_DIR / "niche_recruitment.yaml", path)
    first = load_case(path)
    assert load_case(path) is first
    path.write_text(path.read_text().replace("The favourite candidate", "The other candidate"))
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000))
    second = load_case(str(path))
    assert second is not first and second.title.startswith("The other candidate")


def test_an_extra_folder_adds_its_cases_to_the_course_ones(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    text = (CASES_DIR / "let_go_rebrand.yaml").read_text(encoding="utf-8")
    (tmp_path / "my_rebrand.yaml").write_text(text.replace("id: let_go_rebrand", "id: my_rebrand"),
                                              encoding="utf-8")
    monkeypatch.setenv("PUSHBACK_EXTRA_CASES_DIR", str(tmp_path))
    assert cases() == sorted([*EXPECTED, "my_rebrand"])
    assert load_case("my_rebrand").path == str((tmp_path / "my_rebrand.yaml").resolve())
    assert load_case("niche_recruitment").id == "niche_recruitment"


def test_an_extra_case_may_not_shadow_a_course_case(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(CASES_DIR / "let_go_rebrand.yaml", tmp_path / "let_go_rebrand.yaml")
    monkeypatch.setenv("PUSHBACK_EXTRA_CASES_DIR", str(tmp_path))
    with pytest.raises(CaseError,
                       match=r"let_go_rebrand\.yaml: the course already has a case 'let_go_rebrand'"):
        cases()


def test_a_missing_extra_folder_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUSHBACK_EXTRA_CASES_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(CaseError, match="nowhere: the extra cases folder named by PUSHBACK_EXTRA_CASES_DIR"):
        load_case("niche_recruitment")


def test_unknown_id_names_the_known_ones() -> None:
    with pytest.raises(CaseError) as info:
        load_case("nishe_recruitment")
    assert "nishe_recruitment" in str(info.value) and "niche_recruitment" in str(info.value)
    assert isinstance(info.value, ValueError)


def test_missing_file_and_wrong_argument_type(tmp_path: Path) -> None:
    with pytest.raises(CaseError, match=r"missing\.yaml: cannot read the case file"):
        load_case(tmp_path / "missing.yaml")
    with pytest.raises(CaseError, match=r"expected a case id or the path of a \.yaml file, got int"):
        load_case(3)  # type: ignore[arg-type]


def test_id_must_match_file_name_when_loaded_by_id(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(CASES_DIR / "let_go_rebrand.yaml", tmp_path / "renamed.yaml")
    monkeypatch.setenv("PUSHBACK_EXTRA_CASES_DIR", str(tmp_path))
    with pytest.raises(CaseError, match=r"renamed.yaml: id: expected 'renamed' \(the file name\)"):
        load_case("renamed")
    assert load_case(tmp_path / "renamed.yaml").id == "let_go_rebrand"
    with pytest.raises(CaseError, match="expected 'renamed'"):  # a cached load is checked too
        load_case("renamed")


def test_public_api_exports_the_loader() -> None:
    assert "cases" in pushback_lib.__all__ and "load_case" in pushback_lib.__all__
    assert pushback_lib.load_case is load_case


def test_cases_still_callable_after_importing_the_submodule() -> None:
    """``import pushback_lib.cases`` rebinds the package attribute to the module; both must work."""
    import subprocess
    import sys

    code = ("import pushback_lib.cases, pushback_lib\n"
            "print(pushback_lib.cases() == pushback_lib.cases.cases())\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_a_loaded_case_is_frozen_and_hashable() -> None:
    import dataclasses

    case = load_case("agency_feedback")
    with pytest.raises(dataclasses.FrozenInstanceError):
        case.title = "changed"  # type: ignore[misc]
    assert isinstance(case.facts, tuple) and isinstance(case.stakeholder_wants, tuple)
    assert hash(case) == hash(load_case("agency_feedback"))


TELLS = ("heard", "rumour", "hearsay", "cannot find the source", "nobody has checked", "blog",
         "you believe", "you suspect", "you think", "you remember", "you recall", "hinted",
         "in passing", "gossip", "not checked", "have not")
TRUST_WORDS = ("trust", "relies", "rely", "listens", "copies her", "asks for her", "precious",
               "never worked", "sides with", "talks every")


@pytest.mark.parametrize("case_id", cases())
def test_decoys_need_judgement_not_a_tell_word(case_id: str) -> None:
    """An unverified fact looks as documented as a verified one (a stale figure, another
    region, an unsigned draft, a forwarded number): its wording gives no verdict away."""
    case = load_case(case_id)
    for fact in case.facts:
        if not fact.verified:
            assert not [t for t in TELLS if t in fact.text.lower()], (fact.id, fact.text)


@pytest.mark.parametrize("case_id", cases())
def test_trust_is_read_from_the_relationship_not_from_the_role(case_id: str) -> None:
    case = load_case(case_id)
    context = f"{case.situation} {case.relationship}"
    for ally in case.allies:
        assert not [w for w in TRUST_WORDS if w in ally.role.lower()], (ally.id, ally.role)
        if ally.trusted_by_stakeholder:
            parts = [p for p in ally.name.split() if len(p) >= 4]
            assert any(p in context for p in parts), f"{ally.id}: nothing in the situation shows it"
