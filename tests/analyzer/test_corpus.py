"""The labelled corpus: its shape, and the analyzer's quality on it (a regression guard, not a timing)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from pushback_lib.analyzer import COMPONENTS, FLAGS
from pushback_lib.analyzer.evaluate import CORPUS, load_corpus, score_labels
from pushback_lib.errors import PushbackError


def test_corpus_has_enough_varied_drafts_with_a_fixed_split() -> None:
    drafts = load_corpus()
    assert len(drafts) >= 240
    assert len({d.id for d in drafts}) == len(drafts)
    assert len({d.text for d in drafts}) == len(drafts)
    split = Counter(d.split for d in drafts)
    assert 0.25 <= split["test"] / len(drafts) <= 0.35
    scenarios = Counter(d.scenario for d in drafts)
    assert set(scenarios) == {"recruitment", "agency", "consulting", "internal"}
    assert min(scenarios.values()) >= 40
    for part in ("train", "test"):
        labelled = Counter(lab for d in drafts if d.split == part for lab in d.components | d.flags)
        assert all(labelled[lab] >= 10 for lab in (*COMPONENTS, *FLAGS)), (part, labelled)
        assert any(not (d.components | d.flags) for d in drafts if d.split == part) or part == "test"


def test_every_line_has_exactly_the_documented_fields() -> None:
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        assert set(row) == {"id", "text", "components", "flags", "scenario", "split"}


@pytest.mark.parametrize("line, message", [
    ("not json", "not valid JSON"),
    ('{"text": "x", "components": [], "flags": [], "scenario": "agency"}', "missing field(s) split"),
    ('{"text": "x", "components": ["praise"], "flags": [], "scenario": "agency", "split": "train"}',
     "unknown label(s) praise"),
    ('{"text": "x", "components": [], "flags": [], "scenario": "agency", "split": "dev"}', "split must be"),
])
def test_a_broken_corpus_line_is_reported_with_its_line_number(tmp_path: Path, line: str,
                                                                message: str) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"text": "ok", "components": [], "flags": [], "scenario": "agency", "split": "train"}\n'
                    + line + "\n", encoding="utf-8")
    with pytest.raises(PushbackError, match=f"c.jsonl:2: .*{message.split('(')[0]}"):
        load_corpus(path)


@pytest.mark.parametrize("split", ["train", "test"])
def test_quality_on_the_corpus_meets_the_issue_goals(split: str) -> None:
    scores = score_labels(load_corpus(split=split))
    macro = sum(scores[c].f1 for c in COMPONENTS) / len(COMPONENTS)
    assert macro >= 0.85, {c: round(scores[c].f1, 2) for c in COMPONENTS}
    for flag in FLAGS:
        assert scores[flag].f1 >= 0.8, (flag, scores[flag])


def test_the_corpus_tool_names_a_missing_or_unreadable_file(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    from tools.corpus_tool import main

    missing = tmp_path / "shards" / "nope.jsonl"
    assert main(["agree", str(missing), "--pass-a", str(missing), "--pass-b", str(missing),
                 "--disputes", str(tmp_path / "d.jsonl")]) == 1
    assert f"{missing}: no such file" in capsys.readouterr().err
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes('{"id": "x", "text": "caf\xe9"}\n'.encode("latin-1"))
    assert main(["shard", str(latin), "--out", str(tmp_path / "o"), "--prefix", "p"]) == 1
    assert "not UTF-8" in capsys.readouterr().err
    assert not (tmp_path / "d.jsonl").exists() and not (tmp_path / "o").exists()
