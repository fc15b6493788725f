"""Feedback never carries secrets: a ``generate_feedback`` preprocessor that removes them.

Defence in depth on top of the sandbox. Whatever a kernel printed (it may have
read something it should not have), the feedback page a learner receives holds
no line of:

* the instructor's source notebook that the released notebook lacks
  (solutions, hidden tests, answer keys), and
* another learner's submission of the same assignment that is neither in the
  release nor in this learner's own submission.

Those lines are removed from every output and from every cell the learner did
not write. The answer cells (code or markdown: a written answer that matches
the model answer word for word is still the learner's own) are theirs, and stay
as they wrote them. A line
counts when it is at least ``min_line_chars`` long once stripped (shorter ones,
such as ``]`` or ``pass``, are not secrets and are everywhere); it is found in
an output also when embedded in a longer line, coloured (ANSI codes, as in
tracebacks, which quote the hidden test that failed), or escaped as JSON or ``repr``.
"""

from __future__ import annotations

import glob
import json
import os
import re
import stat
from collections.abc import Iterable
from typing import Any

import nbformat
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbgrader import utils
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer

__all__ = ["ScrubSecrets", "secret_lines", "scrub_text", "scrub_notebook", "REMOVED"]

REMOVED = "[removed from feedback]"
_ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def _lines(texts: Iterable[str], min_chars: int) -> set[str]:
    return {s for t in texts for line in t.splitlines() if len(s := line.strip()) >= min_chars}


def _cell_texts(nb: NotebookNode) -> list[str]:
    """Every cell's source: what the instructor or a learner wrote. (Outputs are left out:
    they are what the course's own code prints, the same for everyone, such as a check's
    report; what they could reveal comes from a source line.)"""
    texts: list[str] = []
    for cell in nb.get("cells", []):
        src = cell.get("source", "")
        texts.append("".join(src) if isinstance(src, list) else str(src))
    return texts


MAX_NOTEBOOK_BYTES = 64 * 1024 ** 2
"""Largest notebook read for secrets (a submission may be stuffed with stored output)."""


def _read(path: str) -> NotebookNode | None:
    """The notebook at ``path``, or None when it is not a regular file of sane size or not a
    notebook. Never follows a link or opens a FIFO (a submission folder is learner-made:
    reading a FIFO would hang feedback for the whole cohort)."""
    try:
        info = os.lstat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_NOTEBOOK_BYTES:
            return None
        return nbformat.read(path, as_version=4)
    except Exception:  # a malformed notebook of another learner (RecursionError included)
        return None


def secret_lines(source: NotebookNode, release: NotebookNode | None, others: list[NotebookNode],
                 own: NotebookNode | None, min_chars: int = 8) -> set[str]:
    """The lines no feedback page of this learner may show."""
    released = _lines(_cell_texts(release), min_chars) if release is not None else set()
    if release is None:  # no release to compare with: every solution and hidden-test line is secret
        instructor = set()
        for cell in source.cells:
            if cell.cell_type == "code" and (utils.is_solution(cell) or utils.is_grade(cell)):
                instructor |= _lines([cell.source], min_chars)
    else:
        instructor = _lines(_cell_texts(source), min_chars) - released
    mine = _lines(_cell_texts(own), min_chars) if own is not None else set()
    theirs = set().union(*(_lines(_cell_texts(nb), min_chars) for nb in others)) - released - mine
    return instructor | theirs


def _forms(line: str) -> set[str]:
    """A line as printed, JSON-escaped and repr-escaped."""
    return {line, json.dumps(line)[1:-1], repr(line)[1:-1]}


class _Matcher:
    def __init__(self, secrets: set[str]) -> None:
        self.forms = sorted({f for s in secrets for f in _forms(s)}, key=len, reverse=True)
        self.plain = secrets

    def hits(self, line: str) -> bool:
        line = _ANSI.sub("", line)  # tracebacks are coloured: match the text a reader sees
        s = line.strip()
        return s in self.plain or any(f in line for f in self.forms)


def scrub_text(text: str, matcher: _Matcher) -> tuple[str, int]:
    """``text`` with every line holding a secret replaced by :data:`REMOVED`; and how many."""
    out, n = [], 0
    for line in text.splitlines(keepends=True):
        if matcher.hits(line):
            n += 1
            out.append(REMOVED + ("\n" if line.endswith("\n") else ""))
        else:
            out.append(line)
    return "".join(out), n


def _scrub_output(out: Any, matcher: _Matcher) -> int:
    n = 0
    if isinstance(out.get("text"), (str, list)):
        t = out["text"]
        out["text"], k = scrub_text("".join(t) if isinstance(t, list) else t, matcher)
        n += k
    data = out.get("data") or {}
    for mime in list(data):
        value = data[mime]
        if isinstance(value, (str, list)):
            text = "".join(value) if isinstance(value, list) else value
            cleaned, k = scrub_text(text, matcher)
            if k and mime != "text/plain":
                del data[mime]  # rich output with a secret in it: drop it whole
            elif k:
                data[mime] = cleaned
            n += k
    if out.get("traceback"):
        cleaned_tb = []
        for frame in out["traceback"]:
            cleaned, k = scrub_text(frame, matcher)
            cleaned_tb.append(cleaned)
            n += k
        out["traceback"] = cleaned_tb
    if isinstance(out.get("evalue"), str):
        out["evalue"], k = scrub_text(out["evalue"], matcher)
        n += k
    return n


def scrub_notebook(nb: NotebookNode, matcher: _Matcher) -> int:
    """Scrub every output, and every cell source except the learner's answer cells; return lines removed."""
    removed = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []) or []:
            removed += _scrub_output(out, matcher)
        if not utils.is_solution(cell):  # an answer cell, code or markdown, is the learner's own text
            cell.source, k = scrub_text(cell.source, matcher)
            removed += k
    return removed


class ScrubSecrets(NbGraderPreprocessor):
    """generate_feedback: remove the instructor's unreleased lines and other learners' lines."""

    min_line_chars = Integer(8, help="Shortest line (stripped) treated as a secret").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        from .preprocessors import _coursedir

        info = resources["nbgrader"]
        cd = _coursedir(self)
        assignment, notebook, student = info["assignment"], info["notebook"], info["student"]

        def path(folder: str, who: str | None = None) -> str:
            base = cd.format_path(folder, who, assignment) if who is not None else \
                cd.format_path(folder, ".", assignment)
            return os.path.join(base, f"{notebook}.ipynb")

        source = _read(path(cd.source_directory))
        if source is None:
            raise RuntimeError(f"pushback_lib.grading: the source notebook {path(cd.source_directory)} "
                               "is missing; feedback cannot be checked for secrets")
        release = _read(path(cd.release_directory))
        own = _read(path(cd.submitted_directory, student))
        pattern = os.path.join(cd.format_path(cd.submitted_directory, "*", assignment), f"{notebook}.ipynb")
        mine = os.path.realpath(path(cd.submitted_directory, student))
        others = [o for o in (_read(p) for p in sorted(glob.glob(pattern)) if os.path.realpath(p) != mine)
                  if o is not None]
        matcher = _Matcher(secret_lines(source, release, others, own, self.min_line_chars))
        removed = scrub_notebook(nb, matcher)
        if removed:
            self.log.warning("Removed %d line(s) from %s's feedback: they hold the instructor's "
                             "unreleased source or another learner's work", removed, student)
        return nb, resources
