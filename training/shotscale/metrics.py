"""Evaluation metrics and temperature scaling."""
from __future__ import annotations

from typing import Dict, List, Optional, Sequence

import numpy as np
import torch


def confusion(y_true: Sequence[int], y_pred: Sequence[int], k: int) -> np.ndarray:
    m = np.zeros((k, k), dtype=np.int64)
    for t, p in zip(y_true, y_pred):
        m[int(t), int(p)] += 1
    return m


def macro_f1(cm: np.ndarray) -> float:
    f1s = []
    for c in range(cm.shape[0]):
        tp = cm[c, c]
        fp = cm[:, c].sum() - tp
        fn = cm[c, :].sum() - tp
        denom = 2 * tp + fp + fn
        f1s.append(0.0 if denom == 0 else 2 * tp / denom)
    return float(np.mean(f1s))


def within_one(y_true: Sequence[int], y_pred: Sequence[int]) -> float:
    yt, yp = np.asarray(y_true), np.asarray(y_pred)
    return float(np.mean(np.abs(yt - yp) <= 1))


def softmax(logits: np.ndarray) -> np.ndarray:
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def ece(probs: np.ndarray, y_true: Sequence[int], n_bins: int = 15) -> float:
    """Expected calibration error (top-1 confidence, equal-width bins)."""
    conf = probs.max(axis=1)
    pred = probs.argmax(axis=1)
    correct = (pred == np.asarray(y_true)).astype(np.float64)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    total = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        sel = (conf > lo) & (conf <= hi)
        if sel.any():
            total += sel.mean() * abs(correct[sel].mean() - conf[sel].mean())
    return float(total)


def fit_temperature(logits: np.ndarray, y_true) -> float:
    """Single scalar T minimising NLL of softmax(logits / T) (grid + refine, deterministic).

    `y_true` is either class indices [N] or a boolean accepted-class mask [N, K]; with a mask the NLL
    is the set-valued one, -log sum_{c accepted} p_c (as in training)."""
    lg = torch.from_numpy(np.asarray(logits, dtype=np.float64))
    yt = np.asarray(y_true)
    if yt.ndim == 2:
        m = torch.from_numpy(yt.astype(bool))

        def nll(t: float) -> float:
            logp = torch.log_softmax(lg / t, dim=1)
            return float(-torch.logsumexp(logp.masked_fill(~m, float("-inf")), dim=1).mean())
    else:
        y = torch.as_tensor(yt, dtype=torch.long)

        def nll(t: float) -> float:
            return float(torch.nn.functional.cross_entropy(lg / t, y))

    grid = np.exp(np.linspace(np.log(0.05), np.log(20.0), 400))
    best = min(grid, key=nll)
    lo, hi = best / 1.05, best * 1.05
    for _ in range(60):  # golden-section refine
        a = hi - (hi - lo) / 1.618
        b = lo + (hi - lo) / 1.618
        if nll(a) < nll(b):
            hi = b
        else:
            lo = a
    return float((lo + hi) / 2)


def collapse(probs: np.ndarray, coarse: Sequence[int], k: int) -> np.ndarray:
    """Sum the probabilities of the classes that share a coarse class (e.g. MCU+MS+MLS -> MEDIUM)."""
    out = np.zeros((probs.shape[0], k), dtype=np.float64)
    for j, c in enumerate(coarse):
        out[:, c] += probs[:, j]
    return out


def summarize(y_true: Sequence[int], logits: np.ndarray, k: int, coarse: Optional[Sequence[int]] = None) -> Dict:
    """Accuracy, macro-F1, within-one, ECE and confusion over k classes.

    With `coarse` (the coarse class of each model class, e.g. a 7-class model scored on the 5-class
    labels), the prediction is the coarse class of the model's argmax (an MCU/MS/MLS prediction is
    MEDIUM) and ECE uses the collapsed probabilities. Without it, the classes are the model's own."""
    if coarse is None:
        pred, probs = logits.argmax(axis=1), softmax(logits)
    else:
        cz = np.asarray(coarse)
        pred, probs = cz[logits.argmax(axis=1)], collapse(softmax(logits), cz, k)
    cm = confusion(y_true, pred, k)
    return {
        "n": int(len(y_true)),
        "accuracy": float(np.mean(pred == np.asarray(y_true))),
        "macroF1": macro_f1(cm),
        "withinOne": within_one(y_true, pred),
        "ece": ece(probs, y_true),
        "confusion": cm.tolist(),
    }


def set_accuracy(mask: np.ndarray, logits: np.ndarray) -> float:
    """Share of rows whose argmax is one of the accepted classes (mask [N, K])."""
    pred = logits.argmax(axis=1)
    return float(mask[np.arange(len(pred)), pred].mean()) if len(pred) else float("nan")
