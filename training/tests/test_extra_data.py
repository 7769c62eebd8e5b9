"""--extra: training-only images (e.g. anatomical-line crops) join the fit, never the score, and in CV
only the folds whose test set does not hold their parent still."""
import csv
import os

import numpy as np

from shotscale import train as T
from synth import make_dataset


def test_extra_images_train_but_are_never_scored(tmp_path, monkeypatch):
    data_csv = make_dataset(str(tmp_path / "data"), per_class=6)
    with open(data_csv) as f:
        rows = list(csv.DictReader(f))
    # one extra image per still of the first two rows, as a copy of its parent
    extra_dir = tmp_path / "extra"
    extra_dir.mkdir()
    parents = [r["path"] for r in rows[:2]]
    with open(extra_dir / "labels.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", "label", "parent"])
        for i, parent in enumerate(parents):
            src = os.path.join(os.path.dirname(data_csv), parent)
            os.link(src, extra_dir / f"x{i}{os.path.splitext(parent)[1]}")
            w.writerow([f"x{i}{os.path.splitext(parent)[1]}", "MS", parent])

    seen = []
    real = T.train_and_predict

    def spy(feats, mask, tr, te, *a, **k):
        seen.append((feats.shape[1], np.asarray(tr).copy(), None if te is None else np.asarray(te).copy()))
        return real(feats, mask, tr, te, *a, **k)

    monkeypatch.setattr(T, "train_and_predict", spy)
    card = T.main(["--data", data_csv, "--tiny", "--out", str(tmp_path / "m"), "--views", "1", "--folds", "2",
                   "--cache", "", "--no-bench", "--extra", str(extra_dir / "labels.csv")])
    n = len(rows)
    assert card["evaluation"]["n"] == n  # extras are never scored
    assert "2 training-only images" in card["training"]["extra"]
    parent_idx = [[i for i, r in enumerate(rows) if r["path"] == p][0] for p in parents]
    for total, tr, te in seen:
        assert total == n + 2
        if te is None:  # the final fit uses everything
            assert set(tr) == set(range(n + 2))
            continue
        assert te.max() < n
        for j, pi in enumerate(parent_idx):
            assert ((n + j) in set(tr)) == (pi not in set(te))
