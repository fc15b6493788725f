"""The contract of issue 4: types, label vocabularies, spans that quote the draft, stages that exist."""

from __future__ import annotations

import pytest

import pushback_lib
from pushback_lib.analyzer import COMPONENTS, FLAGS, Analysis, Finding, Suggestion, analyze

GOOD = ("I completely understand why the budget worries you, and you're right that we need to keep "
        "costs down. The brief asks for a 10% lift in sign-ups by March, and when we ran a shorter "
        "version for another client last year, sign-ups fell by 8%. I'd recommend we keep the current "
        "length and test a cut-down edit alongside it. Could we get Priya from your insights team on a "
        "call with our planner on Thursday to agree the test together?")


def test_public_names_match_the_issue() -> None:
    assert COMPONENTS == ("acknowledge", "business_reason", "evidence", "alternative", "involve", "let_go")
    assert FLAGS == ("aggressive", "opinion_only")
    assert pushback_lib.analyze is analyze
    assert pushback_lib.COMPONENTS is COMPONENTS and pushback_lib.FLAGS is FLAGS


def test_a_strong_draft_has_the_pushback_components_and_no_flags() -> None:
    a = analyze(GOOD)
    assert isinstance(a, Analysis)
    assert a.components == {"acknowledge", "business_reason", "evidence", "alternative", "involve"}
    assert a.flags == frozenset()
    assert isinstance(a.components, frozenset) and isinstance(a.flags, frozenset)


def test_every_finding_quotes_its_span_and_has_a_reason() -> None:
    a = analyze(GOOD)
    assert a.findings
    for f in a.findings:
        assert isinstance(f, Finding)
        assert GOOD[f.start:f.end] == f.quote
        assert f.label in COMPONENTS + FLAGS + ("contradiction",)
        assert f.why
    assert {f.label for f in a.findings} >= set(a.components)


def test_suggestions_are_tied_to_real_stages() -> None:
    a = analyze("I just don't like it. It feels wrong.")
    assert a.suggestions
    for s in a.suggestions:
        assert isinstance(s, Suggestion)
        assert s.stage in pushback_lib.STAGE_KEYS
    stages = [s.stage for s in a.suggestions]
    assert "listen" in stages and "build_case" in stages and "alternative" in stages


@pytest.mark.parametrize("text, flag", [
    ("This is RIDICULOUS. You never listen to a word we say.", "aggressive"),
    ("Oh great, another round of changes. Because that worked so well last time.", "aggressive"),
    ("As I already explained twice, the logo is fine.", "aggressive"),
    ("I just prefer the original, it looks nicer to me.", "opinion_only"),
    ("Honestly I'm not a fan of the new version, it doesn't feel right.", "opinion_only"),
])
def test_flags_on_plain_examples(text: str, flag: str) -> None:
    assert flag in analyze(text).flags


def test_opinion_with_a_business_reason_is_not_opinion_only() -> None:
    a = analyze("I think the shorter ad is a mistake: the brief's goal is sign-ups, and the long cut "
                "converted 12% better in the March test.")
    assert "opinion_only" not in a.flags
    assert {"business_reason", "evidence"} <= a.components


def test_let_go_is_recognised() -> None:
    a = analyze("Thanks for hearing me out. It's your call, and we'll go ahead with your version. "
                "If anything changes, the door is open.")
    assert "let_go" in a.components
    assert a.flags == frozenset()


def test_prescore_is_the_share_of_components_minus_flags() -> None:
    good, rude = analyze(GOOD), analyze("This is RIDICULOUS and you never listen.")
    assert good.prescore == pytest.approx(5 / 6)
    assert rude.prescore == 0.0
    # The labelling guide: courtesy beside hostility is not credited (never praise hostility),
    # so a hostile draft keeps only its flag's deduction.
    mixed = analyze("I hear you, but you never listen to a word we say.")
    assert mixed.components == frozenset() and mixed.flags == {"aggressive"}
    assert mixed.prescore == 0.0


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_empty_text_gives_an_empty_analysis_and_asks_for_a_draft(text: str) -> None:
    a = analyze(text)
    assert a.components == frozenset() and a.flags == frozenset() and a.findings == ()
    assert a.prescore == 0.0
    assert len(a.suggestions) == 1 and "Write something" in a.suggestions[0].text


@pytest.mark.parametrize("bad", [None, 42, b"bytes", ["a list"]])
def test_non_text_is_a_clear_value_error(bad: object) -> None:
    with pytest.raises(ValueError, match="text must be a str"):
        analyze(bad)  # type: ignore[arg-type]


def test_a_case_of_the_wrong_type_is_a_clear_value_error() -> None:
    with pytest.raises(ValueError, match=r"case must be a pushback_lib\.Case"):
        analyze("hello", case="niche_recruitment")  # type: ignore[arg-type]


def test_str_is_plain_text_summary() -> None:
    text = str(analyze(GOOD))
    assert "Components present: acknowledge, business_reason, evidence, alternative, involve" in text
    assert "<mark" not in text and "Flags: none" in text


def test_the_module_docstring_examples_run() -> None:
    import doctest

    import pushback_lib.analyzer as module
    result = doctest.testmod(module)
    assert result.attempted >= 3 and result.failed == 0


def test_findings_for_returns_one_label_in_text_order() -> None:
    a = analyze(GOOD)
    evidence = a.findings_for("evidence")
    assert evidence and all(f.label == "evidence" for f in evidence)
    assert [f.start for f in evidence] == sorted(f.start for f in evidence)
