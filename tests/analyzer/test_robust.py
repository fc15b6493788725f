"""Robustness: any Unicode, other languages, megabyte drafts, odd casing; never a crash, spans
always valid."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pushback_lib.analyzer import COMPONENTS, FLAGS, analyze
from pushback_lib.cases import Fact

from .conftest import make_case

_CASE = make_case(Fact("f1", "Attrition fell from 28% to 19% in 14 months after the March 2023 launch.",
                       "cv", True))
_LABELS = set(COMPONENTS) | set(FLAGS) | {"contradiction"}
_PHRASES = st.sampled_from([
    "I understand", "the budget", "for example", "12%", "£40k", "could we", "the team", "your call",
    "RIDICULOUS", "I just feel", "?!", "don't", "İstanbul", "\u200b", "\n- ", "’", "28%", "March", " ",
])


def _check(text: str, case=None) -> None:
    a = analyze(text, case)
    assert a.components <= set(COMPONENTS) and a.flags <= set(FLAGS)
    assert 0.0 <= a.prescore <= 1.0
    for f in a.findings:
        assert f.label in _LABELS
        assert 0 <= f.start < f.end <= len(text)
        assert text[f.start:f.end] == f.quote
    for c in a.contradictions:
        assert text[c.start:c.end] == c.quote
    html = a._repr_html_()
    assert "<script" not in html.lower()  # learner text is always escaped
    str(a)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_unicode_text_gives_a_valid_analysis(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(_PHRASES, st.text(max_size=12)), max_size=40).map("".join))
def test_mixtures_of_trigger_phrases_and_noise_give_valid_spans_with_a_case(text: str) -> None:
    _check(text, _CASE)


def test_characters_that_lower_case_to_two_keep_spans_aligned() -> None:
    text = "İİİ I understand İ the budget worry. İ For example, costs fell 12%."
    a = analyze(text)
    assert {"acknowledge", "evidence"} <= a.components
    assert all(text[f.start:f.end] == f.quote for f in a.findings)


def test_a_one_megabyte_draft_does_not_crash_and_bounds_its_findings() -> None:
    text = ("I hear you. The budget is tight, but for example the pilot cut costs by 12%. "
            "Could we test it first? ") * 11_000
    assert len(text) > 1_000_000
    a = analyze(text[:1_000_000], _CASE)
    assert {"acknowledge", "evidence"} <= a.components
    assert len(a.findings) < 2_000
    assert len(a._repr_html_()) < 200_000


def test_other_languages_give_a_sensible_empty_result() -> None:
    for text in ("Je comprends votre point de vue, mais le budget est serré.",
                 "我理解您的担忧，但是预算有限。", "Ich verstehe Ihre Sorge.", "مرحبا، أفهم وجهة نظرك"):
        a = analyze(text)
        assert a.flags == frozenset()
        assert a.suggestions
