"""``pushback-course collect-disagreements`` turns learners' reports into a batch for blind labelling."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pushback_lib.instructor.cli import main
from tools.corpus_tool import read_drafts


def _report(home: Path, *rows: dict[str, object]) -> None:
    path = home / ".pushback" / "analyzer-disagreements.jsonl"
    path.parent.mkdir(parents=True)
    path.write_text("".join(json.dumps(r) + "\n" for r in rows) + "not json\n", encoding="utf-8")


def test_reports_from_homes_become_one_draft_each_with_the_claims(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    shared = "Fine, your loss."
    _report(tmp_path / "ana", {"text": shared, "label": "let_go", "learner_says": False},
            {"text": "Could we pilot it first?", "label": "alternative", "learner_says": True})
    _report(tmp_path / "ben", {"text": shared, "label": "aggressive", "learner_says": True, "note": "rude"})
    out = tmp_path / "batch.jsonl"
    assert main(["collect-disagreements", str(tmp_path / "ana"), str(tmp_path / "ben"),
                 "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert "2 draft(s) from 3 report(s)" in captured.out
    assert "skipped" in captured.err and "not json" not in out.read_text()
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    by_text = {r["text"]: r for r in rows}
    assert [c["label"] for c in by_text[shared]["claims"]] == ["let_go", "aggressive"]
    assert all(set(r) == {"id", "scenario", "text", "claims"} for r in rows)  # claims, never labels
    assert len(read_drafts([out])) == 2  # the corpus tool takes it as a batch to shard


def test_a_missing_path_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["collect-disagreements", str(tmp_path / "nobody"), "--out", str(tmp_path / "o.jsonl")])
    assert code == 2
    assert "nobody: no such file or folder" in capsys.readouterr().err
    assert not (tmp_path / "o.jsonl").exists()
