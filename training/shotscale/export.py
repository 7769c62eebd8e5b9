"""ONNX export per the model contract, plus contract checks and a CPU speed benchmark."""
from __future__ import annotations

import hashlib
import os
import time
import warnings
from typing import Dict

import numpy as np
import torch

from .model import ShotScaleNet

OPSET = 17


def export_onnx(model: ShotScaleNet, path: str, size: int = 224) -> None:
    model = model.eval()
    dummy = torch.zeros(2, 3, size, size)
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        torch.onnx.export(
            model, (dummy,), path,
            input_names=["pixels"], output_names=["logits", "cam"],
            dynamic_axes={"pixels": {0: "N"}, "logits": {0: "N"}, "cam": {0: "N"}},
            opset_version=OPSET, do_constant_folding=True, dynamo=False,
        )
    import onnx

    m = fuse_pads_into_convs(onnx.load(path))
    if getattr(model, "flip_tta", False):  # only there: keeps the single-pass export byte-identical
        m = dedupe_initializers(m)
    onnx.checker.check_model(m)
    onnx.save(m, path)


def dedupe_initializers(model):
    """Merge byte-identical initializers. The flip-TTA graph runs the backbone twice and the TorchScript
    exporter writes its weights twice; this keeps one copy (the file stays the size of one network)."""
    g = model.graph
    first, rename, keep = {}, {}, []
    for init in g.initializer:
        key = (init.data_type, tuple(init.dims), init.raw_data or init.SerializeToString())
        if init.raw_data and key in first:
            rename[init.name] = first[key]
            continue
        first.setdefault(key, init.name)
        keep.append(init)
    if rename:
        for node in g.node:
            for i, name in enumerate(node.input):
                if name in rename:
                    node.input[i] = rename[name]
        del g.initializer[:]
        g.initializer.extend(keep)
    return model


_FOLDABLE = {"Constant", "Cast", "Concat", "ConstantOfShape", "Reshape", "Slice", "Transpose", "Squeeze",
             "Unsqueeze", "Gather", "Identity"}


def fuse_pads_into_convs(model):
    """Graph clean-up for the browser runtimes: constant-fold the small index arithmetic the
    TorchScript exporter emits for F.pad, then fold each zero Pad into the following Conv's `pads`
    attribute (ONNX Conv supports asymmetric padding). Result: only Conv/Clip/ReduceMean/Mul (plus AveragePool/Add for the multi-scale head,
    Gather/Add for flip TTA)."""
    import onnx
    from onnx import helper, numpy_helper
    from onnx.reference import ReferenceEvaluator

    g = model.graph
    consts = {i.name: numpy_helper.to_array(i) for i in g.initializer}
    keep = []
    for node in g.node:
        if node.op_type in _FOLDABLE and all(i in consts for i in node.input if i):
            ins = [helper.make_tensor_value_info(i, onnx.TensorProto.UNDEFINED, None) for i in node.input if i]
            outs = [helper.make_tensor_value_info(o, onnx.TensorProto.UNDEFINED, None) for o in node.output]
            sub = helper.make_model(helper.make_graph([node], "fold", ins, outs), opset_imports=model.opset_import)
            res = ReferenceEvaluator(sub).run(None, {i: consts[i] for i in node.input if i})
            for o, v in zip(node.output, res):
                consts[o] = np.asarray(v)
            continue
        keep.append(node)
    consumers = {}
    for node in keep:
        for i in node.input:
            consumers.setdefault(i, []).append(node)
    final, drop = [], set()
    for node in keep:
        if node.op_type == "Pad":
            mode = next((helper.get_attribute_value(a) for a in node.attribute if a.name == "mode"), b"constant")
            pads = consts.get(node.input[1]) if len(node.input) > 1 else None
            value = consts.get(node.input[2]) if len(node.input) > 2 and node.input[2] else np.zeros(())
            users = consumers.get(node.output[0], [])
            if (mode in (b"constant", "constant") and pads is not None and value is not None
                    and float(np.abs(value).max(initial=0)) == 0.0 and len(users) == 1
                    and users[0].op_type == "Conv" and users[0].input[0] == node.output[0]
                    and len(pads) == 8 and not pads[[0, 1, 4, 5]].any() and (pads >= 0).all()):
                conv = users[0]
                old = next((list(a.ints) for a in conv.attribute if a.name == "pads"), [0, 0, 0, 0])
                new = [old[0] + int(pads[2]), old[1] + int(pads[3]), old[2] + int(pads[6]), old[3] + int(pads[7])]
                for a in list(conv.attribute):
                    if a.name in ("pads", "auto_pad"):
                        conv.attribute.remove(a)
                conv.attribute.append(helper.make_attribute("pads", new))
                conv.input[0] = node.input[0]
                drop.add(id(node))
                continue
        final.append(node)
    # re-add constants still needed by the remaining nodes as initializers
    needed = {i for n in final for i in n.input} | {o.name for o in g.output}
    init_names = {i.name for i in g.initializer}
    new_inits = [i for i in g.initializer if i.name in needed]
    for name in sorted(needed - init_names):
        if name in consts:
            new_inits.append(numpy_helper.from_array(np.asarray(consts[name]), name))
    del g.node[:]
    g.node.extend(final)
    del g.initializer[:]
    g.initializer.extend(new_inits)
    return model


