"""``pushback-course collect-disagreements``: learners' "I disagree" reports, as corpus drafts.

Why: the drafts the analyzer gets wrong in real use are the best new material
for its corpus. Each learner's reports sit in their own workspace
(``~/.pushback/analyzer-disagreements.jsonl``, see
:func:`pushback_lib.analyzer.disagree`); this gathers them from the files or
home folders an instructor names, keeps each draft once, and writes JSON Lines
that ``python -m tools.corpus_tool shard`` takes as a new batch (scenario
``learner``). The learner's claim travels with the draft as a note for the
record, never as a label: the drafts are labelled twice, blind, like any other.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .course import InstructorError

__all__ = ["Collected", "collect", "REPORTS"]

REPORTS = Path(".pushback") / "analyzer-disagreements.jsonl"
"""Where a learner's reports sit, relative to their home folder."""


@dataclass(frozen=True)
class Collected:
    """What a collection found."""

    drafts: int
    reports: int
    skipped: list[str]
    """Lines that could not be read, as ``file:line: why``."""


def _files(paths: list[Path]) -> list[Path]:
    out = []
    for path in paths:
        if path.is_dir():
            candidate = path / REPORTS
            if candidate.is_file():
                out.append(candidate)
        elif path.is_file():
            out.append(path)
        else:
            raise InstructorError(f"{path}: no such file or folder")
    return out


def collect(paths: list[Path], out: Path) -> Collected:
    """Gather reports from report files or home folders into ``out`` (JSON Lines, one draft each)."""
    drafts: dict[str, dict[str, Any]] = {}
    reports = 0
    skipped: list[str] = []
    for path in _files(paths):
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                text, label = row["text"], row["label"]
                if not isinstance(text, str) or not text.strip() or not isinstance(label, str):
                    raise ValueError("text or label missing")
            except (ValueError, KeyError, TypeError) as exc:
                skipped.append(f"{path}:{n}: {exc}")
                continue
            reports += 1
            key = hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:12]
            draft = drafts.setdefault(key, {"id": f"learner-{key}", "scenario": "learner",
                                            "text": text.strip(), "claims": []})
            draft["claims"].append({"label": label, "learner_says": bool(row.get("learner_says")),
                           "note": str(row.get("note", ""))[:500]})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in drafts.values()),
                   encoding="utf-8")
    return Collected(len(drafts), reports, skipped)
