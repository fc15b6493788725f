"""The embedding experiment's option of ``train_analyzer`` (``--embed``): its dense block is
standardised on the training fold only and weighed by one number, and without it the design
matrix is the shipped one. (The embeddings themselves need ``wordllama``, not a dependency of the
course: corpus/README.md, task "embed".)"""

from __future__ import annotations

import numpy as np
import pytest

import tools.train_analyzer as train
from tools.embed_features import KINDS, Embedder


def test_the_standardised_block_has_the_requested_length_on_average() -> None:
    rng = np.random.default_rng(0)
    raw = rng.normal(3.0, [0.1 * (k + 1) for k in range(16)], size=(400, 16))
    for scale in (0.25, 1.0):
        mean, factor = train.embedding_transform(raw, scale)
        block = (raw - mean) * factor
        assert np.allclose(block.mean(0), 0.0, atol=1e-12)
        assert np.sqrt((block ** 2).sum(1).mean()) == pytest.approx(scale, rel=1e-9)


def test_a_constant_dimension_does_not_divide_by_zero() -> None:
    raw = np.column_stack([np.ones(5), np.arange(5.0)])
    mean, factor = train.embedding_transform(raw, 1.0)
    assert np.all(np.isfinite((raw - mean) * factor))


def test_the_embedding_columns_follow_the_sparse_and_tone_columns() -> None:
    feats = train.featurize([{"text": "I hear you, but the budget says otherwise."},
                             {"text": "FINE. Your loss!!"}])
    names, idf = train.vocabulary(feats + feats)
    vocab = {n: i for i, n in enumerate(names)}
    plain = train.design_matrix(feats, vocab, idf)
    emb = np.array([[1.0, -2.0, 0.5], [0.0, 3.0, -1.0]])
    with_emb = train.design_matrix(feats, vocab, idf, emb)
    assert with_emb.shape == (2, plain.shape[1] + 3)
    assert np.array_equal(with_emb[:, :plain.shape[1]].toarray(), plain.toarray())
    assert np.array_equal(with_emb[:, plain.shape[1]:].toarray(), emb)


class _Tokens:
    """A stand-in tokenizer: one id per word (the real one is WordLlama's)."""

    class _Encoding:
        def __init__(self, ids: list[int]) -> None:
            self.ids = ids

    def encode(self, text: str, add_special_tokens: bool = False) -> _Encoding:
        return self._Encoding([len(w) % 4 for w in text.split()])


def test_a_draft_vector_is_unit_pieces_of_the_whole_then_first_and_last_sentence() -> None:
    vectors = np.eye(4, dtype=np.float32) * np.array([[1.0], [2.0], [3.0], [4.0]], dtype=np.float32)
    embedder = Embedder(vectors, _Tokens())
    text = "Fine. Whatever you say, boss. Your loss"
    whole = embedder.draft_vector(text, "mean")
    assert whole.shape == (4,) and np.linalg.norm(whole) == pytest.approx(1.0)
    ends = embedder.draft_vector(text, "ends")
    assert ends.shape == (4 * KINDS["ends"],)
    assert np.allclose(ends[:4], whole)
    assert np.allclose(ends[4:8], embedder.draft_vector("Fine.", "mean"))
    assert np.allclose(ends[8:], embedder.draft_vector("Your loss", "mean"))
    assert not embedder.draft_vector("", "mean").any()
    with pytest.raises(ValueError, match="unknown embedding kind 'last'"):
        embedder.draft_vector(text, "last")
