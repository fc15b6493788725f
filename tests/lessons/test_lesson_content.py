"""The lessons use the library for real, teach the two seed cases in full, and are in the course's
own words."""

from __future__ import annotations

import re

import nbformat
import pytest

from tools import seed_fingerprint as seeds

from .conftest import LESSON_NAMES, ROOT

# What each lesson must show, from the brief: (lesson, code it must run).
REQUIRED_CODE = [
    ("00-start-here", "import pushback_lib"),
    ("03-push-back-or-let-go", "pb.decide("),
    ("03-push-back-or-let-go", "DecisionExplorer("),
    ("03-push-back-or-let-go", "charts."),
    ("04-build-the-case", "pb.score("),
    ("08-deliver-it-well", "pb.analyze("),
    ("10-case-study-niche-recruitment", 'pb.load_case("niche_recruitment")'),
    ("10-case-study-niche-recruitment", "RolePlay("),
    ("11-case-study-agency-feedback", 'pb.load_case("agency_feedback")'),
    ("11-case-study-agency-feedback", "RolePlay("),
    ("11-case-study-agency-feedback", "PushbackBuilder("),
]

WIDGETS = ("DecisionExplorer(", "RolePlay(", "PushbackBuilder(")


def code_of(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "code")


@pytest.mark.parametrize("name,snippet", REQUIRED_CODE)
def test_lesson_runs_the_library(lessons, name, snippet):
    assert snippet in code_of(lessons[name]), f"{name} never runs {snippet!r}"


def test_lesson_08_shows_a_highlighted_analysis(lessons):
    """The analysis of the example draft is stored as rendered HTML with highlighted spans."""
    nb = lessons["08-deliver-it-well"]
    shown = [c for c in nb.cells if c.cell_type == "code" and "pb.analyze(draft" in c.source]
    assert shown, "08 analyzes no example draft"
    html = "".join(o.get("data", {}).get("text/html", "") for c in shown for o in c.outputs)
    assert "<mark" in html or "background" in html, "08's analysis output shows no highlighting"


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_every_widget_has_a_static_fallback(lessons, name):
    cells = lessons[name].cells
    for i, cell in enumerate(cells):
        if cell.cell_type == "code" and any(w in cell.source for w in WIDGETS):
            following = cells[i + 1] if i + 1 < len(cells) else None
            assert following is not None and following.cell_type == "markdown" \
                and "without a running kernel" in following.source, \
                f"{name}: the widget in cell {cell.id} has no static fallback right after it"


@pytest.mark.parametrize("name,case_id", [("10-case-study-niche-recruitment", "niche_recruitment"),
                                          ("11-case-study-agency-feedback", "agency_feedback")])
def test_case_study_walks_through_the_whole_case(lessons, name, case_id):
    nb = lessons[name]
    headings = [c.source.splitlines()[0] for c in nb.cells
                if c.cell_type == "markdown" and c.source.startswith("## ")]
    for wanted in ("## The situation", "## The two choices", "## Exercise", "## Debrief"):
        assert any(h.startswith(wanted) for h in headings), f"{name}: no section '{wanted}'"
    code = code_of(nb)
    for call in ("pb.decide(", "pb.score("):
        assert call in code, f"{name}: the case study never uses {call}"
    assert "pb.debrief(" in code or "expert_outcome" in code, \
        f"{name}: the case study never shows the expert outcome (pb.debrief or expert_outcome)"
    assert set(nb.metadata["pushback"]["stages"]) == set(__import__("pushback_lib").STAGE_KEYS)


# Everything learners and instructors read, checked against the articles' fingerprint.
OWN_WORDS = ("course/*.ipynb", "course/src/*.md", "pushback_lib/data/cases/*.yaml",
             "pushback_lib/data/cases/roleplay/*.yaml", "instructors/*.md", "solutions/*/*.ipynb",
             "docs/*.md", "README.md", "pushback_lib/process.py", "course/own-case/*.yaml",
             "pushback_lib/practice/principles.py", "pushback_lib/practice/commit.py")


def _text(path) -> str:
    if path.suffix == ".ipynb":
        return "\n".join(c.source for c in nbformat.read(path, as_version=4).cells)
    return path.read_text(encoding="utf-8")


def test_the_seed_fingerprint_is_there_and_detects_a_copied_run():
    prints = seeds.read()
    assert len(prints) > 1000, "tests/lessons/seed_fingerprint.txt looks truncated"
    ours = "Our own words, nothing copied: listen first, then decide, then build the case."
    sample = frozenset(seeds.fingerprint([ours]))
    assert seeds.copied(f"Before. {ours.upper()} After.", sample), "a copied run must be found"
    assert not seeds.copied(ours.replace("decide", "choose"), frozenset(seeds.fingerprint(["x"])))


@pytest.mark.parametrize("pattern", OWN_WORDS)
def test_nothing_repeats_eight_words_of_a_source_article(pattern):
    """No run of eight words from either article appears in a lesson, case, script or note."""
    prints = seeds.read()
    paths = sorted(ROOT.glob(pattern))
    assert paths, f"nothing matches {pattern}"
    for path in paths:
        copied = seeds.copied(_text(path), prints)
        assert not copied, f"{path.relative_to(ROOT)} repeats an article: {copied[0]!r}"


@pytest.mark.skipif(not seeds.SEEDS_DIR.exists(), reason="the source articles are not next to the repository")
def test_the_seed_fingerprint_is_up_to_date():
    assert seeds.FINGERPRINT.read_text(encoding="ascii") == seeds.render(), \
        "the articles changed: run `python -m tools.seed_fingerprint`"


@pytest.mark.parametrize("name", LESSON_NAMES)  # 12's notes came with the facilitator's kit
def test_instructor_notes_cover_every_lesson(name):
    notes = ROOT / "instructors" / "instructor-notes.md"
    assert notes.exists(), "instructors/instructor-notes.md is missing"
    text = notes.read_text(encoding="utf-8")
    section = re.search(rf"^## {re.escape(name)}\b(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert section, f"no instructor notes for {name}"
    body = section.group(1)
    for part in ("Timing", "Discussion", "Common mistakes"):
        assert f"**{part}" in body, f"instructor notes for {name} lack '{part}'"


# Lessons whose folded model answer is a quoted draft, the case it is for, and
# what the lesson's text promises that draft shows.
MODEL_ANSWERS = [
    ("01-why-push-back", "niche_recruitment"),
    ("08-deliver-it-well", "consulting_rollout"),
]
PROMISED = frozenset({"acknowledge", "business_reason", "evidence", "alternative"})


@pytest.mark.parametrize("name,case_id", MODEL_ANSWERS)
def test_model_answer_passes_the_lessons_own_check(lessons, name, case_id):
    """The rewrite we show learners must earn what we say it earns from the analyzer."""
    import pushback_lib as pb

    folded = [c.source for c in lessons[name].cells
              if c.cell_type == "markdown" and "<details>" in c.source]
    assert folded, f"{name} has no folded model answer"
    text = folded[0]
    draft = text[text.index('"') + 1:text.rindex('"')]
    assert len(draft.split()) > 20, f"{name}: could not find the quoted model answer"
    analysis = pb.analyze(draft, pb.load_case(case_id))
    assert not analysis.flags, f"{name}: the model answer is flagged {sorted(analysis.flags)}"
    missing = PROMISED - analysis.components
    assert not missing, f"{name}: the model answer lacks {sorted(missing)} that the lesson promises"
