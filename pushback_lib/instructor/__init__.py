"""Instructor tooling: grade a cohort in parallel, give feedback, see where it struggles.

Everything here sits on nbgrader's own Python API and gradebook; the
``pushback-course`` command (:mod:`pushback_lib.instructor.cli`) is the way in.

The code is in three parts: the command line (:mod:`.cli`), the autograde
engine (:mod:`.autograde`) and the reports read after grading (:mod:`.reports`).

==========================  ===================================================
Verb                        Module doing the work
==========================  ===================================================
``release``                 :mod:`.release` (nbgrader ``generate_assignment``)
``autograde``               :mod:`.autograde` (workers execute, one process
                            writes the gradebook with nbgrader's own
                            ``SaveAutoGrades``; a run lock, a progress bar)
``feedback``                :mod:`.reports.feedback` (nbgrader ``generate_feedback``)
``export``                  :mod:`.reports.export` (CSV per question, stage, criterion),
                            :mod:`.reports.lms_export` (``--format canvas|moodle``)
``comments``                :mod:`.reports.comment_bank` (draft comments, comment bank)
``dashboard``               :mod:`.reports.dashboard` (PNG charts and one HTML report)
``status``                  :mod:`.reports.status` (submitted / graded / missing)
==========================  ===================================================

:mod:`.course` loads a course directory and its ``nbgrader_config.py``;
:mod:`.synthetic` builds a small synthetic cohort for tests, the bench and a
dry run before term starts.
"""

from __future__ import annotations

from .course import Course, InstructorError, open_course

__all__ = ["Course", "InstructorError", "open_course"]
