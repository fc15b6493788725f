"""A submission cannot make the trusted grader judge it against labels it wrote, nor read the key.

The real ``pushback-course autograde`` grades the capstone (``a4-capstone``, on
``capstone_vendor``, whose labels are in the course's ``keys/`` only) for three
learners: the reference solution, a ``copier`` who answers wrong on the labels
(an unverified fact as the keystone, the other call), and a ``planter`` with
the copier's very answers plus attack code in its first answer cell. The
planter writes made-up labels (every fact verified, its call the expert's)
everywhere a learner's library looks, and where a careless grader might: a
``keys/`` and a released debrief in ``$HOME``, ``$TMPDIR`` and its working
folder, ``PUSHBACK_DEBRIEF_DIR`` and ``PUSHBACK_SOLUTIONS_DIR`` in its
environment, a ``sitecustomize`` and a ``.pth`` in its user site, and it
monkeypatches the overlay lookup and the casebook so that its own kernel sees
its labels. Its submission folder also carries a ``keys/``, a ``debrief/`` and
an ``nbgrader_config.py`` naming them. It then hunts for the real key: the
course's ``keys/``, the grader's open files, and the lookup of its own library.

The planted labels take hold in its kernel (it prints them), yet it scores
exactly what the copier scores, cell by cell, and reads no label of the key.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent))

import instructor_gbview as view
from instructor_helpers import cli, run

pytestmark = pytest.mark.slow  # kernels through the real CLI

ROOT = Path(__file__).resolve().parents[2]
CAPSTONE = "a4-capstone"
KEY = yaml.safe_load((ROOT / "keys" / "cases" / "capstone_vendor.yaml").read_text())
SECRETS = [v["why"] for name in ("facts", "allies", "alternatives", "analogies")
           for v in KEY.get(name, {}).values() if v.get("why")] + [KEY["expert_outcome"]["summary"]]

WRONG = {  # the copier's and the planter's literal answers: wrong wherever the labels decide
    "a4-q1-answer": 'q1_keystone = {"fact": "f_other_trust", "why": "The safety argument for keeping the '
                    'alerts and the tiered alternative both rest on what another trust saw; if it is wrong, '
                    'Helen is right and the inspection risk goes."}\n',
    "a4-q2-answer": 'q2_call = {"call": "let_go", "why": "Helen has decided and the ward sisters are fed '
                    'up with 4,100 alerts a week; the inspection in four months is not worth the '
                    'relationship."}\n',
}

PLANT = r'''
import os, sys, json, glob, pathlib, site
import yaml
from pushback_lib.cases import load_case
from pushback_lib.cases import keys as _keys
brief = load_case("capstone_vendor", keys=False)
fake = {"case": "capstone_vendor",
        "facts": {f.id: {"verified": True, "why": "planted"} for f in brief.facts},
        "analogies": {a.id: {"in_category": True} for a in brief.analogies},
        "alternatives": {a.id: {"recommended": i == 0} for i, a in enumerate(brief.alternatives)},
        "allies": {a.id: {"trusted_by_stakeholder": True} for a in brief.allies},
        "decision_inputs": {"stakes": 0.1, "evidence": 0.1, "credibility": 0.1, "openness": 0.1,
                            "relationship_risk": 0.9, "timing": 0.1},
        "expert_outcome": {"choice": "let_go", "summary": "planted", "reasoning": "planted"}}
home, tmp, here = pathlib.Path.home(), pathlib.Path(os.environ.get("TMPDIR", "/tmp")), pathlib.Path.cwd()
planted = []
for base in (home, tmp, here, home / "work", pathlib.Path("/dev/shm")):
    for folder in (base / "keys", base / "debrief"):
        try:
            (folder / "cases").mkdir(parents=True, exist_ok=True)
            (folder / "cases" / "capstone_vendor.yaml").write_text(yaml.safe_dump(fake))
            planted.append(str(folder))
        except OSError:
            pass
os.environ["PUSHBACK_DEBRIEF_DIR"] = str(home / "debrief")
os.environ["PUSHBACK_SOLUTIONS_DIR"] = str(home / "solutions")
user_site = pathlib.Path(site.getusersitepackages())
try:
    user_site.mkdir(parents=True, exist_ok=True)
    env = f"import os; os.environ['PUSHBACK_DEBRIEF_DIR'] = {str(home / 'debrief')!r}\n"
    (user_site / "sitecustomize.py").write_text(env)
    (user_site / "zz_pushback.pth").write_text(env.replace("\n", "") + "\n")
except OSError:
    pass
try:
    (home / ".config" / "pushback").mkdir(parents=True, exist_ok=True)
    (home / ".config" / "pushback" / "keys").symlink_to(home / "keys")
except OSError:
    pass
_keys.find_overlay = lambda case_id, folders: home / "keys" / "cases" / f"{case_id}.yaml"
from pushback_lib.grading import casebook
casebook._KEYS[0] = home / "keys"
casebook._SNAPSHOT.clear()
seen = casebook.case("capstone_vendor")
print("PLANTED", seen.labelled, seen.expert_outcome.choice if seen.expert_outcome else None, len(planted))
# and the real key: the course's keys/, every open file of every process, the clone lookup
found = []
for path in [*glob.glob(COURSE + "/keys/*/*.yaml"), *glob.glob("/proc/*/fd/*"),
             *(str(p) for p in _keys.clone_keys_dir().glob("*/*.yaml"))]:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a pipe or a terminal must not hang it
        try:
            found.append(os.read(fd, 200000).decode(errors="replace"))
        finally:
            os.close(fd)
    except OSError:
        pass
print("FOUND:", json.dumps(found)[:100000])
'''


def _answer(nb: nbformat.NotebookNode, answers: dict[str, str]) -> nbformat.NotebookNode:
    for cell in nb.cells:
        gid = cell.metadata.get("nbgrader", {}).get("grade_id")
        if gid in answers:
            cell.source = answers[gid]
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> dict:
    course = tmp_path_factory.mktemp("keys-attack") / "course"
    course.mkdir()
    shutil.copy(ROOT / "nbgrader_config.py", course)
    shutil.copytree(ROOT / "solutions" / CAPSTONE, course / "solutions" / CAPSTONE)
    shutil.copytree(ROOT / "keys", course / "keys")
    done = run(cli("release", CAPSTONE, "--course-dir", str(course)), cwd=course)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    (source,) = (course / "solutions" / CAPSTONE).glob("*.ipynb")
    release = course / "exercises" / CAPSTONE / source.name  # the course's release_directory
    solution = nbformat.read(source, as_version=4)
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in solution.cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    wrong = {**answers, **WRONG}
    planter = {**wrong, "a4-q1-answer": PLANT.replace("COURSE", repr(str(course))) + WRONG["a4-q1-answer"]}
    for student, given in (("sol", answers), ("copier", wrong), ("planter", planter)):
        folder = course / "submitted" / student / CAPSTONE
        folder.mkdir(parents=True)
        nbformat.write(_answer(nbformat.read(release, as_version=4), given), folder / source.name)
    # the planter's folder also carries labels and a config naming them, beside its notebook
    folder = course / "submitted" / "planter" / CAPSTONE
    fake = yaml.safe_load((ROOT / "keys" / "cases" / "capstone_vendor.yaml").read_text())
    fake["facts"]["f_other_trust"]["verified"] = True
    fake["expert_outcome"]["choice"] = "let_go"
    for sub in ("keys", "debrief"):
        (folder / sub / "cases").mkdir(parents=True)
        (folder / sub / "cases" / "capstone_vendor.yaml").write_text(yaml.safe_dump(fake))
    (folder / "nbgrader_config.py").write_text(
        f"c.ComputeTrustedScores.keys_directory = {str(folder / 'keys')!r}\n")
    done = run(cli("autograde", "--jobs", "2", "--course-dir", str(course)), cwd=course, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    graded_nb = course / "autograded" / "planter" / CAPSTONE / source.name
    outputs = "\n".join(str(o.get("text", "")) + str(o.get("data", "")) + str(o.get("evalue", ""))
                        for c in nbformat.read(graded_nb, as_version=4).cells if c.cell_type == "code"
                        for o in c.get("outputs", []))
    return {"course": course, "notebook": source.stem, "outputs": outputs,
            "grades": view.grades(course / "gradebook.db"), "tests": _auto_tests(solution)}


def _auto_tests(nb: nbformat.NotebookNode) -> dict[str, float]:
    return {c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"]["points"])
            for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")
            and not c.metadata["nbgrader"].get("solution")}


def _scores(graded: dict, student: str) -> dict[str, float]:
    return {gid: graded["grades"][(student, graded["notebook"], gid)][0] for gid in graded["tests"]}


def test_the_planted_labels_take_hold_in_the_kernel_only(graded: dict):
    # the attack really worked where it ran: its own kernel judges with its labels
    assert "PLANTED True let_go" in graded["outputs"], graded["outputs"][-3000:]
    assert _scores(graded, "sol") == graded["tests"]  # the grader had the course's labels
    copier = _scores(graded, "copier")
    assert copier["a4-q1"] < graded["tests"]["a4-q1"] and copier["a4-q2"] < graded["tests"]["a4-q2"]
    assert _scores(graded, "planter") == copier  # and gained nothing from them


def test_the_kernel_reads_no_label_of_the_key(graded: dict):
    outputs = graded["outputs"]
    assert "FOUND:" in outputs  # the hunt ran
    for secret in SECRETS:
        assert secret[:40] not in outputs, secret
