"""Render an analysis as HTML for a notebook: the draft with its triggering spans highlighted.

Colour is never the only cue: every highlighted span is followed by a text tag
naming its label(s), flags are also underlined, and the colours are the
Okabe-Ito palette (safe for the common colour-vision deficiencies), lightened
so black text stays readable. Every piece of the learner's text is escaped.
"""

from __future__ import annotations

from html import escape
from itertools import pairwise
from typing import TYPE_CHECKING

from .labels import COMPONENTS, DEFINITIONS, FLAGS, NOT_SURE

if TYPE_CHECKING:
    from .result import Analysis

__all__ = ["analysis_html", "COLOURS"]

COLOURS: dict[str, str] = {  # Okabe-Ito hues, lightened for a text background
    "acknowledge": "#cce6f5",      # sky blue
    "business_reason": "#fbe3b3",  # orange
    "evidence": "#b3e0d6",         # bluish green
    "alternative": "#fbf5c0",      # yellow
    "involve": "#b3d1e8",          # blue
    "let_go": "#efd3e3",           # reddish purple
    "aggressive": "#f2c9b3",       # vermillion
    "opinion_only": "#e0e0e0",     # grey
    "contradiction": "#f2c9b3",
}
_UNDERLINED = {"aggressive", "opinion_only", "contradiction"}
_MAX_CHARS = 20_000  # a notebook cannot usefully show more; the findings table still lists everything


def _highlighted(a: Analysis) -> str:
    text = a.text[:_MAX_CHARS]
    spans = [f for f in a.findings if f.start < len(text)]
    cuts = sorted({0, len(text), *(f.start for f in spans), *(min(f.end, len(text)) for f in spans)})
    ends: dict[int, list[str]] = {}
    for f in spans:
        ends.setdefault(min(f.end, len(text)), [])
        if f.label not in ends[min(f.end, len(text))]:
            ends[min(f.end, len(text))].append(f.label)
    out: list[str] = []
    for lo, hi in pairwise(cuts):
        labels = [f.label for f in spans if f.start <= lo and f.end >= hi]
        piece = escape(text[lo:hi])
        if labels:
            label = labels[-1]
            style = f"background:{COLOURS.get(label, '#eeeeee')};padding:0 1px;"
            if any(lb in _UNDERLINED for lb in labels):
                style += "text-decoration:underline wavy #d55e00;"
            piece = (f'<mark style="{style}" title="{escape(", ".join(dict.fromkeys(labels)))}">'
                     f"{piece}</mark>")
        out.append(piece)
        if hi in ends:
            tag = escape(", ".join(ends[hi]))
            out.append(f'<sup style="font-size:70%;color:#333">[{tag}]</sup>')
    more = "" if len(a.text) <= _MAX_CHARS else f"<p><em>(first {_MAX_CHARS:,} characters shown)</em></p>"
    return f'<div style="white-space:pre-wrap;line-height:1.8">{"".join(out)}</div>{more}'


def analysis_html(a: Analysis) -> str:
    """The whole analysis: highlighted draft, labels found and missing, and what to do next."""
    rows = []
    for label in (*COMPONENTS, *FLAGS):
        present = label in (a.components | a.flags)
        mark = ("✔ present" if present else "✘ missing") if label in COMPONENTS else \
               ("⚠ flagged" if present else "✔ not flagged")
        if label in a.unsure:
            mark = "? not sure"
        if label in a.confidence:
            mark += f" ({a.confidence[label]:.0%})"
        swatch = f"background:{COLOURS[label]};padding:0 4px"
        rows.append(f"<tr><td><span style=\"{swatch}\">{escape(label)}</span></td>"
                    f"<td>{mark}</td><td>{escape(DEFINITIONS[label])}</td></tr>")
    unsure = ""
    if a.unsure:
        doubts = "; ".join(NOT_SURE[x] for x in (*COMPONENTS, *FLAGS) if x in a.unsure)
        unsure = (f"<p><em>{escape(doubts[0].upper() + doubts[1:])}: see Next for what would make it "
                  "clear.</em></p>")
    parts = [f"<div><strong>Draft analysis</strong> (pre-score {a.prescore:.2f})</div>",
             unsure,
             _highlighted(a),
             "<table><tr><th>label</th><th>status (how sure)</th><th>means</th></tr>", *rows,
             "</table>"]
    if a.contradictions:
        parts.append("<p><strong>Contradicts the case (accuracy)</strong></p><ul>")
        parts += [f"<li>{escape(c.quote)}: says {escape(c.said)}, but fact {escape(c.fact_id)} says "
                  f"{escape(c.expected)} ({escape(c.fact_text)})</li>" for c in a.contradictions]
        parts.append("</ul>")
    if a.suggestions:
        parts.append("<p><strong>Next</strong></p><ul>")
        parts += [f"<li><em>{escape(s.stage)}</em>: {escape(s.text)}</li>" for s in a.suggestions]
        parts.append("</ul>")
    return "\n".join(parts)
