"""Fixtures of the lessons area: the lesson notebooks, read once per session."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

from tools import lessons as registry

ROOT = Path(__file__).resolve().parents[2]
COURSE_DIR = ROOT / "course"

# Every lesson of the one registry, course/lessons.yaml, in course order.
LESSON_NAMES = registry.NAMES


@pytest.fixture(scope="session")
def lessons() -> dict[str, nbformat.NotebookNode]:
    """Every lesson notebook by name; a missing one fails here, by name."""
    missing = [n for n in LESSON_NAMES if not (COURSE_DIR / f"{n}.ipynb").exists()]
    assert not missing, f"lesson notebooks missing from course/: {missing}"
    return {n: nbformat.read(COURSE_DIR / f"{n}.ipynb", as_version=4) for n in LESSON_NAMES}
