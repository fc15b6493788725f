"""Free-text turns: a typed reply is read by the analyzer and takes the branch it fits.

The mechanics are tested with a stand-in analyzer (so each rule is exercised on its
own); the mapping itself is tested on real replies in varied voices
(``freetext_replies.yaml``) with the real analyzer.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pushback_lib.analyzer import COMPONENTS, FLAGS, Analysis, analyze
from pushback_lib.practice.freetext import (
    ATTEMPTS_RECORD,
    MIN_SUBSTANCE,
    MIN_WORDS,
    SURE_FLAG,
    ReplyTooShort,
    attempts,
    case_context,
    fit,
    read_reply,
    substance,
)
from pushback_lib.practice.roleplay import RolePlaySession
from pushback_lib.practice.script import REPLY_LABELS, Choice, Turn, load_script
from pushback_lib.workspace import read_records

from .conftest import KEPT_BACK_SCRIPTS, SCRIPT_SOURCES, best_ending, script_for

REPLIES = yaml.safe_load((Path(__file__).parent / "freetext_replies.yaml").read_text(encoding="utf-8"))


def fake(**probabilities: float):
    """A stand-in analyzer giving fixed probabilities; labels from 0.5 are called, 0.2-0.8 unsure."""
    def analyze_stub(text: str) -> Analysis:
        called = {k for k, p in probabilities.items() if p >= 0.5}
        return Analysis(text=text, components=frozenset(called - {"aggressive", "opinion_only"}),
                        flags=frozenset(called & {"aggressive", "opinion_only"}),
                        confidence={k: probabilities.get(k, 0.0) for k in REPLY_LABELS},
                        unsure=frozenset(k for k, p in probabilities.items() if 0.2 < p < 0.8))
    return analyze_stub


def choice(text: str, quality: str, *labels: str, prop: str = "") -> Choice:
    return Choice(text=text, stage="listen", quality=quality, reply="...", feedback="...",
                  labels=labels, prop=prop, next="x")


TURN = Turn("t", "Well? The CEO hated the pack.", (
    choice("I hear you; tell me more about what worried him.", "good", "acknowledge"),
    choice("Here is why the work is right.", "weak", "opinion_only"),
    choice("Fine, we'll do whatever you want.", "weak", "let_go"),
    choice("You signed this off, so it's on you.", "harmful", "aggressive", prop="gotcha"),
))


def test_the_script_labels_are_the_analyzers() -> None:
    assert (*COMPONENTS, *FLAGS) == REPLY_LABELS


@pytest.mark.parametrize("text, words", [("", "Type your reply first"), ("   ", "Type your reply first"),
                                         ("No way.", r"too short to read \(2 words\)"),
                                         ("Fine by me.", f"at least {MIN_WORDS} words")])
def test_an_empty_or_very_short_reply_gets_a_clear_message_and_plays_nothing(script, text, words) -> None:
    session = RolePlaySession(script)
    with pytest.raises(ReplyTooShort, match=words):
        session.reply(text, analyze=fake(acknowledge=0.9))
    assert session.steps == [] and session.turn.id == script.start


def test_a_reply_takes_the_choice_whose_labels_it_shares() -> None:
    assert read_reply(TURN, "Sure thing, go ahead and change it all.", fake(let_go=0.9)).index == 2
    reading = read_reply(TURN, "I see, so what exactly worried him about it?", fake(acknowledge=0.95))
    assert reading.index == 0 and not reading.tone_guard
    assert len(reading.fits) == 4 and max(reading.fits) == reading.fits[0]


def test_a_reply_read_as_the_analyzer_reads_a_choices_words_fits_that_choice_better() -> None:
    """The analyzer under-reads a calm, fact-filled answer (hostile at 0.4, its moves unseen); a reply
    in the same kind of words is read the same way. Against the author's labels alone the reply is
    far from the answer; against a target that also holds the analyzer's reading of the answer's
    own words it is nearer, by a quarter of the gap on every label, and never further."""
    good = choice("The drop in complaints is real, so we show both figures.", "good", "acknowledge",
                  "business_reason", "alternative")
    misread = {"aggressive": 0.4, "evidence": 0.2}
    profile_only = fit(misread, good)
    with_reading = fit(misread, good, own_reading=misread)
    assert with_reading > profile_only
    assert with_reading - profile_only == pytest.approx(0.25 * (1 - profile_only), abs=1e-3)
    # read as its author declared it, the answer's own reading changes nothing
    declared = {label: 1.0 for label in good.labels}
    assert fit(declared, good, own_reading=declared) == fit(declared, good) == 1.0


def test_a_sure_flag_keeps_a_reply_off_every_good_branch() -> None:
    """Sarcasm around an acknowledgement: the acknowledgement does not buy the good branch."""
    reading = read_reply(TURN, "Oh I hear you, what a brilliant insight from the top.",
                         fake(acknowledge=0.95, aggressive=SURE_FLAG))
    assert TURN.choices[reading.index].quality != "good" and reading.tone_guard
    assert any("hostile" in n and "cannot take the path of a good answer" in n for n in reading.notes)


def test_the_reading_says_plainly_when_the_analyzer_is_unsure() -> None:
    reading = read_reply(TURN, "Right, so the worry is about the pack then?", fake(acknowledge=0.45))
    assert reading.index == 0
    assert reading.notes[0].startswith(
        "The analyzer is not sure this reads as an acknowledgement of their concern (45%)")


@pytest.mark.parametrize("reply, gotcha", [
    ("You signed these scripts off, so changing them now is your problem.", True),
    ("You did approve this concept at our first meeting, remember.", True),
    ("Your own brief says young buyers come first, so this contradicts it.", True),
    ("The brief we agreed together says young city buyers come first.", False),
    ("We both signed up to trial from new buyers in the brief, so let's start there.", False),
])
def test_a_prop_used_as_a_gotcha_is_told_from_one_used_as_shared_ground(reply, gotcha) -> None:
    reading = read_reply(TURN, reply, fake(evidence=0.9))
    assert ("gotcha" in reading.called) == gotcha
    if gotcha:
        assert reading.index == 3 and reading.tone_guard


def test_going_over_their_head_is_hostile_however_polite() -> None:
    reading = read_reply(TURN, "I'll just email your CEO directly and explain it to him.", fake(involve=0.9))
    assert "aggressive" in reading.called and TURN.choices[reading.index].quality != "good"


def test_a_typed_reply_plays_like_a_choice_and_keeps_the_learners_words(script) -> None:
    session = RolePlaySession(script)
    start = session.turn
    step = session.reply("Thanks for telling me straight away; help me understand what worried them most.")
    assert step.reading is not None and step.choice is start.choices[step.reading.index]
    assert step.said.startswith("Thanks for telling me") and session.state == step.after
    assert session.steps == [step]
    while not session.finished:
        session.choose(0)
    assert "after" in session.runs[0].summary() and "(1 in your own words)" in session.runs[0].summary()


def test_attempts_are_kept_per_case_and_decision_point_for_comparison() -> None:
    session = RolePlaySession(load_script("agency_feedback"), keep_attempts=True)
    first = "Thanks for calling straight away. What exactly did the CEO react to?"
    second = "You signed these scripts off, so the CEO can't change them now."
    session.reply(first)
    session.restart()
    session.reply(second)
    kept = attempts("agency_feedback", "call")
    assert [a.text for a in kept] == [first, second]
    assert kept[0].quality == "good" and kept[1].quality != "good" and "gotcha" in kept[1].labels
    assert attempts("niche_recruitment") == [] and attempts("agency_feedback", "heated") == []
    session.restart()
    assert [a.text for a in session.attempts()] == [first, second], "the current decision point's attempts"


def test_a_session_keeps_nothing_unless_asked() -> None:
    RolePlaySession(load_script("agency_feedback")).reply("Thanks for calling. What did he react to?")
    assert read_records(ATTEMPTS_RECORD) == []


# -- the declared profiles, checked against the analyzer ---------------------------------
def test_declared_labels_agree_with_the_analyzer_on_the_choices_own_words() -> None:
    """Each choice's profile is hand-declared; the analyzer, reading the choice's own text, must
    agree on most label decisions (measured 0.85 over all eight scripts), and reading the choice's text
    as a typed reply must lead back to that very choice."""
    agree = total = back = choices = 0
    for case_id in SCRIPT_SOURCES:
        for turn in script_for(case_id).turns:
            for i, c in enumerate(turn.choices):
                called = analyze(c.text).components | analyze(c.text).flags
                agree += sum((label in called) == (label in c.labels) for label in REPLY_LABELS)
                total += len(REPLY_LABELS)
                back += read_reply(turn, c.text).index == i
                choices += 1
    assert agree / total >= 0.8, f"declared labels agree with the analyzer on {agree / total:.0%}"
    assert back / choices >= 0.97, f"only {back} of {choices} choices map back to themselves"


# -- real replies -------------------------------------------------------------------------
def _readings():
    for case_id, turns in REPLIES.items():
        script = script_for(case_id)
        context = case_context(case_id)
        for turn_id, replies in turns.items():
            turn = script.turn(turn_id)
            for r in replies:
                yield r, turn, read_reply(turn, r["say"], context=context)


def test_the_replies_cover_every_script_and_many_decision_points() -> None:
    assert set(REPLIES) == set(SCRIPT_SOURCES)
    for case_id, turns in REPLIES.items():
        assert len(turns) >= 0.75 * len(script_for(case_id).turns), case_id


def test_real_replies_take_the_branch_they_mean() -> None:
    """Measured on 184 hand-written replies over the eight scripts (the six packaged and the two
    kept back for grading): hostile and sarcastic ones stay off the good branch (81 of 81; the
    reply the analyzer reads as nothing is kept off by the substance check), good ones take it
    (94 of 99; 13 of 15 written in the learner's own words rather than near a choice's)."""
    outcome: dict[str, list[bool]] = {"good": [], "not_good": [], "index": [], "own_words": []}
    misses = []
    for r, turn, reading in _readings():
        quality = turn.choices[reading.index].quality
        expect = r["expect"]
        ok = (quality == "good" if expect == "good" else quality != "good" if expect == "not_good"
              else reading.index == expect)
        outcome[expect if isinstance(expect, str) else "index"].append(ok)
        if r.get("voice") == "own_words":
            outcome["own_words"].append(ok)
        if not ok:
            misses.append(f"{turn.id}: {r['say'][:60]!r} -> {reading.index} ({quality})")
        if reading.tone_guard or "gotcha" in reading.called:
            assert quality != "good", f"a sure flag took the good branch: {r['say']!r}"
    rate = {k: sum(v) / len(v) for k, v in outcome.items()}
    assert rate["not_good"] >= 0.95, misses
    assert rate["good"] >= 0.9, misses
    assert rate["own_words"] >= 0.8, misses
    assert rate["index"] == 1.0, misses


def test_every_reply_the_analyzer_calls_hostile_stays_off_the_good_branch() -> None:
    hostile = [(turn, reading) for r, turn, reading in _readings() if r["expect"] == "not_good"
               and (reading.tone_guard or {"aggressive", "opinion_only"} & reading.called)]
    assert len(hostile) >= 50
    for turn, reading in hostile:
        assert turn.choices[reading.index].quality != "good", reading.text


# -- substance: tone alone does not earn a good branch ------------------------------------
BOILERPLATE_REPLIES = (
    "I understand your concern, that matters.",
    "I hear you, and I really appreciate your perspective on this.",
    "Thanks, that's a fair point and I totally agree it matters.",
    "I see where you're coming from; let's keep talking about it together.",
)


@pytest.mark.parametrize("analyzer", ["real", "flatters"])
def test_boilerplate_at_every_turn_never_takes_a_good_branch_nor_the_best_ending(script, analyzer) -> None:
    """The review's exploit: a polite nothing typed at every turn. It must not take a good branch
    anywhere, with the real analyzer or with one that reads every reply as a warm acknowledgement
    and a business reason (a retrained analyzer may be kinder to boilerplate than this one)."""
    reader = None if analyzer == "real" else fake(
        acknowledge=0.95, business_reason=0.9, evidence=0.9, alternative=0.9, involve=0.9)
    for start in range(len(BOILERPLATE_REPLIES)):
        session = RolePlaySession(script)
        n = start
        while not session.finished:
            step = session.reply(BOILERPLATE_REPLIES[n % len(BOILERPLATE_REPLIES)], analyze=reader)
            n += 1
            assert step.choice.quality != "good", f"{step.turn}: {step.said!r} took a good branch"
        assert session.outcome != best_ending(script.case), [s.turn for s in session.steps]


HOSTILE_REPLIES = (
    "With respect, that's a ridiculous decision and frankly you know it.",
    "You signed this off yourself, so don't come complaining to me now.",
    "Whatever. I'll email your boss and sort this out over your head.",
    "Honestly, this is stupid, and I'm not wasting any more of my time on it.",
)


def test_hostile_replies_at_every_turn_never_take_a_good_branch_nor_the_best_ending(script) -> None:
    """Contempt, a gotcha, going over their head: typed at every turn, with the real analyzer,
    they take no good branch and never reach the case's best ending, on every script (the two
    kept back for grading included)."""
    for start in range(len(HOSTILE_REPLIES)):
        session = RolePlaySession(script)
        n = start
        while not session.finished:
            step = session.reply(HOSTILE_REPLIES[n % len(HOSTILE_REPLIES)])
            n += 1
            assert step.choice.quality != "good", f"{step.turn}: {step.said!r} took a good branch"
        assert session.outcome != best_ending(script.case), [s.turn for s in session.steps]


GOOD_PATHS = yaml.safe_load((Path(__file__).parent / "freetext_good_paths.yaml").read_text(encoding="utf-8"))



def test_own_words_paths_cover_every_kept_back_script() -> None:
    """The scripts played only after grading get a typed good path too: nobody has played them
    in class, so this is the only proof their good branches can be reached in a learner's words."""
    assert set(KEPT_BACK_SCRIPTS) <= set(GOOD_PATHS)
    assert set(KEPT_BACK_SCRIPTS) == {"capstone_vendor", "charity_raffle"}


