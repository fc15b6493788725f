"""A pytest plugin: every test run keeps the learner's records in a temporary folder.

Why: the lessons, the self-check, the builder and the role-play write the learner's
progress (and "I disagree" reports) to ``$PUSHBACK_WORKSPACE`` or ``~/.pushback``.
A test run must never add to the tester's own record. Loaded from ``addopts`` in
pyproject.toml, so it applies to every run, including nbval on ``course/`` alone;
it acts in ``pytest_configure``, before nbval starts its kernels while collecting,
and every kernel and server a test starts inherits the variable. A test may still
set its own folder (``monkeypatch.setenv``).
"""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

VAR = "PUSHBACK_WORKSPACE"
_saved: list[str | None] = []


def pytest_configure(config: pytest.Config) -> None:
    _saved.append(os.environ.get(VAR))
    os.environ[VAR] = tempfile.mkdtemp(prefix="pushback-test-workspace-")


def pytest_unconfigure(config: pytest.Config) -> None:
    if not _saved:
        return
    shutil.rmtree(os.environ.pop(VAR, ""), ignore_errors=True)
    saved = _saved.pop()
    if saved is not None:
        os.environ[VAR] = saved
