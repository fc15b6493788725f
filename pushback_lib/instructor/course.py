"""A course directory as nbgrader sees it: its config, folders and gradebook.

Every verb of ``pushback-course`` starts here, so that all of them read the
same ``nbgrader_config.py`` (the grading engineer's preprocessors, the
execution timeout, the gradebook URL) exactly as ``nbgrader`` itself would,
whatever directory the instructor runs the command from.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from traitlets.config import Config, PyFileConfigLoader

from ..errors import PushbackError

__all__ = ["check_known", "Course", "InstructorError", "open_course", "STATE_DIRNAME"]

#: Folder inside ``autograded/`` (already ignored by git, invisible to
#: nbgrader's ``*`` globs) where the parallel grader keeps staging copies and
#: its "done" records.
STATE_DIRNAME = ".pushback"


class InstructorError(PushbackError):
    """Something in the course directory stops an instructor command.

    The message names the file or folder and says what to do about it.
    """


@dataclass(frozen=True)
class Course:
    """One nbgrader course directory, with its configuration loaded."""

    root: Path
    """Absolute path of the course directory (where ``nbgrader_config.py`` is)."""
    config: Config
    """The course's traitlets configuration, with ``CourseDirectory.root`` set to ``root``."""

    def coursedir(self, **traits: str) -> Any:  # nbgrader's CourseDirectory (untyped)
        """A fresh nbgrader ``CourseDirectory`` for this course.

        Extra keyword arguments set traits such as ``assignment_id``.
        """
        from nbgrader.coursedir import CourseDirectory

        cd = CourseDirectory(config=self.config)
        for name, value in traits.items():
            setattr(cd, name, value)
        return cd

    def _dir(self, trait: str) -> Path:
        return self.root / getattr(self.coursedir(), trait)

    @property
    def source_dir(self) -> Path:
        """Where the source assignments live (``solutions/`` in this course)."""
        return self._dir("source_directory")

    @property
    def release_dir(self) -> Path:
        return self._dir("release_directory")

    @property
    def submitted_dir(self) -> Path:
        return self._dir("submitted_directory")

    @property
    def autograded_dir(self) -> Path:
        return self._dir("autograded_directory")

    @property
    def feedback_dir(self) -> Path:
        return self._dir("feedback_directory")

    @property
    def state_dir(self) -> Path:
        """Staging copies and "done" records of ``pushback-course autograde``."""
        return self.autograded_dir / STATE_DIRNAME

    @property
    def db_url(self) -> str:
        return self.coursedir().db_url

    @property
    def course_id(self) -> str:
        return self.coursedir().course_id

    def assignments(self) -> list[str]:
        """Source assignments: every folder of the source directory holding a notebook."""
        if not self.source_dir.is_dir():
            return []
        return sorted(p.name for p in self.source_dir.iterdir()
                      if p.is_dir() and not p.name.startswith(".") and any(p.glob("*.ipynb")))

    def submissions(self, assignments: list[str] | None = None) -> list[tuple[str, str]]:
        """``(student, assignment)`` for every folder ``submitted/<student>/<assignment>/``."""
        found: list[tuple[str, str]] = []
        if not self.submitted_dir.is_dir():
            return found
        for student in sorted(self.submitted_dir.iterdir()):
            if not student.is_dir() or student.name.startswith("."):
                continue
            for assignment in sorted(student.iterdir()):
                if (assignment.is_dir() and not assignment.name.startswith(".")
                        and (assignments is None or assignment.name in assignments)):
                    found.append((student.name, assignment.name))
        return found

    def gradebook(self) -> Any:  # nbgrader's Gradebook (untyped)
        """nbgrader's ``Gradebook`` on this course's database (use it in a ``with``)."""
        from nbgrader.api import Gradebook

        return Gradebook(self.db_url, self.course_id)


def _unknown(kind: str, asked: list[str], known: set[str]) -> str | None:
    import difflib

    bad = sorted(set(asked) - known)
    if not bad:
        return None
    hints = [f" (did you mean {m[0]}?)" if (m := difflib.get_close_matches(b, known, n=1)) else ""
             for b in bad]
    return (f"unknown {kind} " + ", ".join(b + h for b, h in zip(bad, hints, strict=True))
            + f"; known: {', '.join(sorted(known)) or 'none'}")


def check_known(course: Course, assignments: list[str] | None = None,
                students: list[str] | None = None) -> None:
    """Raise one clear error for an assignment or student the course has never heard of.

    Without it a typo reads as "nothing graded yet, run autograde", which sends the
    instructor to regrade a cohort that is fine.
    """
    if not assignments and not students:
        return
    known_a = set(course.assignments())
    known_s = {s for s, _ in course.submissions()}
    with course.gradebook() as gb:
        known_a |= {a.name for a in gb.assignments}
        known_s |= {s.id for s in gb.students}
    problems = [p for p in (_unknown("assignment", assignments or [], known_a),
                            _unknown("student", students or [], known_s)) if p]
    if problems:
        raise InstructorError("; ".join(problems))


def open_course(course_dir: str | os.PathLike[str] | None = None) -> Course:
    """Load the course in ``course_dir`` (default: the current directory).

    Raises ``InstructorError`` if the folder does not exist or is not an
    nbgrader course (neither ``nbgrader_config.py`` nor a source directory).
    """
    root = Path(course_dir if course_dir is not None else os.getcwd()).expanduser().resolve()
    if not root.is_dir():
        raise InstructorError(f"course directory {root} does not exist")
    config = Config()
    config_file = root / "nbgrader_config.py"
    if config_file.exists():
        try:
            config = PyFileConfigLoader("nbgrader_config.py", path=str(root)).load_config()
        except Exception as exc:  # a syntax error in the config: say which file
            raise InstructorError(f"{config_file}: cannot load the nbgrader configuration: {exc}") from exc
    config.CourseDirectory.root = str(root)
    db_url = str(config.CourseDirectory.get("db_url", "")) if "db_url" in config.CourseDirectory else ""
    if db_url.startswith("sqlite:///") and not db_url.startswith("sqlite:////"):
        # a relative SQLite path is relative to the course, not to wherever we were started
        config.CourseDirectory.db_url = "sqlite:///" + str(root / db_url[len("sqlite:///"):])
    course = Course(root, config)
    if not config_file.exists() and not course.source_dir.is_dir():
        raise InstructorError(
            f"{root} is not an nbgrader course directory: it has neither nbgrader_config.py nor "
            f"a source folder '{course.source_dir.name}/' (pass --course-dir)")
    return course
