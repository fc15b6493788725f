"""The facilitator's kit in instructors/ keeps step with the course it describes.

Each test reads the course's own sources of truth (the lesson notebooks' metadata, the case
files, the nbgrader cells in solutions/) and fails, naming what is missing or wrong, when the
kit falls behind them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

import pushback_lib as pb

ROOT = Path(__file__).resolve().parents[2]
COURSE = ROOT / "course"
CASES = ROOT / "pushback_lib" / "data" / "cases"  # the case files ship in the package
SOLUTIONS = ROOT / "solutions"
KIT = ROOT / "instructors"

NOTEBOOKS = sorted(COURSE.glob("[0-9][0-9]-*.ipynb"))
LESSONS = [p.stem for p in NOTEBOOKS]
CASE_FILES = sorted(CASES.glob("*.yaml"))
KEPT_BACK_ROLEPLAY_FILES = sorted((ROOT / "keys" / "roleplay").glob("*.yaml"))
"""The role-plays of the cases kept back for grading: instructor-side, played after grading only."""
ROLEPLAY_FILES = sorted((CASES / "roleplay").glob("*.yaml")) + KEPT_BACK_ROLEPLAY_FILES
LEVELS = ("Strong", "Adequate", "Weak")
CARD_FIELDS = (
    "Who you are.", "What you want.", "What you say first.",
    "Your hidden concern (do not volunteer it).", "What would move you.",
    "What would make you dig in.",
)


def read(name: str) -> str:
    path = KIT / name
    assert path.exists(), f"instructors/{name} is missing"
    return path.read_text(encoding="utf-8")


def strip_fences(text: str) -> str:
    """The text with fenced code blocks blanked, so a heading quoted in a block is not a heading."""
    return re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)


def sections(text: str, level: int = 2) -> dict[str, str]:
    """Heading -> body for every heading of exactly `level` #'s (outside code fences)."""
    marks = "#" * level
    parts = re.split(rf"^{marks} (.+)$", strip_fences(text), flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts) - 1, 2)}


def minutes(name: str) -> tuple[int, int]:
    nb = json.loads((COURSE / f"{name}.ipynb").read_text(encoding="utf-8"))
    m = nb["metadata"]["pushback"]["minutes"]
    return m["teaching"], m["exercises"]


