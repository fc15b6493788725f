"""The repository root is an nbgrader course directory, configured as documented."""

from __future__ import annotations

import subprocess
from pathlib import Path

from traitlets.config import Config, PyFileConfigLoader

ROOT = Path(__file__).resolve().parents[2]


def load_config() -> Config:
    loader = PyFileConfigLoader("nbgrader_config.py", path=str(ROOT))
    return loader.load_config()


def test_nbgrader_config_maps_source_and_release():
    c = load_config()
    assert c.CourseDirectory.course_id == "pushback"
    assert c.CourseDirectory.source_directory == "solutions"
    assert c.CourseDirectory.release_directory == "exercises"
    assert c.ExecutePreprocessor.timeout > 0


def test_grading_state_is_git_ignored():
    for path in ("submitted/x/a/n.ipynb", "autograded/x/a/n.ipynb", "feedback/x/a/n.html",
                 "gradebook.db", ".venv/bin/python"):
        ignored = subprocess.run(["git", "check-ignore", "-q", path], cwd=ROOT).returncode == 0
        assert ignored, f"{path} should be git-ignored"


def test_layout_exists():
    for name in ("course", "exercises", "solutions", "pushback_lib", "tests", "environment.yml",
                 "pyproject.toml", "Makefile", "README.md", "nbgrader_config.py", ".ci/run",
                 ".gitignore"):
        assert (ROOT / name).exists(), f"{name} is missing from the course layout"


def test_nbgrader_finds_the_course_config():
    """nbgrader itself (not just our loader) reads the course id from the root."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory

    api = NbGraderAPI(config=load_config())
    assert api.coursedir.course_id == "pushback"
    assert isinstance(api.coursedir, CourseDirectory)
    assert Path(api.coursedir.format_path(api.coursedir.source_directory, ".", "a")).parts[-2] == "solutions"
