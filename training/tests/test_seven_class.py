"""The 7-class path: set-valued labels (MEDIUM = MCU|MS|MLS), class balance over the codes, CV scored
on the 5-class scale with the 5-class folds, temperature, export and the ONNX contract. Synthetic
images and a tiny random backbone: seconds, no ../shared."""
import os

import numpy as np
import torch

from shotscale import data as D
from shotscale import metrics as M
from shotscale import train as T
from synth import make_dataset_7
from test_smoke_train_export import _check_onnx


def test_labels_to_sets_for_seven_classes():
    c7 = D.CLASSES_7
    assert D.label_to_set("MEDIUM", c7) == (2, 3, 4)
    assert D.label_to_set("ms", c7) == (3,)
    assert D.label_to_set("WS", c7) == (5, 6)
    assert D.label_to_set("CU|MCU", c7) == (1, 2)
    assert D.label_to_set("NA", c7) is None
    assert D.label_to_set("MS") == (2,)  # the 5-class default is unchanged
    assert D.coarse_index(c7).tolist() == [0, 1, 2, 2, 2, 3, 4]
    assert D.coarse_index(D.CLASSES).tolist() == [0, 1, 2, 3, 4]


def test_set_loss_balance_and_temperature():
    c7 = D.CLASSES_7
    labels = ["ECU", "CU", "MCU", "MS", "MLS", "LS", "ELS", "ELS", "MEDIUM", "MEDIUM", "MEDIUM"]
    mask = np.zeros((len(labels), 7), bool)
    for i, l in enumerate(labels):
        mask[i, list(D.label_to_set(l, c7))] = True
    w = T.class_weights(mask)
    # every code carries the same total weight N/K (a MEDIUM row counts a third to each medium code)
    per_code = (mask / mask.sum(1, keepdims=True) * w[:, None]).sum(0)
    np.testing.assert_allclose(per_code, len(labels) / 7, rtol=1e-6)
    # one-code labels: exactly the old N/(K n_class) weights
    one = np.eye(5, dtype=bool)[[0, 0, 1, 2, 4, 4, 4]]
    np.testing.assert_allclose(T.class_weights(one), [7 / (5 * n) for n in (2, 2, 1, 1, 3, 3, 3)], rtol=1e-6)
    # the set loss: -log(p_MCU + p_MS + p_MLS) for a MEDIUM row
    lg = torch.randn(1, 7)
    m = torch.from_numpy(mask[8:9])
    p = torch.softmax(lg, 1)[0]
    loss = T.set_ce(lg, m, torch.ones(1))
    assert abs(float(loss) + float(torch.log(p[2] + p[3] + p[4]))) < 1e-5
    # temperature: a one-code mask gives the plain cross-entropy fit
    rng = np.random.default_rng(0)
    logits = rng.normal(0, 3, (60, 5))
    y = rng.integers(0, 5, 60)
    assert abs(M.fit_temperature(logits, y) - M.fit_temperature(logits, np.eye(5, dtype=bool)[y])) < 1e-6
    # scoring on the 5-class scale: an MS prediction is right for MEDIUM
    s = M.summarize(np.array([2, 2, 0]), np.array([[0, 0, 0, 5, 0, 0, 0], [0, 0, 0, 0, 0, 5, 0],
                                                   [5, 0, 0, 0, 0, 0, 0.]]), 5, D.coarse_index(c7))
    assert s["accuracy"] == 2 / 3 and np.array(s["confusion"]).sum() == 3


def test_seven_class_train_cv_export_contract(tmp_path):
    csv = make_dataset_7(str(tmp_path / "data"), per_code=4, unsure=2)
    out = str(tmp_path / "models")
    argv = ["--data", csv, "--classes", "7", "--tiny", "--out", out, "--views", "1", "--folds", "2",
            "--cache", "", "--no-bench", "--labels-note", "MCU/MS/MLS are geometry pseudo-labels"]
    card = T.main(argv)
    assert card["classes"] == D.CLASSES_7
    assert "MCU < MS < MLS" in card["classOrder"]
    assert card["training"]["labels"] == "MCU/MS/MLS are geometry pseudo-labels"
    assert "set-valued" in card["training"]["loss"]
    ev = card["evaluation"]
    n = 7 * 4 + 3 * 2
    assert ev["n"] == n and np.array(ev["confusion"]).shape == (5, 5) and np.array(ev["confusion"]).sum() == n
    assert "5-class" in ev["scoredOn"]
    assert sum(map(sum, ev["fineConfusion"].values())) == n and len(ev["fineConfusion"]["MEDIUM"]) == 7
    assert ev["pseudoLabelRows"] == 12 and 0 <= ev["pseudoLabelAgreement"] <= 1
    assert card["temperature"] > 0
    _check_onnx(os.path.join(out, card["file"]), k=7)
    # the folds are the 5-class ones: same images in the same order, labelled MEDIUM, give the same split
    samples7 = D.load_dataset(csv, D.CLASSES_7)
    y7 = D.coarse_index(D.CLASSES_7)[T.accept_mask(samples7, 7).argmax(1)]
    csv5 = str(tmp_path / "five.csv")
    with open(csv) as f, open(csv5, "w") as g:
        for line in f:
            p, l, _ = line.rstrip("\n").split(",")
            g.write(f"{p},{'MEDIUM' if l in ('MCU', 'MS', 'MLS') else l}\n")
    y5 = T.accept_mask(D.load_dataset(csv5), 5).argmax(1)
    assert y7.tolist() == y5.tolist()
    for a, b in zip(T.stratified_folds(y7, 2, 0), T.stratified_folds(y5, 2, 0)):
        assert a.tolist() == b.tolist()
