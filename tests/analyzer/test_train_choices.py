"""The measured choices of ``train_analyzer``: where each label's threshold sits, how much the older
corpus weighs (corpus/README.md, "Third round"), and the options measured since (conditional
labels, the ending read apart, words scaled by their naive-Bayes ratio)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse as sp

import tools.train_analyzer as train
from pushback_lib.analyzer.labels import RULED_OUT_BY


def test_the_threshold_stays_at_even_odds_unless_another_is_clearly_better() -> None:
    rng = np.random.default_rng(0)
    gold = rng.random(2000) < 0.4
    probs = np.clip(np.where(gold, 0.7, 0.3) + rng.normal(0, 0.15, 2000), 0, 1)
    assert train.choose_threshold(probs, gold) == 0.5  # symmetric: 0.5 is within 0.01 of the best


def test_a_clearly_better_threshold_is_taken() -> None:
    # positives all sit between 0.3 and 0.45: at 0.5 the label is never called (F1 0)
    gold = np.array([True] * 50 + [False] * 50)
    probs = np.concatenate([np.linspace(0.3, 0.45, 50), np.linspace(0.0, 0.2, 50)])
    t = train.choose_threshold(probs, gold)
    assert t in train.THRESHOLDS and t <= 0.3
    assert train.f1(gold, probs >= t) == 1.0


def test_the_older_corpus_keeps_the_share_asked_for() -> None:
    groups = np.array(["legacy"] * 100 + ["t1"] * 300 + ["t2"] * 500)
    w = train.draft_weights(groups, 0.23)
    assert w is not None
    assert w[groups == "legacy"].sum() / w.sum() == pytest.approx(0.23)
    assert (w[groups != "legacy"] == 1.0).all()
    assert train.draft_weights(groups, 0.0) is None  # the default: every draft weighs 1
    assert train.draft_weights(groups[groups != "legacy"], 0.23) is None


def test_a_conditional_label_is_trained_only_where_the_guide_allows_it() -> None:
    labels = train.LABELS
    y = np.zeros((4, len(labels)), dtype=bool)
    y[0, labels.index("aggressive")] = True
    y[1, labels.index("evidence")] = True
    y[2, labels.index("business_reason")] = y[2, labels.index("acknowledge")] = True
    mask = train.allowed(y, tuple(RULED_OUT_BY))
    assert mask[:, labels.index("acknowledge")].tolist() == [False, True, True, True]
    assert mask[:, labels.index("let_go")].tolist() == [False, True, True, True]
    assert mask[:, labels.index("opinion_only")].tolist() == [True, False, False, True]
    assert mask[:, labels.index("evidence")].all() and mask[:, labels.index("aggressive")].all()
    assert train.allowed(y, ()).all()  # the default: every label on every draft
    assert set(train.CONDITIONAL) <= set(RULED_OUT_BY)


def test_the_joint_probability_is_the_conditional_one_times_nothing_ruling_it_out() -> None:
    labels = train.LABELS
    p = np.full((1, len(labels)), 0.5)
    p[0, labels.index("opinion_only")] = 0.9
    p[0, labels.index("business_reason")] = 0.2
    p[0, labels.index("evidence")] = 0.6
    p[0, labels.index("aggressive")] = 0.1
    out = train.joint(p, tuple(RULED_OUT_BY))
    assert out[0, labels.index("opinion_only")] == pytest.approx(0.9 * (1 - 0.6))
    assert out[0, labels.index("acknowledge")] == pytest.approx(0.5 * (1 - 0.1))
    assert out[0, labels.index("evidence")] == 0.6  # not conditional: unchanged
    assert (train.joint(p, ()) == p).all()


WORDS = ["calm", "rude", "reason", "fact", "maybe", "sure", "never", "please"]


def _random_drafts(seed: int, per_writer: int, length: int) -> tuple[list, np.ndarray, np.ndarray]:
    """Features, random labels and writers of three writers' drafts of ``length`` random words."""
    rng = np.random.default_rng(seed)
    n = 3 * per_writer
    feats = [train.extract(" ".join(rng.choice(WORDS, length))) for _ in range(n)]
    y = rng.random((n, len(train.LABELS))) < 0.5
    return feats, y, np.repeat(["a", "b", "c"], per_writer)


