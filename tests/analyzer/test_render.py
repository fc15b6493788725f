"""Notebook rendering: spans highlighted with a text label each (colour is never the only cue),
all escaped."""

from __future__ import annotations

import re

from pushback_lib.analyzer import COMPONENTS, analyze
from pushback_lib.analyzer.render import COLOURS


def test_html_marks_every_finding_and_names_its_label_in_text() -> None:
    a = analyze("I hear you. For example, the pilot cut costs by 12%. This is RIDICULOUS.")
    html = a._repr_html_()
    assert html.count("<mark") >= 3
    for label in {f.label for f in a.findings}:
        assert f"[{label}" in html or f", {label}" in html  # a visible text tag, not only a colour
        assert COLOURS[label] in html
    assert "underline" in html  # flags are also underlined


def test_learner_text_is_escaped() -> None:
    text = '<script>alert("x")</script> I understand & I hear you <b>really</b>'
    html = analyze(text)._repr_html_()
    assert "<script>" not in html and "<b>really" not in html
    assert "&lt;script&gt;" in html and "&amp;" in html


def test_html_keeps_the_draft_text_in_order() -> None:
    text = "I understand the worry.\nCould we run a two-week pilot instead?"
    html = analyze(text)._repr_html_()
    visible = re.sub(r"<sup[^>]*>.*?</sup>", "", html)
    visible = re.sub(r"<[^>]+>", "", visible)
    assert text in visible.replace("&#x27;", "'")


def test_colours_are_distinct_per_component() -> None:
    from pushback_lib.analyzer import COMPONENTS
    assert len({COLOURS[c] for c in COMPONENTS}) == len(COMPONENTS)


def test_str_lists_findings_and_next_steps_without_markup() -> None:
    text = str(analyze("I just feel the old logo was nicer."))
    assert "Flags: opinion_only" in text and "Next:" in text and "(build_case)" in text
    assert "<" not in text


def test_repr_is_the_same_whatever_the_hash_seed() -> None:
    """Notebooks store the repr of an analysis: it must not depend on set iteration order."""
    import os
    import subprocess
    import sys
    code = ("from pushback_lib.analyzer import analyze\n"
            "print(repr(analyze('I hear you. For example the pilot cut costs by 12%. Could we test it? "
            "It is your call. This is RIDICULOUS.')))")
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": seed}).stdout for seed in ("1", "2", "3")}
    assert len(outs) == 1
    out = outs.pop()
    assert out.startswith("Analysis(components=frozenset({")
    shown = out.split("frozenset({", 1)[1].split("})", 1)[0].replace("'", "").split(", ")
    assert shown == [c for c in COMPONENTS if c in shown]  # the fixed order, not the hash order
