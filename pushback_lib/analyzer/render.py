"""Render an analysis as HTML for a notebook: the draft with its triggering spans highlighted.

Colour is never the only cue: every highlighted span is followed by a text tag
naming its label(s), flags are also underlined, and the colours are the
Okabe-Ito palette (safe for the common colour-vision deficiencies), lightened
so black text stays readable. Every piece of the learner's text is escaped: the
HTML is rendered by ``_html.fragment`` (jinja2 with autoescape), like every other
display in the package.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from .._html import fragment
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
    pieces: list[tuple[str, str, str, str]] = []  # (text, mark style or "", mark title, tag after)
    for lo, hi in pairwise(cuts):
        labels = [f.label for f in spans if f.start <= lo and f.end >= hi]
        style = ""
        if labels:
            style = f"background:{COLOURS.get(labels[-1], '#eeeeee')};padding:0 1px;"
            if any(lb in _UNDERLINED for lb in labels):
                style += "text-decoration:underline wavy #d55e00;"
        pieces.append((text[lo:hi], style, ", ".join(dict.fromkeys(labels)), ", ".join(ends.get(hi, ()))))
    return fragment(_DRAFT, pieces=pieces, cut=len(a.text) > _MAX_CHARS, max_chars=f"{_MAX_CHARS:,}")


_DRAFT = ('<div style="white-space:pre-wrap;line-height:1.8">{% for text, style, title, tag in pieces %}'
          '{% if style %}<mark style="{{ style }}" title="{{ title }}">{{ text }}</mark>{% else %}{{ text }}'
          '{% endif %}{% if tag %}<sup style="font-size:70%;color:#333">[{{ tag }}]</sup>{% endif %}'
          "{% endfor %}</div>{% if cut %}<p><em>(first {{ max_chars }} characters shown)</em></p>{% endif %}")
"""The draft, each span marked in its label's colour and followed by its label in words."""

_ANALYSIS = ("<div><strong>Draft analysis</strong> (pre-score {{ prescore }})</div>\n"
             "{% if doubts %}<p><em>{{ doubts }}: see Next for what would make it clear.</em></p>"
             "{% endif %}\n"
             "{{ draft }}\n<table><tr><th>label</th><th>status (how sure)</th><th>means</th></tr>\n"
             "{% for label, swatch, mark, means in rows %}<tr><td><span style=\"{{ swatch }}\">{{ label }}"
             "</span></td><td>{{ mark }}</td><td>{{ means }}</td></tr>\n{% endfor %}</table>"
             "{% if contradictions %}\n<p><strong>Contradicts the case (accuracy)</strong></p><ul>"
             "{% for c in contradictions %}\n<li>{{ c.quote }}: says {{ c.said }}, but fact {{ c.fact_id }} "
             "says {{ c.expected }} ({{ c.fact_text }})</li>{% endfor %}\n</ul>{% endif %}"
             "{% if suggestions %}\n<p><strong>Next</strong></p><ul>{% for s in suggestions %}"
             "\n<li><em>{{ s.stage }}</em>: {{ s.text }}</li>{% endfor %}\n</ul>{% endif %}")
"""The whole analysis; one part a line, as notebooks have stored it."""


def analysis_html(a: Analysis) -> str:
    """The whole analysis: highlighted draft, labels found and missing, and what to do next."""
    rows: list[tuple[str, str, str, str]] = []
    for label in (*COMPONENTS, *FLAGS):
        present = label in (a.components | a.flags)
        mark = ("✔ present" if present else "✘ missing") if label in COMPONENTS else \
               ("⚠ flagged" if present else "✔ not flagged")
        if label in a.unsure:
            mark = "? not sure"
        if label in a.confidence:
            mark += f" ({a.confidence[label]:.0%})"
        rows.append((label, f"background:{COLOURS[label]};padding:0 4px", mark, DEFINITIONS[label]))
    doubts = "; ".join(NOT_SURE[x] for x in (*COMPONENTS, *FLAGS) if x in a.unsure)
    return fragment(_ANALYSIS, prescore=f"{a.prescore:.2f}", doubts=doubts[:1].upper() + doubts[1:],
                    draft=_highlighted(a), rows=rows, contradictions=a.contradictions,
                    suggestions=a.suggestions)
