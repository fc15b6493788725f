"""The feedback scrubber never blanks a learner's own written answer, even one identical to the model."""

from __future__ import annotations

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from pushback_lib.grading.scrub import REMOVED, _Matcher, scrub_notebook

MODEL = "Pushing back was right because Layla had expertise Khalid lacked."


def _answer(cell):
    cell.metadata["nbgrader"] = {"solution": True, "grade": True, "grade_id": "a1-reflect",
                                 "locked": False, "schema_version": 3, "points": 2}
    return cell


def test_own_markdown_answer_stays_and_a_leak_elsewhere_goes():
    nb = new_notebook(cells=[_answer(new_markdown_cell(MODEL)),
                             new_markdown_cell(f"A note that quotes the key: {MODEL}"),
                             new_code_cell("print(1)")])
    nb.cells[2].outputs = [{"output_type": "stream", "name": "stdout", "text": MODEL + "\n"}]
    removed = scrub_notebook(nb, _Matcher({MODEL}))
    assert nb.cells[0].source == MODEL  # the learner's answer, as they wrote it
    assert nb.cells[1].source == REMOVED and nb.cells[2].outputs[0]["text"] == REMOVED + "\n"
    assert removed == 2
