"""A learner's "I disagree" is kept in their workspace, with the draft and the analyzer's call."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pushback_lib.analyzer import analyze, disagree


def test_a_disagreement_is_saved_with_the_draft_and_both_views(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUSHBACK_WORKSPACE", str(tmp_path / "ws"))
    a = analyze("Fine, your loss.")
    path = disagree(a, "aggressive", note="this is rude")
    disagree(a, "let_go")
    rows = [json.loads(line) for line in path.read_text().splitlines()]
    assert path == tmp_path / "ws" / "analyzer-disagreements.jsonl"
    assert [r["label"] for r in rows] == ["aggressive", "let_go"]
    first = rows[0]
    assert first["text"] == "Fine, your loss." and first["note"] == "this is rude"
    assert first["analyzer_said"] == ("aggressive" in a.flags)
    assert first["learner_says"] is not first["analyzer_said"]
    assert first["model"] == a.model and first["confidence"] == a.confidence["aggressive"]


def test_an_unknown_label_is_refused_and_nothing_is_written(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PUSHBACK_WORKSPACE", str(tmp_path))
    with pytest.raises(ValueError, match="no label 'rude'"):
        disagree(analyze("ok"), "rude")
    assert not list(tmp_path.iterdir())


def test_an_unwritable_workspace_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("PUSHBACK_WORKSPACE", str(blocker))
    with pytest.raises(ValueError, match=r"cannot save to .*PUSHBACK_WORKSPACE"):
        disagree(analyze("ok"), "acknowledge")
