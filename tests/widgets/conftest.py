"""Fixtures for the practice widgets' tests: scripts and every path through them."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from pushback_lib import load_case
from pushback_lib.cases.keys import clone_keys_dir
from pushback_lib.practice.script import Script, load_script, scripts_dir

os.environ.setdefault("MPLBACKEND", "Agg")

SCRIPT_IDS = sorted(p.name.removesuffix(".yaml") for p in scripts_dir().iterdir() if p.name.endswith(".yaml"))
"""The scripts the package ships: played in the lessons, before any debrief."""
KEPT_BACK_DIR = clone_keys_dir() / "roleplay"
KEPT_BACK_SCRIPTS = {p.stem: p for p in sorted(KEPT_BACK_DIR.glob("*.yaml"))}
"""The scripts of the cases kept back for grading (capstone_vendor for a4, charity_raffle for a3):
instructor-side in this clone's ``keys/roleplay/``, never in the package, played only after
grading. They are held to the same bar as the package's."""
SCRIPT_SOURCES: dict[str, str] = {i: i for i in (*SCRIPT_IDS, *KEPT_BACK_SCRIPTS)}
"""Every script the course has, case id -> what ``load_script`` takes to read it (the id: the
loader's lookup finds a kept-back script in the clone's ``keys/``)."""


def script_for(case_id: str) -> Script:
    """The script of a case, found by the loader's own lookup (package, then ``keys/``)."""
    return load_script(SCRIPT_SOURCES[case_id], case=case_id)


def best_ending(case_id: str) -> str:
    """The case's best ending: a graceful let-go where its expert lets go, else win/win."""
    return "let_go_intact" if load_case(case_id).expert_outcome.choice == "let_go" else "win_win"


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


@pytest.fixture(params=sorted(SCRIPT_SOURCES))
def script(request: pytest.FixtureRequest) -> Script:
    return script_for(request.param)
