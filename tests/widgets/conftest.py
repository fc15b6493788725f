"""Fixtures for the practice widgets' tests: scripts and every path through them."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from pushback_lib.practice.script import Script, load_script, scripts_dir

os.environ.setdefault("MPLBACKEND", "Agg")

SCRIPT_IDS = sorted(p.name.removesuffix(".yaml") for p in scripts_dir().iterdir() if p.name.endswith(".yaml"))


def all_paths(script: Script) -> Iterator[tuple[int, ...]]:
    """Every sequence of choice indices from the start to an ending."""
    def walk(prefix: tuple[int, ...], turn_id: str) -> Iterator[tuple[int, ...]]:
        for i, choice in enumerate(script.turn(turn_id).choices):
            path = (*prefix, i)
            if choice.end:
                yield path
            else:
                yield from walk(path, choice.next)
    return walk((), script.start)


@pytest.fixture(autouse=True)
def own_workspace(tmp_path: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test keeps typed role-play replies in its own folder, never in ~/.pushback."""
    monkeypatch.setenv("PUSHBACK_WORKSPACE", str(tmp_path / "workspace"))


@pytest.fixture(params=SCRIPT_IDS)
def script(request: pytest.FixtureRequest) -> Script:
    return load_script(request.param)
