"""The answer key stays with the instructor: not in the wheel, read by the grader from the gradebook.

``answers_in_solutions`` lists every graded list/dict answer of ``solutions/``
(the published stage order excepted: the lessons teach it); no built wheel may
hold one of them as a literal, and the keys must be where the grader reads them.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from pushback_lib.grading import QUESTIONS
from pushback_lib.grading.answer_key import UNKNOWN, AnswerKeyError, expected_items, key_from_test_source
from pushback_lib.grading.checks import grade
from pushback_lib.grading.source import answers_from_sources
from pushback_lib.process import STAGE_KEYS

ROOT = Path(__file__).resolve().parents[2]
SOLUTIONS = sorted((ROOT / "solutions").glob("*/*.ipynb"))


def _nbg(cell) -> dict:
    return cell.get("metadata", {}).get("nbgrader", {})


def _canonical(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items()}
    return value


def answers_in_solutions() -> list[object]:
    """Every list or dict answer (and key) of the source notebooks, but the stage order."""
    found: list[object] = []
    for path in SOLUTIONS:
        nb = nbformat.read(path, as_version=4)
        sources = [c.source for c in nb.cells if c.cell_type == "code" and _nbg(c).get("solution")]
        for answer in answers_from_sources(sources).values():
            if isinstance(answer, (list, dict)):
                found.append(_canonical(answer))
        for cell in nb.cells:
            key = key_from_test_source(cell.source) if cell.cell_type == "code" else None
            if key is not None:
                found.append(_canonical(key))
    stage_order = list(STAGE_KEYS)
    unique: list[object] = []
    for a in found:
        if a != stage_order and a not in unique:
            unique.append(a)
    return unique


def literals_in_python(text: str) -> list[object]:
    """Every list, tuple, set or dict literal in Python source that evaluates to plain data."""
    try:
        tree = ast.parse(text)
    except SyntaxError:
        return []
    out = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.List, ast.Tuple, ast.Set, ast.Dict)):
            try:
                value = ast.literal_eval(node)
            except (ValueError, SyntaxError, TypeError):
                continue
            if isinstance(value, (set, frozenset)):  # an unordered literal matches an answer in any order
                out.append(("set", sorted(value, key=repr)))
            else:
                out.append(_canonical(value))
    return out


def leaked(files: dict[str, str], answers: list[object]) -> list[str]:
    """``name: answer`` for every answer found as a literal (Python) or as JSON/repr text."""
    hits = []
    for name, text in files.items():
        literals = literals_in_python(text) if name.endswith(".py") else []
        for answer in answers:
            forms = {json.dumps(answer), repr(answer), json.dumps(answer, separators=(",", ":"))}
            as_set = ("set", sorted(answer, key=repr)) if isinstance(answer, list) else None
            in_set = as_set is not None and as_set in literals
            if answer in literals or in_set or any(f in text for f in forms):
                hits.append(f"{name}: {answer!r}")
    return hits


def test_the_solutions_hold_answers_to_look_for():
    answers = answers_in_solutions()
    assert len(answers) >= 12, answers
    assert ["s2", "s3", "s1"] in answers


def test_the_scan_finds_a_planted_answer():
    answers = [["let_go", "push_back", "let_go", "push_back", "let_go"]]
    planted = {"m.py": 'X = ("let_go", "push_back",\n     "let_go", "push_back", "let_go")\n'}
    assert leaked(planted, answers) and not leaked({"m.py": "X = ['let_go']\n"}, answers)
    ids = [["f_a", "f_b"]]
    assert leaked({"m.py": "E = {'f_b', 'f_a'}\n"}, ids) and not leaked({"m.py": "E = ['f_b', 'f_a']\n"}, ids)


@pytest.mark.slow
def test_no_graded_answer_is_a_literal_in_the_wheel(tmp_path: Path):
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(".venv", ".git", "test-artifacts", "submitted",
                                                             "autograded", "feedback", "*.db", "build"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(tmp_path / "dist"), str(src)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("*.whl")
    with zipfile.ZipFile(wheel) as zf:
        files = {n: zf.read(n).decode("utf-8", "replace") for n in zf.namelist()}
    assert any(n.startswith("pushback_lib/grading/questions/") for n in files)
    assert leaked(files, answers_in_solutions()) == []
    assert labels_in(files) == []


KEPT_BACK = ("capstone_vendor", "charity_raffle")
"""The cases graded questions rest on whose labels no lesson opens (tests/grading/test_label_overlay.py)."""


def labels_in(files: dict[str, str]) -> list[str]:
    """Where a label of a kept-back case (keys/cases/) shows in ``files``: its field in the case
    file, or the text of any of its reasons and expert outcome anywhere."""
    import yaml

    hits = [n for n in files if n.startswith("keys/") or "/keys/" in n]
    for case_id in KEPT_BACK:
        overlay = yaml.safe_load((ROOT / "keys" / "cases" / f"{case_id}.yaml").read_text())
        texts = [v["why"] for name in ("facts", "analogies", "alternatives", "allies")
                 for v in overlay[name].values() if v.get("why")]
        texts += [overlay["expert_outcome"]["summary"], overlay["expert_outcome"]["reasoning"]]
        brief = files.get(f"pushback_lib/data/cases/{case_id}.yaml", "")
        assert brief, f"{case_id}'s brief is not in the package"
        hits += [f"{case_id}: {field}" for field in ("verified:", "in_category:", "recommended:",
                                                     "trusted_by_stakeholder:", "decision_inputs:",
                                                     "expert_outcome:", "why:") if field in brief]
        hits += [f"{n}: {t[:40]!r}" for n, text in files.items() for t in texts
                 if " ".join(t.split())[:40] in " ".join(text.split())]
    return hits


def test_the_label_scan_finds_a_planted_label():
    brief = (ROOT / "pushback_lib" / "data" / "cases" / "charity_raffle.yaml").read_text()
    files = {f"pushback_lib/data/cases/{c}.yaml": (ROOT / "pushback_lib" / "data" / "cases" / f"{c}.yaml"
                                                   ).read_text() for c in KEPT_BACK}
    assert labels_in(files) == []
    planted = dict(files)
    planted["pushback_lib/data/cases/charity_raffle.yaml"] = brief + "decision_inputs: {stakes: 0.2}\n"
    assert labels_in(planted) == ["charity_raffle: decision_inputs:"]
    assert labels_in({**files, "pushback_lib/x.py": 'WHY = "The printers\' own email."'})


def scan_environment(site_packages: Path) -> list[str]:
    """The same scans (answers and kept-back labels) over an installed environment's
    ``pushback_lib`` folder (used by the hub test)."""
    files = {"pushback_lib/" + p.relative_to(site_packages).as_posix(): p.read_text("utf-8", "replace")
             for p in site_packages.rglob("*")
             if p.is_file() and p.suffix in (".py", ".json", ".yaml", ".yml", ".txt", ".md")}
    kept_back = labels_in(files) if (site_packages / "data" / "cases").is_dir() else []
    return leaked(files, answers_in_solutions()) + kept_back


def test_without_the_key_hidden_checks_cannot_pass_and_visible_ones_are_unchanged():
    q = QUESTIONS["a2-q3"]
    right = ["s2", "s3", "s1"]
    without = grade(q, right)
    with_key = grade(q, right, right)
    assert with_key.points(include_hidden=True) == q.points
    assert without.points(include_hidden=False) == with_key.points(include_hidden=False) == q.points
    assert without.points(include_hidden=True) < q.points


def test_a_key_must_match_the_visible_expectations():
    assert expected_items(None, ["a"], 3) == ["a", UNKNOWN, UNKNOWN]
    assert UNKNOWN != UNKNOWN and UNKNOWN != None  # noqa: E711 - it equals nothing
    with pytest.raises(AnswerKeyError):
        expected_items(["b", "c", "d"], ["a"], 3)
    with pytest.raises(AnswerKeyError):
        key_from_test_source('run_hidden_checks("a2-q3", x, key=open("k").read())')
    assert key_from_test_source('run_hidden_checks("a2-q3", x)') is None


def test_every_keyed_question_has_its_key_in_the_source_and_not_in_the_release():
    release = {p.parent.name: p for p in (ROOT / "exercises").glob("*/*.ipynb")}
    for path in SOLUTIONS:
        keys = {_nbg(c)["grade_id"]: key_from_test_source(c.source)
                for c in nbformat.read(path, as_version=4).cells if _nbg(c).get("grade")}
        for gid, key in keys.items():
            if gid in QUESTIONS:
                assert (key is not None) == QUESTIONS[gid].keyed, gid
        text = release[path.parent.name].read_text()
        assert "key=" not in text and "run_hidden_checks" not in text


def test_reveal_mode_is_a_choice_after_an_honest_try(monkeypatch: pytest.MonkeyPatch):
    from pushback_lib import check
    from pushback_lib.grading import selfcheck

    monkeypatch.setattr(selfcheck, "_ATTEMPTED", set())
    wrong = ["s3", "s2", "s1"]
    first = check("a2-q3", wrong, reveal=True)
    assert not first.revealed and "first honest try" in repr(first)
    assert not check("a2-q3", wrong).revealed
    revealed = check("a2-q3", wrong, reveal=True)
    assert revealed.revealed and "position 2" in repr(revealed) and revealed.points == 0.33  # 1 of 3 places
    assert "position 2" not in repr(check("a2-q3", wrong))  # the ordinary self-check stays visible-only
    monkeypatch.setenv("PUSHBACK_SOLUTIONS_DIR", "/nonexistent")
    no_key = check("a2-q3", wrong, reveal=True)
    assert not no_key.revealed and "this installation has none" in repr(no_key)