@pytest.mark.parametrize("case_id", sorted(GOOD_PATHS))
def test_varied_good_replies_in_own_words_still_reach_the_best_ending(case_id) -> None:
    session = RolePlaySession(script_for(case_id))
    for text in GOOD_PATHS[case_id]:
        step = session.reply(text)
        assert step.choice.quality == "good", f"{step.turn}: {text!r} -> {step.choice.text!r}"
        assert step.reading is not None and not step.reading.thin
        choices = [c.text.strip() for t in session.script.turns for c in t.choices]
        assert text not in choices
    assert session.finished and session.outcome == best_ending(case_id)


def test_substance_counts_the_cases_words_not_boilerplate() -> None:
    script = load_script("niche_recruitment")
    turn, context = script.turn("case"), case_context("niche_recruitment")
    assert substance(turn, "I understand your concern, that really matters a lot.", context) == frozenset()
    found = substance(turn, "He already merged two pay structures for 4,200 staff in under a year.", context)
    assert len(found) >= MIN_SUBSTANCE and {"200", "staff", "structur"} <= found
    opening = script.turn("opening")
    assert substance(opening, "I understand your concern, Khalid Rahman.", context) == frozenset(), \
        "naming the stakeholder is no substance"
    polite = read_reply(opening, "I understand your concern about Daniel Okafor.", fake(acknowledge=0.95),
                        context=context)
    assert polite.thin, "a person's full name counts as one point, not two"


