"""Commit, then reveal (pushback_lib.practice.commit): nothing is revealed before a call, a bad
call gets a clear error, and the reveal compares the call with the model and the expert."""

from __future__ import annotations

import pytest

import pushback_lib as pb
from pushback_lib.errors import PushbackError
from pushback_lib.practice.commit import MyCall, reveal

REASON = "The stakes are high for the merger and my evidence is verified in the notes."


@pytest.fixture(scope="module")
def recruitment():
    return pb.load_case("niche_recruitment")


@pytest.fixture(scope="module")
def rebrand():
    return pb.load_case("let_go_rebrand")


@pytest.mark.parametrize("given,expected", [("push_back", "push_back"), ("Push back", "push_back"),
                                            ("let-go", "let_go"), (" LET GO ", "let_go")])
def test_a_choice_is_read_in_the_learners_spelling(given, expected):
    assert MyCall(given, REASON).choice == expected


@pytest.mark.parametrize("choice,reason,message", [
    ("maybe", REASON, "choice must be 'push_back' or 'let_go', got 'maybe'"),
    ("", REASON, "choice is empty"),
    (None, REASON, "choice must be 'push_back' or 'let_go', got NoneType"),
    ("push_back", "", "reason is empty"),
    ("push_back", "   ", "reason is empty"),
    ("push_back", "high stakes", "too short to be a reason"),
    ("push_back", None, "reason must be a sentence"),
])
def test_a_bad_call_gets_an_error_naming_the_field(choice, reason, message):
    with pytest.raises(pb.PushbackError, match=message.replace("(", r"\(").replace(")", r"\)")):
        MyCall(choice, reason)


@pytest.mark.parametrize("reading,message", [
    ({"stake": 0.5}, "unknown factor"), ({"stakes": 1.5}, r"reading\['stakes'\] must be a number"),
    ({"timing": True}, "must be a number"), ([0.5], "must be a dict"),
])
def test_a_bad_reading_gets_an_error_naming_the_factor(reading, message):
    with pytest.raises(pb.PushbackError, match=message):
        MyCall("let_go", REASON, reading=reading)


def test_without_a_call_nothing_is_revealed(recruitment):
    shown = reveal(recruitment, None)
    assert not shown.ready
    for view in (shown.text, shown._repr_html_()):
        assert "Make your call first" in view or "make your call first" in view.lower()
        assert recruitment.expert_outcome.summary not in view
        assert "Push back" not in view and "push back" not in view


def test_reveal_rejects_what_is_not_a_call(recruitment):
    with pytest.raises(pb.PushbackError, match="my_call must be MyCall"):
        reveal(recruitment, ("push_back", REASON))  # type: ignore[arg-type]
    with pytest.raises(pb.PushbackError, match="case must be a Case"):
        reveal("niche_recruitment", MyCall("push_back", REASON))  # type: ignore[arg-type]


def test_an_agreeing_call_is_compared_with_the_expert(recruitment):
    shown = reveal(recruitment, MyCall("push_back", REASON))
    assert shown.ready and shown.agrees_with_expert
    assert shown.verdict() == "Same call as the expert: push back."
    assert recruitment.expert_outcome.summary in shown.text
    assert shown.model == pb.decide(recruitment)
    mentioned = {r.name for r in shown.factors if r.in_reason}
    assert {"stakes", "evidence"} <= mentioned and "relationship_risk" not in mentioned


def test_a_different_call_says_so_and_names_the_factors_it_missed(rebrand):
    shown = reveal(rebrand, MyCall("push_back", "The new logo looks worse than the old one to me."))
    assert not shown.agrees_with_expert
    assert shown.verdict() == "A different call: you would push back, the expert chose to let go."
    said = " ".join(shown.differences())
    assert "names none of the six factors" in said
    assert "rests most on" in said


