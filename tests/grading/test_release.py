"""exercises/ is what nbgrader makes from solutions/, and nbgrader validate agrees."""

from __future__ import annotations

from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # runs nbgrader generate_assignment and validate (kernels)

ROOT = Path(__file__).resolve().parents[2]


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and ".ipynb_checkpoints" not in p.parts}


def test_exercises_match_a_fresh_generate_assignment(jobs):
    assert jobs.regenerate.wait() == 0, jobs.regenerate.err[-3000:]
    fresh, committed = files(jobs.drift / "exercises"), files(ROOT / "exercises")
    assert sorted(fresh) == sorted(committed), "run `make release` and commit exercises/"
    drifted = [name for name in fresh if fresh[name] != committed[name]]
    assert not drifted, f"exercises/ drifted from solutions/ in {drifted}: run `make release`"


def test_solutions_pass_nbgrader_validate(jobs):
    code = jobs.validate.wait()
    report = jobs.validate.out + jobs.validate.err
    assert code == 0 and "failed" not in report.lower(), report[-4000:]
    assert report.count("Success! Your notebook passes all the tests.") == \
        len(list(ROOT.glob("solutions/*/*.ipynb"))), report[-4000:]


def test_unanswered_releases_fail_nbgrader_validate_invert(jobs):
    jobs.invert.wait()
    report = jobs.invert.out + jobs.invert.err
    passed = report.count("Success! The notebook does not pass any tests.")
    assert passed == len(list(ROOT.glob("exercises/*/*.ipynb"))), report[-4000:]
