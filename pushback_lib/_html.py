"""Every piece of HTML the package shows goes through jinja2 with autoescape: one escaping path.

One job: turn values into HTML with every piece of text escaped, so a case file,
a learner's draft or a role-play reply containing ``<``, ``&`` or quotes can
never break the display or inject markup.

Two entry points share one jinja2 environment factory and one escape:

* :func:`fragment` renders the small pieces notebook displays need
  (``_repr_html_``, widget panes, the tables and badges below) from *inline*
  template strings kept next to the code that shows them. Why inline and not
  files: each fragment is one or two lines, read together with the Python that
  fills it, and a file per ``<li>`` would scatter a display over two places.
  Compiled templates are cached by their source, so a display re-rendered on
  every slider move compiles once.
* :func:`render_page` renders whole pages (the instructor's dashboard) from
  ``pushback_lib/templates/``, package data found with ``importlib.resources``.

Both escape with :func:`esc` (``html.escape`` with quotes), wired in as the
environment's ``finalize``, so a fragment is byte-for-byte what the displays
showed before templates (notebooks' stored outputs are compared exactly by
nbval). ``Raw`` (markup this module already built) passes through, as does
anything with ``__html__``. Undefined names are an error (``StrictUndefined``),
so a renamed field cannot vanish silently. Nothing else in the package builds
HTML with f-strings or ``+``; ``tests/foundation/test_html_escaping.py`` keeps
it so.

jinja2 is imported only when something is first rendered, so ``import
pushback_lib`` stays light.

Colours are from the Okabe-Ito palette, which stays distinct for the common
forms of colour blindness, and a badge always carries its word too, so colour
is never the only signal.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jinja2

__all__ = ["Raw", "esc", "fragment", "table", "badge", "render_page", "LEVEL_COLOURS"]

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
    """Escape any value for HTML text or attributes; markup (``__html__``) passes through.

    This is the escape jinja2 applies to every ``{{ value }}``; call
    :func:`fragment` rather than this by hand.
    """
    markup = getattr(value, "__html__", None)
    if callable(markup):
        return str(markup())
    return html.escape(str(value), quote=True)


def _finalize(value: object) -> Raw:
    """jinja2's ``finalize``: escape with :func:`esc` first, so autoescape finds safe markup."""
    return Raw(esc(value))


def _environment(**options: Any) -> jinja2.Environment:
    """The one way this package configures jinja2: autoescape, strict names, :func:`esc`."""
    import jinja2

    return jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                              finalize=_finalize, **options)


@functools.lru_cache(maxsize=1)
def _fragment_environment() -> jinja2.Environment:
    """No block trimming and the last newline kept: what a fragment's source says is what is shown."""
    return _environment(keep_trailing_newline=True)


@functools.lru_cache(maxsize=512)
def _compiled(source: str) -> jinja2.Template:
    return _fragment_environment().from_string(source)


def fragment(source: str, /, **context: object) -> Raw:
    """Render the inline template ``source`` with ``context``, every value escaped.

    >>> fragment("<p>{{ who }} said {{ what }}</p>", who="Ann", what="<b>no</b>")
    '<p>Ann said &lt;b&gt;no&lt;/b&gt;</p>'
    """
    return Raw(_compiled(source).render(**context))


_BADGE = '<span style="color:{{ colour }};font-weight:bold">{{ word }}</span>'


def badge(word: str, colour: str | None = None) -> Raw:
    """A coloured label that also says its word (never colour alone)."""
    return fragment(_BADGE, word=word, colour=colour or LEVEL_COLOURS.get(word, "#555555"))


_TABLE = ('<table class="{{ css_class }}">{% if caption %}<caption>{{ caption }}</caption>{% endif %}'
          '<thead><tr>{% for h in headers %}<th scope="col">{{ h }}</th>{% endfor %}</tr></thead><tbody>'
          '{% for row in rows %}<tr>{% for c in row %}<td>{{ c }}</td>{% endfor %}</tr>{% endfor %}'
          '</tbody>{% if footer %}<tfoot>{% for row in footer %}<tr>{% for c in row %}<th>{{ c }}</th>'
          '{% endfor %}</tr>{% endfor %}</tfoot>{% endif %}</table>')


def table(headers: Sequence[object], rows: Iterable[Sequence[object]], *,
          caption: str = "", footer: Iterable[Sequence[object]] = (),
          css_class: str = "pushback-table") -> Raw:
    """An HTML table; every cell is escaped unless it is ``Raw``."""
    return fragment(_TABLE, headers=headers, rows=rows, caption=caption, footer=list(footer),
                    css_class=css_class)


def render_page(template: str, **context: object) -> str:
    """Render ``pushback_lib/templates/<template>`` with autoescape on; the page as text.

    Templates are package data, found with ``importlib.resources`` so an
    installed wheel renders the same page as a checkout.
    """
    from importlib.resources import files

    source = files("pushback_lib").joinpath("templates", template).read_text(encoding="utf-8")
    env = _environment(trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    return env.from_string(source).render(**context)
