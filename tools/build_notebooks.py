"""Build the lesson notebooks of ``course/`` from their sources in ``course/src/``.

Why a source: every lesson must have one shape (title, Questions, Objectives
with minutes, short sections, an exercise with a self-check, Key points, and
navigation), and that shape is easiest to keep when it is written once, here,
rather than by hand in twelve notebooks. Each source is a markdown file:

* YAML front matter between ``---`` lines: ``questions``, ``objectives``,
  ``keypoints`` (lists), ``minutes`` (``teaching``, ``exercises``), ``stages``
  and ``prerequisites`` (keys of ``pushback_lib.STAGES`` / ``PREREQUISITES``);
  the title comes from the lesson registry, ``course/lessons.yaml``
  (:mod:`tools.lessons`), which also fixes which lessons exist and their order;
* a body where a fenced ``python`` block is a code cell, a line ``+++`` ends a
  markdown cell, and every ``## `` heading starts a new one; inside a
  ``<details>`` block everything is markdown (a folded answer may show code).

``python -m tools.build_notebooks`` writes the notebooks, fills their
navigation (:mod:`tools.add_navigation`) and executes them in a fresh kernel so
the stored outputs are what nbval checks. ``--check`` executes nothing and
exits 1 when a notebook's cells differ from its source (drift).
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat
import yaml

from tools import add_navigation, lessons

ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = lessons.SOURCE_DIR
COURSE_DIR = lessons.COURSE_DIR

REQUIRED = ("questions", "objectives", "keypoints", "minutes", "stages", "prerequisites")


class SourceError(ValueError):
    """A lesson source is malformed; the message names the file and the line or field."""


@dataclass(frozen=True)
class Lesson:
    """A parsed lesson source."""

    name: str
    title: str
    """From the lesson registry."""
    front: dict[str, Any]
    body: list[tuple[str, str]]
    """(cell type, source) pairs, in order."""


def parse(path: Path, title: str | None = None) -> Lesson:
    """Read one source file into front matter and body cells (the title from the registry
    unless given)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != "---":
        raise SourceError(f"{path}: line 1: expected '---' opening the front matter")
    try:
        end = lines.index("---", 1)
    except ValueError:
        raise SourceError(f"{path}: no '---' closing the front matter") from None
    front = yaml.safe_load("\n".join(lines[1:end])) or {}
    missing = [k for k in REQUIRED if k not in front]
    if missing:
        raise SourceError(f"{path}: front matter lacks {', '.join(missing)}")
    if "title" in front:
        raise SourceError(f"{path}: the title belongs in course/lessons.yaml, not in the source")
    body: list[tuple[str, str]] = []
    buf: list[str] = []
    code: list[str] | None = None

    def flush_md() -> None:
        text = "\n".join(buf).strip("\n")
        if text.strip():
            body.append(("markdown", text))
        buf.clear()

    in_details = False
    for line in lines[end + 1:]:
        if in_details:
            buf.append(line)
            in_details = "</details>" not in line
        elif code is not None:
            if line == "```":
                body.append(("code", "\n".join(code)))
                code = None
            else:
                code.append(line)
        elif line == "```python":
            flush_md()
            code = []
        elif line == "+++":
            flush_md()
        elif line.startswith("## "):
            flush_md()
            buf.append(line)
        else:
            buf.append(line)
            in_details = line.startswith("<details") and "</details>" not in line
    if code is not None:
        raise SourceError(f"{path}: a ```python block is never closed")
    flush_md()
    return Lesson(path.stem, title if title is not None else _registered(path).title, front, body)


def header(lesson: Lesson) -> str:
    f = lesson.front
    number = lesson.name.split("-", 1)[0]
    minutes = f["minutes"]
    lines = [f"# {number}. {lesson.title}", "",
             f"**Teaching:** {minutes['teaching']} min &nbsp;·&nbsp; "
             f"**Exercises:** {minutes['exercises']} min", "", "### Questions"]
    lines += [f"- {q}" for q in f["questions"]]
    lines += ["", "### Objectives"]
    lines += [f"- {o}" for o in f["objectives"]]
    return "\n".join(lines)


