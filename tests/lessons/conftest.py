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

# Lesson 12 (the practice studio, to be rewritten) joined the lesson rules with the
# registry and does not meet three of them yet. Each is a strict xfail: when the
# rewrite fixes it, the test fails until the mark below is removed from it.
STUDIO = "12-practice-studio"
STUDIO_GAP = pytest.mark.xfail(strict=True,
                               reason="lesson 12 awaits its rewrite: see tests/lessons/conftest.py")


def names_except_studio_gap() -> list[object]:
    """LESSON_NAMES with lesson 12 marked as a known, strict failure."""
    return [pytest.param(n, marks=STUDIO_GAP) if n == STUDIO else n for n in LESSON_NAMES]


@pytest.fixture(scope="session")
def lessons() -> dict[str, nbformat.NotebookNode]:
    """Every lesson notebook by name; a missing one fails here, by name."""
    missing = [n for n in LESSON_NAMES if not (COURSE_DIR / f"{n}.ipynb").exists()]
    assert not missing, f"lesson notebooks missing from course/: {missing}"
    return {n: nbformat.read(COURSE_DIR / f"{n}.ipynb", as_version=4) for n in LESSON_NAMES}
