"""Make a graded notebook's outputs inert: plain text and raster images only.

Why: a submission's kernel decides what its outputs are. An ``text/html``,
``application/javascript``, ``image/svg+xml`` or ``text/markdown`` output is
rendered as live HTML wherever the graded notebook is shown: in nbgrader's
formgrader, in the instructor's browser, with the formgrader's own origin
(so a script there could set manual grades through its API or read other
submissions), and in the feedback page. The kernel is untrusted, so what it
displays is kept only in forms no viewer runs: text (escaped when shown) and
PNG, JPEG or GIF pictures. Everything else becomes a short plain-text note.

Used after execution in the autograde chain (``nbgrader_config.py``, and forced
by ``pushback-course autograde`` for any course), so the autograded notebook
that the formgrader and the feedback read is already inert.
"""

from __future__ import annotations

from typing import Any

from nbconvert.exporters.exporter import ResourcesDict
from nbconvert.preprocessors import Preprocessor
from nbformat.notebooknode import NotebookNode
from traitlets import Bool

__all__ = ["InertOutputs", "SAFE_MIME_TYPES", "make_inert"]

SAFE_MIME_TYPES = frozenset({"text/plain", "image/png", "image/jpeg", "image/gif"})
"""Output types no notebook viewer executes."""


def make_inert(output: NotebookNode) -> list[str]:
    """Drop from ``output`` every representation a viewer could run; returns the types dropped."""
    data = output.get("data")
    if output.get("output_type") not in ("display_data", "execute_result", "update_display_data") \
            or not isinstance(data, dict):
        return []
    dropped = sorted(k for k in data if k not in SAFE_MIME_TYPES)
    for key in dropped:
        del data[key]
    if dropped and not data:
        data["text/plain"] = f"[output removed by the grader: {', '.join(dropped)} is not kept]"
    if dropped and isinstance(output.get("metadata"), dict):
        for key in dropped:
            output["metadata"].pop(key, None)
    return dropped


class InertOutputs(Preprocessor):
    """Keep only plain text and raster images in every code cell's outputs (see module docstring)."""

    enabled = Bool(True, help="Always on: a viewer must never run what a kernel displays").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict) -> tuple[NotebookNode, ResourcesDict]:
        dropped: set[str] = set()
        for cell in nb.cells:
            if cell.get("cell_type") != "code":
                continue
            for output in cell.get("outputs", []):
                dropped.update(make_inert(output))
        if dropped:
            self.log.info("Outputs of types a viewer would run were removed: %s", ", ".join(sorted(dropped)))
        return nb, resources

    def preprocess_cell(self, cell: Any, resources: Any, index: int) -> Any:  # pragma: no cover - unused
        return cell, resources