def test_a_masked_label_is_fitted_on_its_allowed_drafts_only_in_every_fold() -> None:
    feats, y, groups = _random_drafts(1, per_writer=20, length=5)
    mask = np.ones(y.shape, dtype=bool)
    j = train.LABELS.index("opinion_only")
    mask[::3, j] = False
    # a masked-out draft's own label cannot change the fit: flipping it changes no prediction
    flipped = y.copy()
    flipped[::3, j] = ~flipped[::3, j]
    a = train.out_of_fold(feats, y, groups, mask=mask)
    b = train.out_of_fold(feats, flipped, groups, mask=mask)
    c = train.out_of_fold(feats, flipped, groups)
    unmasked = train.out_of_fold(feats, y, groups)
    others = [k for k in range(len(train.LABELS)) if k != j]
    for cc in train.C_GRID:
        assert np.allclose(a[cc][:, j], b[cc][:, j])
        assert not np.allclose(b[cc][:, j], c[cc][:, j])  # without the mask it does
        assert np.allclose(a[cc][:, others], unmasked[cc][:, others])


def test_folds_fitted_in_parallel_give_the_same_logits_as_one_at_a_time() -> None:
    feats, y, groups = _random_drafts(2, per_writer=15, length=6)
    serial = train.out_of_fold(feats, y, groups, jobs=1)
    parallel = train.out_of_fold(feats, y, groups, jobs=2)
    for c in train.C_GRID:
        assert np.array_equal(serial[c], parallel[c])  # bit for bit: the model does not depend on jobs
        for writer in "abc":  # every writer's fold was fitted and written back to its own rows
            assert np.abs(parallel[c][groups == writer]).sum() > 0
    assert not train._FOLD  # nothing of the run is left behind for the next one


