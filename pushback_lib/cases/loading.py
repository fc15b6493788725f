"""Find and load the course's case studies.

``cases()`` lists the case ids (the names of the ``*.yaml`` files shipped in
``pushback_lib/data/cases/``); ``load_case(id_or_path)`` returns a frozen
:class:`~pushback_lib.cases.Case`. Loading is strict, because a case is the
ground truth the rubric checks a learner's accuracy against: every problem in a
file raises ``CaseError`` naming the file, the dotted field path and what was
expected, and nothing is half-loaded. Loads are cached by (path, modification
time), so an edited file is re-read and an unchanged one is free.

The course's own cases are package data, read with :mod:`importlib.resources`,
so an installed wheel finds them wherever it is installed. A learner's own case
loads by path (``load_case("my_case.yaml")``); a whole folder of extra cases
(with its role-play scripts in ``roleplay/``) joins the course's ones when the
``PUSHBACK_EXTRA_CASES_DIR`` environment variable names it.

A case kept back for grading ships as a brief (no ``decision_inputs``, no
``expert_outcome``, no item labels); its labels come from a label overlay
(:mod:`pushback_lib.cases.keys`) when one is found, else the case loads with
its labels withheld (``case.labelled`` is False) and whatever judges against
them says so (``LabelsWithheld``).
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any, Literal

from .._schema import build, join, read_yaml
from ..errors import CaseError
from .keys import CASE_LABELS, ITEM_LABELS, debrief_folders, find_overlay, merge, read_overlay
from .model import PROPS, Case

__all__ = ["cases", "load_case", "cases_dir", "extra_cases_dir", "case_folders"]

ENV_VAR = "PUSHBACK_EXTRA_CASES_DIR"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_ID_LISTS = ("challenges", "facts", "analogies", "alternatives", "allies")
_cache: dict[tuple[str, int, str, int], Case] = {}
_DEFAULTS = {"analogies": ("in_category", True), "alternatives": ("recommended", False),
             "allies": ("trusted_by_stakeholder", False)}
"""Item labels a labelled case may leave out, and their values."""


def cases_dir() -> Traversable:
    """The course's own case files: package data, wherever the package is installed."""
    return files("pushback_lib") / "data" / "cases"


def extra_cases_dir() -> Path | None:
    """The folder of extra cases named by ``$PUSHBACK_EXTRA_CASES_DIR``, or None."""
    folder = os.environ.get(ENV_VAR)
    if not folder:
        return None
    path = Path(folder).expanduser()
    if not path.is_dir():
        raise CaseError(str(path), "", f"the extra cases folder named by {ENV_VAR} does not exist")
    return path


def case_folders() -> list[Traversable]:
    """Where cases are looked up by id, in order: the course's own, then the extra folder."""
    extra = extra_cases_dir()
    return [cases_dir()] if extra is None else [cases_dir(), extra]


def _case_files() -> dict[str, Traversable]:
    """``{id: file}`` for every case file of every folder; an id may be used once only."""
    found: dict[str, Traversable] = {}
    for folder in case_folders():
        for entry in sorted(folder.iterdir(), key=lambda e: e.name):
            if not (entry.name.endswith(".yaml") and entry.is_file()):
                continue
            case_id = entry.name.removesuffix(".yaml")
            if case_id in found:
                raise CaseError(str(entry), "", f"the course already has a case {case_id!r} "
                                                f"({found[case_id]}); give this file another name")
            found[case_id] = entry
    return found


def cases() -> list[str]:
    """The ids of every case file, sorted; an id is the file name without ``.yaml``."""
    return sorted(_case_files())


def load_case(id_or_path: str | os.PathLike[str], *,
              keys: str | os.PathLike[str] | Literal[False] | None = None) -> Case:
    """Load a case by id (``"niche_recruitment"``) or by the path of a ``.yaml`` file.

    A case kept back for grading is a brief; its labels are merged from the
    first label overlay found (:func:`pushback_lib.cases.keys.debrief_folders`).
    ``keys`` names the one folder to take overlays from instead (the trusted
    grader's ``<course>/keys``), or ``False`` for none.

    Raises ``CaseError`` for an unknown id, a missing file, invalid YAML (with
    its line number) or any field that breaks the case format or its overlay.
    """
    resource, by_id = _resolve(id_or_path)
    if isinstance(resource, Path):
        try:
            mtime = resource.stat().st_mtime_ns
        except OSError as exc:
            raise CaseError(str(resource), "", f"cannot read the case file ({exc.strerror})") from None
    else:  # inside an archive: it cannot change while the process runs
        mtime = 0
    folders = [] if keys is False else debrief_folders() if keys is None else [Path(keys)]
    overlay = find_overlay(resource.name.removesuffix(".yaml"), folders)
    overlay_mtime = overlay.stat().st_mtime_ns if overlay is not None else 0
    key = (str(resource), mtime, str(overlay or ""), overlay_mtime)
    case = _cache.get(key)
    if case is None:
        case = _cache[key] = _parse(resource, overlay)
    stem = resource.name.removesuffix(".yaml")
    if by_id and case.id != stem:
        raise CaseError(str(resource), "id", f"expected {stem!r} (the file name), got {case.id!r}")
    return case


