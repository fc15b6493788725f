"""What the instructor reads after grading: scores, status, exports, feedback, the dashboard.

Everything here reads the gradebook (or the course folders) and writes files
for a person or another system; nothing here grades.

=======================  ===========================================================
:mod:`.scores`           one row per graded cell, with its process stage
:mod:`.status`           submitted / graded / missing per student and assignment
:mod:`.export`           CSV per question, stage and criterion
:mod:`.lms_export`       the files Canvas's and Moodle's grade imports read
:mod:`.comment_bank`     draft comments on manually graded answers, reusable comments
:mod:`.cohort_summary`   the numbers behind the dashboard (who struggles, where)
:mod:`.dashboard`        PNG charts and the HTML report
:mod:`.feedback`         feedback pages for learners (hidden tests removed)
=======================  ===========================================================
"""
