"""The draft analyzer: explainable, offline feedback on a free-text pushback.

==========================  ===================================================
``analyze(text, case=None)`` an :class:`Analysis` of one draft
``Analysis``                ``.components``, ``.flags``, ``.findings``,
                            ``.suggestions``, ``.contradictions``, ``.prescore``;
                            renders itself as highlighted HTML in a notebook
``Finding``                 label, character span, quote, why
``Suggestion``              stage key (``pushback_lib.STAGES``), text
``COMPONENTS``, ``FLAGS``   the label names
==========================  ===================================================

>>> a = analyze("I see why the budget worries you. For example, the 2023 pilot cut costs by 12%. "
...             "Could we run a two-week trial first?")
>>> sorted(a.components)
['acknowledge', 'alternative', 'business_reason', 'evidence']
>>> sorted(analyze("You NEVER listen to us.").flags)
['aggressive']
>>> sorted(analyze("This is RIDICULOUS, you never listen.").flags)
['aggressive', 'opinion_only']

Why rules and not a trained model: every label must explain itself to a
learner (which words, and why), the private test drafts are written by other
people in other styles, and a lexicon written from the label definitions
generalises to them better than a model fitted to a few hundred of our own
drafts (see ``bench/bench_analyzer.py`` for the measured figures).
"""

from __future__ import annotations

from .core import analyze
from .labels import COMPONENTS, FLAGS, LABEL_STAGE
from .result import Analysis, Contradiction, Finding, Suggestion

__all__ = ["analyze", "Analysis", "Finding", "Suggestion", "Contradiction", "COMPONENTS", "FLAGS",
           "LABEL_STAGE"]