def test_a_polite_reply_without_substance_is_told_what_was_missing() -> None:
    reading = read_reply(TURN, "I understand your concern, that matters a great deal.",
                         fake(acknowledge=0.95))
    assert reading.thin and TURN.choices[reading.index].quality != "good"
    text = " ".join(reading.coaching)
    assert "carried nothing from this conversation or the case" in text
    assert "open question" in text, "a listening point says what a careful expert would ask"
    assert "an acknowledgement of their concern" in text, "what the analyzer heard is named"


def test_a_typed_gotcha_gets_gotcha_coaching_not_the_branchs_canned_note() -> None:
    """The review's case: a gotcha typed at "Why him, then?" was coached about opinion."""
    session = RolePlaySession(load_script("niche_recruitment"))
    for _ in range(3):
        session.choose(0)
    assert session.turn is not None and session.turn.id == "case"
    step = session.reply("You signed off the brief that asked for a builder, so you can't say he's wrong "
                         "for it.")
    assert step.choice.quality != "good" and step.reading is not None
    coaching = " ".join(step.reading.coaching)
    assert "'You signed' uses a prop as a gotcha" in coaching
    assert "ground you share" in coaching
    assert coaching in session.debrief().notes[-1], "the debrief keeps the reply's own coaching"


def test_a_good_reply_is_coached_on_what_it_did_in_its_own_words() -> None:
    session = RolePlaySession(load_script("niche_recruitment"))
    session.choose(0)
    step = session.reply("So what really worries you is whether he can build one structure out of two "
                         "quickly, and stay long enough to finish it?")
    assert step.choice.quality == "good" and step.reading is not None
    coaching = " ".join(step.reading.coaching)
    assert "You asked an open question" in coaching and "no clear move" not in coaching
    assert "structure" in coaching and "quickly" in coaching, "the learner's own words, not stems"
    assert "whether" not in coaching, "function words are not substance"
