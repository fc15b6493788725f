"""With a case: evidence that cites the case's own facts, and claims that contradict them (accuracy)."""

from __future__ import annotations

import pytest

from pushback_lib.analyzer import analyze
from pushback_lib.cases import Case


def test_citing_a_fact_by_its_content_counts_as_evidence(case: Case) -> None:
    text = "He's the one who redesigned the job structure for the whole retailer."
    assert "evidence" not in analyze(text).components  # no case: nothing specific enough
    a = analyze(text, case)
    assert "evidence" in a.components
    assert a.cited_facts == ("f_team",)
    cited = [f for f in a.findings if f.label == "evidence" and "f_team" in f.why]
    assert cited and text[cited[0].start:cited[0].end] == cited[0].quote


def test_a_shared_number_and_topic_word_cites_the_fact(case: Case) -> None:
    a = analyze("Attrition dropped to 19% where he worked.", case)
    assert "f_attrition" in a.cited_facts
    assert a.contradictions == ()


@pytest.mark.parametrize("text, fact_id, said, expected", [
    ("Daniel led a redesign of the job structure covering 6,000 staff.", "f_team", "6000 staff",
     "4200 staff"),
    ("After the new pay bands went live, frontline attrition fell from 28% to 12%.", "f_attrition", "12%",
     "19% or 28%"),
    ("His children start school in Dubai in October, so he wants to stay.", "f_school", "October",
     "September"),
])
def test_a_wrong_number_or_month_is_a_contradiction(case: Case, text: str, fact_id: str, said: str,
                                                    expected: str) -> None:
    a = analyze(text, case)
    assert [(c.fact_id, c.said, c.expected) for c in a.contradictions] == [(fact_id, said, expected)]
    c = a.contradictions[0]
    assert c.prerequisite == "accuracy" and text[c.start:c.end] == c.quote
    assert any(f.label == "contradiction" and fact_id in f.why for f in a.findings)
    accuracy = [s for s in a.suggestions if "Accuracy" in s.text]
    assert accuracy and accuracy[0].stage == "build_case"
    assert fact_id not in a.cited_facts  # a wrong fact is not credited as evidence


def test_a_contradiction_lowers_the_prescore(case: Case) -> None:
    right = analyze("I hear you. Daniel led a redesign of the job structure covering 4,200 staff.", case)
    wrong = analyze("I hear you. Daniel led a redesign of the job structure covering 6,000 staff.", case)
    assert right.components == wrong.components and "evidence" in right.components
    assert wrong.contradictions and not right.contradictions
    assert wrong.prescore == pytest.approx(right.prescore - 0.15)


def test_the_same_number_on_another_topic_is_not_a_contradiction(case: Case) -> None:
    a = analyze("We have 6,000 staff in the region and the shortlist closes in October.", case)
    assert a.contradictions == ()


def test_citing_an_unverified_fact_warns_about_credibility(case: Case) -> None:
    a = analyze("I've heard from a contact that Daniel is close to an offer from a competitor.", case)
    assert "f_rumour" in a.cited_facts
    assert any("not verified" in f.why for f in a.findings)
    assert any("f_rumour" in s.text and "not verified" in s.text for s in a.suggestions)


def test_a_real_case_file_cites_its_facts_and_catches_a_wrong_number() -> None:
    import pushback_lib
    real = pushback_lib.load_case("niche_recruitment")
    fact = real.facts[0]
    a = analyze(f"As my notes show: {fact.text}", real)
    assert fact.id in a.cited_facts and "evidence" in a.components
    assert a.contradictions == ()
    wrong = analyze("Daniel led the redesign of a nine-grade job structure covering 6,200 staff.", real)
    assert [c.said for c in wrong.contradictions] == ["6200 staff"]
