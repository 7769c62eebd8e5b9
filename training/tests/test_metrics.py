import numpy as np

from shotscale import metrics as M


def test_metrics_basic():
    y = [0, 1, 2, 3, 4, 4]
    p = [0, 1, 1, 4, 2, 4]
    cm = M.confusion(y, p, 5)
    assert cm.sum() == 6 and cm[2, 1] == 1
    assert abs(M.within_one(y, p) - 5 / 6) < 1e-9
    assert 0 < M.macro_f1(cm) < 1


def test_temperature_recovers_scale():
    rng = np.random.default_rng(0)
    true = rng.normal(0, 2, (4000, 5))
    y = np.array([rng.choice(5, p=np.exp(r) / np.exp(r).sum()) for r in true])
    t = M.fit_temperature(true * 3.0, y)  # over-confident by 3x
    assert 2.6 < t < 3.4
    assert M.ece(M.softmax(true * 3.0 / t), y) < M.ece(M.softmax(true * 3.0), y)
