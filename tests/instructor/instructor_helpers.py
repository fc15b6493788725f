"""Helpers shared by the instructor-tools tests (a unique module name: importable next to other
areas' conftests)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

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


def copy_course(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, symlinks=True)
    return dest


