"""Instructor tooling: grade a cohort in parallel, give feedback, see where it struggles.

Everything here sits on nbgrader's own Python API and gradebook; the
``pushback-course`` command (:mod:`pushback_lib.instructor.cli`) is the way in.

==========================  ===================================================
Verb                        Module doing the work
==========================  ===================================================
``release``                 :mod:`.release` (nbgrader ``generate_assignment``)
``autograde``               :mod:`.autograde` (:mod:`.workers` execute, one process
                            writes the gradebook with nbgrader's own
                            ``SaveAutoGrades``), :mod:`.runguard`, :mod:`.progress`
``feedback``                :mod:`.feedback` (nbgrader ``generate_feedback``)
``export``                  :mod:`.export` (CSV per question, stage, criterion)
``dashboard``               :mod:`.dashboard` (PNG charts and one HTML report)
``status``                  :mod:`.status` (submitted / graded / missing)
==========================  ===================================================

:mod:`.course` loads a course directory and its ``nbgrader_config.py``;
:mod:`.validate` gives the clear message for a malformed submission;
:mod:`.synthetic` builds a small synthetic cohort for tests, the bench and a
dry run before term starts.
"""

from __future__ import annotations

from .course import Course, InstructorError, open_course

__all__ = ["Course", "InstructorError", "open_course"]
