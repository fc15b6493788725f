"""``make release``: regenerate ``exercises/`` from ``solutions/`` with nbgrader.

A thin caller of the one release implementation,
:func:`pushback_lib.instructor.release.release` (the same code as
``pushback-course release``), run on the repository as a course with a
throwaway gradebook: the run leaves nothing but the release notebooks behind,
and the output depends only on ``solutions/`` (the drift test in
``tests/grading`` regenerates into a scratch folder and compares byte for byte).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["generate", "main"]


def generate(course_root: Path, names: list[str] | None = None) -> list[str]:
    """Release the named assignments (default: all) of the course folder ``course_root``.

    ``course_root`` holds ``nbgrader_config.py``, ``solutions/`` and ``exercises/``.
    Returns the names released; raises ``RuntimeError`` with nbgrader's log when
    one fails.
    """
    from pushback_lib.instructor import InstructorError, open_course
    from pushback_lib.instructor.release import release

    # nbgrader starts `alembic` by name: this interpreter's bin folder comes first on PATH.
    bin_dir = str(Path(sys.executable).parent)
    if os.environ.get("PATH", "").split(os.pathsep)[0] != bin_dir:
        os.environ["PATH"] = f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"
    try:
        results = release(open_course(course_root), names, scratch_gradebook=True)
    except InstructorError as exc:
        raise RuntimeError(str(exc)) from exc
    failed = [r for r in results if not r.success]
    if failed:
        raise RuntimeError("nbgrader generate_assignment failed for "
                           + "; ".join(f"{r.assignment}:\n{r.reason(20)}" for r in failed))
    return [r.assignment for r in results]


def main(argv: list[str]) -> int:
    try:
        done = generate(ROOT, argv or None)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    print(f"make release: exercises/ regenerated for {', '.join(done)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
