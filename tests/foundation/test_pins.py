"""pyproject.toml, the pip lock and the conda environment agree on every direct dependency.

Each check is also run against a deliberately broken copy, so a check that could
never fail (one that compares a file with itself) cannot hide here.
"""

from __future__ import annotations

import re
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.specifiers import SpecifierSet

from tools import sync_environment as sync

ROOT = Path(__file__).resolve().parents[2]
SIX = ("jupyterlab", "ipywidgets", "nbgrader", "matplotlib", "pytest", "nbval")
TOOLS = ("ruff", "mypy")


def outside_specifier(lock: Path | None = None) -> dict[str, tuple[str, str]]:
    """``{name: (pin, specifier)}`` where the lock's pin breaks pyproject's specifier."""
    pins = sync.lock_pins(lock) if lock else sync.lock_pins()
    return {name: (pins[name], spec) for name, spec in sync.requirements().items()
            if name in pins and pins[name] not in SpecifierSet(spec)}


def test_every_direct_dependency_is_pinned_in_the_lock() -> None:
    pins = sync.lock_pins()
    missing = [name for name in sync.direct_dependencies() if name not in pins]
    assert not missing, f"requirements.lock lacks pins for {missing}: run `make lock`"


def test_every_pin_satisfies_what_pyproject_asks_for() -> None:
    bad = outside_specifier()
    assert not bad, f"requirements.lock pins outside pyproject's ranges (pin, range): {bad}; run `make lock`"


def test_a_pin_outside_its_range_is_noticed(tmp_path: Path) -> None:
    lock = tmp_path / "requirements.lock"
    lock.write_text(re.sub(r"(?m)^nbgrader==\S+", "nbgrader==0.8.0",
                           (ROOT / "requirements.lock").read_text()))
    assert outside_specifier(lock) == {"nbgrader": ("0.8.0", ">=0.9.5,<0.10")}


def test_environment_yml_agrees_with_the_lock() -> None:
    drift = sync.drift()
    assert not drift, f"environment.yml and requirements.lock disagree (env, lock): {drift}; run `make lock`"


def test_a_changed_conda_pin_is_noticed(tmp_path: Path) -> None:
    env_file = tmp_path / "environment.yml"
    env_file.write_text(re.sub(r"(- nbgrader=)\S+", r"\g<1>0.0.1", (ROOT / "environment.yml").read_text()))
    assert sync.drift(env_file) == {"nbgrader": ("0.0.1", sync.lock_pins()["nbgrader"])}


def test_environment_yml_is_exactly_what_the_generator_writes() -> None:
    assert (ROOT / "environment.yml").read_text() == sync.render()


def test_the_six_course_packages_are_pinned_at_the_required_major_versions() -> None:
    pins = sync.lock_pins()
    for name in SIX:
        assert name in sync.direct_dependencies(), name
    assert pins["jupyterlab"].startswith("4.")
    assert pins["ipywidgets"].startswith("8.")
    assert pins["nbgrader"].startswith("0.9.")


@pytest.mark.parametrize("tool", TOOLS)
def test_the_checkers_are_pinned_exactly_so_every_machine_lints_alike(tool: str) -> None:
    assert sync.requirements()[tool] == f"=={sync.lock_pins()[tool]}"


@pytest.mark.parametrize("name", [*SIX, *TOOLS])
def test_the_installed_versions_are_the_pinned_ones(name: str) -> None:
    assert version(name) == sync.lock_pins()[name], "installed differs from the pin: run `make venv`"
