"""Checks against the real shared backbone / model; skipped cleanly when ../shared is absent."""
import json
import os
import shutil

import numpy as np
import pytest

from conftest import BACKBONE, DEV_STILLS, needs_shared

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


@needs_shared
def test_port_matches_tfjs_in_node():
    if not shutil.which("node") or not os.path.isdir(os.path.join(ROOT, "node_modules", "@tensorflow", "tfjs")):
        pytest.skip("node or @tensorflow/tfjs not installed")
    import verify_tfjs

    rep = verify_tfjs.main(["--backbone", BACKBONE, "--n", "2"])
    assert rep["maxAbsDiffProbs"] < 1e-4
    assert rep["maxAbsDiffLogits"] < 1e-3
    assert rep["top1Agreement"] == 1.0


def test_committed_model_matches_card():
    card_path = os.path.join(ROOT, "public", "models", "default.card.json")
    if not os.path.exists(card_path):
        pytest.skip("no committed model")
    import hashlib

    import onnxruntime as ort

    card = json.load(open(card_path))
    onnx_path = os.path.join(os.path.dirname(card_path), card["file"])
    assert hashlib.sha256(open(onnx_path, "rb").read()).hexdigest() == card["sha256"]
    assert os.path.getsize(onnx_path) <= 12 * 1024 * 1024
    sess = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
    x = np.random.default_rng(0).uniform(-1, 1, (2, 3, 224, 224)).astype(np.float32)
    logits, cam = sess.run(["logits", "cam"], {"pixels": x})
    assert logits.shape == (2, len(card["classes"])) and cam.shape == (2, len(card["classes"]), 7, 7)
    np.testing.assert_allclose(logits, cam.mean(axis=(2, 3)), atol=1e-4)
