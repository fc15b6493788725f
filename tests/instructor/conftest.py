"""Fixtures of the instructor-tools tests: small synthetic cohorts in temporary course folders.

Each cohort is built once per session (releasing and grading cost seconds);
tests that change a course copy it first.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pushback_lib.instructor.synthetic import add_submission, build_course

VENV_BIN = Path(sys.executable).parent

#: The cohort graded both ways: every variant nbgrader itself can grade.
COHORT = {"ana": "perfect", "ben": "partial", "cai": "blank", "dev": "crash"}


def run(cmd: list[str], cwd: Path, timeout: float = 300, **kw) -> subprocess.CompletedProcess:
    """Run a command with the venv's bin first on PATH (nbgrader starts ``alembic`` by name)."""
    env = dict(os.environ, PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}", MPLBACKEND="Agg")
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, **kw)


def cli(*args: str) -> list[str]:
    return [str(VENV_BIN / "pushback-course"), *args]


def main_out(capsys, *args: str) -> tuple[int, str, str]:
    """Run ``pushback-course ARGS`` in this process (nbgrader is imported once per session)."""
    from pushback_lib.instructor.cli import main

    code = main(list(args))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture(scope="session")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A released synthetic course with the ``COHORT`` submissions, not graded yet."""
    root = build_course(tmp_path_factory.mktemp("released") / "course", timeout=5)
    for student, variant in COHORT.items():
        add_submission(root, student, variant)
    return root


def copy_course(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, symlinks=True)
    return dest


@pytest.fixture(scope="session")
def graded_both_ways(released: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(course graded by serial ``nbgrader autograde``, course graded by ``pushback-course autograde -j 2``)."""
    base = tmp_path_factory.mktemp("graded")
    serial = copy_course(released, base / "serial")
    parallel = copy_course(released, base / "parallel")
    done = run([str(VENV_BIN / "nbgrader"), "autograde", "ps1"], cwd=serial)
    assert done.returncode == 0, done.stderr[-3000:]
    done = run(cli("autograde", "--jobs", "2", "--course-dir", str(parallel)), cwd=base)
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout
    return serial, parallel