def test_training_refuses_a_number_of_jobs_under_one(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        train.main(["--jobs", "0"])
    assert "--jobs must be at least 1, not 0" in capsys.readouterr().err


def test_the_ending_is_the_last_real_sentence_of_a_draft_of_several() -> None:
    from pushback_lib.analyzer.features import ending

    draft = ("OK, we go with your plan. Live chat goes in.\n"
             "Whatever happens on the day is on you.\n\nRegards, Dani")
    feats = ending(draft)
    assert {"e w whatever", "e b on you", "e b day is"} <= set(feats)  # the sting, not the sign-off
    assert not any("dani" in name or "plan" in name for name in feats)
    assert ending("Fine. Your call.") == {}  # no sentence of three words: nothing read apart
    assert ending("Whatever happens on the day is on you.") == {}  # one sentence: the draft itself


def test_the_ending_is_added_to_the_features_only_when_asked() -> None:
    rows = [{"text": "We will run it your way. Hope you enjoy explaining it to the regulator."}]
    plain, = train.featurize(rows)
    both, = train.featurize(rows, with_ending=True)
    assert not any(name.startswith("e ") for name in plain[0])
    assert {k: v for k, v in both[0].items() if not k.startswith("e ")} == plain[0]
    assert "e b the regulator" in both[0] and both[1] == plain[1]


def test_a_model_trained_with_the_ending_says_so_and_one_without_it_has_none(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(3)
    rows = [{"id": f"{w}-{i}", "writer": w, "components": list(rng.choice(train.COMPONENTS, 2)),
             "flags": ["aggressive"] if i % 3 else ["opinion_only"],
             "text": ". ".join(" ".join(rng.choice(WORDS, 4)) for _ in range(3))}
            for w in ("a", "b", "c") for i in range(12)]
    monkeypatch.setattr(train, "load_training", lambda: rows)
    oof, with_end, without = tmp_path / "oof.npz", tmp_path / "e.npz", tmp_path / "p.npz"
    assert train.main(["--ending", "--save-oof", str(oof), "--out", str(with_end), "--jobs", "1"]) == 0
    assert np.load(oof)["probs"].shape == (36, len(train.LABELS))
    model = np.load(with_end, allow_pickle=False)
    assert bool(model["ending"]) and any(str(n).startswith("e ") for n in model["vocab"])
    assert train.main(["--out", str(without), "--jobs", "1"]) == 0
    plain = np.load(without, allow_pickle=False)
    assert "ending" not in plain.files and not any(str(n).startswith("e ") for n in plain["vocab"])


def test_a_model_trained_to_restore_apostrophes_says_so_and_reads_its_drafts_that_way(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(4)
    rows = [{"id": f"{w}-{i}", "writer": w, "components": list(rng.choice(train.COMPONENTS, 2)),
             "flags": ["aggressive"] if i % 3 else ["opinion_only"],
             "text": "dont worry, thats fine. " + " ".join(rng.choice(WORDS, 6))}
            for w in ("a", "b", "c") for i in range(12)]
    monkeypatch.setattr(train, "load_training", lambda: rows)
    restoring, plain, default = tmp_path / "r.npz", tmp_path / "p.npz", tmp_path / "d.npz"
    assert train.main(["--apostrophes", "--out", str(restoring), "--jobs", "1"]) == 0
    assert train.main(["--no-apostrophes", "--out", str(plain), "--jobs", "1"]) == 0
    assert train.main(["--out", str(default), "--jobs", "1"]) == 0  # as the shipped model is trained
    r, p = np.load(restoring, allow_pickle=False), np.load(plain, allow_pickle=False)
    assert bool(r["apostrophes"]) and "apostrophes" not in p.files
    assert bool(np.load(default, allow_pickle=False)["apostrophes"])
    assert {"w don't", "w that's"} <= set(map(str, r["vocab"])) and "w dont" not in set(map(str, r["vocab"]))
    assert "w dont" in set(map(str, p["vocab"]))


def test_the_naive_bayes_scale_shrinks_the_words_that_do_not_tell_the_label_apart() -> None:
    # columns: a word only in drafts with the label, a word in all of them, one dense column
    x = sp.csr_matrix(np.array([[0.7, 0.3, 5.0], [0.6, 0.4, 1.0], [0.0, 0.5, 2.0], [0.0, 0.2, 3.0]]))
    y = np.array([True, True, False, False])
    telling, common, dense = train.nb_scale(x, y, nsparse=2, power=1.0)
    # with one added to every count: the telling word 3 of 6 with the label, 1 of 4 without
    assert telling == pytest.approx(np.log((3 / 6) / (1 / 4)))
    assert common == pytest.approx(abs(np.log((3 / 6) / (3 / 4))))
    assert telling > common and dense == 1.0  # only the words are scaled, never the dense part
    assert np.array_equal(train.nb_scale(x, y, nsparse=2, power=0.0), np.ones(3))
    half = train.nb_scale(x, y, nsparse=2, power=0.5)
    assert half[0] == pytest.approx(np.sqrt(telling))


def test_a_model_fitted_on_scaled_words_is_stored_on_the_words_as_the_analyzer_reads_them(
        tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(5)
    rows = [{"id": f"{w}-{i}", "writer": w, "flags": ["aggressive"] if i % 3 else ["opinion_only"],
             "components": (["acknowledge"] if i % 2 else []) + list(rng.choice(train.COMPONENTS[1:], 2)),
             "text": " ".join(rng.choice(WORDS, 6)) + (" calm calm" if i % 2 else " rude")}
            for w in ("a", "b", "c") for i in range(14)]
    monkeypatch.setattr(train, "load_training", lambda: rows)
    scaled, plain = tmp_path / "nb.npz", tmp_path / "plain.npz"
    assert train.main(["--nb-power", "1", "--out", str(scaled), "--jobs", "1"]) == 0
    assert train.main(["--out", str(plain), "--jobs", "1"]) == 0
    model, unscaled = np.load(scaled, allow_pickle=False), np.load(plain, allow_pickle=False)
    assert str(model["version"]) != str(unscaled["version"])
    # refit one label by hand on the scaled words: the stored weights, applied to the unscaled
    # words as the analyzer reads them, give that fit's logits at one of the C it chose from
    names = [str(n) for n in model["vocab"]]
    x = train.design_matrix(train.featurize(rows), {n: i for i, n in enumerate(names)},
                            model["idf"].astype(float))
    j = train.LABELS.index("acknowledge")
    gold = np.array(["acknowledge" in r["components"] for r in rows])
    words, dense = x[:, :len(names)], x[:, len(names):]
    stored = words @ model["sparse_weights"][:, j] + dense @ model["dense_weights"][:, j] + model["bias"][j]
    scaled_x = (x @ sp.diags(train.nb_scale(x, gold, len(names), 1.0))).tocsr()
    refits = [train.fit(scaled_x, gold, c).decision_function(scaled_x) for c in train.C_GRID]
    assert any(np.allclose(stored, r, atol=1e-4) for r in refits)
    assert not any(np.allclose(stored, train.fit(x, gold, c).decision_function(x), atol=1e-4)
                   for c in train.C_GRID)  # and not the unscaled fit's
    with pytest.raises(SystemExit):
        train.main(["--nb-power", "-1"])
