"""The kernel never receives a hidden test (it holds the answer key), yet the graded notebook keeps it.

Code a learner plants in the kernel (an IPython ``pre_run_cell`` hook, a trace
function) sees the source of every later cell it runs, so a hidden test sent
to the kernel is a hidden test the learner can print, encoded past any
scrubbing, into an answer cell's output. With trusted scores the kernel's run
of a test cell counts for nothing, so ``GuardedExecute`` sends it without its
hidden region and puts the region back afterwards. No kernel here: the step
that talks to the kernel is replaced by one that records what it was sent.
"""

from __future__ import annotations

import time

import nbformat
import pytest
from nbgrader.preprocessors import Execute

from pushback_lib.grading.preprocessors import GuardedExecute, withhold_hidden_tests

TEST_CELL = ('"""Check q1."""\nrun_checks("a1-q1", answer)\n### BEGIN HIDDEN TESTS\n'
             'run_hidden_checks("a1-q1", answer, key=["opinion", "business_reason"])\n### END HIDDEN TESTS\n'
             'print("after")')


def test_hidden_regions_are_cut_even_unterminated():
    assert withhold_hidden_tests(TEST_CELL) == '"""Check q1."""\nrun_checks("a1-q1", answer)\nprint("after")'
    assert withhold_hidden_tests("a = 1\n### BEGIN HIDDEN TESTS\nkey = 2") == "a = 1"
    assert withhold_hidden_tests("plain = 1") == "plain = 1"


@pytest.mark.parametrize("raises", [False, True])
def test_guarded_execute_never_sends_a_hidden_test(monkeypatch: pytest.MonkeyPatch, raises: bool):
    sent: list[str] = []

    def fake_run(self, cell, resources, index):
        sent.append(cell.source)
        if raises:
            raise RuntimeError("the kernel went away")
        return cell, resources

    monkeypatch.setattr(Execute, "preprocess_cell", fake_run)
    ex = GuardedExecute()
    ex._deadline, ex._per_cell, ex._stopped, ex._finished = time.monotonic() + 60, 10, "", []
    cell = nbformat.v4.new_code_cell(TEST_CELL, metadata={"nbgrader": {
        "grade": True, "solution": False, "locked": True, "grade_id": "a1-q1", "points": 1}})
    out, _ = ex.preprocess_cell(cell, {}, 0)
    assert sent and "key=" not in sent[0] and "BEGIN HIDDEN" not in sent[0]
    assert 'run_checks("a1-q1", answer)' in sent[0]
    assert out.source == TEST_CELL  # the stored notebook keeps the full test
