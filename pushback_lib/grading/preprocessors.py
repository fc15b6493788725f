"""nbgrader preprocessors that make the autograde score trustworthy.

Configured in ``nbgrader_config.py`` so that nbgrader's own ``nbgrader
autograde`` and ``nbgrader generate_feedback`` use them:

==========================  =========================================================
``RebuildFromSource``       sanitize: the graded notebook is the released notebook
                            (rebuilt from the source and the gradebook) with only the
                            learner's answer cells filled in; extra cells go, locked
                            cells come back, a deleted test cell is noted
``ComputeTrustedScores``    autograde, before any learner code runs: read the answers
                            from the answer cells' text as plain data and score them
``GuardedExecute``          autograde: nbgrader's Execute with a per-cell timeout, a
                            total budget, an isolated IPython dir, and a record of
                            which cells the kernel really finished
``ApplyTrustedScores``      autograde, after execution: each test cell's outputs become
                            the trusted report and score (a plain number); a test cell
                            that was deleted or never finished scores 0
``HideHiddenTests``         generate_feedback: strip hidden-test regions (nbgrader #917)
==========================  =========================================================

Why: code in the learner's kernel can rewrite whatever runs after it there
(input or AST transformers, monkeypatching, objects equal to everything,
fake output, ``os._exit``), so no number the kernel produces is used. The
score comes from :mod:`pushback_lib.grading.source` (parse, never run) and
the pure checks, in this process, and the kernel can only lower it (by not
finishing), never raise it.
"""

from __future__ import annotations

import copy
import os
import shutil
import tempfile
import time
from typing import Any

import nbformat
from nbclient.exceptions import DeadKernelError
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests, Execute, NbGraderPreprocessor
from traitlets import Bool, Float, Integer, Unicode

from .answer_key import key_from_test_source
from .checks import MISSING, QuestionResult, format_points, grade
from .gradebook_guard import restore, take
from .questions import CASES, QUESTIONS
from .sandbox import MAX_OUTPUT_CHARS, SandboxedKernelManager, SandboxUnavailable, cap_output, seal_kernel
from .source import answers_from_sources

__all__ = ["RebuildFromSource", "RebuildFromRelease", "ComputeTrustedScores", "GuardedExecute",
           "ApplyTrustedScores", "HideHiddenTests", "STATE", "MAX_ANSWER_CHARS", "withhold_hidden_tests"]

STATE = "pushback_grading"
"""Key of the notebook metadata and the resources entry these preprocessors share."""

MAX_ANSWER_CHARS = 100_000
"""Longest answer cell kept; longer ones are cut (answers are short)."""


def _coursedir(pp: Any) -> Any:
    """The converter's CourseDirectory, found by walking up the parents."""
    obj = pp
    while obj is not None:
        if hasattr(obj, "coursedir"):
            return obj.coursedir
        obj = getattr(obj, "parent", None)
    raise RuntimeError("pushback_lib.grading: no nbgrader course directory above "
                       f"{type(pp).__name__}; use it from nbgrader autograde")


def _grade_id(cell: Any) -> str | None:
    """The grade id of a submitted cell, or None for anything malformed."""
    meta = cell.get("metadata") if isinstance(cell, dict) else None
    nbg = meta.get("nbgrader") if isinstance(meta, dict) else None
    gid = nbg.get("grade_id") if isinstance(nbg, dict) else None
    return gid if isinstance(gid, str) else None


def _source_text(cell: Any) -> str | None:
    src = cell.get("source") if isinstance(cell, dict) else None
    if isinstance(src, list) and all(isinstance(s, str) for s in src):
        src = "".join(src)
    return src[:MAX_ANSWER_CHARS] if isinstance(src, str) else None


_SOURCES: dict[str, NotebookNode] = {}


def _source_notebook(path: str) -> NotebookNode:
    """The source notebook as first read in this process (a submission that rewrites
    the file while its kernel runs cannot change how later students are graded)."""
    if path not in _SOURCES:
        _SOURCES[path] = nbformat.read(path, as_version=4)
    return copy.deepcopy(_SOURCES[path])


def _gradebook_sources(db_url: str, assignment: str, notebook: str) -> dict[str, str]:
    """Grade id -> the source nbgrader stored for that cell at generate time: the stub for
    an answer cell, the full test (hidden tests included) for a test cell."""
    from nbgrader.api import Assignment, Notebook, SourceCell

    from .gradebook_guard import _session
    with _session(db_url) as s:
        rows = (s.query(SourceCell).join(Notebook).join(Assignment)
                .filter(Notebook.name == notebook, Assignment.name == assignment))
        return {r.name: r.source for r in rows}


