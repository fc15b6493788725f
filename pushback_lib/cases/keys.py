"""Label overlays: the expert's labels of a case kept back for grading, held apart from its brief.

A case a graded question rests on, and that no lesson reveals
(``capstone_vendor``, ``charity_raffle``), ships in the package as its
**brief** only: the situation, the facts' text, the allies, the alternatives,
no label. Its labels live in a **label overlay**, ``keys/cases/<id>.yaml``,
in the instructor's course directory beside ``solutions/`` (never package
data, never in the wheel)::

    case: <case id>
    facts:
      f_some_fact: {verified: true, why: "..."}
    analogies:
      a_some_analogy: {in_category: false, why: "..."}
    alternatives:
      alt_some_option: {recommended: true, why: "..."}
    allies:
      ally_someone: {trusted_by_stakeholder: false, why: "..."}
    decision_inputs: {stakes: ..., evidence: ..., ...}
    expert_outcome: {choice: ..., summary: "...", reasoning: "..."}

It is read by the one strict reader (:mod:`pushback_lib._schema`): a wrong
type, an unknown field or an id the brief does not have is a ``CaseError``
naming the overlay file, the item id and the field. :func:`merge` puts the
labels into the brief's data before the case is built, so a merged case is
exactly the case the file would be with its labels written in.

Where overlays are found (:func:`debrief_folders`), in order:

1. a **released debrief**, ``$PUSHBACK_DEBRIEF_DIR`` (``cases/``, ``roleplay/``):
   what ``pushback-course release-debrief`` writes after grading, e.g. into
   the hub's exchange, where learners can read it but not write;
2. in a **clone** of the course, ``keys/`` beside ``solutions/`` (beside
   ``$PUSHBACK_SOLUTIONS_DIR`` when set): a self-paced learner has the key
   already and opens a debrief when they choose to.

The trusted grader never uses this lookup: it names the course directory's
``keys/`` folder itself (:mod:`pushback_lib.grading.casebook`), so nothing a
learner can write decides what a grade is checked against.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .._schema import build, join, read_yaml
from ..errors import CaseError
from .model import DecisionInputs, ExpertOutcome, UnnecessaryStages

__all__ = ["SOLUTIONS_ENV", "DEBRIEF_ENV", "CaseLabels", "read_overlay", "merge", "debrief_folders",
           "find_overlay", "clone_keys_dir", "ITEM_LABELS", "CASE_LABELS"]

SOLUTIONS_ENV = "PUSHBACK_SOLUTIONS_DIR"
"""Where reveal mode looks for the source notebooks (default: ``solutions/`` of a clone); the
label overlays of a clone are in ``keys/`` beside that folder."""
DEBRIEF_ENV = "PUSHBACK_DEBRIEF_DIR"
"""A folder of released debriefs (``cases/<id>.yaml``, ``roleplay/<id>.yaml``) learners may read."""

ITEM_LABELS: dict[str, tuple[str, ...]] = {
    "facts": ("verified", "why"),
    "analogies": ("in_category", "why"),
    "alternatives": ("recommended", "why"),
    "allies": ("trusted_by_stakeholder", "why"),
}
"""The label fields of each list of a case, by list name: what an overlay holds, a brief lacks."""
CASE_LABELS: tuple[str, ...] = ("decision_inputs", "expert_outcome", "unnecessary_stages")
"""The case-level label fields."""


@dataclass(frozen=True)
class FactLabels:
    verified: bool
    why: str = ""


@dataclass(frozen=True)
class AnalogyLabels:
    in_category: bool
    why: str = ""


@dataclass(frozen=True)
class AlternativeLabels:
    recommended: bool
    why: str = ""


@dataclass(frozen=True)
class AllyLabels:
    trusted_by_stakeholder: bool
    why: str = ""


@dataclass(frozen=True)
class CaseLabels:
    """Everything an overlay file holds: the labels of one case, by item id."""

    case: str
    """The id of the case these labels belong to (the file name, checked)."""
    decision_inputs: DecisionInputs
    expert_outcome: ExpertOutcome
    facts: dict[str, FactLabels] = field(default_factory=dict)
    analogies: dict[str, AnalogyLabels] = field(default_factory=dict)
    alternatives: dict[str, AlternativeLabels] = field(default_factory=dict)
    allies: dict[str, AllyLabels] = field(default_factory=dict)
    unnecessary_stages: UnnecessaryStages = field(default_factory=UnnecessaryStages)


def read_overlay(path: Traversable) -> CaseLabels:
    """The labels in an overlay file, strictly checked (``CaseError`` names file, id and field)."""
    source = str(path)
    labels = build(CaseLabels, read_yaml(path, "label overlay"), "", source)
    stem = path.name.removesuffix(".yaml")
    if labels.case != stem:
        raise CaseError(source, "case", f"expected {stem!r} (the file name), got {labels.case!r}")
    return labels


def merge(data: Any, labels: CaseLabels, brief: str, overlay: str) -> dict[str, Any]:
    """The brief's data with the overlay's labels written into every item.

    Every item of the brief needs its labels in the overlay (a fact without
    ``verified`` cannot be judged), and every id in the overlay must be an item
    of the brief (a typo would otherwise leave a label silently unused). A brief
    that carries a label itself is an error: the label would be in the wheel.
    """
    if not isinstance(data, dict):
        raise CaseError(brief, "(top level)", "expected a mapping of case fields")
    merged = dict(data)
    for name in CASE_LABELS:
        if name in data:
            raise CaseError(brief, name, f"a case with a label overlay ({overlay}) keeps its labels "
                                         "there only; remove this field from the brief")
    merged["decision_inputs"] = vars(labels.decision_inputs)
    merged["expert_outcome"] = vars(labels.expert_outcome)
    merged["unnecessary_stages"] = vars(labels.unnecessary_stages)
    for list_name, fields in ITEM_LABELS.items():
        given: dict[str, Any] = getattr(labels, list_name)
        items = data.get(list_name)
        ids: list[str] = []
        out = []
        for i, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict):
                out.append(item)  # the case's own checks report it, with its path
                continue
            for f in fields:
                if f in item:
                    raise CaseError(brief, join(join(list_name, i), f),
                                    f"a case with a label overlay ({overlay}) keeps its labels "
                                    "there only; remove this field from the brief")
            item_id = item.get("id")
            ids.append(str(item_id))
            if item_id not in given:
                raise CaseError(overlay, join(list_name, str(item_id)),
                                f"no labels for this item of the case ({brief}); expected "
                                f"{', '.join(fields)}")
            out.append({**item, **vars(given[item_id])})
        for item_id in given:
            if item_id not in ids:
                raise CaseError(overlay, join(list_name, item_id),
                                f"the case has no item with this id in {list_name}; expected one of "
                                f"{', '.join(ids) or 'none'}")
        if isinstance(items, list):
            merged[list_name] = out
    return merged


def clone_keys_dir() -> Path:
    """``keys/`` beside ``solutions/`` in a clone (beside ``$PUSHBACK_SOLUTIONS_DIR`` when set)."""
    solutions = os.environ.get(SOLUTIONS_ENV)
    if solutions:
        return Path(solutions).expanduser().resolve().parent / "keys"
    return Path(__file__).resolve().parents[2] / "keys"


def debrief_folders() -> list[Path]:
    """Where a learner's library looks for withheld labels and role-plays, in order."""
    folders = []
    released = os.environ.get(DEBRIEF_ENV)
    if released:
        folders.append(Path(released).expanduser())
    folders.append(clone_keys_dir())
    return [f for f in folders if f.is_dir()]


def find_overlay(case_id: str, folders: list[Path]) -> Path | None:
    """The first ``cases/<case_id>.yaml`` among ``folders``, or None."""
    for folder in folders:
        candidate = folder / "cases" / f"{case_id}.yaml"
        if candidate.is_file():
            return candidate
    return None
