"""The answer key: hidden expectations live with the instructor, never in this package.

The package a learner installs holds each question's *visible* expectations
(what the self-check and the release test cell need) and nothing of the
hidden ones. The full expectations of a question are its **key**: literal
data in the hidden-test region of its test cell in the source notebook
(``solutions/``)::

    ### BEGIN HIDDEN TESTS
    run_hidden_checks("a1-q1", q1_statement_kinds, key=["opinion", ...])
    ### END HIDDEN TESTS

nbgrader strips that region from the release and stores the full test source
in the gradebook at generate time. The trusted grader reads the key from the
gradebook's stored source (:func:`key_from_test_source`, parsed with
:func:`ast.literal_eval`, never run, never read from the kernel); in the
source notebook, the call passes it to the checks directly.

Without a key a question's hidden checks cannot pass (their expectations are
unknown), so points with hidden checks are only right when the key is given;
the visible checks never need it.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from pathlib import Path

from ..cases.keys import SOLUTIONS_ENV, clone_solutions_dir
from .plain import Plain

__all__ = ["UNKNOWN", "expected_items", "expected_ids", "key_from_test_source",
           "keys_from_notebook", "find_key", "AnswerKeyError", "SOLUTIONS_ENV"]



class _Unknown:
    """A hidden expectation this package does not know (it equals nothing)."""

    def __repr__(self) -> str:
        return "UNKNOWN"

    def __eq__(self, other: object) -> bool:
        return False

    __hash__ = object.__hash__


UNKNOWN = _Unknown()


class AnswerKeyError(ValueError):
    """A key in a test cell is not literal data of the right shape."""


def expected_items(key: Plain | None, visible: Sequence[Plain], length: int) -> list[object]:
    """The full expectations: the key if given (checked), else the visible ones then UNKNOWN."""
    if key is None:
        return [*visible, *[UNKNOWN] * (length - len(visible))]
    if type(key) is not list or len(key) != length or list(key[:len(visible)]) != list(visible):
        raise AnswerKeyError(f"the key {key!r} is not a list of {length} items "
                             f"starting with {list(visible)!r}")
    return list(key)


def expected_ids(key: Plain | None, visible: dict[str, bool], universe: Sequence[str]
                 ) -> tuple[set[str], bool]:
    """``(ids to choose, known)`` for a keyed choice of ids; ``visible``: id -> must be chosen.

    Without a key only the visible expectations are known (``known`` is False);
    with one, the key is checked: a list of distinct ids of ``universe`` that
    agrees with every visible expectation.
    """
    if key is None:
        return {i for i, chosen in visible.items() if chosen}, False
    if (type(key) is not list or not all(type(k) is str and k in universe for k in key)
            or len(set(key)) != len(key)
            or any((i in key) != chosen for i, chosen in visible.items())):
        raise AnswerKeyError(f"the key {key!r} is not a list of distinct ids of the case that "
                             f"agrees with the visible expectations {visible!r}")
    return set(key), True


def key_from_test_source(source: str) -> Plain | None:
    """The ``key=`` literal of the ``run_hidden_checks(...)`` call in a test cell's source, or None."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return None
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                and node.func.id == "run_hidden_checks"):
            for kw in node.keywords:
                if kw.arg == "key":
                    try:
                        return ast.literal_eval(kw.value)
                    except (ValueError, SyntaxError, TypeError) as exc:
                        raise AnswerKeyError(f"the key in this test cell is not literal data: {exc}"
                                             ) from None
    return None


def keys_from_notebook(path: str | Path) -> dict[str, Plain]:
    """Grade id -> key of every test cell of a source notebook that carries one."""
    import nbformat

    nb = nbformat.read(str(path), as_version=4)
    keys: dict[str, Plain] = {}
    for cell in nb.cells:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if cell.cell_type == "code" and gid:
            key = key_from_test_source(cell.source)
            if key is not None:
                keys[gid] = key
    return keys


def find_key(question_id: str) -> tuple[Plain, bool]:
    """``(key, found)`` for reveal mode: the question's key from the source notebooks, if present.

    ``found`` is True when a source notebook with this question's test cell exists
    (its key may be None: a question whose expectations come from the case files).
    """
    folder = clone_solutions_dir()
    for path in sorted(folder.glob("*/*.ipynb")) if folder.is_dir() else []:
        try:
            keys = keys_from_notebook(path)
            text = path.read_text(encoding="utf-8")
        except (OSError, ValueError):
            continue
        if question_id in keys:
            return keys[question_id], True
        if f'"grade_id": "{question_id}"' in text:
            return None, True
    return None, False
