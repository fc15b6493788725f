"""Find and load the course's case studies.

``cases()`` lists the case ids (the names of ``course/cases/*.yaml``);
``load_case(id_or_path)`` returns a frozen :class:`~pushback_lib.case.Case`.
Loading is strict, because a case is the ground truth the rubric checks a
learner's accuracy against: every problem in a file raises ``CaseError``
naming the file, the dotted field path and what was expected, and nothing is
half-loaded. Loads are cached by (path, modification time), so an edited file
is re-read and an unchanged one is free.

The folder is ``course/cases`` at the repository root, or the folder named by
the ``PUSHBACK_CASES_DIR`` environment variable.
"""

from __future__ import annotations

import os
import re
import sys
import types
from dataclasses import replace
from pathlib import Path

from ._schema import build, join
from .case import PROPS, Case
from .errors import CaseError

__all__ = ["cases", "load_case", "cases_dir"]

ENV_VAR = "PUSHBACK_CASES_DIR"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_ID_LISTS = ("challenges", "facts", "analogies", "alternatives", "allies")
_cache: dict[tuple[str, int], Case] = {}


def cases_dir() -> Path:
    """The folder the case files are read from (``$PUSHBACK_CASES_DIR`` wins)."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "course" / "cases"


def cases() -> list[str]:
    """The ids of every case file, sorted; an id is the file name without ``.yaml``."""
    folder = cases_dir()
    if not folder.is_dir():
        raise CaseError(str(folder), "", f"the cases folder does not exist (set {ENV_VAR}?)")
    return sorted(p.stem for p in folder.glob("*.yaml") if p.is_file())


def load_case(id_or_path: str | os.PathLike[str]) -> Case:
    """Load a case by id (``"niche_recruitment"``) or by the path of a ``.yaml`` file.

    Raises ``CaseError`` for an unknown id, a missing file, invalid YAML (with
    its line number) or any field that breaks the case format.
    """
    path, by_id = _resolve(id_or_path)
    try:
        mtime = path.stat().st_mtime_ns
    except OSError as exc:
        raise CaseError(str(path), "", f"cannot read the case file ({exc.strerror})") from None
    key = (str(path), mtime)
    case = _cache.get(key)
    if case is None:
        case = _cache[key] = _parse(path)
    if by_id and case.id != path.stem:
        raise CaseError(str(path), "id", f"expected {path.stem!r} (the file name), got {case.id!r}")
    return case


def _resolve(id_or_path: str | os.PathLike[str]) -> tuple[Path, bool]:
    if isinstance(id_or_path, os.PathLike):
        return Path(id_or_path).resolve(), False
    if not isinstance(id_or_path, str):
        raise CaseError(repr(id_or_path), "", "expected a case id or the path of a .yaml file, "
                                              f"got {type(id_or_path).__name__}")
    text = id_or_path.strip()
    if text.endswith((".yaml", ".yml")) or "/" in text or os.sep in text:
        return Path(text).expanduser().resolve(), False
    known = cases()
    if text not in known:
        raise CaseError(text, "", f"no such case; expected one of {', '.join(known)}")
    return (cases_dir() / f"{text}.yaml").resolve(), True


def _parse(path: Path) -> Case:
    import yaml  # deferred: keeps `import pushback_lib` light

    source = str(path)
    try:
        # The C SafeLoader is the same safe subset as yaml.safe_load, several times faster.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)  # noqa: S506 (safe)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CaseError(source, where, f"invalid YAML: {problem}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseError(source, "", f"cannot read the case file ({exc})") from None
    if data is None:
        raise CaseError(source, "", "the file is empty; expected a mapping of case fields")
    case = build(Case, data, "", source)
    _check(case, source)
    return replace(case, path=source)


def _check(case: Case, source: str) -> None:
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
    for name, value in vars(case.decision_inputs).items():
        if not 0.0 <= value <= 1.0:
            raise CaseError(source, join("decision_inputs", name),
                            f"expected a number from 0 to 1, got {value!r}")
    recommended = [a.id for a in case.alternatives if a.recommended]
    if len(recommended) != 1:
        raise CaseError(source, "alternatives", "expected exactly one alternative with "
                                                f"recommended: true, got {len(recommended)}")


class _CallableModule(types.ModuleType):
    """Lets ``pushback_lib.cases()`` work even after ``import pushback_lib.cases``.

    The function ``cases`` and this module share a name: importing the module
    directly makes Python bind ``pushback_lib.cases`` to the module, hiding the
    function. Calling the module calls the function, so both spellings work.
    """

    def __call__(self) -> list[str]:
        return cases()


sys.modules[__name__].__class__ = _CallableModule