def test_a_reading_is_compared_factor_by_factor(recruitment):
    reading = dict(stakes=0.9, evidence=0.2, credibility=0.8, openness=0.5,
                   relationship_risk=0.3, timing=0.7)
    shown = reveal(recruitment, MyCall("let_go", "My evidence feels thin for a client this busy.",
                                       reading=reading))
    assert shown.on_your_reading == pb.decide(recruitment, **reading)
    evidence = next(r for r in shown.factors if r.name == "evidence")
    assert evidence.yours == 0.2
    assert evidence.gap == pytest.approx(abs(0.2 - recruitment.decision_inputs.evidence))
    said = " ".join(shown.differences())
    assert "You read evidence as 0.20" in said
    assert "On your own reading the model would let go" in said


def test_numbers_that_contradict_the_call_are_pointed_out(recruitment):
    reading = {n: getattr(recruitment.decision_inputs, n) for n in ("stakes", "evidence")}
    shown = reveal(recruitment, MyCall("let_go", "The client is busy and I should not insist now.",
                                       reading=reading))
    assert "but you chose to let go" in " ".join(shown.differences())


def test_the_html_escapes_the_learners_words_and_is_folded(recruitment):
    html = reveal(recruitment, MyCall("push_back", "Because <script>x</script> stakes matter a lot"))\
        ._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    # A stored output must not show the expert's answer on the page: closed, one <details>.
    assert html.count("<details>") == 1 and "<details open" not in html
    assert html.index("<details>") < html.index("What the expert did")
    example = reveal(recruitment, MyCall("push_back", REASON, example=True))
    assert example._repr_html_().count("<details>") == 1
    assert "example call, not yours" in example.text


def test_the_repr_reads_like_the_constructor():
    call = MyCall("let go", REASON, reading={"timing": 0.2})
    assert repr(call) == f"MyCall('let_go', {REASON!r}, reading={{'timing': 0.2}})"


def test_a_reason_on_the_models_own_factors_is_told_so(recruitment):
    shown = reveal(recruitment, MyCall("push_back", "A lot is at stake, my evidence is strong and "
                                       "the timing is right."))
    assert "Your reason rests on the factors the model's call (push back) rests on most." \
        in shown.differences()


def test_ipython_plain_text_is_folded_and_print_reads_it(recruitment):
    shown = reveal(recruitment, MyCall("push_back", REASON))

    class Printer:
        out = ""

        def text(self, s):
            self.out += s

    printer = Printer()
    shown._repr_pretty_(printer, False)
    assert "folded" in printer.out and "Reveal(" not in printer.out
    assert recruitment.expert_outcome.summary not in printer.out
    assert recruitment.expert_outcome.summary in str(shown)


def test_fold_hides_any_answer_behind_a_summary(recruitment):
    from pushback_lib.practice.commit import FOLD_SUMMARY, fold

    folded = fold("The expert offered a short call.")
    html = folded._repr_html_()
    assert html.startswith("<details><summary>" + FOLD_SUMMARY)
    assert "short call" in html.split("</summary>", 1)[1]
    assert str(folded) == "The expert offered a short call."

    class Printer:
        out = ""

        def text(self, s):
            self.out += s

    printer = Printer()
    folded._repr_pretty_(printer, False)
    assert "short call" not in printer.out and FOLD_SUMMARY in printer.out
    # An object with its own HTML keeps it, escaped text is escaped.
    assert "&lt;b&gt;" in fold("<b>x</b>")._repr_html_()
    with pytest.raises(PushbackError, match="summary"):
        fold("x", summary="  ")
    with pytest.raises(PushbackError, match="nothing to fold"):
        fold(None)


def test_call_only_keeps_the_experts_moves_for_the_debrief(recruitment):
    shown = reveal(recruitment, MyCall("push_back", REASON), call_only=True)
    outcome = recruitment.expert_outcome
    for text in (shown.text, shown._repr_html_()):
        assert outcome.summary not in text and "What the expert did:" not in text
        assert "comes in the debrief" in text
    assert shown.verdict().startswith("Same call as the expert")
    full = reveal(recruitment, MyCall("push_back", REASON))
    assert outcome.summary in full.text