def manual_cells() -> list[tuple[str, str, int]]:
    """(assignment, grade_id, points) for every cell graded by hand: grade=True and solution=True."""
    found = []
    for path in sorted(SOLUTIONS.glob("*/*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            meta = cell["metadata"].get("nbgrader", {})
            if meta.get("grade") and meta.get("solution"):
                found.append((path.stem, meta["grade_id"], meta["points"]))
    return found


def cell_source(assignment: str, grade_id: str) -> str:
    nb = json.loads((SOLUTIONS / assignment / f"{assignment}.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            return "".join(cell["source"])
    raise AssertionError(f"{assignment}: no cell {grade_id}")


def squash(text: str) -> str:
    return " ".join(text.split())


# --- the sources of truth are where the tests expect them --------------------------------

def test_the_course_has_lessons_cases_and_manual_cells():
    assert len(LESSONS) >= 13, LESSONS
    assert len(CASE_FILES) >= 6 and len(ROLEPLAY_FILES) >= 2
    assert len(manual_cells()) >= 4


# --- instructor-notes.md -------------------------------------------------------------------

@pytest.mark.parametrize("lesson", LESSONS)
def test_every_lesson_has_a_section_in_the_notes(lesson):
    notes = sections(read("instructor-notes.md"))
    assert lesson in notes, f"instructor-notes.md has no '## {lesson}' section"
    body = notes[lesson]
    for part in ("**Timing**", "**Discussion prompts**", "**Common mistakes**"):
        assert part in body, f"instructor-notes.md, {lesson}: no {part}"
    timing = re.search(r"\*\*Timing\*\*: (\d+) min teaching, (\d+) min exercise", body)
    assert timing, f"instructor-notes.md, {lesson}: Timing must read 'N min teaching, M min exercise'"
    assert tuple(map(int, timing.groups())) == minutes(lesson), \
        (f"instructor-notes.md, {lesson}: timing {timing.groups()} differs from the notebook's "
         f"{minutes(lesson)}")


def test_the_notes_have_no_section_for_a_lesson_that_does_not_exist():
    notes = sections(read("instructor-notes.md"))
    lesson_like = [h for h in notes if re.match(r"\d\d-", h)]
    assert sorted(lesson_like) == LESSONS, f"sections {lesson_like} against notebooks {LESSONS}"


# --- role-cards.md -------------------------------------------------------------------------

def role_cards() -> dict[str, str]:
    """Card key (a case id, or roleplay/<stem>) -> card body."""
    cards = {}
    for heading, body in sections(read("role-cards.md")).items():
        if heading.startswith("Role card:"):
            key = re.search(r"\(`([^`]+)`\)\s*$", heading)
            assert key, f"role card heading without a (`case id`): {heading!r}"
            cards[key.group(1)] = body
    return cards


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_every_case_has_a_role_card(path):
    case_id = yaml.safe_load(path.read_text(encoding="utf-8"))["id"]
    cards = role_cards()
    assert case_id in cards, f"role-cards.md has no '## Role card: ... (`{case_id}`)'"
    missing = [f for f in CARD_FIELDS if f"**{f}**" not in cards[case_id]]
    assert not missing, f"role card {case_id} lacks {missing}"


@pytest.mark.parametrize("path", ROLEPLAY_FILES, ids=lambda p: p.stem)
def test_every_scripted_role_play_has_a_role_card(path):
    script = yaml.safe_load(path.read_text(encoding="utf-8"))
    key = f"roleplay/{path.stem}"
    cards = role_cards()
    assert key in cards, f"role-cards.md has no '## Role card: ... (`{key}`)'"
    missing = [f for f in CARD_FIELDS if f"**{f}**" not in cards[key]]
    assert not missing, f"role card {key} lacks {missing}"
    first_line = script["turns"][[t["id"] for t in script["turns"]].index(script["start"])]["says"]
    assert squash(first_line) in squash(cards[key]), \
        f"role card {key}: 'What you say first' must be the script's opening line"


@pytest.mark.parametrize("path", KEPT_BACK_ROLEPLAY_FILES, ids=lambda p: p.stem)
def test_a_kept_back_role_play_card_says_after_grading_only(path):
    """Its script's coaching gives away what the assignment grades, so its card says so first."""
    body = role_cards()[f"roleplay/{path.stem}"]
    assert "after grading only" in body.lower().split("**who you are.**")[0], \
        f"role card roleplay/{path.stem} must say 'after grading only' before the card itself"


def test_role_cards_only_name_cases_that_exist():
    known = {yaml.safe_load(p.read_text(encoding="utf-8"))["id"] for p in CASE_FILES}
    known |= {f"roleplay/{p.stem}" for p in ROLEPLAY_FILES}
    unknown = set(role_cards()) - known
    assert not unknown, f"role cards for unknown cases: {sorted(unknown)}"


def test_the_observer_checklist_covers_the_eight_stages_in_order():
    checklist = sections(read("role-cards.md")).get("Observer checklist")
    assert checklist, "role-cards.md has no '## Observer checklist'"
    rows = re.findall(r"^\| (\d) ([A-Z][^|]*?) \|", checklist, flags=re.M)
    assert [int(n) for n, _ in rows] == [s.number for s in pb.STAGES], \
        f"checklist rows {rows} do not follow the stages 1 to {len(pb.STAGES)}"
    for (_, label), stage in zip(rows, pb.STAGES, strict=True):
        assert label.split()[0].lower() == stage.key.split("_")[0], \
            f"checklist row {label!r} is not stage {stage.number} ({stage.key})"
    assert re.search(r"0 = .+1 = .+2 = ", checklist, flags=re.S), "the checklist has no 0-2 scale"


# --- marking-exemplars.md ------------------------------------------------------------------

@pytest.mark.parametrize("assignment,grade_id,points", manual_cells(), ids=lambda v: str(v))
def test_every_manual_cell_has_three_marked_exemplars(assignment, grade_id, points):
    text = read("marking-exemplars.md")
    top = sections(text)
    assert grade_id in top, f"marking-exemplars.md has no '## {grade_id}' section"
    levels = sections(top[grade_id], level=3)
    marks = []
    for level in LEVELS:
        assert level in levels, f"marking-exemplars.md, {grade_id}: no '### {level}' exemplar"
        mark = re.search(r"\*\*Mark: (\d+)/(\d+)\.?\*\*", levels[level])
        assert mark, f"marking-exemplars.md, {grade_id}, {level}: no '**Mark: n/{points}**'"
        got, out_of = map(int, mark.groups())
        assert out_of == points, f"{grade_id}, {level}: marked out of {out_of}, the cell is worth {points}"
        assert 0 <= got <= points, f"{grade_id}, {level}: mark {got}/{out_of}"
        marks.append(got)
    assert marks[0] == points and marks[0] > marks[1] >= marks[2], \
        f"{grade_id}: strong must earn full marks, adequate less, weak no more than adequate; got {marks}"


@pytest.mark.parametrize("assignment,grade_id,points", manual_cells(), ids=lambda v: str(v))
def test_exemplars_quote_the_prompt_as_it_stands(assignment, grade_id, points):
    """When a prompt changes in solutions/, its exemplars must be reviewed: this fails until then."""
    body = sections(read("marking-exemplars.md"))[grade_id]
    quoted = re.search(r"\*\*Prompt as it stands\*\*[^\n]*\n\n((?:>.*\n)+)", body)
    assert quoted, f"marking-exemplars.md, {grade_id}: no quoted '**Prompt as it stands**'"
    text = "\n".join(re.sub(r"^> ?", "", line) for line in quoted.group(1).splitlines())
    prompt = cell_source(assignment, f"{grade_id}-prompt")
    assert squash(text) == squash(prompt), \
        f"marking-exemplars.md, {grade_id}: the quoted prompt differs from solutions/{assignment}"


# --- agenda.md -----------------------------------------------------------------------------

def agenda_table() -> dict[str, tuple[int, int, int]]:
    rows = re.findall(r"^\| (\d\d-[a-z0-9-]+) \| (\d+) \| (\d+) \| (\d+) \|$", read("agenda.md"), flags=re.M)
    return {name: tuple(map(int, nums)) for name, *nums in rows}


def test_agenda_lists_every_lesson_with_its_notebook_minutes():
    table = agenda_table()
    assert sorted(table) == LESSONS, f"agenda lessons {sorted(table)} against notebooks {LESSONS}"
    for name, (teaching, exercises, total) in table.items():
        assert (teaching, exercises) == minutes(name), \
            f"agenda.md, {name}: {teaching}+{exercises} min, the notebook says {minutes(name)}"
        assert total == teaching + exercises, f"agenda.md, {name}: total {total} is not the sum"


def test_agenda_sums_match_the_notebooks():
    teaching = sum(minutes(n)[0] for n in LESSONS)
    exercises = sum(minutes(n)[1] for n in LESSONS)
    sums = re.search(r"^\| \*\*all (\d+) lessons\*\* \| \*\*(\d+)\*\* \| \*\*(\d+)\*\* \| \*\*(\d+)\*\* \|$",
                     read("agenda.md"), flags=re.M)
    assert sums, "agenda.md: no '| **all N lessons** | ...' sum row"
    assert tuple(map(int, sums.groups())) == (len(LESSONS), teaching, exercises, teaching + exercises)


def version(title_start: str) -> str:
    for heading, body in sections(read("agenda.md")).items():
        if heading.startswith(title_start):
            return body
    raise AssertionError(f"agenda.md has no '## {title_start}...' section")


def lesson_minutes_in(text: str) -> dict[str, list[int]]:
    """Every 'NN-lesson (M)', 'NN-lesson M' or schedule row '| M | NN-lesson |' in a text."""
    found: dict[str, list[int]] = {}
    for name, a, b in re.findall(r"\b(\d\d-[a-z][a-z0-9-]*[a-z])(?: \((\d+)\)| (\d+)\b)", text):
        found.setdefault(name, []).append(int(a or b))
    for m, name in re.findall(r"^\| \d\d:\d\d \| (\d+) \| (\d\d-[a-z0-9-]+) \|", text, flags=re.M):
        found.setdefault(name, []).append(int(m))
    return found


@pytest.mark.parametrize("title", ["Version 1", "Version 2"])
def test_each_agenda_version_places_every_lesson_once_at_its_minutes(title):
    placed = lesson_minutes_in(version(title))
    assert sorted(placed) == LESSONS, f"{title}: lessons placed {sorted(placed)} against {LESSONS}"
    for name, mins in placed.items():
        assert len(mins) == 1, f"{title}: {name} is placed {len(mins)} times"
        assert mins[0] == sum(minutes(name)), \
            f"{title}: {name} given {mins[0]} min, the notebook says {sum(minutes(name))}"


def test_the_one_day_schedule_adds_up_to_its_stated_contact_time():
    body = version("Version 1")
    rows = re.findall(r"^\| (\d\d):(\d\d) \| *(\d*) *\| ([^|]+) \|", body, flags=re.M)
    assert rows and rows[-1][3].strip() == "End", "the one-day schedule must end with an 'End' row"
    starts = [int(h) * 60 + int(m) for h, m, _, _ in rows]
    for (h, m, mins, block), start, following in zip(rows, starts, starts[1:], strict=False):
        assert start + int(mins) == following, \
            f"one-day schedule: {h}:{m} {block.strip()} ({mins} min) does not end when the next block starts"
    contact = sum(int(m) for _, _, m, block in rows[:-1] if block.strip() not in ("Break", "Lunch"))
    stated = re.search(r"\*\*(\d+) min = 7 h\*\*", body)
    assert stated and int(stated.group(1)) == contact, f"one-day contact time adds up to {contact} min"


def test_assignment_estimates_cover_every_assignment():
    text = read("agenda.md")
    for path in sorted(SOLUTIONS.glob("*/*.ipynb")):
        assert re.search(rf"^\| {re.escape(path.stem)} \|.*\| (\d+) min \|", text, flags=re.M), \
            f"agenda.md: no time estimate row for {path.stem}"


# --- README.md and links -------------------------------------------------------------------

KIT_FILES = sorted(p.name for p in KIT.glob("*.md") if p.name != "README.md")


@pytest.mark.parametrize("name", KIT_FILES)
def test_every_kit_file_is_linked_from_the_readme(name):
    assert f"]({name})" in read("README.md"), f"instructors/README.md does not link {name}"


@pytest.mark.parametrize("name", ["README.md", *KIT_FILES])
def test_relative_links_in_the_kit_resolve(name):
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", strip_fences(read(name))):
        if re.match(r"[a-z]+:", target):
            continue
        assert (KIT / target).resolve().exists(), f"instructors/{name} links {target}, which does not exist"


# --- own words -----------------------------------------------------------------------------

SEEDS = ROOT.parent / "shared" / "seeds"


def _shingles(text: str, n: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))
    return {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}


@pytest.mark.skipif(not SEEDS.exists(), reason="the source articles are not next to the repository")
@pytest.mark.parametrize("name", ["README.md", *KIT_FILES])
def test_the_kit_does_not_paste_the_source_articles(name):
    """No run of eight words from either article appears in a kit file."""
    seeds = set().union(*(_shingles(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")))
    copied = _shingles(read(name)) & seeds
    assert not copied, f"instructors/{name} repeats an article: {' '.join(sorted(copied)[0])!r}"
