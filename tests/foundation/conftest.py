"""Fixtures shared by the foundation tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from pushback_lib import learner_progress as lp
from pushback_lib.workspace import ENV_VAR


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty learner workspace, and the progress record's per-session memory reset."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "ws"))
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    monkeypatch.setattr(lp, "_warned", False)
    monkeypatch.setattr(lp, "_last_draft", {})
    return tmp_path / "ws"
