"""CI smoke test: tiny random-init backbone, synthetic images, the real train/CV/export code path."""
import hashlib
import json
import os

import numpy as np
import onnx
import onnxruntime as ort
import pytest

from shotscale import train as T
from synth import make_dataset


def _check_onnx(path, k=5):
    m = onnx.load(path)
    onnx.checker.check_model(m)
    assert [i.name for i in m.graph.input] == ["pixels"]
    assert [o.name for o in m.graph.output] == ["logits", "cam"]
    ops = {n.op_type for n in m.graph.node}
    assert not ops & {"Einsum", "Loop", "If", "Scan"}, ops
    opset = [o.version for o in m.opset_import if o.domain in ("", "ai.onnx")][0]
    assert opset <= 17
    sess = ort.InferenceSession(path, providers=["CPUExecutionProvider"])
    for n in (1, 3):  # dynamic batch
        x = np.random.default_rng(n).uniform(-1, 1, (n, 3, 224, 224)).astype(np.float32)
        logits, cam = sess.run(None, {"pixels": x})
        assert logits.shape == (n, k) and cam.shape == (n, k, 7, 7)
        assert logits.dtype == np.float32 and cam.dtype == np.float32
        np.testing.assert_allclose(logits, cam.mean(axis=(2, 3)), atol=1e-5)


@pytest.mark.parametrize("ft", [0, 1])
def test_train_export_contract(tmp_path, ft):
    csv = make_dataset(str(tmp_path / "data"), per_class=6)
    out = str(tmp_path / "models")
    argv = ["--data", csv, "--tiny", "--out", out, "--views", "1", "--folds", "2", "--cache", "",
            "--no-bench", "--finetune-blocks", str(ft), "--ft-epochs", "1", "--batch", "16"]
    card = T.main(argv)
    onnx_path = os.path.join(out, card["file"])
    assert card["file"] == "shotscale-mnv1.onnx"
    assert card["classes"] == ["ECU", "CU", "MEDIUM", "LS", "ELS"]
    assert card["input"] == {**card["input"], "height": 224, "width": 224, "mean": [0.5] * 3, "std": [0.5] * 3,
                             "resize": "letterbox", "pad": [0, 0, 0]}
    assert card["outputs"] == {"logits": "logits", "cam": "cam"}
    assert card["sha256"] == hashlib.sha256(open(onnx_path, "rb").read()).hexdigest()
    ev = card["evaluation"]
    for key in ("n", "folds", "accuracy", "accuracyStd", "macroF1", "withinOne", "ece", "confusion"):
        assert key in ev
    assert np.array(ev["confusion"]).sum() == ev["n"] == 30
    assert card["temperature"] > 0
    assert os.path.getsize(onnx_path) <= 12 * 1024 * 1024
    _check_onnx(onnx_path)
    with open(os.path.join(out, "default.card.json")) as f:
        assert json.load(f)["sha256"] == card["sha256"]


def test_cam_matches_features_and_temperature_is_baked(tmp_path):
    import torch

    from shotscale.export import check_contract, export_onnx
    from shotscale.model import ShotScaleNet, build_backbone

    m = ShotScaleNet(build_backbone("mobilenet", tiny=True), 5)
    torch.nn.init.normal_(m.head.conv.weight, std=0.5)
    x = np.random.default_rng(0).uniform(-1, 1, (2, 3, 224, 224)).astype(np.float32)
    with torch.no_grad():
        l1, _ = m(torch.from_numpy(x))
        m.head.set_temperature(2.0)
        l2, _ = m(torch.from_numpy(x))
    np.testing.assert_allclose(l2.numpy(), l1.numpy() / 2.0, rtol=1e-5, atol=1e-6)
    p = str(tmp_path / "m.onnx")
    export_onnx(m, p)
    d = check_contract(m, p, x)
    assert d["onnx_cam_vs_features_head"] < 1e-4 * d["scale"]