class RebuildFromSource(NbGraderPreprocessor):
    """Replace the submission by the released notebook with the learner's answers in it.

    The released notebook is rebuilt from trusted copies only: the order and the
    plain cells of the source notebook, and for every nbgrader cell the source
    the gradebook stored at generate time (answer stubs, full tests). Then each
    answer cell takes the text of the learner's cell with the same grade id.
    The learner controls only that text: cells they added are dropped, locked
    and test cells come back, and the ids of test cells missing from the
    submission are recorded so they score 0 (not "needs manual grading").
    """

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict
                   ) -> tuple[NotebookNode, ResourcesDict]:
        info = resources["nbgrader"]
        coursedir = _coursedir(self)
        folder = coursedir.format_path(coursedir.source_directory, ".", info["assignment"])
        path = os.path.join(folder, f"{info['notebook']}.ipynb")
        if not os.path.exists(path):
            raise RuntimeError(f"pushback_lib.grading: the source notebook {path} is missing")
        source = _source_notebook(path)
        stored = _gradebook_sources(info["db_url"], info["assignment"], info["notebook"])
        submitted: dict[str, Any] = {}
        cells_in = nb.get("cells")
        for cell in cells_in if isinstance(cells_in, list) else []:
            gid = _grade_id(cell)
            if gid is not None and gid not in submitted:
                submitted[gid] = cell
        cells: list[NotebookNode] = []
        missing: list[str] = []
        for scell in source.cells:
            cell = copy.deepcopy(scell)
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
            gid = _grade_id(scell)
            if gid is not None and gid in stored:
                cell.source = stored[gid]
            if gid is not None and utils.is_solution(scell):
                text = _source_text(submitted[gid]) if gid in submitted else None
                if text is not None:
                    cell.source = text
            elif gid is not None and utils.is_grade(scell) and gid not in submitted:
                missing.append(gid)
            cells.append(cell)
        nb.cells = cells
        nb.metadata = copy.deepcopy(source.metadata)
        nb.metadata[STATE] = {"missing_grade_cells": missing}
        if missing:
            self.log.warning("Test cells deleted from the submission (they score 0): %s",
                             ", ".join(missing))
        return nb, resources


RebuildFromRelease = RebuildFromSource
"""Former name, kept so older configs still load."""


def _load_scoring_code(keys: str) -> list[str]:
    """Import and exercise everything a check may use, before any learner code runs,
    so files a submission rewrites on disk cannot change the scoring code or cases.

    The cases' labels come from the course's ``keys`` folder only; returns the
    ids of the cases that have none there (their label-based checks cannot pass).
    """
    from pathlib import Path

    from .. import analyzer, decision, rubric  # noqa: F401
    from .casebook import case, use_course_keys, warm, withheld
    use_course_keys(Path(keys))
    warm(CASES)
    if CASES:
        first = case(CASES[0])
        analyzer.analyze("Thank you; I understand, and I suggest we meet this week.", first)
        decision.decide(first)
    return withheld(CASES)


def _is_auto_test(cell: NotebookNode) -> bool:
    return cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)


class ComputeTrustedScores(NbGraderPreprocessor):
    """Score every test cell from the answer cells' text, before any learner code runs."""

    keys_directory = Unicode("keys", help="The label overlays of the cases kept back for grading "
                             "(keys/cases/<id>.yaml), relative to the course directory; the "
                             "labels are read from here only").tag(config=True)

    def __init__(self, **kw: Any) -> None:
        super().__init__(**kw)
        course = self.config.CourseDirectory
        root = course.root if "root" in course else os.getcwd()
        keys = os.path.join(root, self.keys_directory)  # an absolute keys_directory wins
        missing = _load_scoring_code(keys)
        if missing:
            self.log.warning("No labels for the case(s) %s in %s: the checks that rest on their "
                             "labels cannot pass (put keys/cases/<id>.yaml in the course directory)",
                             ", ".join(missing), keys)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict
                   ) -> tuple[NotebookNode, ResourcesDict]:
        answer_sources = [c.source for c in nb.cells
                          if c.cell_type == "code" and utils.is_solution(c)]
        try:
            answers = answers_from_sources(answer_sources)
        except Exception as exc:  # never crash on a learner's text: no answers, so 0
            self.log.warning("Answers could not be read (%s): they score 0", exc)
            answers = {}
        missing = set(nb.metadata.get(STATE, {}).get("missing_grade_cells", []))
        info = resources["nbgrader"]
        stored = _gradebook_sources(info["db_url"], info["assignment"], info["notebook"])
        results: dict[str, tuple[float, str]] = {}
        for cell in nb.cells:
            if not _is_auto_test(cell):
                continue
            gid = cell.metadata.nbgrader["grade_id"]
            max_points = float(cell.metadata.nbgrader["points"])
            q = QUESTIONS.get(gid)
            if q is None:
                self.log.error("No trusted check is registered for test cell %s: it scores 0", gid)
                results[gid] = (0.0, f"{gid}: no trusted check exists for this cell; "
                                "ask your instructor")
                continue
            if gid in missing:
                results[gid] = (0.0, f"{q.id} {q.title}\n  ✗ this test cell was deleted from "
                                "the submission, so it scores 0")
                continue
            key = key_from_test_source(stored.get(gid, ""))  # the instructor's, never the kernel's
            if q.keyed and key is None:
                raise RuntimeError(f"pushback_lib.grading: test cell {gid} of the source notebook has no "
                                   "answer key (run_hidden_checks(..., key=...) in its hidden tests); "
                                   "regenerate the assignment")
            result: QuestionResult = grade(q, answers.get(q.answer_name, MISSING), key)
            points = result.points(include_hidden=True) * max_points / float(q.points)
            results[gid] = (min(points, max_points), result.report(include_hidden=True))
        resources[STATE] = {"results": results,
                            "snapshot": take(resources["nbgrader"]["db_url"])}
        return nb, resources


