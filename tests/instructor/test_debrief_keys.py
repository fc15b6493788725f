"""The real CLI with the labels kept in keys/: grading reads them from the course, release opens them.

``autograde`` of the capstone (whose case ships as a brief) gives the reference
solution full marks when the course holds ``keys/``, and fewer without it;
``release-debrief`` copies the labels where learners read them, and only then
does ``pb.debrief`` open in a learner's environment (no clone, no keys).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

import instructor_gbview as view
from instructor_helpers import main_out

ROOT = Path(__file__).resolve().parents[2]
CAPSTONE = "a4-capstone"


def _auto_tests(notebook: Path) -> dict[str, float]:
    nb = json.loads(notebook.read_text())
    return {c["metadata"]["nbgrader"]["grade_id"]: float(c["metadata"]["nbgrader"]["points"])
            for c in nb["cells"] if c["metadata"].get("nbgrader", {}).get("grade")
            and not c["metadata"]["nbgrader"].get("solution")}


def _learner(code: str, **env: str) -> subprocess.CompletedProcess:
    """Python as a hub learner runs it: the package, no clone's solutions/ or keys/."""
    import os

    base = {k: v for k, v in os.environ.items() if k != "PUSHBACK_DEBRIEF_DIR"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env={**base, "PUSHBACK_SOLUTIONS_DIR": "/nonexistent/solutions", **env})


DEBRIEF = ("import pushback_lib as pb\n"
           "d = pb.debrief(pb.load_case('capstone_vendor'))\n"
           "print('EXPERT', d.expert_call)\n"
           "from pushback_lib.practice.script import load_script\n")


@pytest.mark.slow  # three Python processes as learners
def test_release_debrief_opens_the_labels_to_learners_read_only(tmp_path: Path, capsys):
    before = _learner(DEBRIEF)
    assert before.returncode != 0 and "LabelsWithheld" in before.stderr
    assert "pushback-course release-debrief capstone_vendor" in before.stderr
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "keys", course / "keys")
    script = ROOT / "pushback_lib" / "data" / "cases" / "roleplay" / "survey_timing.yaml"
    (course / "keys" / "roleplay").mkdir(exist_ok=True)
    (course / "keys" / "roleplay" / "capstone_vendor.yaml").write_text(  # a stand-in script
        script.read_text().replace("survey_timing", "capstone_vendor"))
    shared = tmp_path / "exchange" / "pushback" / "debrief"
    code, out, err = main_out(capsys, "release-debrief", "capstone_vendor", "--to", str(shared),
                              "--course-dir", str(course))
    assert code == 0, out + err
    released = shared / "cases" / "capstone_vendor.yaml"
    assert released.read_bytes() == (course / "keys" / "cases" / "capstone_vendor.yaml").read_bytes()
    assert (released.stat().st_mode & 0o777) == 0o644 and (shared.stat().st_mode & 0o777) == 0o755
    assert (shared / "roleplay" / "capstone_vendor.yaml").is_file()
    after = _learner(DEBRIEF + "print('SCRIPT', load_script('capstone_vendor').case)\n",
                     PUSHBACK_DEBRIEF_DIR=str(shared))
    assert after.returncode == 0, after.stderr
    assert "EXPERT push_back" in after.stdout
    # charity_raffle was not released: still withheld
    other = _learner("import pushback_lib as pb; pb.debrief(pb.load_case('charity_raffle'))",
                     PUSHBACK_DEBRIEF_DIR=str(shared))
    assert other.returncode != 0 and "LabelsWithheld" in other.stderr


def test_release_debrief_refuses_a_malformed_overlay_or_an_unknown_case(tmp_path: Path, capsys):
    course = tmp_path / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "keys", course / "keys")
    overlay = course / "keys" / "cases" / "capstone_vendor.yaml"
    overlay.write_text(overlay.read_text().replace("  f_near_misses:", "  f_near_mises:"))
    code, out, err = main_out(capsys, "release-debrief", "capstone_vendor", "--to", str(tmp_path / "d"),
                              "--course-dir", str(course))
    assert code == 2 and str(overlay) in err, out + err
    assert "facts.f_near_misses: no labels for this item" in err, err
    assert not (tmp_path / "d").exists()
    code, out, err = main_out(capsys, "release-debrief", "niche_recruitment", "--to", str(tmp_path / "d"),
                              "--course-dir", str(course))
    assert code == 2 and "has no labels kept back" in err, out + err


@pytest.mark.slow  # runs kernels through nbgrader
def test_autograde_reads_the_labels_from_the_course_directory(tmp_path: Path, capsys):
    scores = {}
    for with_keys in (True, False):
        course = tmp_path / ("with-keys" if with_keys else "without-keys")
        course.mkdir()
        shutil.copy(ROOT / "nbgrader_config.py", course)
        shutil.copytree(ROOT / "solutions" / CAPSTONE, course / "solutions" / CAPSTONE)
        if with_keys:
            shutil.copytree(ROOT / "keys", course / "keys")
        code, out, err = main_out(capsys, "release", CAPSTONE, "--course-dir", str(course))
        assert code == 0, out + err
        (course / "submitted" / "sol" / CAPSTONE).mkdir(parents=True)
        for nb in (course / "solutions" / CAPSTONE).glob("*.ipynb"):
            shutil.copy(nb, course / "submitted" / "sol" / CAPSTONE)
        code, out, err = main_out(capsys, "autograde", "--jobs", "1", "--course-dir", str(course))
        assert code == 0, out + err[-3000:]
        scores[with_keys] = view.grades(course / "gradebook.db")
    (nb,) = (ROOT / "solutions" / CAPSTONE).glob("*.ipynb")
    tests = _auto_tests(nb)
    for gid, points in tests.items():
        assert scores[True][("sol", nb.stem, gid)][0] == points, f"the solution loses points on {gid}"
    lost = [gid for gid, points in tests.items() if scores[False][("sol", nb.stem, gid)][0] < points]
    assert sorted(lost) == sorted(tests), lost  # every question of the capstone rests on its labels
