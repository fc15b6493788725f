"""The built wheel works on its own: installed into a fresh environment outside the
checkout, it finds every case and role-play script and analyzes and scores a draft.

This is what ``pip install`` gives a learner or a hub image, so it is tested as such:
nothing from the repository is importable there, only the installed package.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest

import pushback_lib

ROOT = Path(__file__).resolve().parents[2]
UV = Path(sys.executable).parent / "uv"

pytestmark = [pytest.mark.slow, pytest.mark.timeout(600)]  # builds a wheel and a venv

PROBE = """
import json, pathlib, sys
from importlib.metadata import version
import pushback_lib as pb
from pushback_lib.practice.script import load_script

case_ids = pb.cases()
loaded = [pb.load_case(c).id for c in case_ids]
script = load_script("niche_recruitment")
case = pb.load_case("niche_recruitment")
plan = pb.PushbackPlan(acknowledge="I understand you need the grading structure agreed fast.",
                       business_reason="Daniel led a nine-grade redesign for 4,200 staff in 11 "
                                       "months, the grading work the merger needs.",
                       evidence=(case.facts[0].id,), challenges=(case.challenges[0].id,))
analysis = pb.analyze("Thank you, I see why the merger deadline matters. Could we set up a "
                      "30-minute video call with Daniel this week?", case=case)
print(json.dumps({
    "file": pb.__file__,
    "version": pb.__version__,
    "dist_version": version("pushback-course"),
    "cases": loaded,
    "script_turns": len(script.turns),
    "score": pb.score(plan, case).total,
    "components": sorted(analysis.components),
    "model": analysis.model,
    "typed": (pathlib.Path(pb.__file__).parent / "py.typed").is_file(),
}))
"""


def _run(cmd: list[str], cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PUSHBACK_EXTRA_CASES_DIR")}
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=500)
    assert proc.returncode == 0, f"{' '.join(cmd)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc.stdout


def test_the_wheel_installed_outside_the_checkout_finds_its_cases_and_works() -> None:
    with tempfile.TemporaryDirectory(prefix="pushback-wheel-") as tmp:
        work = Path(tmp)
        assert not work.is_relative_to(ROOT)
        # sdist first, then the wheel from the sdist (in a scratch folder, not the checkout),
        # as a package index would: so the sdist must hold everything too
        _run([str(UV), "build", "--quiet", "--out-dir", str(work / "dist"), str(ROOT)], ROOT)
        (wheel,) = (work / "dist").glob("pushback_course-*.whl")
        with zipfile.ZipFile(wheel) as zf:
            names = zf.namelist()
        assert "pushback_lib/data/cases/niche_recruitment.yaml" in names
        assert "pushback_lib/data/cases/roleplay/niche_recruitment.yaml" in names
        assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names), names[-8:]

        base = getattr(sys, "_base_executable", sys.executable)
        _run([str(UV), "venv", "--quiet", "--python", base, str(work / "venv")], work)
        python = work / "venv" / "bin" / "python"
        _run([str(UV), "pip", "install", "--quiet", "--python", str(python), "--link-mode", "copy",
              "-c", str(ROOT / "requirements.lock"), str(wheel)], work)
        probe = json.loads(_run([str(python), "-c", PROBE], work))

    assert Path(probe["file"]).is_relative_to(work / "venv"), probe["file"]
    assert probe["version"] == probe["dist_version"] == pushback_lib.__version__
    assert probe["cases"] == pushback_lib.cases()
    assert probe["script_turns"] >= 8
    assert probe["score"] > 0
    assert probe["components"]
    assert probe["model"].startswith("v2-")  # the trained model's arrays shipped in the wheel
    assert probe["typed"]
