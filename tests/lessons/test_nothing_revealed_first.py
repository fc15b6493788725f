"""Stored outputs give nothing away before the learner decides.

Why: a notebook keeps its outputs, so a learner scrolling a lesson (or reading it
on a website without a kernel) sees every stored output before doing the
exercise above it. A cell that reveals an answer (a reveal, a debrief, an
expert's pick or plan) must store its output folded: a closed ``<details>``
under a summary line, with nothing of the answer in its plain text or on a
stream. Markdown that explains a case study's answer is folded the same way.
"""

from __future__ import annotations

import re

import pytest

from tests.lessons.conftest import LESSON_NAMES

# Cell sources that show an answer: the commit-then-reveal call, the debrief, the expert's
# pick, the expert plan's score.
REVEALING = re.compile(r"\breveal\(|\bdebrief\(|expert_pick|expert\.total|\bfold\(|\benlist_level\(")
# Words that only an answer says, wherever it is printed.
ANSWER_WORDS = ("What the expert did:", "The recruiter picked", "Same pick as the recruiter",
                "The consultant picked", "Same pick as the consultant")
FOLD_OPENING = re.compile(r"^\s*(<div><h4>[^<]*</h4>)?<details><summary>[^<]+</summary>")


def _outputs(nb):
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            for out in cell.get("outputs", []):
                yield i, cell, out


def _folded(out) -> bool:
    data = out.get("data", {})
    html = data.get("text/html", "")
    html = "".join(html) if isinstance(html, list) else html
    return bool(FOLD_OPENING.match(html)) and "<details open" not in html


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_revealing_cells_store_only_folded_output(lessons, name):
    nb = lessons[name]
    bad = []
    for i, cell, out in _outputs(nb):
        if not REVEALING.search(cell.source):
            continue
        if out.output_type == "stream":
            bad.append(f"cell {i}: prints {out.text[:60]!r} unfolded")
        elif out.output_type in ("execute_result", "display_data") and not _folded(out):
            bad.append(f"cell {i}: output is not a closed <details>")
    assert not bad, f"{name}: " + "; ".join(bad)


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_no_stored_output_shows_an_answer_outside_a_fold(lessons, name):
    bad = []
    for i, _cell, out in _outputs(lessons[name]):
        plain = out.get("text", "") if out.output_type == "stream" else \
            out.get("data", {}).get("text/plain", "")
        plain = "".join(plain) if isinstance(plain, list) else plain
        for words in ANSWER_WORDS:
            if words in plain:
                bad.append(f"cell {i}: {words!r} in plain text")
            html = out.get("data", {}).get("text/html", "")
            html = "".join(html) if isinstance(html, list) else html
            if words in html and not (_folded(out) and html.index("<details>") < html.index(words)):
                bad.append(f"cell {i}: {words!r} outside a fold")
    assert not bad, f"{name}: " + "; ".join(bad)


@pytest.mark.parametrize("name", LESSON_NAMES)
def test_why_it_worked_is_folded(lessons, name):
    for i, cell in enumerate(lessons[name].cells):
        if cell.cell_type == "markdown" and cell.source.startswith("## Why it worked"):
            assert "<details><summary>" in cell.source, f"{name} cell {i}: answer not folded"


def test_the_scan_catches_an_unfolded_reveal():
    """The rule itself: an open reveal fails, the same reveal folded passes."""
    import nbformat

    def nb_with(data):
        cell = nbformat.v4.new_code_cell("reveal(case, my_call)")
        cell.outputs = [nbformat.v4.new_output("execute_result", data=data, execution_count=1)]
        nb = nbformat.v4.new_notebook()
        nb.cells = [cell]
        return nb

    open_ = nb_with({"text/html": "<div><p>What the expert did: a call</p></div>",
                     "text/plain": "What the expert did: a call"})
    folded = nb_with({"text/html": "<div><h4>T</h4><details><summary>Your call first</summary>"
                                   "What the expert did: a call</details></div>",
                      "text/plain": "[folded]"})
    with pytest.raises(AssertionError):
        test_revealing_cells_store_only_folded_output({"x": open_}, "x")
    with pytest.raises(AssertionError):
        test_no_stored_output_shows_an_answer_outside_a_fold({"x": open_}, "x")
    test_revealing_cells_store_only_folded_output({"x": folded}, "x")
    test_no_stored_output_shows_an_answer_outside_a_fold({"x": folded}, "x")
