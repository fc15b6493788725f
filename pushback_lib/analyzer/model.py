"""The learned part of the analyzer: one calibrated linear classifier per label.

Trained by ``tools/train_analyzer.py`` (scikit-learn logistic regression on
:func:`.features.extract`, Platt-calibrated on predictions for writers the
fold never saw) and stored as plain arrays in ``data/model.npz``: no pickle,
so loading the model cannot run code. Applying it needs only numpy and a
dict lookup per feature, which keeps ``analyze()`` at thousands of drafts a
second; the arrays are read on the first ``analyze()`` call, never at import.

A label the guide rules out beside others (``labels.RULED_OUT_BY``) can be
read in two parts, as the guide defines it: ``opinion_only`` is a position
taken *and* no business reason or evidence. Such a label's classifier is
trained only on the drafts where the guide allows it, so it learns the move
itself instead of mostly learning what rules it out; the probability reported
is that conditional probability times the probability that nothing rules it
out. The model file lists the labels read this way (``conditional``); the
shipped model reads none (the trainer's ``CONDITIONAL`` says why).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING

from .features import DENSE, Speller, dense_features, ending, ending_counts, extract, letter_runs, model_words
from .labels import COMPONENTS, FLAGS, RULED_OUT_BY

if TYPE_CHECKING:
    import numpy as np

__all__ = ["LabelModel", "load_model", "MODEL_FILE"]

LABELS = (*COMPONENTS, *FLAGS)
MODEL_FILE = "model.npz"


_WORD_CACHE_LIMIT = 200_000


@dataclass(frozen=True)
class LabelModel:
    """Weights of the eight classifiers over one shared vocabulary."""

    vocab: dict[str, int]
    idf: np.ndarray
    """Inverse document frequency of each sparse feature (training drafts)."""
    sparse_weights: np.ndarray
    """(features, labels) weights of the L2-normalised sparse part."""
    dense_weights: np.ndarray
    """(dense features, labels) weights, in the order of ``features.DENSE``."""
    bias: np.ndarray
    platt: np.ndarray
    """(labels, 2): probability = sigmoid(a * logit + b), fitted on unseen writers."""
    thresholds: dict[str, float]
    """Label -> the probability from which it is called present (F1-best on unseen writers,
    between 0.25 and 0.75)."""
    labels: tuple[str, ...]
    version: str
    conditional: tuple[str, ...] = ()
    """Labels whose classifier gives p(label | nothing in ``RULED_OUT_BY`` present); see module."""
    ending: bool = False
    """Whether the model also reads the last sentence apart (:func:`.features.ending`)."""
    apostrophes: bool = False
    """Whether the model reads a contraction typed without its apostrophe as the contraction
    (:func:`.features.with_apostrophes`): only a model trained so does."""
    speller: Speller | None = field(default=None, repr=False, compare=False)
    """Unknown words read as the known word meant (built from the vocabulary by :func:`load_model`)."""
    word_cache: dict[str, tuple[int, ...]] = field(default_factory=dict, repr=False, compare=False)
    """Word -> vocabulary indices of its word feature and letter runs, filled as words are met."""
    _rows: np.ndarray = field(init=False, repr=False, compare=False)
    """Per feature, its label weights times its idf and then its idf, in float64: one gather per
    draft instead of two (built from ``sparse_weights`` and ``idf``, so a copy made with
    :func:`dataclasses.replace` rebuilds it)."""

    def __post_init__(self) -> None:
        import numpy as np

        idf = np.asarray(self.idf, dtype=float)[:, None]
        weights = np.asarray(self.sparse_weights, dtype=float)
        object.__setattr__(self, "_rows", np.hstack([weights * idf, idf]))

    def counts(self, text: str) -> dict[int, int]:
        """Vocabulary index -> count for the sparse features of ``text``.

        The same features as :func:`.features.extract` (a test checks it on the
        corpus), found without building a string per letter run: each distinct
        word's indices are worked out once and kept.
        """
        vocab, cache = self.vocab, self.word_cache
        words = model_words(text, self.speller, self.apostrophes)
        found: list[int] = []
        keep = found.extend
        for w in words:
            known = cache.get(w)
            if known is None:
                names = ["w " + w, *("c " + g for g in letter_runs(w))]
                known = tuple(j for j in map(vocab.get, names) if j is not None)
                if len(cache) < _WORD_CACHE_LIMIT:
                    cache[w] = known
            keep(known)
        keep(j for j in map(vocab.get, [f"b {a} {b}" for a, b in pairwise(words)]) if j is not None)
        out: dict[int, int] = Counter(found)  # counted in C: a draft has hundreds of letter runs
        if self.ending:
            for name, n in ending_counts(text, self.speller, apostrophes=self.apostrophes).items():
                index = vocab.get(name)
                if index is not None:
                    out[index] = n
        return out

    def probabilities(self, text: str) -> dict[str, float]:
        """Calibrated probability of each label for one draft."""
        import numpy as np

        counts = self.counts(text)
        logits = self.bias + np.asarray(dense_features(text)) @ self.dense_weights
        n = len(counts)
        if n:  # sublinear tf times idf, L2-normalised, as the trainer's design matrix
            rows = self._rows[np.fromiter(counts.keys(), np.intp, n)]
            tf = np.log(np.fromiter(counts.values(), float, n)) + 1.0
            weighted = tf * rows[:, -1]
            logits = logits + (tf @ rows[:, :-1]) / math.sqrt(float(weighted @ weighted))
        return self._joint(logits)

    def _joint(self, logits: np.ndarray) -> dict[str, float]:
        """Calibrated probabilities from raw logits, each conditional label multiplied by the
        probability that none of the labels ruling it out is present."""
        import numpy as np

        z = self.platt[:, 0] * logits + self.platt[:, 1]
        p = dict(zip(self.labels, (1.0 / (1.0 + np.exp(-z))).tolist(), strict=True))
        for label in self.conditional:
            p[label] *= 1.0 - max(p[other] for other in RULED_OUT_BY[label])
        return p

    def probabilities_reference(self, text: str) -> dict[str, float]:
        """The same probabilities computed from :func:`.features.extract` (slow; for tests)."""
        import numpy as np

        sparse, dense = extract(text, self.speller, self.apostrophes)
        if self.ending:
            sparse |= ending(text, self.speller, self.apostrophes)
        pairs = [(self.vocab[k], v) for k, v in sparse.items() if k in self.vocab]
        logits = self.bias + np.asarray(dense) @ self.dense_weights
        if pairs:
            idx = [j for j, _ in pairs]
            vals = np.array([v for _, v in pairs]) * self.idf[idx]
            vals /= math.sqrt(float(vals @ vals))
            logits = logits + vals @ self.sparse_weights[idx]
        return self._joint(logits)


def load_model() -> LabelModel:
    """Read ``data/model.npz`` from the installed package (plain arrays, ``allow_pickle=False``)."""
    import numpy as np

    with resources.files("pushback_lib.analyzer").joinpath("data", MODEL_FILE).open("rb") as fh:
        data = np.load(fh, allow_pickle=False)
        names = [str(x) for x in data["vocab"]]
        dense_names = tuple(str(x) for x in data["dense"])
        labels = tuple(str(x) for x in data["labels"])
        conditional = tuple(str(x) for x in data["conditional"]) if "conditional" in data.files else ()
        reads_ending = bool(data["ending"]) if "ending" in data.files else False
        apostrophes = bool(data["apostrophes"]) if "apostrophes" in data.files else False
        if dense_names != DENSE or labels != LABELS or not set(conditional) <= set(RULED_OUT_BY):
            raise RuntimeError("the analyzer model was trained on other features or labels; "
                               "retrain it with `make train-analyzer`")
        return LabelModel(vocab={n: i for i, n in enumerate(names)}, idf=data["idf"],
                          speller=Speller.from_vocabulary(names, data["idf"]),
                          sparse_weights=data["sparse_weights"], dense_weights=data["dense_weights"],
                          bias=data["bias"], platt=data["platt"], labels=labels,
                          thresholds={lab: float(t) for lab, t in
                                      zip(labels, data["thresholds"], strict=True)},
                          version=str(data["version"]),
                          conditional=conditional, ending=reads_ending, apostrophes=apostrophes)