def build(lesson: Lesson) -> nbformat.NotebookNode:
    """The notebook of a lesson, without outputs and with empty navigation cells."""
    f = lesson.front
    cells: list[tuple[str, str]] = [("markdown", header(lesson)),
                                    ("markdown", add_navigation.NAV_MARKER)]
    cells += lesson.body
    cells.append(("markdown", "## Key points\n\n" + "\n".join(f"- {k}" for k in f["keypoints"])))
    cells.append(("markdown", add_navigation.NAV_MARKER))
    nb = nbformat.v4.new_notebook()
    for i, (kind, source) in enumerate(cells):
        maker = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        cell = maker(source)
        cell.id = f"cell-{i:02d}"
        nb.cells.append(cell)
    nb.metadata = {
        "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                       "name": "python3"},
        "language_info": {"name": "python"},
        "pushback": {"stages": list(f["stages"]), "prerequisites": list(f["prerequisites"]),
                     "minutes": {"teaching": int(f["minutes"]["teaching"]),
                                 "exercises": int(f["minutes"]["exercises"])}},
    }
    return nb


def _registered(path: Path) -> lessons.Lesson:
    for lesson in lessons.COURSE:
        if lesson.name == path.stem:
            return lesson
    raise SourceError(f"{path}: no lesson {path.stem!r} in course/lessons.yaml")


def sources() -> list[Path]:
    """The source of every lesson of the registry, in course order; a missing one is an error."""
    missing = [str(lesson.source.relative_to(ROOT)) for lesson in lessons.COURSE
               if not lesson.source.exists()]
    if missing:
        raise SourceError(f"lessons in course/lessons.yaml without a source: {', '.join(missing)}")
    extra = sorted({p.stem for p in SOURCE_DIR.glob("*.md")} - set(lessons.NAMES))
    if extra:
        raise SourceError("sources in course/src/ that course/lessons.yaml does not list: "
                          + ", ".join(extra))
    return [lesson.source for lesson in lessons.COURSE]


def cell_sources(nb: nbformat.NotebookNode) -> list[tuple[str, str]]:
    """What a notebook says, ignoring outputs and generated navigation."""
    return [(c.cell_type, c.source) for c in nb.cells
            if not (c.cell_type == "markdown"
                    and c.source.startswith((add_navigation.NAV_MARKER, add_navigation.MAP_MARKER)))]


def drifted() -> list[str]:
    """Names of notebooks whose cells differ from their sources (or are missing)."""
    out = []
    for src in sources():
        path = COURSE_DIR / f"{src.stem}.ipynb"
        if not path.exists() or cell_sources(nbformat.read(path, as_version=4)) != cell_sources(
                build(parse(src))):
            out.append(src.stem)
    return out


def execute(nb: nbformat.NotebookNode) -> None:
    """Run a notebook top to bottom in a fresh kernel, from ``course/`` as nbval does."""
    import os
    import tempfile

    from nbclient import NotebookClient

    # A fresh learner's workspace, so the stored outputs never show the builder's own progress.
    with tempfile.TemporaryDirectory(prefix="pushback-workspace-") as workspace:
        saved = os.environ.get("PUSHBACK_WORKSPACE")
        os.environ["PUSHBACK_WORKSPACE"] = workspace
        try:
            NotebookClient(nb, timeout=120, kernel_name="python3", record_timing=False,
                           resources={"metadata": {"path": str(COURSE_DIR)}}).execute()
        finally:
            if saved is None:
                del os.environ["PUSHBACK_WORKSPACE"]
            else:
                os.environ["PUSHBACK_WORKSPACE"] = saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("only", nargs="*", help="lesson number prefixes to build (default: all)")
    parser.add_argument("--check", action="store_true", help="report drift; change nothing")
    parser.add_argument("--no-execute", action="store_true", help="write without running")
    args = parser.parse_args(argv)
    if args.check:
        stale = drifted()
        if stale:
            print("out of date with course/src: " + ", ".join(stale), file=sys.stderr)
            return 1
        return 0
    chosen = [s for s in sources() if not args.only or s.stem.split("-")[0] in args.only]
    for src in chosen:
        nbformat.write(build(parse(src)), COURSE_DIR / f"{src.stem}.ipynb")
    add_navigation.main([])
    for src in chosen:
        path = COURSE_DIR / f"{src.stem}.ipynb"
        nb = nbformat.read(path, as_version=4)
        took = ""
        if not args.no_execute:
            start = time.perf_counter()
            execute(nb)
            took = f" (executed in {time.perf_counter() - start:.1f} s, kernel start included)"
        nbformat.validate(nb)
        nbformat.write(nb, path)
        print(f"built {path.relative_to(ROOT)}{took}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
