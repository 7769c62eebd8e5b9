"""The multi-scale CAM head (--mid-block) and in-graph flip TTA (--flip-tta): the CAM contract
(logits = mean(cam) = GAP + linear over [GAP(last), GAP(mid)]), the 14x14 -> 7x7 pooling, the mirror,
ONNX export (ops, one copy of the weights) and the train/CV/export path. Tiny random backbone whose
BatchNorm statistics are re-estimated on a random batch, so that its maps are not ~0."""
import os

import numpy as np
import onnx
import pytest
import torch
import torch.nn.functional as F

from shotscale import train as T
from shotscale.export import check_contract, export_onnx, ort_session
from shotscale.model import ShotScaleNet, build_backbone
from synth import make_dataset
from test_smoke_train_export import _check_onnx

WEB_OPS = {"Conv", "Clip", "ReduceMean", "Mul", "Add", "AveragePool", "Gather"}


def _live_backbone():
    """Tiny random MobileNet with BN statistics taken from one random batch (non-vanishing maps)."""
    b = build_backbone("mobilenet", tiny=True)
    for m in b.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            m.reset_running_stats()
            m.momentum = None
    b.train()
    with torch.no_grad():
        b(torch.rand(4, 3, 224, 224) * 2 - 1)
    return b.eval()


def _model(mid=11, flip=False, seed=0):
    torch.manual_seed(seed)
    m = ShotScaleNet(_live_backbone(), 5, mid_block=mid, flip_tta=flip)
    torch.nn.init.normal_(m.head.conv.weight, std=0.5)
    torch.nn.init.normal_(m.head.conv.bias, std=0.5)
    if mid:
        torch.nn.init.normal_(m.head.mid.weight, std=0.5)
    m.head.set_temperature(1.7)
    return m.eval()


def _x(n=2, seed=0):
    return torch.from_numpy(np.random.default_rng(seed).uniform(-1, 1, (n, 3, 224, 224)).astype(np.float32))


def test_multiscale_cam_is_gap_plus_linear_over_both_scales():
    m = _model(mid=11)
    x = _x()
    with torch.no_grad():
        last, mid = m.features(x)
        assert tuple(last.shape[-2:]) == (7, 7) and tuple(mid.shape[-2:]) == (14, 14)
        assert float(last.abs().mean()) > 1e-3 and float(mid.abs().mean()) > 1e-3  # the check is not vacuous
        logits, cam = m(x)
        assert cam.shape == (2, 5, 7, 7)
        torch.testing.assert_close(logits, cam.mean(dim=(2, 3)), atol=1e-5, rtol=1e-5)
        # GAP + linear over the concatenated GAP features, in the Split.trunk order [last, mid]
        W = torch.cat([m.head.conv.weight[:, :, 0, 0], m.head.mid.weight[:, :, 0, 0]], 1)
        gap = T.Split(m.backbone, 0, 11).trunk(x)
        assert gap.shape[1] == W.shape[1]
        torch.testing.assert_close(logits, (gap @ W.T + m.head.conv.bias) / 1.7, atol=1e-4, rtol=1e-4)
        # cell (i, j) of the mid part is the mean of the 2x2 mid cells (2i..2i+1, 2j..2j+1)
        Wm = m.head.mid.weight[:, :, 0, 0]
        mid_cam = torch.einsum("kc,nchw->nkhw", Wm, mid)
        part = (cam * 1.7 - m.head.conv(last))
        torch.testing.assert_close(part[:, :, 3, 5], mid_cam[:, :, 6:8, 10:12].mean(dim=(2, 3)), atol=1e-4, rtol=1e-4)
    # set_linear splits a [K, C_last + C_mid] weight the same way
    m2 = _model(mid=11, seed=1)
    m2.head.set_linear(W, m.head.conv.bias)
    m2.head.set_temperature(1.7)
    with torch.no_grad():
        torch.testing.assert_close(m2(x)[0], logits, atol=1e-5, rtol=1e-5)


