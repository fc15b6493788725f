"""The pip lock and the conda environment pin the same direct dependencies."""

from __future__ import annotations

import re
from pathlib import Path

from tools import sync_environment as sync

ROOT = Path(__file__).resolve().parents[2]
SIX = ("jupyterlab", "ipywidgets", "nbgrader", "matplotlib", "pytest", "nbval")


def test_every_direct_dependency_is_pinned_in_the_lock():
    pins = sync.lock_pins()
    missing = [name for name in sync.direct_dependencies() if name not in pins]
    assert not missing, f"requirements.lock lacks pins for {missing}: run `make lock`"


def test_environment_yml_agrees_with_the_lock():
    lock = sync.lock_pins()
    env = sync.environment_pins()
    drift = {name: (env.get(name), lock[name]) for name in sync.direct_dependencies()
             if env.get(name) != lock[name]}
    assert not drift, f"environment.yml and requirements.lock disagree (env, lock): {drift}; run `make lock`"


def test_environment_yml_is_exactly_what_the_generator_writes():
    assert (ROOT / "environment.yml").read_text() == sync.render()


def test_the_six_course_packages_are_pinned_at_the_required_major_versions():
    pins = sync.lock_pins()
    for name in SIX:
        assert name in sync.direct_dependencies(), name
    assert pins["jupyterlab"].startswith("4.")
    assert pins["ipywidgets"].startswith("8.")
    assert pins["nbgrader"].startswith("0.9.")


def test_drift_is_detected(tmp_path):
    """The comparison really notices a changed pin (guards the test above)."""
    env_file = tmp_path / "environment.yml"
    text = (ROOT / "environment.yml").read_text()
    env_file.write_text(re.sub(r"(- nbgrader=)\S+", r"\g<1>0.0.1", text))
    assert sync.environment_pins(env_file)["nbgrader"] == "0.0.1"
    assert sync.environment_pins(env_file)["nbgrader"] != sync.lock_pins()["nbgrader"]


def test_the_installed_versions_are_the_pinned_ones():
    from importlib.metadata import version

    pins = sync.lock_pins()
    wrong = {n: (version(n), pins[n]) for n in SIX if version(n) != pins[n]}
    assert not wrong, f"installed vs pinned: {wrong}; run `make venv`"
