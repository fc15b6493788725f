"""nbgrader's ``Autograde`` cut in two at ``SaveAutoGrades``.

nbgrader autogrades a notebook in one pass: sanitize (clear outputs, restore
the locked cells from the gradebook), execute, then ``SaveAutoGrades`` writes
the scores into the gradebook, then late penalties. Executing is the slow
part; writing is quick but SQLite allows only one writer. So:

* ``execute_submission`` runs, in a worker process and a private copy of the
  course with a private copy of the gradebook, nbgrader's own ``Autograde``
  with the autograde preprocessors *before* ``SaveAutoGrades``;
* ``record_submission`` runs, in the one main process, nbgrader's own
  ``Autograde`` set-up (student, submission timestamp, missing notebooks) and
  the preprocessors *from* ``SaveAutoGrades`` on, on the executed notebook.

Same preprocessors, same order, same config as ``nbgrader autograde``: the
scores are nbgrader's, only the work is spread over processes.
"""

from __future__ import annotations

import copy
import os
from pathlib import Path
from typing import Any

from traitlets.config import Config

from ..course import Course
from ..nbrun import StepResult

__all__ = ["split_preprocessors", "execute_submission", "record_submission", "with_inert_outputs"]


def split_preprocessors(config: Config) -> tuple[list, list]:
    """nbgrader's autograde preprocessors (as configured) before and from ``SaveAutoGrades``."""
    from nbgrader.converters import Autograde
    from nbgrader.preprocessors import SaveAutoGrades

    chain = list(Autograde(config=config).autograde_preprocessors)
    names = [p if isinstance(p, str) else p.__name__ for p in chain]
    if "SaveAutoGrades" not in [n.rsplit(".", 1)[-1] for n in names]:
        raise ValueError("Autograde.autograde_preprocessors has no SaveAutoGrades: "
                         "grades would never be saved")
    cut = [n.rsplit(".", 1)[-1] for n in names].index("SaveAutoGrades")
    assert chain[cut] is SaveAutoGrades or names[cut].endswith("SaveAutoGrades")
    return chain[:cut], chain[cut:]


def with_inert_outputs(chain: list[Any]) -> list[Any]:
    """``chain`` with :class:`~pushback_lib.grading.inert.InertOutputs` right after its execute
    step (unless the course's config has it already), whatever the course configures."""
    from nbconvert.preprocessors import ExecutePreprocessor
    from traitlets.utils.importstring import import_item

    from ...grading.inert import InertOutputs

    classes = [import_item(p) if isinstance(p, str) else p for p in chain]
    if any(isinstance(c, type) and issubclass(c, InertOutputs) for c in classes):
        return chain
    executes = [i for i, c in enumerate(classes)
                if isinstance(c, type) and issubclass(c, ExecutePreprocessor)]
    at = executes[-1] + 1 if executes else len(chain)
    return [*chain[:at], InertOutputs, *chain[at:]]


def _run(converter: Any) -> StepResult:
    from nbgrader.utils import capture_log

    cd = converter.coursedir
    result = capture_log(converter)
    return StepResult(cd.assignment_id, cd.student_id, bool(result.get("success")),
                      result.get("log", ""), result.get("error", "") or "")


def execute_submission(course: Course, workdir: Path, student: str, assignment: str) -> StepResult:
    """Sanitize and execute one submission inside ``workdir``, a private copy of the course.

    ``workdir`` must already hold the source assignment, the submission and a
    copy of the gradebook (``gradebook.db``). The executed notebooks land in
    ``workdir/<autograded>/<student>/<assignment>/``, writable, ungraded.
    """
    from nbgrader.converters import Autograde

    from ...grading.sandbox import sandbox_chain

    before, _ = split_preprocessors(course.config)
    before = sandbox_chain(before)  # every kernel of a submission runs in the grading sandbox
    before = with_inert_outputs(before)  # and nothing it displays runs in a viewer
    config = copy.deepcopy(course.config)
    config.CourseDirectory.root = str(workdir)
    # the labels of kept-back cases stay in the course directory (the scratch copy has none)
    keys = Path(config.ComputeTrustedScores.get("keys_directory", "keys"))
    config.ComputeTrustedScores.keys_directory = str(keys if keys.is_absolute() else course.root / keys)
    config.CourseDirectory.db_url = f"sqlite:///{workdir / 'gradebook.db'}"
    config.CourseDirectory.student_id_exclude = ""
    config.Autograde.autograde_preprocessors = before
    config.Autograde.permissions = 644
    config.Autograde.pre_convert_hook = None
    config.Autograde.post_convert_hook = None
    coursedir = Course(workdir, config).coursedir(assignment_id=assignment, student_id=student)
    converter = Autograde(coursedir=coursedir, config=config)
    converter.force = True
    return _run(converter)


def _recorder_class() -> type:
    from nbgrader import utils
    from nbgrader.converters import Autograde

    class RecordGrades(Autograde):
        """nbgrader's ``Autograde`` reading an already executed notebook, writing the gradebook."""

        executed_dir = ""  # where the worker left the executed notebooks (also the output)

        @property
        def _output_directory(self) -> str:
            # format_path joins root and this; an absolute path wins
            return str(Path(self.executed_dir).parent.parent)

        def init_destination(self, assignment_id: str, student_id: str) -> bool:
            return True  # the caller decides what needs grading (done records)

        def convert_single_notebook(self, notebook_filename: str) -> None:
            resources = self.init_single_notebook_resources(notebook_filename)
            executed = os.path.join(self.executed_dir, os.path.basename(notebook_filename))
            self.log.info("Recording grades of %s", executed)
            self._sanitizing = False
            self._init_preprocessors()
            try:
                with utils.setenv(NBGRADER_EXECUTION="autograde"):
                    output, resources = self.exporter.from_filename(executed, resources=resources)
                self.write_single_notebook(output, resources)
            finally:
                self._sanitizing = True

    return RecordGrades


def record_submission(course: Course, executed_dir: Path, student: str, assignment: str) -> StepResult:
    """Save the grades of the executed notebooks in ``executed_dir`` into the course gradebook.

    ``executed_dir`` is ``<workdir>/<autograded>/<student>/<assignment>``; the
    graded notebooks are written back into it, read-only as nbgrader leaves them.
    """
    import glob

    from .validate import stray_entries

    _, after = split_preprocessors(course.config)
    config = copy.deepcopy(course.config)
    config.Autograde.autograde_preprocessors = after
    coursedir = course.coursedir(assignment_id=assignment, student_id=student)
    # nbgrader copies the submission's files into the output, following links: never the strays
    strays = stray_entries(course.submitted_dir / student / assignment)
    coursedir.ignore = [*coursedir.ignore, *(glob.escape(p.name) for p in strays)]
    recorder = _recorder_class()(coursedir=coursedir, config=config)
    recorder.executed_dir = str(executed_dir)
    recorder.force = True
    return _run(recorder)