def test_flip_tta_is_mirror_invariant_and_cam_is_mirrored_back():
    m = _model(mid=11, flip=True)
    plain = ShotScaleNet(m.backbone, 5, mid_block=11)
    plain.head.load_state_dict(m.head.state_dict())
    x = _x()
    with torch.no_grad():
        l, c = m(x)
        lf, cf = m(x.flip(-1))
        torch.testing.assert_close(lf, l, atol=1e-5, rtol=1e-5)
        torch.testing.assert_close(cf, c.flip(-1), atol=1e-5, rtol=1e-5)
        l0, c0 = plain(x)
        l1, c1 = plain(x.flip(-1))
        torch.testing.assert_close(l, 0.5 * (l0 + l1), atol=1e-5, rtol=1e-5)
        torch.testing.assert_close(c, 0.5 * (c0 + c1.flip(-1)), atol=1e-5, rtol=1e-5)
        torch.testing.assert_close(l, c.mean(dim=(2, 3)), atol=1e-5, rtol=1e-5)


@pytest.mark.parametrize("mid,flip", [(11, False), (0, True), (11, True)])
def test_export_contract_ops_and_one_copy_of_weights(tmp_path, mid, flip):
    m = _model(mid=mid, flip=flip)
    p = str(tmp_path / "m.onnx")
    export_onnx(m, p)
    d = check_contract(m, p, _x().numpy())
    assert d["scale"] > 1.0 and d["onnx_cam_vs_features_head"] < 1e-4 * d["scale"]
    ops = {n.op_type for n in onnx.load(p).graph.node}
    assert ops <= WEB_OPS, ops
    assert ("AveragePool" in ops) == bool(mid) and ("Gather" in ops) == flip
    _check_onnx(p)
    # flip TTA shares the backbone weights: the file is no bigger than the single-pass graph
    q = str(tmp_path / "single.onnx")
    single = ShotScaleNet(m.backbone, 5, mid_block=mid)
    single.head.load_state_dict(m.head.state_dict())
    export_onnx(single, q)
    inits = lambda path: sorted(i.name for i in onnx.load(path).graph.initializer if len(i.dims) == 4)
    assert len(inits(p)) == len(inits(q))  # every conv kernel once
    assert os.path.getsize(p) < os.path.getsize(q) * 1.1  # a second copy would double it
    # ONNX batch rows are independent of each other (no batch-mixing in the mirrored branch)
    sess = ort_session(p)
    x = _x(3, seed=2).numpy()
    full = sess.run(None, {"pixels": x})
    one = sess.run(None, {"pixels": x[1:2]})
    np.testing.assert_allclose(full[1][1:2], one[1], atol=1e-4 * d["scale"])


def test_train_cv_export_with_mid_block_and_flip_tta(tmp_path):
    csv = make_dataset(str(tmp_path / "data"), per_class=6)
    out = str(tmp_path / "models")
    argv = ["--data", csv, "--tiny", "--out", out, "--views", "1", "--folds", "2", "--cache", str(tmp_path / "cache"),
            "--no-bench", "--mid-block", "11", "--flip-tta"]
    card = T.main(argv)
    assert card["training"]["recipe"]["midBlock"] == 11 and card["training"]["recipe"]["flipTta"] is True
    assert "multi-scale" in card["architecture"] and "flip TTA" in card["architecture"]
    assert set(card["onnx"]["ops"]) <= WEB_OPS and "AveragePool" in card["onnx"]["ops"]
    assert np.array(card["evaluation"]["confusion"]).sum() == 30
    _check_onnx(os.path.join(out, card["file"]))
    # cached: the clean, augmented and mirrored views each have their own file; a rerun reuses them
    assert len(os.listdir(tmp_path / "cache")) == 3
    card2 = T.main(argv)
    assert card2["evaluation"]["accuracy"] == card["evaluation"]["accuracy"]
    assert len(os.listdir(tmp_path / "cache")) == 3


def test_mid_block_arguments_are_checked(tmp_path):
    csv = make_dataset(str(tmp_path / "data"), per_class=2)
    base = ["--data", csv, "--tiny", "--out", str(tmp_path / "m"), "--views", "0", "--folds", "0", "--cache", "",
            "--no-bench"]
    with pytest.raises(SystemExit):
        T.main(base + ["--mid-block", "13"])
    with pytest.raises(SystemExit):
        T.main(base + ["--mid-block", "11", "--finetune-blocks", "1"])
    with pytest.raises(SystemExit):
        T.main(base + ["--flip-tta", "--finetune-blocks", "1"])
