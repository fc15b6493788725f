"""Feedback pages are scrubbed and sanitized even for a course whose config forgot to ask."""

from __future__ import annotations

from pathlib import Path

from traitlets.config import Config

from pushback_lib.instructor.course import Course
from pushback_lib.instructor.reports.feedback import with_scrubbing


def _names(course: Course) -> list[str]:
    from nbgrader.converters import GenerateFeedback

    chain = GenerateFeedback(config=course.config).preprocessors
    return [p if isinstance(p, str) else p.__name__ for p in chain]


def test_a_bare_course_gets_scrubbing_and_sanitized_markdown(tmp_path: Path) -> None:
    bare = Course(tmp_path, Config())
    fixed = with_scrubbing(bare)
    assert fixed.config.HTMLExporter.sanitize_html is True
    assert _names(fixed)[-1].rsplit(".", 1)[-1] == "ScrubSecrets"
    assert "sanitize_html" not in bare.config.HTMLExporter, "the caller's config is not changed"


def test_a_course_that_already_asks_is_left_as_it_is(tmp_path: Path) -> None:
    once = with_scrubbing(Course(tmp_path, Config()))
    assert with_scrubbing(once) is once
