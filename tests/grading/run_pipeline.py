"""Child process for the grading tests: one nbgrader start for a whole course run.

Usage: ``python run_pipeline.py COURSE ASSIGNMENT GROUP [--timeout S --budget S]``
(GROUP: ``honest``, ``attackers-1`` or ``attackers-2``).
Runs nbgrader's own converters through ``NbGraderAPI`` with the course's
``nbgrader_config.py`` (exactly what ``nbgrader generate_assignment``,
``autograde`` and ``generate_feedback`` load): generate the release, write the
cohort's submissions from it (``tests/grading/cohorts.py``), autograde every
student, then generate feedback. Prints one JSON line: per student, whether
each step succeeded and how long autograde took.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def write_cohort(course: Path, assignment: str, group: str) -> list[str]:
    """Write every student's submission from the fresh release; return their ids."""
    sys.path.insert(0, str(ROOT))
    from tests.grading.cohorts import attackers, honest
    from tests.grading.synthetic_student import solution_answers, write_submission

    release = course / "exercises" / assignment / f"{assignment}.ipynb"
    solution = solution_answers(course / "solutions" / assignment / f"{assignment}.ipynb")
    if group == "honest":
        students = honest(solution)
    else:  # "attackers-1" or "attackers-2": every other attacker, then an honest student
        everyone, late = attackers(), attackers(solution)[-1]
        half = int(group.rsplit("-", 1)[1]) - 1
        students = [*everyone[half::2], late]
    for s in students:
        write_submission(course, release, s)
    return [s.id for s in students]


def cache_alembic_head() -> None:
    """nbgrader asks a fresh ``alembic heads`` subprocess for the same constant every time it
    opens the gradebook (several times per notebook); ask once per run instead."""
    import functools

    import nbgrader.api
    nbgrader.api.get_alembic_version = functools.lru_cache(maxsize=1)(
        nbgrader.api.get_alembic_version)


def main(argv: list[str]) -> int:
    cache_alembic_head()
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config import PyFileConfigLoader

    timeout = int(argv[argv.index("--timeout") + 1]) if "--timeout" in argv else 60
    budget = float(argv[argv.index("--budget") + 1]) if "--budget" in argv else 300.0
    positional = [a for i, a in enumerate(argv)
                  if not a.startswith("--") and (i == 0 or not argv[i - 1].startswith("--"))]
    course, assignment, group = positional[0], positional[1], positional[2]
    config = PyFileConfigLoader("nbgrader_config.py", path=course).load_config()
    config.CourseDirectory.root = course
    config.ExecutePreprocessor.timeout = timeout
    config.GuardedExecute.total_budget = budget
    config.Application.log_level = "WARN"
    api = NbGraderAPI(CourseDirectory(config=config), config=config)
    generated = api.generate_assignment(assignment, force=True)
    if not generated["success"]:
        print(generated.get("log", ""), file=sys.stderr)
        return 1
    students = write_cohort(Path(course), assignment, group)
    out: dict[str, dict[str, object]] = {}
    for student in students:
        start = time.perf_counter()
        result = api.autograde(assignment, student, force=True, create=True)
        out[student] = {"autograde": result["success"], "seconds": time.perf_counter() - start,
                        "log": "" if result["success"] else result.get("log", "")[-3000:]}
    for student in students:
        result = api.generate_feedback(assignment, student, force=True)
        out[student]["feedback"] = result["success"]
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
