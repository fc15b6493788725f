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

A folder of this lookup is used only when no other account can have put its
files there (:func:`replaceable`): on a hub the released debrief sits in the
nbgrader exchange, whose root every account may write. Were any folder on the
way world-writable without the sticky bit, one learner could rename the
course's folder away and plant labels of their own for everyone else's
self-check and debrief; such a folder is skipped with a warning saying why.
"""

from __future__ import annotations

import os
import stat
import warnings
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from .._schema import build, join, read_yaml
from ..errors import CaseError
from .model import DecisionInputs, ExpertOutcome, UnnecessaryStages

__all__ = ["SOLUTIONS_ENV", "DEBRIEF_ENV", "CaseLabels", "read_overlay", "merge", "debrief_folders",
           "find_overlay", "clone_solutions_dir", "clone_keys_dir", "replaceable", "ITEM_LABELS",
           "CASE_LABELS"]

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


def clone_solutions_dir() -> Path:
    """The source notebooks reveal mode reads: ``$PUSHBACK_SOLUTIONS_DIR`` when set, else
    ``solutions/`` of the clone this package sits in."""
    solutions = os.environ.get(SOLUTIONS_ENV)
    return Path(solutions).expanduser() if solutions else Path(__file__).resolve().parents[2] / "solutions"


def clone_keys_dir() -> Path:
    """``keys/`` beside ``solutions/`` in a clone (beside ``$PUSHBACK_SOLUTIONS_DIR`` when set)."""
    return clone_solutions_dir().resolve().parent / "keys"


def replaceable(path: Path, owners: set[int] | None = None) -> str:
    """Why another account could have written what ``path`` holds, or "" when it cannot.

    Walks the real path from ``/`` down to ``path`` and, for a folder, into its
    ``cases/`` and ``roleplay/`` folders and their files. Unsafe: a folder others
    may write without the sticky bit (anyone could rename an entry away and put
    their own in its place: the nbgrader exchange root is one), a file others
    may write, and at or below ``path`` anything owned by an account other than
    ``path``'s owner, root or those in ``owners``. Group write access is left to
    the administrator (nbgrader's shared-group courses rely on it).
    """
    real = Path(os.path.realpath(path))
    try:
        top = real.stat()
    except OSError as exc:
        return f"{real} cannot be read ({exc.strerror})"
    allowed = {0, top.st_uid, *(owners or set())}
    below = [real]
    for sub in ("cases", "roleplay"):
        if (real / sub).is_dir():
            below.append(real / sub)
            below += sorted(f for f in (real / sub).iterdir() if f.name.endswith(".yaml"))
    for part in [*reversed(real.parents), *below]:
        try:
            info = part.lstat()
        except OSError as exc:
            return f"{part} cannot be read ({exc.strerror})"
        mode = info.st_mode
        if stat.S_ISLNK(mode):
            return f"{part} is a symbolic link inside the folder"
        if mode & stat.S_IWOTH and not (stat.S_ISDIR(mode) and mode & stat.S_ISVTX):
            kind = "folder" if stat.S_ISDIR(mode) else "file"
            fix = "chmod +t" if stat.S_ISDIR(mode) else "chmod o-w"
            return (f"the {kind} {part} is writable by every account"
                    f"{' without the sticky bit' if stat.S_ISDIR(mode) else ''}, so anyone could "
                    f"have replaced what it holds (its owner can fix it: {fix} {part})")
        if part != real and real in part.parents and info.st_uid not in allowed:
            return (f"{part} belongs to another account (uid {info.st_uid}) than the folder "
                    f"{real} (uid {top.st_uid})")
    return ""


_WARNED: set[str] = set()


def debrief_folders() -> list[Path]:
    """Where a learner's library looks for withheld labels and role-plays, in order.

    A folder that another account could have filled (:func:`replaceable`) is
    skipped, with a warning (once per folder and reason): its labels could be anyone's.
    """
    folders = []
    released = os.environ.get(DEBRIEF_ENV)
    if released:
        folders.append(Path(released).expanduser())
    folders.append(clone_keys_dir())
    safe = []
    for folder in folders:
        if not folder.is_dir():
            continue
        why = replaceable(folder)
        if why:
            if f"{folder}: {why}" not in _WARNED:  # once per folder and reason
                _WARNED.add(f"{folder}: {why}")
                warnings.warn(f"pushback_lib: not using the labels in {folder}: {why}", stacklevel=2)
            continue
        safe.append(folder)
    return safe


def find_overlay(case_id: str, folders: list[Path]) -> Path | None:
    """The first ``cases/<case_id>.yaml`` among ``folders``, or None."""
    for folder in folders:
        candidate = folder / "cases" / f"{case_id}.yaml"
        if candidate.is_file():
            return candidate
    return None