HIDDEN_BEGIN, HIDDEN_END = "BEGIN HIDDEN TESTS", "END HIDDEN TESTS"


def withhold_hidden_tests(source: str) -> str:
    """``source`` without its hidden-test regions (an unterminated one runs to the end)."""
    if HIDDEN_BEGIN not in source:
        return source
    kept, hidden = [], False
    for line in source.split("\n"):
        if HIDDEN_BEGIN in line:
            hidden = True
        elif HIDDEN_END in line and hidden:
            hidden = False
        elif not hidden:
            kept.append(line)
    return "\n".join(kept)


class GuardedExecute(Execute):
    """nbgrader's Execute, hardened: a hang or a dead kernel stops the run, never the cohort.

    Each cell gets ``timeout`` seconds and the whole notebook ``total_budget``;
    after a timeout or a dead kernel no further cell runs. The kernel gets a
    fresh, empty IPython directory, so startup files one submission might
    plant cannot reach the next. Which test cells really finished is recorded
    for :class:`ApplyTrustedScores`.
    """

    total_budget = Float(300.0, help="Seconds one notebook may run in all").tag(config=True)
    max_output_chars = Integer(MAX_OUTPUT_CHARS, help="Output kept per notebook; the rest is dropped "
                               "while it arrives, so a flood cannot fill the grader's memory"
                               ).tag(config=True)
    min_cell_timeout = Integer(2, help="Shortest timeout given to a cell").tag(config=True)
    _pushback_sandboxed = True  # its kernels run in the grading sandbox (c.Sandbox.*)

    def __init__(self, *args: Any, **kw: Any) -> None:
        kw.setdefault("kernel_manager_class", SandboxedKernelManager)
        super().__init__(*args, **kw)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict | None = None,
                   km: Any = None) -> tuple[NotebookNode, ResourcesDict]:
        res: ResourcesDict = resources if resources is not None else ResourcesDict()
        self._deadline = time.monotonic() + self.total_budget
        # nbclient declares `timeout` and `extra_arguments` as traits mypy cannot see through
        # (a traitlets descriptor on a class with no stubs): the values are int | None and list[str].
        self._per_cell = self.timeout  # type: ignore[has-type]
        self._stopped = ""
        self._finished: list[str] = []
        self._output_chars = 0
        ipython_dir = tempfile.mkdtemp(prefix="pushback-ipython-")
        saved_args = list(self.extra_arguments)  # type: ignore[has-type]
        self.extra_arguments = [*saved_args, f"--ipython-dir={ipython_dir}",
                                "--HistoryManager.hist_file=:memory:"]
        self.shutdown_kernel = "immediate"
        try:
            nb, res = super().preprocess(nb, res, km)
        except SandboxUnavailable:
            raise  # refuse to grade: never run untrusted work outside the sandbox by accident
        except Exception as exc:  # the kernel failed to start or died between cells
            self._stopped = self._stopped or f"the kernel stopped ({type(exc).__name__})"
            self.log.warning("Execution stopped: %s", self._stopped)
        finally:
            self.extra_arguments = saved_args
            self.timeout = self._per_cell
            shutil.rmtree(ipython_dir, ignore_errors=True)
        state = res.setdefault(STATE, {})
        state["finished"] = list(self._finished)
        state["stopped"] = self._stopped
        return nb, res

    def output(self, outs: list[NotebookNode], msg: dict[str, Any], display_id: str | None,
               cell_index: int) -> NotebookNode | None:
        self._output_chars, keep, note = cap_output(self._output_chars, msg, self.max_output_chars)
        if note is not None:
            outs.append(note)
            return note
        return super().output(outs, msg, display_id, cell_index) if keep else None

    async def _async_handle_timeout(self, timeout: int, cell: NotebookNode | None = None
                                    ) -> dict[str, Any] | None:
        self._timed_out = True
        return await super()._async_handle_timeout(timeout, cell)

    def preprocess_cell(self, cell: NotebookNode, resources: ResourcesDict, index: int
                        ) -> tuple[NotebookNode, ResourcesDict]:
        if cell.cell_type != "code":
            return cell, resources
        seal_kernel(self)  # the kernel is up: its sockets' folder becomes read-only to it
        if self._stopped:
            cell.outputs = []
            return cell, resources
        remaining = self._deadline - time.monotonic()
        if remaining < self.min_cell_timeout:
            self._stopped = f"the notebook used up its {self.total_budget:g} s budget"
            cell.outputs = []
            return cell, resources
        self.timeout = int(min(self._per_cell or remaining, remaining))
        self._timed_out = False
        # the kernel never sees a hidden test: scores come from trusted code, and a hidden test
        # holds the answer key, which code planted in the kernel could read as the cell runs
        source = cell.source
        cell.source = withhold_hidden_tests(source)
        try:
            cell, resources = super().preprocess_cell(cell, resources, index)
        except DeadKernelError:
            self._stopped = "the kernel died"
            return cell, resources
        except Exception as exc:
            self._stopped = f"execution failed ({type(exc).__name__})"
            return cell, resources
        finally:
            cell.source = source
        if self._timed_out:
            self._stopped = f"a cell ran longer than {self.timeout} s"
        elif utils.is_grade(cell):
            self._finished.append(cell.metadata.nbgrader["grade_id"])
        return cell, resources


