"""What a learner on the cohort hub can read: nothing of the instructor's or of other learners.

Used by the end-to-end hub test after a real collect and autograde: as a
learner's own Unix user, try to list or read the other learner's home, the
grader's home and course folder, ``solutions/``, the gradebook, the collected
submissions and the exchange's inbound folder; and scan the learners'
environment for graded answers (the answer key must not ship to them).
"""

from __future__ import annotations

import json
import pwd
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import json, os, sys
readable = []
for path in sys.argv[1:]:
    try:
        if os.path.isdir(path):
            os.listdir(path)
        else:
            open(path, "rb").read(1)
        readable.append(path)
    except OSError:
        pass
print(json.dumps(readable))
"""


def readable_by(user: str, python: str, paths: list[str]) -> list[str]:
    """The paths ``user`` can list or read."""
    proc = subprocess.run(["runuser", "-u", user, "--", python, "-c", PROBE, *paths],
                          capture_output=True, text=True, timeout=60, cwd="/")
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def private_paths(course_dir: str, grader: str, other: str, assignment: str, exchange: Path) -> list[str]:
    """Everything one learner must not read, as it exists after collect and autograde."""
    course = Path(course_dir)
    paths = [pwd.getpwnam(other).pw_dir, pwd.getpwnam(grader).pw_dir, str(course),
             str(course / "solutions"), str(course / "gradebook.db"), str(course / "nbgrader_config.py"),
             str(course / "keys"), str(exchange / "pushback" / "inbound")]
    paths += [str(p) for p in course.glob("keys/*/*.yaml")]  # kept-back labels, until release-debrief
    paths += [str(p) for p in course.glob(f"solutions/{assignment}/*.ipynb")]
    paths += [str(p) for p in course.glob(f"submitted/{other}/{assignment}/*")]
    paths += [str(p) for p in course.glob(f"autograded/{other}/{assignment}/*")]
    inbound = exchange / "pushback" / "inbound"
    paths += [str(p) for p in inbound.glob(f"{other}+*")] + [str(p) for p in inbound.glob(f"{other}+*/*")]
    return paths


def answers_in_environment(env_prefix: str, cases_dir: Path | None) -> list[str]:
    """Graded answers of ``solutions/`` found as literals in the learners' environment."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from tests.grading.test_answer_key import scan_environment

    hits = []
    for pkg in Path(env_prefix).glob("lib/python3*/site-packages/pushback_lib"):
        hits += scan_environment(pkg)
    if cases_dir is not None and cases_dir.is_dir():
        hits += scan_environment(cases_dir)
    return hits
