"""The course's one lesson registry, ``course/lessons.yaml``: every lesson in order.

Each entry names a lesson (its notebook ``course/<name>.ipynb`` and its source
``course/src/<name>.md``), its title and a one-line summary for the course map.
The notebook builder (:mod:`tools.build_notebooks`), the navigation and course
map (:mod:`tools.add_navigation`) and the lesson tests all read it from here,
so adding, renaming or reordering a lesson is one edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
COURSE_DIR = ROOT / "course"
REGISTRY = COURSE_DIR / "lessons.yaml"
SOURCE_DIR = COURSE_DIR / "src"


@dataclass(frozen=True)
class Lesson:
    """One lesson of the course, in the order a learner takes them."""

    name: str
    """File name without ``.ipynb`` / ``.md``, e.g. ``03-push-back-or-let-go``."""
    title: str
    summary: str
    """One line for the course map: what the learner gets from it."""

    @property
    def notebook(self) -> Path:
        return COURSE_DIR / f"{self.name}.ipynb"

    @property
    def source(self) -> Path:
        return SOURCE_DIR / f"{self.name}.md"


def load(path: Path = REGISTRY) -> tuple[Lesson, ...]:
    """Every lesson of the registry, checked: unique names, numbered in order from 00."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))["lessons"]
    lessons = tuple(Lesson(str(e["name"]), str(e["title"]), str(e["summary"])) for e in entries)
    for i, lesson in enumerate(lessons):
        if not lesson.name.startswith(f"{i:02d}-"):
            raise ValueError(f"{path}: lesson {i} is {lesson.name!r}; expected a name starting "
                             f"with {i:02d}- (the registry lists the lessons in order)")
    return lessons


COURSE: tuple[Lesson, ...] = load()
NAMES: tuple[str, ...] = tuple(lesson.name for lesson in COURSE)
