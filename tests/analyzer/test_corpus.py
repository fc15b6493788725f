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


def _jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _row(ident: str, components: list[str], flags: list[str]) -> dict[str, object]:
    return {"id": ident, "text": f"draft {ident}", "components": components, "flags": flags,
            "scenario": "recruitment", "split": "train", "batch": "b", "writer": ident.split("-")[0]}


def test_a_label_re_decided_after_a_guide_change_is_written_back_only_when_settled(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tools.corpus_tool import main

    corpus = _jsonl(tmp_path / "train.jsonl", [
        _row("t1-1", [], ["aggressive", "opinion_only"]), _row("t1-2", [], ["aggressive"]),
        _row("t1-3", ["alternative"], ["aggressive"]), _row("t1-4", ["evidence"], [])])
    before = corpus.read_text()
    a = _jsonl(tmp_path / "a.jsonl", [{"id": "t1-1", "opinion_only": False, "note": "threat only"},
                                      {"id": "t1-2", "opinion_only": True},
                                      {"id": "t1-3", "opinion_only": True}])
    b = _jsonl(tmp_path / "b.jsonl", [{"id": "t1-1", "opinion_only": False},
                                      {"id": "t1-2", "opinion_only": False},
                                      {"id": "t1-3", "opinion_only": True}])
    disputes = tmp_path / "disputes.jsonl"
    args = ["opinion_only", str(corpus), "--pass-a", str(a), "--pass-b", str(b)]
    assert main(["relabel-disputes", *args, "--disputes", str(disputes)]) == 0
    listed = [json.loads(line) for line in disputes.read_text().splitlines()]
    assert [d["id"] for d in listed] == ["t1-2"] and "opinion_only" not in listed[0]  # blind: no verdicts
    assert "3 drafts re-decided on opinion_only" in capsys.readouterr().out
    assert main(["relabel", *args]) == 1  # a dispute without an adjudication: nothing written
    assert "t1-2: the passes disagree on opinion_only" in capsys.readouterr().err
    assert corpus.read_text() == before
    adjudicated = _jsonl(tmp_path / "adj.jsonl", [{"id": "t1-2", "opinion_only": True}])
    assert main(["relabel", *args, "--adjudicated", str(adjudicated)]) == 0
    rows = {r["id"]: r for r in map(json.loads, corpus.read_text().splitlines())}
    assert rows["t1-1"]["flags"] == ["aggressive"]  # agreed: off
    assert rows["t1-2"]["flags"] == ["aggressive", "opinion_only"]  # adjudicated: on
    assert rows["t1-3"]["flags"] == ["aggressive", "opinion_only"]
    assert rows["t1-3"]["components"] == ["alternative"]
    assert rows["t1-4"] == _row("t1-4", ["evidence"], [])  # not re-decided: untouched
    assert "added to 2, removed from 1 of 3" in capsys.readouterr().out


def test_a_relabel_that_breaks_the_guide_or_touches_the_holdout_writes_nothing(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tools.corpus_tool import HOLDOUT, main

    corpus = _jsonl(tmp_path / "train.jsonl", [_row("t1-1", ["evidence"], ["aggressive"])])
    before = corpus.read_text()
    both = _jsonl(tmp_path / "a.jsonl", [{"id": "t1-1", "opinion_only": True}])
    assert main(["relabel", "opinion_only", str(corpus), "--pass-a", str(both), "--pass-b", str(both)]) == 1
    assert "t1-1: opinion_only would break the guide's hard rules" in capsys.readouterr().err
    assert corpus.read_text() == before
    held = HOLDOUT.read_bytes()
    assert main(["relabel", "opinion_only", str(HOLDOUT), "--pass-a", str(both), "--pass-b", str(both)]) == 1
    assert "the frozen holdout is never relabelled" in capsys.readouterr().err
    assert HOLDOUT.read_bytes() == held
    bad = _jsonl(tmp_path / "bad.jsonl", [{"id": "t1-1", "opinion_only": "yes"}])
    assert main(["relabel", "opinion_only", str(corpus), "--pass-a", str(bad), "--pass-b", str(both)]) == 1
    assert f"{bad}:1: needs an 'id' and 'opinion_only': true or false" in capsys.readouterr().err