class ApplyTrustedScores(NbGraderPreprocessor):
    """Write the trusted report and score into every auto-graded test cell.

    The cell's outputs are replaced by a stdout report and an ``execute_result``
    holding the score as a plain number no larger than the cell's points, so
    nbgrader's ``SaveAutoGrades`` stores exactly the trusted score, whatever
    the kernel printed, raised or wrote to stderr.
    """

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict
                   ) -> tuple[NotebookNode, ResourcesDict]:
        state = resources.get(STATE, {})
        if "snapshot" in state:
            undone = restore(resources["nbgrader"]["db_url"], state["snapshot"])
            if undone:
                self.log.warning("The submission's kernel wrote to the gradebook; undone: %s",
                                 "; ".join(undone))
        results: dict[str, tuple[float, str]] = state.get("results", {})
        finished = set(state.get("finished", []))
        stopped = state.get("stopped", "") or "the notebook did not run to this cell"
        for cell in nb.cells:
            if not _is_auto_test(cell):
                continue
            gid = cell.metadata.nbgrader["grade_id"]
            max_points = float(cell.metadata.nbgrader["points"])
            points, report = results.get(gid, (0.0, f"{gid}: not graded"))
            if gid not in finished:
                points, report = 0.0, (f"{gid}: 0 points, because this test cell never "
                                       f"finished running: {stopped}.")
            points = min(max(points, 0.0), max_points)
            cell.outputs = [
                nbformat.v4.new_output("stream", name="stdout", text=report + "\n"),
                nbformat.v4.new_output("execute_result", data={"text/plain": format_points(points)},
                                       execution_count=cell.get("execution_count")),
            ]
        return nb, resources


class HideHiddenTests(ClearHiddenTests):
    """Feedback shows results, never hidden-test source: strip the regions in every cell.

    A learner's cell may hold an unmatched marker; then everything from it to
    the end of the cell is hidden instead of failing the feedback run.
    """

    enforce_metadata = Bool(False, help="Hidden regions may sit in any cell").tag(config=True)

    def _remove_hidden_test_region(self, cell: NotebookNode) -> bool:
        try:
            return super()._remove_hidden_test_region(cell)
        except RuntimeError:
            lines = cell.source.split("\n")
            first = next(i for i, ln in enumerate(lines) if self.begin_test_delimeter in ln
                         or self.end_test_delimeter in ln)
            cell.source = "\n".join(lines[:first])
            return True
