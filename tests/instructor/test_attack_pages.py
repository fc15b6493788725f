"""Pages an instructor or learner opens (formgrader, feedback) never run a learner's HTML.

No kernel here (fast): the kernel-side version of these attacks is in
``test_isolation.py`` (``showhtml``). These check the two defences directly:
the course's own ``nbgrader_config.py`` sanitizes learners' markdown in every
HTML page nbconvert renders (the formgrader and feedback both use
``HTMLExporter`` with the course config), and ``InertOutputs`` keeps only plain
text and raster images of what a kernel displayed.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter
from traitlets.config.loader import PyFileConfigLoader

from pushback_lib.grading.inert import SAFE_MIME_TYPES, InertOutputs

ROOT = Path(__file__).resolve().parents[2]
PAYLOADS = ("<img src=x onerror=alert('m1')>", "<script>alert('m2')</script>",
            "<svg onload=alert('m3')></svg>", "<a href=\"javascript:alert('m4')\">x</a>")


def _live(page: str) -> list[str]:
    """Payload pieces a browser would run: a real tag, not escaped text."""
    return re.findall(r"<script>alert\('m\d'\)|<(?:img|svg)[^>]*\bon(?:error|load)=[\"']?alert"
                      r"|<a [^>]*href=[\"']?javascript:", page)


def test_the_course_config_sanitizes_learners_markdown_in_pages():
    config = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT)).load_config()
    answer = nbformat.v4.new_markdown_cell("My reflection. **Bold** stays.\n\n" + "\n\n".join(PAYLOADS))
    nb = nbformat.v4.new_notebook(cells=[answer])
    page, _ = HTMLExporter(config=config).from_notebook_node(nb)
    assert _live(page) == []
    assert "<strong>Bold</strong>" in page  # honest markdown still renders
    unsafe, _ = HTMLExporter().from_notebook_node(nb)
    assert _live(unsafe)  # the payloads are live without the course's config


def test_inert_outputs_keep_only_text_and_pictures():
    cell = nbformat.v4.new_code_cell("show()")
    cell.outputs = [
        nbformat.v4.new_output("display_data", data={
            "text/html": PAYLOADS[1], "application/javascript": "alert('m5')", "image/svg+xml": PAYLOADS[2],
            "text/markdown": PAYLOADS[0], "text/plain": "a plain view", "image/png": "iVBORw0KGgo="},
            metadata={"text/html": {"isolated": False}}),
        nbformat.v4.new_output("execute_result", data={"text/html": PAYLOADS[3]}, execution_count=1),
        nbformat.v4.new_output("stream", name="stdout", text=PAYLOADS[1]),  # text: escaped when shown
    ]
    nb = nbformat.v4.new_notebook(cells=[cell, nbformat.v4.new_markdown_cell("# title")])
    nb, _ = InertOutputs().preprocess(nb, {})
    first, second, stream = nb.cells[0].outputs
    assert set(first.data) == {"text/plain", "image/png"} and first.data["text/plain"] == "a plain view"
    assert "text/html" not in first.metadata
    assert set(second.data) == {"text/plain"} and "removed by the grader" in second.data["text/plain"]
    assert stream.text == PAYLOADS[1]
    kinds = {k for o in nb.cells[0].outputs for k in o.get("data", {})}
    assert kinds <= SAFE_MIME_TYPES
    page, _ = HTMLExporter().from_notebook_node(nb)
    assert _live(page) == []


def test_inert_outputs_is_on_without_configuration():
    assert InertOutputs().enabled
