"""nbgrader configuration: the repository root is the course directory.

``solutions/`` holds the source assignments (with solutions and hidden tests),
``exercises/`` the release versions that learners open. Submissions, autograded
copies, feedback and the gradebook stay out of git (see ``.gitignore``).

Grading is done by trusted code outside the learner's kernel (see
``docs/grading.md`` and :mod:`pushback_lib.grading.preprocessors`): the
learner's answers are read from their answer cells as plain data and scored
in this process; the kernel's own output never sets a score.
"""

c = get_config()  # noqa: F821 - provided by traitlets when nbgrader loads this file

c.CourseDirectory.course_id = "pushback"
c.CourseDirectory.root = "."
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"
c.CourseDirectory.submitted_directory = "submitted"
c.CourseDirectory.autograded_directory = "autograded"
c.CourseDirectory.feedback_directory = "feedback"
c.CourseDirectory.db_url = "sqlite:///gradebook.db"

_PP = "pushback_lib.grading.preprocessors."

# Sanitize: the graded notebook is the released one with the learner's answer
# cells filled in (extra cells dropped, deleted test cells recorded as 0).
c.Autograde.sanitize_preprocessors = [
    _PP + "RebuildFromSource",
    "nbgrader.preprocessors.ClearOutput",
    "nbgrader.preprocessors.DeduplicateIds",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# Autograde: score first (before any learner code runs), execute with guards,
# then overwrite every test cell's output with the trusted score.
c.Autograde.autograde_preprocessors = [
    _PP + "ComputeTrustedScores",
    _PP + "GuardedExecute",
    "pushback_lib.grading.inert.InertOutputs",  # no HTML/JS/SVG output reaches a viewer
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    _PP + "ApplyTrustedScores",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
# Feedback shows results but never the source of hidden tests (nbgrader #917), nor any
# line of the unreleased source or of another learner's submission, whatever a kernel printed.
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
    _PP + "HideHiddenTests",
    "pushback_lib.grading.scrub.ScrubSecrets",
]

# Learners' markdown and outputs are untrusted HTML: the formgrader and feedback pages sanitize it.
c.HTMLExporter.sanitize_html = True

# Every submission's kernel runs in the grading sandbox (bubblewrap, no network, limits;
# see docs/grading.md). Only for submissions you trust: c.Sandbox.enabled = False.
c.Sandbox.memory_limit = "2G"
c.Sandbox.cpu_seconds = 600

# A hanging submission must not hold up a cohort: each cell gets this long,
# each notebook this long in all; then the rest of it does not run (and scores 0).
c.ExecutePreprocessor.timeout = 60
c.ExecutePreprocessor.interrupt_on_timeout = True
c.GuardedExecute.total_budget = 300.0
