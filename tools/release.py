"""``make release``: regenerate ``exercises/`` from ``solutions/`` with nbgrader.

Every folder of ``solutions/`` is an assignment; each is run through
``nbgrader generate_assignment`` (solutions cleared, hidden tests removed,
locked cells checksummed) into ``exercises/``. The gradebook nbgrader needs
for this lives in a temporary folder, so the run leaves nothing but the
release notebooks behind, and the output depends only on ``solutions/``:
the drift test in ``tests/grading`` regenerates into a scratch folder and
compares byte for byte.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

__all__ = ["assignments", "generate", "main"]


def assignments(source: Path = ROOT / "solutions") -> list[str]:
    """Names of the source assignments (folders holding at least one notebook), sorted."""
    return sorted(p.name for p in source.iterdir()
                  if p.is_dir() and not p.name.startswith((".", "_")) and any(p.glob("*.ipynb")))


def generate(course_root: Path, names: list[str] | None = None) -> None:
    """Run nbgrader's generate_assignment (forced) for each assignment of a course folder.

    ``course_root`` holds ``nbgrader_config.py``, ``solutions/`` and ``exercises/``.
    One nbgrader process does every assignment (starting nbgrader is the slow
    part). Raises ``RuntimeError`` with nbgrader's log when an assignment fails.
    """
    names = names if names is not None else assignments(course_root / "solutions")
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    with tempfile.TemporaryDirectory(prefix="pushback-release-") as tmp:
        db = f"sqlite:///{Path(tmp) / 'gradebook.db'}"
        proc = subprocess.run([sys.executable, "-c", _SCRIPT, str(course_root), db, *names],
                              cwd=course_root, env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"nbgrader generate_assignment failed ({proc.returncode}):\n"
                           f"{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")


# Run in a child process: nbgrader's API with the course's own config file.
_SCRIPT = """
import sys
from nbgrader.apps import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config, PyFileConfigLoader
root, db, names = sys.argv[1], sys.argv[2], sys.argv[3:]
config = PyFileConfigLoader("nbgrader_config.py", path=root).load_config()
config.CourseDirectory.root = root
config.CourseDirectory.db_url = db
config.Application.log_level = "WARN"
api = NbGraderAPI(CourseDirectory(config=config), config=config)
failed = []
for name in names:
    result = api.generate_assignment(name, force=True)
    if not result["success"]:
        failed.append(name)
        print(result.get("error", ""), result.get("log", ""), file=sys.stderr)
sys.exit(1 if failed else 0)
"""


def main(argv: list[str]) -> int:
    names = argv or None
    try:
        generate(ROOT, names)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    done = names or assignments()
    print(f"make release: exercises/ regenerated for {', '.join(done)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
