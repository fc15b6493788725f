"""The draft analyzer: explainable, offline feedback on a free-text pushback.

==========================  ===================================================
``analyze(text, case=None)`` an :class:`Analysis` of one draft
``Analysis``                ``.components``, ``.flags``, ``.findings``,
                            ``.suggestions``, ``.contradictions``, ``.prescore``;
                            renders itself as highlighted HTML in a notebook
``Finding``                 label, character span, quote, why
``Suggestion``              stage key (``pushback_lib.STAGES``), text
``COMPONENTS``, ``FLAGS``   the label names
``disagree(analysis, label)`` a learner's report that a label is wrong, kept in
                            their workspace for the instructor
==========================  ===================================================

>>> a = analyze("I see why the budget worries you. For example, the 2023 pilot cut costs by 12%. "
...             "Could we run a two-week trial first?")
>>> sorted(a.components)
['acknowledge', 'alternative', 'business_reason', 'evidence']
>>> sorted(analyze("This is RIDICULOUS, you never listen.").flags)
['aggressive', 'opinion_only']

Why rules *and* a trained model: hand-written rules explain themselves (which
words, and why) but plateaued on phrasing they had never met; a model trained
on thousands of drafts by many writers (``corpus/``) generalises better but
cannot point at words. So the model makes the calibrated call on each label
and says when it is not sure (``Analysis.confidence``, ``Analysis.unsure``),
and the rules find the spans that explain its calls. A label it is not sure
about is named as an open question ("not sure whether this acknowledges their
view"), and no acknowledgement or let-go is credited while the draft may be
hostile. ``make eval-analyzer``
measures it on a frozen holdout written by people whose drafts trained nothing.
"""

from __future__ import annotations

from .core import analyze
from .disagree import disagree
from .labels import COMPONENTS, FLAGS, LABEL_STAGE
from .result import Analysis, Contradiction, Finding, Suggestion

__all__ = ["analyze", "disagree", "Analysis", "Finding", "Suggestion", "Contradiction", "COMPONENTS", "FLAGS",
           "LABEL_STAGE"]
