"""Grading: the checks behind every graded question, three ways to run them.

==============================  ==================================================
``check(question_id, answer)``  self-check for self-paced learners: visible checks
                                only, in plain language (:mod:`.selfcheck`)
``run_checks`` /                what test cells call in a notebook; the last
``run_hidden_checks``           expression is the points (:mod:`.kernel`)
trusted autograde               nbgrader preprocessors that score answers read as
                                plain data from the answer cells' text, outside
                                the learner's kernel (:mod:`.preprocessors`)
==============================  ==================================================

The pure parts: :mod:`.plain` (what counts as an answer), :mod:`.source`
(reading answers without running them), :mod:`.checks` (questions, results,
points), :mod:`.kit` and :mod:`.plans` (check shapes), :mod:`.questions`
(one module per assignment). The preprocessors import nbgrader, so they are
not imported here: a learner's kernel stays light.
"""

from __future__ import annotations

from .checks import CheckResult, Question, QuestionResult, format_points, grade
from .kernel import run_checks, run_hidden_checks
from .questions import QUESTIONS, question
from .selfcheck import SelfCheck, check

__all__ = ["check", "SelfCheck", "run_checks", "run_hidden_checks", "QUESTIONS", "question",
           "Question", "QuestionResult", "CheckResult", "grade", "format_points"]
