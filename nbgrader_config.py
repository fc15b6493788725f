"""nbgrader configuration: the repository root is the course directory.

``solutions/`` holds the source assignments (with solutions and hidden tests),
``exercises/`` the release versions that learners open. Submissions, autograded
copies, feedback and the gradebook stay out of git (see ``.gitignore``).
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

# A hanging submission must not hold up a cohort: each cell gets this long.
c.ExecutePreprocessor.timeout = 60
c.ExecutePreprocessor.interrupt_on_timeout = True
