"""Fixtures of the lessons area: the lesson notebooks, read once per session."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
COURSE_DIR = ROOT / "course"

# The notebooks the lessons engineer writes (12-practice-studio is the widgets engineer's).
LESSON_NAMES = (
    "00-start-here", "01-why-push-back", "02-listen-and-acknowledge", "03-push-back-or-let-go",
    "04-build-the-case", "05-analogous-evidence", "06-recommend-an-alternative",
    "07-enlist-support", "08-deliver-it-well", "09-close-win-win-or-let-go",
    "10-case-study-niche-recruitment", "11-case-study-agency-feedback",
)


@pytest.fixture(scope="session")
def lessons() -> dict[str, nbformat.NotebookNode]:
    """Every lesson notebook by name; a missing one fails here, by name."""
    missing = [n for n in LESSON_NAMES if not (COURSE_DIR / f"{n}.ipynb").exists()]
    assert not missing, f"lesson notebooks missing from course/: {missing}"
    return {n: nbformat.read(COURSE_DIR / f"{n}.ipynb", as_version=4) for n in LESSON_NAMES}