def _resolve(id_or_path: str | os.PathLike[str]) -> tuple[Traversable, bool]:
    if isinstance(id_or_path, os.PathLike):
        return Path(id_or_path).resolve(), False
    if not isinstance(id_or_path, str):
        raise CaseError(repr(id_or_path), "", "expected a case id or the path of a .yaml file, "
                                              f"got {type(id_or_path).__name__}")
    text = id_or_path.strip()
    if text.endswith((".yaml", ".yml")) or "/" in text or os.sep in text:
        return Path(text).expanduser().resolve(), False
    known = _case_files()
    if text not in known:
        raise CaseError(text, "", f"no such case; expected one of {', '.join(sorted(known))}")
    found = known[text]
    return (found.resolve() if isinstance(found, Path) else found), True


def _parse(path: Traversable, overlay: Path | None) -> Case:
    source = str(path)
    data: Any = read_yaml(path, "case")
    brief = isinstance(data, dict) and not any(name in data for name in CASE_LABELS[:2])
    labels_from = source
    if brief and overlay is not None:
        data = merge(data, read_overlay(overlay), source, str(overlay))
        labels_from = str(overlay)
    elif brief:
        labels_from = ""
    case = build(Case, data, "", source)
    case = _labelled(case, source) if labels_from else _brief_only(case, source)
    _check(case, source, labels_from or source)
    return replace(case, path=source, labels_from=labels_from)


def _labelled(case: Case, source: str) -> Case:
    """A case with its labels: every one given, or its documented default filled in."""
    for name in CASE_LABELS[:2]:
        if getattr(case, name) is None:
            raise CaseError(source, name, "missing required field (a case with labels needs both "
                                          "decision_inputs and expert_outcome)")
    for i, fact in enumerate(case.facts):
        if fact.verified is None:
            raise CaseError(source, join(join("facts", i), "verified"), "missing required field")
    filled: dict[str, Any] = {}
    for list_name, (label, default) in _DEFAULTS.items():
        filled[list_name] = tuple(item if getattr(item, label) is not None
                                  else replace(item, **{label: default})
                                  for item in getattr(case, list_name))
    return replace(case, **filled)


def _brief_only(case: Case, source: str) -> Case:
    """A brief without an overlay: it may not carry a label of its own (it would ship)."""
    for list_name, fields in ITEM_LABELS.items():
        for i, item in enumerate(getattr(case, list_name)):
            for f in fields:
                if getattr(item, f) not in (None, ""):
                    raise CaseError(source, join(join(list_name, i), f),
                                    "this case is a brief (no decision_inputs or expert_outcome), so "
                                    "its labels belong in its label overlay, keys/cases/"
                                    f"{case.id}.yaml, not here")
    if case.unnecessary_stages.reasons():
        raise CaseError(source, "unnecessary_stages", "this case is a brief, so this label belongs "
                                                      f"in keys/cases/{case.id}.yaml")
    return case


def _check(case: Case, source: str, labels: str) -> None:
    """Whole-case rules that types alone cannot say."""
    if not _ID.match(case.id):
        raise CaseError(source, "id", f"expected lower-case letters, digits and _, got {case.id!r}")
    seen: dict[str, str] = {}
    for list_name in _ID_LISTS:
        for i, item in enumerate(getattr(case, list_name)):
            path = join(join(list_name, i), "id")
            if not _ID.match(item.id):
                raise CaseError(source, path,
                                f"expected lower-case letters, digits and _, got {item.id!r}")
            if item.id in seen:
                raise CaseError(source, path, f"duplicate id {item.id!r}: already used by "
                                              f"{seen[item.id]}; every id in a case must be unique")
            seen[item.id] = join(list_name, i)
    for i, fact in enumerate(case.facts):
        if fact.prop not in PROPS:
            raise CaseError(source, join(join("facts", i), "prop"),
                            f"expected one of {', '.join(PROPS)}, got {fact.prop!r}")
    if not case.labelled:
        return
    assert case.decision_inputs is not None  # labelled
    for name, value in vars(case.decision_inputs).items():
        if not 0.0 <= value <= 1.0:
            raise CaseError(labels, join("decision_inputs", name),
                            f"expected a number from 0 to 1, got {value!r}")
    recommended = [a.id for a in case.alternatives if a.recommended]
    if len(recommended) != 1:
        raise CaseError(labels, "alternatives", "expected exactly one alternative with "
                                                f"recommended: true, got {len(recommended)}")