def onnx_ops(path: str):
    import onnx

    m = onnx.load(path)
    return sorted({n.op_type for n in m.graph.node}), [o.version for o in m.opset_import if o.domain in ("", "ai.onnx")]


def sha256_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def ort_session(path: str, threads: int = 2):
    import onnxruntime as ort

    so = ort.SessionOptions()
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])


@torch.no_grad()
def reference_cam(model: ShotScaleNet, xt: torch.Tensor) -> torch.Tensor:
    """The CAM recomputed in float64 from the backbone maps and the head weights:
    W_last.A_last (+ AvgPool_fxf(W_mid.A_mid)) + b, times 1/T; for flip TTA the mean with the mirror
    image's CAM mirrored back."""
    W = model.head.conv.weight[:, :, 0, 0].double()
    b = model.head.conv.bias.double()
    invt = float(model.head.inv_temperature)

    def one(x):
        f = model.features(x)
        last = f[0] if model.mid_block else f
        cam = torch.einsum("kc,nchw->nkhw", W, last.double()) + b[None, :, None, None]
        if model.mid_block:
            mid = f[1].double()
            k = mid.shape[-1] // last.shape[-1]
            Wm = model.head.mid.weight[:, :, 0, 0].double()
            cam = cam + torch.nn.functional.avg_pool2d(torch.einsum("kc,nchw->nkhw", Wm, mid), k, k)
        return cam * invt

    cam = one(xt)
    if model.flip_tta:
        cam = 0.5 * (cam + one(xt.flip(-1)).flip(-1))
    return cam


def check_contract(model: ShotScaleNet, path: str, x: np.ndarray, atol: float = 1e-4) -> Dict[str, float]:
    """Checks names/shapes, ONNX vs PyTorch logits, ONNX cam vs CAM from features+head weights,
    and logits == spatial mean of cam. Returns the max abs differences."""
    sess = ort_session(path)
    ins = [i.name for i in sess.get_inputs()]
    outs = [o.name for o in sess.get_outputs()]
    assert ins == ["pixels"], ins
    assert outs == ["logits", "cam"], outs
    logits_o, cam_o = sess.run(None, {"pixels": x.astype(np.float32)})
    model = model.eval()
    with torch.no_grad():
        xt = torch.from_numpy(x.astype(np.float32))
        lt, ct = model(xt)
        cam_ref = reference_cam(model, xt)
    k = lt.shape[1]
    n = x.shape[0]
    assert logits_o.shape == (n, k), logits_o.shape
    assert cam_o.shape[:2] == (n, k) and cam_o.ndim == 4, cam_o.shape
    d = {
        "onnx_vs_torch_logits": float(np.abs(logits_o - lt.numpy()).max()),
        "onnx_cam_vs_features_head": float(np.abs(cam_o - cam_ref.numpy()).max()),
        "onnx_logits_vs_cam_mean": float(np.abs(logits_o - cam_o.mean(axis=(2, 3))).max()),
    }
    scale = max(1.0, float(np.abs(cam_o).max()), float(np.abs(logits_o).max()))
    d["scale"] = scale
    for key, v in d.items():
        if key != "scale":
            assert v < atol * scale, (key, v, scale)
    return d


def benchmark(path: str, batch: int = 8, size: int = 224, threads: int = 2, seconds: float = 8.0) -> float:
    sess = ort_session(path, threads)
    x = np.random.default_rng(0).uniform(-1, 1, (batch, 3, size, size)).astype(np.float32)
    sess.run(None, {"pixels": x})
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        sess.run(None, {"pixels": x})
        n += batch
    return n / (time.perf_counter() - t0)
