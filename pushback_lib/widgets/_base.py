"""What the three practice widgets share: a static fallback and case lookup."""

from __future__ import annotations

from typing import Any

from ..cases import Case
from ..errors import PushbackError

__all__ = ["StaticFallback", "resolve_case", "CHART_IN_WORDS", "CSS"]

CHART_IN_WORDS = "<p><small>Chart in words: {{ alt }}</small></p>"
"""A chart's text alternative under it, for ``_html.fragment(CHART_IN_WORDS, alt=...)``."""

CSS = """<style>
.pushback-widget .pushback-choice { white-space: normal; height: auto; min-height: 32px;
  text-align: left; line-height: 1.4; padding: 6px 10px; }
.pushback-widget .pushback-choice:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
.pushback-widget textarea:focus-visible, .pushback-widget select:focus-visible {
  outline: 3px solid #0072B2; }
</style>"""
"""Lets long choice buttons wrap and gives every control a clearly visible focus ring."""


def resolve_case(case: Case | str | None, *, required: bool = True) -> Case | None:
    """A ``Case`` from a case, a case id, or None (when not ``required``)."""
    if isinstance(case, Case):
        return case
    if isinstance(case, str):
        from ..cases import load_case
        return load_case(case)
    if case is None and not required:
        return None
    raise PushbackError(f"expected a Case or a case id such as 'niche_recruitment', got "
                        f"{type(case).__name__} {case!r}")


class StaticFallback:
    """Mixin: add a readable ``text/html`` and ``text/plain`` view to a widget's bundle.

    A live kernel renders the widget view; nbconvert, GitHub and any viewer
    without the widget manager pick the HTML instead, so the notebook still
    reads sensibly when nothing can run.
    """

    def static_html(self) -> str:  # pragma: no cover - every widget overrides it
        raise NotImplementedError

    def static_text(self) -> str:  # pragma: no cover - every widget overrides it
        raise NotImplementedError

    def _repr_mimebundle_(self, **kwargs: Any) -> dict[str, Any] | None:
        bundle = super()._repr_mimebundle_(**kwargs)  # type: ignore[misc]
        bundle = dict(bundle or {})
        bundle["text/plain"] = self.static_text()
        bundle["text/html"] = self.static_html()
        return bundle

    def __repr__(self) -> str:
        return self.static_text().splitlines()[0]
