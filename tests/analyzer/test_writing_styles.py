"""How real people write: spelling variants, typos, bullets, capitals, sarcasm, empty politeness."""

from __future__ import annotations

import pytest

from pushback_lib.analyzer import analyze

from .conftest import MODEL_MISS


@pytest.mark.parametrize("text, label", [
    ("I recognise the worry about cost.", "acknowledge"),
    ("I recognize the worry about cost.", "acknowledge"),
    # the model reads hostility at 0.25 in the misspelt sentence, so the never-praise rule holds the
    # credit back and says "not sure whether this acknowledges their view" (core.PRAISE_GUARD)
    pytest.param("I totaly understnad why you want it sooner.", "acknowledge", marks=MODEL_MISS),
    ("I'd reccomend we pilot it in one region.", "alternative"),
    ("Id recomend we pilot it in one region.", "alternative"),
    ("We could organise a workshop with your team.", "involve"),
    ("We could organize a workshop with your team.", "involve"),
    ("It’s your call, and we’ll go ahead with your version.", "let_go"),
    ("Its your call and well go ahead with your version", "let_go"),
])
def test_spelling_variants_and_typos(text: str, label: str) -> None:
    assert label in analyze(text).components


def test_bullet_points_and_line_breaks() -> None:
    text = ("Quick notes for the call:\n"
            "• agree: fair point on timing\n"
            "• the brief's objective is trial, not awareness\n"
            "• last year's sampling got 14,000 people to try it\n"
            "• propose: swap the TV spot for a sampling tour\n")
    assert {"acknowledge", "business_reason", "evidence", "alternative"} <= analyze(text).components


@pytest.mark.parametrize("text", [
    "WE ARE NOT CHANGING THE LOGO AGAIN.",
    "Please stop. This is NOT what we agreed.",
    "Oh wonderful, yet another 'quick tweak' on a Friday night.",
    "Sure, because the last rebrand went so well.",
    "I'm sure you know best, as always.",
    "Did you even open the deck?",
])
def test_shouting_sarcasm_and_belittling_are_aggressive(text: str) -> None:
    assert "aggressive" in analyze(text).flags


@pytest.mark.parametrize("text", [
    "Our KPI for Q3 is CTR, and the ROI case the CFO approved depends on it.",
    "The SLA in the NHS contract is 48 hours; the CEO signed it in 2023.",
    "Thank you so much, I really appreciate all your help! Have a lovely weekend :)",
    "Yes, but the results tell a different story: sign-ups fell 12% after the last change.",
])
def test_acronyms_politeness_and_firm_disagreement_are_not_aggressive(text: str) -> None:
    assert "aggressive" not in analyze(text).flags


def test_politeness_with_no_substance_earns_no_components() -> None:
    a = analyze("Thanks so much for your feedback!! Really appreciate it, you're the best. Have a great day!")
    assert a.components == frozenset()
    assert a.prescore == 0.0


@pytest.mark.parametrize("text", [
    "I just prefer the blue, it feels fresher.",
    "Honestly, the old version looked way better to me.",
    "imo the new logo is kinda meh",
])
def test_taste_without_reasons_is_opinion_only(text: str) -> None:
    assert "opinion_only" in analyze(text).flags


@MODEL_MISS  # business_reason 0.33 since batch t6 (threshold 0.40): the KPI link is not read as a reason
def test_the_same_taste_backed_by_a_reason_is_not_opinion_only() -> None:
    a = analyze("I prefer the blue: in the March test it lifted click-through by 18%, "
                "which is the campaign's KPI.")
    assert "opinion_only" not in a.flags
    assert {"business_reason", "evidence"} <= a.components


def test_a_long_mixed_email_finds_each_part_where_it_is() -> None:
    text = ("Hi Tom,\n\nThanks for the candid notes. I understand the board wants the launch moved up.\n\n"
            "My concern is the deadline for the retailer listings: moving the launch means missing the "
            "September range review, which the sales plan depends on. When we rushed a launch for another "
            "client in 2022, they lost two listings.\n\nCould we keep September and announce early instead? "
            "I'd suggest we walk the board through it together with your sales director.\n\n"
            "If the board still prefers the earlier date, it's their call and we'll make it work."
            "\n\nBest, Ana")
    a = analyze(text)
    assert a.components == {"acknowledge", "business_reason", "evidence", "alternative", "involve", "let_go"}
    assert a.flags == frozenset()
    first = {label: min(f.start for f in a.findings if f.label == label) for label in a.components}
    assert first["acknowledge"] < first["business_reason"] < first["alternative"] < first["let_go"]


# the guide: a pure complaint about the person is aggressive only (the short-draft gate drops the
# model's opinion_only, which no stance word supports)
def test_a_complaint_about_the_person_is_aggressive_but_not_opinion_only() -> None:
    assert analyze("You NEVER listen to us.").flags == {"aggressive"}


CALM_OPENINGS = [
    # p(aggressive) 0.26-0.47: the many grudging "I understand." drafts in training colour calm ones
    pytest.param("I understand that shoppers must find the pack. The brief's goal is trial from younger "
                 "buyers, because under-35s are only 12% of sales.", marks=MODEL_MISS),
    # a known miss until the model trained on t1-t39, which credits it
    "I understand you need the grading structure agreed fast.",
]


@pytest.mark.parametrize("text", CALM_OPENINGS)
def test_a_calm_i_understand_opening_is_credited_and_not_flagged(text: str) -> None:
    a = analyze(text)
    assert "aggressive" not in a.flags
    assert "acknowledge" in a.components
