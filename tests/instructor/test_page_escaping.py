"""Every HTML page the instructor tools write shows hostile learner text as text, never as markup."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

from pushback_lib._html import Raw, render_page
from pushback_lib.instructor.reports.cohort_summary import summarize
from pushback_lib.instructor.reports.dashboard import write_dashboard
from pushback_lib.instructor.reports.scores import CellScore

HOSTILE = ['<script>alert("x")</script>', "O'Brien \"the <b>bold</b>\"", "a&b<img src=x onerror=alert(1)>"]


def assert_inert(page: str) -> None:
    """No hostile tag survived as markup, and the text is there, escaped."""
    assert "<script" not in page and "<img src=x" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "O&#x27;Brien &quot;the &lt;b&gt;bold&lt;/b&gt;&quot;" in page
    assert "a&amp;b&lt;img src=x onerror=alert(1)&gt;" in page


@pytest.mark.slow  # draws the four matplotlib charts (~10 s on a shared machine)
def test_dashboard_escapes_student_ids_and_course_name(tmp_path: Path):
    scores = [CellScore(name, "a1", "nb", "q1", 0.0, 2.0, ("listen",), ("Listen and acknowledge",))
              for name in HOSTILE]
    write_dashboard(summarize(scores, 0.6), tmp_path, course_name=HOSTILE[0])
    page = (tmp_path / "dashboard.html").read_text(encoding="utf-8")
    assert_inert(page)
    assert page.count("<tr><td>") == len(HOSTILE)  # each struggling learner is still listed
    assert re.search(r"<title>Cohort dashboard: &lt;script&gt;", page)


def test_render_page_passes_raw_markup_and_refuses_unknown_names():
    assert "<b>ok</b>" in render_page("dashboard.html.j2", title=Raw("<b>ok</b>"), threshold="60%",
                                      figures=[], struggling=[])
    with pytest.raises(jinja2.UndefinedError):
        render_page("dashboard.html.j2", title="t", figures=[], struggling=[])
