"""The role-play script loader: the course's scripts load, and broken ones fail
with errors naming the file and the field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from pushback_lib import STAGE_KEYS, CaseError, cases
from pushback_lib.practice.script import QUALITIES, load_script, scripts_dir

from .conftest import KEPT_BACK_DIR, KEPT_BACK_SCRIPTS, SCRIPT_IDS, SCRIPT_SOURCES, script_for

KEPT_BACK = {"capstone_vendor", "charity_raffle"}
"""Graded cases whose role-play must not ship: the capstone's (assignment a4) coaching shows which
facts hold up and whom Helen listens to, and charity_raffle's best path is the let-go that
assignment a3 asks the learner to call unaided. Their scripts live instructor-side in
``keys/roleplay/`` and are released with the debrief after grading."""


def test_every_case_has_a_script_and_the_graded_ones_only_outside_the_package() -> None:
    practised = set(cases()) - KEPT_BACK
    assert practised <= set(SCRIPT_IDS), f"cases with no role-play: {practised - set(SCRIPT_IDS)}"
    assert set(SCRIPT_IDS) <= practised, "every packaged script belongs to a practised case of the course"
    assert not KEPT_BACK & set(SCRIPT_IDS), "a graded case's script must not ship in the package"
    assert set(KEPT_BACK_SCRIPTS) == KEPT_BACK, f"keys/roleplay/ holds {sorted(KEPT_BACK_SCRIPTS)}"
    for case_id, path in KEPT_BACK_SCRIPTS.items():
        assert load_script(path).case == case_id, f"{path.name} is not the script of {case_id}"


def test_a_script_loads_from_an_explicit_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path (a ``Path`` with or without a suffix, text ending in .yaml, or one under ``~``) is read
    as it is; the case it is played for is checked; a missing file says what its folder holds."""
    source = KEPT_BACK_DIR / "charity_raffle.yaml"
    assert load_script(source, case="charity_raffle").case == "charity_raffle"
    assert load_script(str(source)).title == load_script(source).title
    released = tmp_path / "released"
    released.mkdir()
    for name in ("charity_raffle", "raffle.yaml"):
        (released / name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    assert load_script(released / "charity_raffle").case == "charity_raffle", "a Path is a path"
    monkeypatch.setenv("HOME", str(tmp_path))
    assert load_script("~/released/raffle.yaml").path == str(released / "raffle.yaml")
    with pytest.raises(CaseError) as info:
        load_script(source, case="capstone_vendor")
    assert (info.value.source, info.value.field) == (str(source), "case")
    assert "for 'charity_raffle', not for 'capstone_vendor'" in info.value.problem
    with pytest.raises(CaseError, match=r"no role-play script here; scripts exist for: capstone_vendor, "
                                        r"charity_raffle$"):
        load_script(KEPT_BACK_DIR / "no_such_case.yaml")


def test_props_are_used_as_shared_ground_or_as_a_gotcha_and_only_the_first_is_good(script) -> None:
    """Every script has at least one prop used as shared ground (a good answer) and one tempting
    gotcha (never good), and the gotcha's coaching names the difference."""
    uses = [c for t in script.turns for c in t.choices if c.prop]
    shared = [c for c in uses if c.prop == "shared_ground"]
    gotchas = [c for c in uses if c.prop == "gotcha"]
    assert shared and all(c.quality == "good" for c in shared)
    assert gotchas and all(c.quality != "good" for c in gotchas)
    for c in gotchas:
        assert "gotcha" in c.feedback.lower(), f"the coaching of {c.text[:40]!r} should name the gotcha"


def test_every_choice_has_a_consequence_and_coaching(script) -> None:
    for turn in script.turns:
        for choice in turn.choices:
            assert len(choice.reply.split()) >= 1 and len(choice.feedback.split()) >= 8, choice.text


def test_a_script_has_at_least_eight_decision_points(script) -> None:
    assert len(script.turns) >= 8
    assert all(len(t.choices) >= 2 for t in script.turns)


def test_every_choice_names_a_stage_a_quality_and_a_destination(script) -> None:
    for turn in script.turns:
        for choice in turn.choices:
            assert choice.stage in STAGE_KEYS
            assert choice.quality in QUALITIES
            assert bool(choice.next) != bool(choice.end)
            assert choice.text.strip() and choice.reply.strip() and choice.feedback.strip()


def test_script_exercises_most_stages(script) -> None:
    stages = {c.stage for t in script.turns for c in t.choices}
    assert stages == set(STAGE_KEYS), f"stages never practised: {set(STAGE_KEYS) - stages}"


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "broken.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.fixture
def good_data() -> dict:
    return yaml.safe_load((scripts_dir() / "niche_recruitment.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("mutate, field, words", [
    (lambda d: d["turns"][2]["choices"][0].update(stage="listening"),
     "turns[2].choices[0].stage", "not a stage"),
    (lambda d: d["turns"][1]["choices"][1].update(next="nowhere"),
     "turns[1].choices[1].next", "not the id of a turn"),
    (lambda d: d["turns"][0]["choices"][0].pop("reply"), "turns[0].choices[0].reply", "missing"),
    (lambda d: d["turns"][0]["choices"][0].update(quality="great"),
     "turns[0].choices[0].quality", "not a quality"),
    (lambda d: d["turns"][0]["choices"][0]["effect"].update(trust=3),
     "turns[0].choices[0].effect.trust", "from -1 to 1"),
    (lambda d: d["turns"][0]["choices"][0]["effect"].update(patience=0.1),
     "turns[0].choices[0].effect.patience", "unknown field; expected one of frustration, openness, trust"),
    (lambda d: d["turns"][0]["choices"][0].update(end="ask"), "turns[0].choices[0]", "exactly one"),
    (lambda d: d["initial"].pop("frustration"), "initial.frustration", "missing"),
    (lambda d: d.update(start="middle"), "start", "not the id of a turn"),
    (lambda d: d["turns"][0].update(choices=d["turns"][0]["choices"][:1]),
     "turns[0].choices", "at least two"),
    # unknown keys anywhere: the same strict builder as case files
    (lambda d: d.update(mood="tense"), "mood", "unknown field; expected one of case, initial"),
    (lambda d: d["turns"][1].update(speaker="Khalid"), "turns[1].speaker", "unknown field"),
    (lambda d: d["turns"][0]["choices"][1].update(hint="try listening"), "turns[0].choices[1].hint",
     "unknown field"),
    (lambda d: d["initial"].update(trust="high"), "initial.trust", "expected a number, got text 'high'"),
    (lambda d: d.update(turns=[]), "turns", "at least one turn"),
    # the fields behind free-text turns and props
    (lambda d: d["turns"][0]["choices"][1].pop("labels"), "turns[0].choices[1].labels",
     "missing required field"),
    (lambda d: d["turns"][0]["choices"][0].update(labels=["acknowledge", "empathy"]),
     "turns[0].choices[0].labels[1]", "'empathy' is not an analyzer label; expected one of acknowledge"),
    (lambda d: d["turns"][0]["choices"][0].update(labels=["acknowledge", "acknowledge"]),
     "turns[0].choices[0].labels[1]", "listed twice"),
    (lambda d: d["turns"][0]["choices"][0].update(labels="acknowledge"),
     "turns[0].choices[0].labels", "expected a list, got text"),
    (lambda d: d["turns"][0]["choices"][0].update(prop="trap"),
     "turns[0].choices[0].prop", "'trap' is not a way to use a prop; expected one of shared_ground, gotcha"),
    (lambda d: d["turns"][0]["choices"][0].update(prop="gotcha"),
     "turns[0].choices[0].quality", "a prop used as a gotcha cannot be a good answer"),
])
def test_a_broken_script_names_file_and_field(tmp_path, good_data, mutate, field, words) -> None:
    mutate(good_data)
    path = _write(tmp_path, good_data)
    with pytest.raises(CaseError) as info:
        load_script(path)
    assert info.value.source == str(path)
    assert info.value.field == field
    assert words in info.value.problem or words in str(info.value)


def test_a_loop_is_refused(tmp_path, good_data) -> None:
    last = good_data["turns"][-1]
    last["choices"][0].pop("end")
    last["choices"][0]["next"] = good_data["start"]
    with pytest.raises(CaseError, match="loop forever"):
        load_script(_write(tmp_path, good_data))


def test_an_unreachable_turn_is_refused(tmp_path, good_data) -> None:
    good_data["turns"].append({"id": "orphan", "says": "Hello?", "choices": good_data["turns"][0]["choices"]})
    with pytest.raises(CaseError, match=r"never reached.*orphan"):
        load_script(_write(tmp_path, good_data))


def test_bad_yaml_and_missing_files_say_where(tmp_path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("turns: [unclosed", encoding="utf-8")
    with pytest.raises(CaseError, match=r"bad\.yaml: line 2, column 1: invalid YAML"):
        load_script(bad)
    with pytest.raises(CaseError, match=r"no role-play script.*niche_recruitment"):
        load_script("no_such_case")


def test_an_extra_cases_folder_brings_its_own_scripts(tmp_path: Path, good_data: dict,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "roleplay").mkdir()
    good_data["title"] = "My own role-play"
    (tmp_path / "roleplay" / "my_case.yaml").write_text(yaml.safe_dump(good_data), encoding="utf-8")
    monkeypatch.setenv("PUSHBACK_EXTRA_CASES_DIR", str(tmp_path))
    assert load_script("my_case").title == "My own role-play"
    assert load_script("niche_recruitment").title != "My own role-play"
    with pytest.raises(CaseError, match=r"scripts exist for: agency_feedback, .*my_case, niche_recruitment"):
        load_script("no_such_case")


HIDDEN_LABEL_WORDS = re.compile(r"\b(?:un)?verified\b|\bunverifiable\b|\btrust(?:ed|s|worthy)\b|"
                                r"\bin category\b|\brecommended\b", re.IGNORECASE)
"""Words that name a case item's hidden label. A role-play is played before the lesson's debrief,
so its lines say what a careful expert would do ("a fact you could show on paper", "a number you
could not source", "someone he already listens to") and never which items the course marks
verified, trusted (an ally the stakeholder "trusts") or recommended."""


@pytest.mark.parametrize("case_id", sorted(SCRIPT_SOURCES))
def test_no_script_line_gives_away_a_hidden_label(case_id) -> None:
    """The kept-back scripts too: they are played after grading, but they coach the same way."""
    script = script_for(case_id)
    lines = [("setting", script.setting)]
    for t in script.turns:
        lines.append((f"{t.id}.says", t.says))
        for i, c in enumerate(t.choices):
            lines += [(f"{t.id}.choices[{i}].{key}", getattr(c, key))
                      for key in ("text", "reply", "feedback")]
    leaks = [f"{where}: {found.group(0)!r}" for where, text in lines
             if (found := HIDDEN_LABEL_WORDS.search(text))]
    assert not leaks, leaks


def test_the_coach_for_typed_replies_names_no_hidden_label() -> None:
    from pushback_lib.practice import freetext

    source = Path(freetext.__file__).read_text(encoding="utf-8")
    assert not HIDDEN_LABEL_WORDS.search(" ".join(freetext.LABEL_PHRASES.values()))
    coach = source[source.index("def _coaching"):]
    assert not HIDDEN_LABEL_WORDS.search(coach), "the coaching built from a reply names a hidden label"
