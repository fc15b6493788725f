"""One spelling per word: what the model reads of a misspelt or American-spelt word."""

from __future__ import annotations

import pytest

from pushback_lib.analyzer.core import _model
from pushback_lib.analyzer.features import Speller, extract, model_words, one_spelling

SPELLER = Speller.from_words([("recommend", 1.0), ("understand", 1.2), ("totally", 2.0),
                              ("organise", 3.0), ("posted", 3.0), ("pilot", 1.5), ("pilots", 2.5),
                              ("receive", 2.0), ("recieve", 6.0)])


@pytest.mark.parametrize("typed, meant", [
    ("recomend", "recommend"),    # a letter dropped
    ("reccomend", "recommend"),   # a letter doubled and another dropped
    ("understnad", "understand"),  # two letters swapped
    ("totaly", "totally"),
    ("recommend", "recommend"),   # known: untouched
    ("pilots", "pilots"),         # known, though one slip from another known word
    ("costed", "costed"),         # "posted" is one slip away, but not at the first letter
    ("teh", "teh"),               # too short to correct safely
    ("q3's", "q3's"),             # not all letters
    ("zzzzzz", "zzzzzz"),         # nothing near: left as typed
])
def test_a_word_the_model_never_met_is_read_as_the_known_word_meant(typed: str, meant: str) -> None:
    assert SPELLER.correct(typed) == meant


def test_the_most_common_known_word_wins_a_tie() -> None:
    # "receve" is one slip from both "receive" and the (rarer, itself misspelt) "recieve"
    assert SPELLER.correct("receve") == "receive"


@pytest.mark.parametrize("word, one", [
    ("organize", "organise"), ("organization", "organisation"), ("analyzed", "analysed"),
    ("realizing", "realising"), ("prioritizes", "prioritises"),
    ("size", "size"), ("prize", "prize"), ("seized", "seized"), ("citizen", "citizen"),
])
def test_ize_and_ise_are_one_word(word: str, one: str) -> None:
    assert one_spelling(word) == one


def test_the_model_reads_both_englishes_and_slips_alike() -> None:
    model = _model()
    assert model.speller is not None
    assert model_words("We could organize it", model.speller) == model_words("We could organise it",
                                                                              model.speller)
    assert (model.probabilities("I'd reccomend we pilot it in one region.")
            == model.probabilities("I'd recommend we pilot it in one region."))


def test_training_and_the_shipped_model_read_the_same_features() -> None:
    """The fast path and ``extract`` agree once a speller is in play (the word cache included)."""
    model = _model()
    for text in ("Id recomend we pilot it, totaly worth it.", "We'll organize a workshop; REALLY."):
        assert model.probabilities(text) == pytest.approx(model.probabilities_reference(text))
        sparse, _ = extract(text, model.speller)
        assert "w recommend" in sparse or "w organise" in sparse
