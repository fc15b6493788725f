"""One spelling per word: what the model reads of a misspelt or American-spelt word."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pushback_lib.analyzer.core import _model
from pushback_lib.analyzer.features import (
    Speller,
    extract,
    model_words,
    one_spelling,
    tokens,
    with_apostrophes,
)

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


@pytest.mark.parametrize("typed, meant", [
    ("dont worry im on it", "don't worry i'm on it"),
    ("thats fine youre right", "that's fine you're right"),
    ("its your call and well go ahead", "it's your call and we'll go ahead"),
    ("its budget is fine as well", "its budget is fine as well"),        # possessive; "as well"
    ("oh well its been a week", "oh well it's been a week"),
    ("well done", "well done"),                                          # not before a verb
    ("we'll go, it's fine", "we'll go it's fine"),                       # typed right: untouched
])
def test_a_contraction_typed_without_its_apostrophe_is_read_as_the_contraction(typed: str,
                                                                              meant: str) -> None:
    assert with_apostrophes(tokens(typed)) == tokens(meant)


def test_a_model_trained_to_restore_apostrophes_reads_a_phone_typed_let_go_as_the_careful_one() -> None:
    """The option travels with the model (``train_analyzer --apostrophes``, saved in model.npz):
    a model trained so reads both drafts alike, on the fast path and the reference path."""
    restoring = replace(_model(), apostrophes=True, word_cache={})
    typed = "Its your call and well go ahead with your version"
    careful = "It's your call and we'll go ahead with your version"
    assert restoring.probabilities(typed) == restoring.probabilities(careful)
    assert restoring.probabilities(typed) == pytest.approx(restoring.probabilities_reference(typed))
    assert model_words(typed, apostrophes=True) == model_words(careful)
    assert model_words(typed) != model_words(careful), "a model trained without reads as it was trained"


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
