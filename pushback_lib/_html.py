"""Small HTML for notebook displays (``_repr_html_``), and whole pages, always escaped.

One job: render small tables and badges with every piece of text escaped, so a
case file or a learner's answer containing ``<`` or ``&`` can never break the
page or inject markup. Other modules may reuse it (charts' text alternatives,
analyzer reports, instructor tools).

Whole pages (the instructor's dashboard, the comment bank's review page) are
rendered by :func:`render_page` from jinja2 templates in
``pushback_lib/templates/`` with autoescape on: every value a template shows is
escaped unless it is ``Raw`` (markupsafe honours ``__html__``), so HTML has
one escaping path whether it is a table here or a page there. jinja2 is
imported only when a page is rendered, so learners' displays stay light.

Colours are from the Okabe-Ito palette, which stays distinct for the common
forms of colour blindness, and a badge always carries its word too, so colour
is never the only signal.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

__all__ = ["Raw", "esc", "table", "badge", "render_page", "LEVEL_COLOURS"]

LEVEL_COLOURS: dict[str, str] = {
    "missing": "#999999",  # grey
    "weak": "#D55E00",     # vermillion
    "good": "#0072B2",     # blue
    "strong": "#009E73",   # bluish green
}


class Raw(str):
    """Markup already built by this module: inserted as is, not escaped again."""

    def __html__(self) -> str:
        """What jinja2's autoescape (markupsafe) asks of markup that is already safe."""
        return str(self)


def esc(value: object) -> str:
    """Escape any value for HTML text or attributes (``Raw`` passes through)."""
    if isinstance(value, Raw):
        return str(value)
    return html.escape(str(value), quote=True)


def badge(word: str, colour: str | None = None) -> Raw:
    """A coloured label that also says its word (never colour alone)."""
    colour = colour or LEVEL_COLOURS.get(word, "#555555")
    return Raw(f'<span style="color:{esc(colour)};font-weight:bold">{esc(word)}</span>')


def table(headers: Sequence[object], rows: Iterable[Sequence[object]], *,
          caption: str = "", footer: Iterable[Sequence[object]] = (),
          css_class: str = "pushback-table") -> Raw:
    """An HTML table; every cell is escaped unless it is ``Raw``."""
    parts = [f'<table class="{esc(css_class)}">']
    if caption:
        parts.append(f"<caption>{esc(caption)}</caption>")
    parts.append("<thead><tr>" + "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
                 + "</tr></thead><tbody>")
    for row in rows:
        parts.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>")
    parts.append("</tbody>")
    foot = list(footer)
    if foot:
        parts.append("<tfoot>")
        for row in foot:
            parts.append("<tr>" + "".join(f"<th>{esc(c)}</th>" for c in row) + "</tr>")
        parts.append("</tfoot>")
    parts.append("</table>")
    return Raw("".join(parts))


def render_page(template: str, **context: object) -> str:
    """Render ``pushback_lib/templates/<template>`` with autoescape on; the page as text.

    Templates are package data, found with ``importlib.resources`` so an
    installed wheel renders the same page as a checkout. Undefined names are
    an error, not an empty string, so a renamed field cannot vanish silently.
    """
    from importlib.resources import files

    import jinja2

    source = files("pushback_lib").joinpath("templates", template).read_text(encoding="utf-8")
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env.from_string(source).render(**context)
