"""The CLI on the real course: release the first assignment, grade a solution and a blank copy in parallel."""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

pytestmark = pytest.mark.slow  # runs kernels through nbgrader

import instructor_gbview as view  # noqa: E402
from instructor_helpers import main_out  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def _auto_tests(notebook: Path) -> dict[str, float]:
    """grade_id -> points of the autograded test cells (grade, not solution) of a source notebook."""
    nb = json.loads(notebook.read_text())
    out = {}
    for cell in nb["cells"]:
        meta = cell["metadata"].get("nbgrader", {})
        if meta.get("grade") and not meta.get("solution"):
            out[meta["grade_id"]] = float(meta["points"])
    return out


def test_release_and_grade_the_real_first_assignment(tmp_path: Path, capsys):
    assignments = sorted(p.name for p in (ROOT / "solutions").iterdir() if any(p.glob("*.ipynb")))
    assert assignments, "the course has no source assignment in solutions/"
    a = assignments[0]
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions" / a, course / "solutions" / a)

    code, out, err = main_out(capsys, "release", a, "--course-dir", str(course))
    assert code == 0, out + err
    released = sorted((course / "exercises" / a).glob("*.ipynb"))
    solutions = sorted(p.name for p in (course / "solutions" / a).glob("*.ipynb"))
    assert released and [p.name for p in released] == solutions

    for student, origin in (("sol", course / "solutions" / a), ("blank", course / "exercises" / a)):
        (course / "submitted" / student / a).mkdir(parents=True)
        for nb in origin.glob("*.ipynb"):
            shutil.copy(nb, course / "submitted" / student / a)
    code, out, err = main_out(capsys, "autograde", "--jobs", "2", "--course-dir", str(course))
    assert code == 0, out + err[-3000:]

    grades = view.grades(course / "gradebook.db")
    for nb in (course / "solutions" / a).glob("*.ipynb"):
        tests = _auto_tests(nb)
        assert tests, f"{nb} has no autograded test cell"
        for gid, points in tests.items():
            assert grades[("sol", nb.stem, gid)][0] == points, f"the solution loses points on {gid}"
            assert grades[("blank", nb.stem, gid)][0] == 0, f"a blank notebook earns points on {gid}"

    code, out, _ = main_out(capsys, "status", "--course-dir", str(course))
    # the solution's written answer (a1-reflect) waits for a person; a blank one nbgrader scores 0 itself
    assert code == 0 and "total: 1 graded, 1 needs marking" in out, out
    assert re.search(r"a1-niche-recruitment\s+sol\s+needs marking \(1\)\s*$", out, flags=re.M), out


def test_every_graded_cell_of_the_real_course_names_its_stages():
    """The per-stage and per-criterion exports read these tags: an untagged graded
    cell of a real assignment would be reported as 'unmapped'."""
    from pushback_lib.instructor.reports.scores import UNMAPPED, stage_tags

    sources = sorted((ROOT / "solutions").glob("*/*.ipynb"))
    assert len(sources) >= 4
    stages_seen: set[str] = set()
    for path in sources:
        tags = stage_tags(path)
        assert tags, f"{path.name} has no graded cells"
        for grade_id, (stages, criteria) in tags.items():
            assert UNMAPPED not in stages, f"{path.name}: {grade_id} names no process stage"
            assert UNMAPPED not in criteria, f"{path.name}: {grade_id} maps to no rubric criterion"
            stages_seen.update(stages)
    from pushback_lib import STAGE_KEYS
    assert stages_seen == set(STAGE_KEYS), f"stages no graded cell exercises: {set(STAGE_KEYS) - stages_seen}"
