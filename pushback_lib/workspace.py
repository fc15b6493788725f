"""The learner's own records, kept in their workspace and never in the package.

Why a folder outside the package: what a learner does (drafts, progress, the
labels they disputed) must survive an upgrade of the course and must never be
shipped to anyone else. The folder is ``$PUSHBACK_WORKSPACE`` when set, else
``~/.pushback``. Records are JSON Lines, appended one whole line at a time, so
an interrupted write never corrupts what was there.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .errors import PushbackError

__all__ = ["ENV_VAR", "workspace_dir", "append_record", "read_records"]

ENV_VAR = "PUSHBACK_WORKSPACE"


def workspace_dir() -> Path:
    """The learner's records folder (created on first write, not here)."""
    override = os.environ.get(ENV_VAR)
    return Path(override).expanduser() if override else Path.home() / ".pushback"


def append_record(name: str, record: dict[str, Any]) -> Path:
    """Append one JSON record to ``<workspace>/<name>.jsonl`` and return the file's path.

    Raises ``PushbackError`` naming the folder when it cannot be written.
    """
    folder = workspace_dir()
    path = folder / f"{name}.jsonl"
    line = json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            os.write(fd, line.encode("utf-8"))
        finally:
            os.close(fd)
    except OSError as exc:
        raise PushbackError(f"cannot save to {path} ({exc.strerror}); set {ENV_VAR} to a folder "
                            "you can write") from None
    return path


def read_records(name: str) -> list[dict[str, Any]]:
    """Every readable record of ``<workspace>/<name>.jsonl`` (a damaged line is skipped)."""
    path = workspace_dir() / f"{name}.jsonl"
    if not path.exists():
        return []
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(row, dict):
            out.append(row)
    return out
