"""The autograde engine behind ``pushback-course autograde``.

One job: grade every submission of a cohort in parallel, each in its own
worker and sandbox, with one process writing the gradebook. Its parts, in the
order a run uses them:

==================  ==============================================================
:mod:`.run`         the run: pick submissions, hand them to workers, save grades
:mod:`.run_lock`    one run per course at a time; stale private copies cleaned up
:mod:`.validate`    the clear message for a malformed submission
:mod:`.workers`     the forked worker that executes one submission
:mod:`.phases`      where nbgrader's ``Autograde`` is cut in two (execute / record)
:mod:`.state`       done records, so a rerun skips what is graded and unchanged
:mod:`.progress_bar`  the progress line on stderr and the summary table
==================  ==============================================================
"""

from __future__ import annotations

from .run import Job, autograde

__all__ = ["autograde", "Job"]
