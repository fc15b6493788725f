"""A learner says the analyzer got a label wrong; the report is kept for the instructor.

Why: the analyzer is judged on drafts nobody here wrote, and the drafts it gets
wrong in real use are the best new corpus material. ``disagree(analysis,
label)`` appends the draft, the analyzer's call and the learner's claim to
``analyzer-disagreements.jsonl`` in the learner's workspace
(:mod:`pushback_lib.workspace`); ``pushback-course collect-disagreements``
gathers those files into drafts ready for blind labelling.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import PushbackError
from ..workspace import append_record
from .labels import COMPONENTS, FLAGS
from .result import Analysis

__all__ = ["disagree", "RECORDS"]

RECORDS = "analyzer-disagreements"


def disagree(analysis: Analysis, label: str, note: str = "") -> Path:
    """Record that ``label`` is wrong for this draft; returns the file written.

    The learner's claim is the opposite of the analyzer's call: a label it found
    should not be there, or one it missed should. Raises ``PushbackError`` for a
    label that is not one of ``COMPONENTS`` or ``FLAGS``.
    """
    if not isinstance(analysis, Analysis):
        raise PushbackError(f"disagree() needs the Analysis you disagree with, got "
                            f"{type(analysis).__name__}")
    if label not in (*COMPONENTS, *FLAGS):
        raise PushbackError(f"no label {label!r}; expected one of {', '.join((*COMPONENTS, *FLAGS))}")
    called = label in analysis.components or label in analysis.flags
    record = {
        "text": analysis.text, "label": label, "analyzer_said": called,
        "learner_says": not called, "confidence": analysis.confidence.get(label),
        "model": analysis.model, "note": str(note)[:2000],
        "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    return append_record(RECORDS, record)
