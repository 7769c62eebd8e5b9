"""The int8 tool's calibration pick and a static quantization of a tiny Conv model."""
import importlib.util
import os

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper
from PIL import Image

TOOL = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "tools", "quantize_int8.py")
spec = importlib.util.spec_from_file_location("quantize_int8", TOOL)
quantize_int8 = importlib.util.module_from_spec(spec)
spec.loader.exec_module(quantize_int8)


def write_stills(root, counts):
    rows = ["path,label"]
    for label, n in counts.items():
        os.makedirs(os.path.join(root, label), exist_ok=True)
        for i in range(n):
            path = f"{label}/{i:03d}.png"
            Image.fromarray(np.full((18, 32, 3), 40 * i % 255, np.uint8)).save(os.path.join(root, path))
            rows.append(f"{path},{label}")
    with open(os.path.join(root, "labels.csv"), "w") as f:
        f.write("\n".join(rows) + "\n")


def test_stratified_keeps_each_label_share_and_is_repeatable(tmp_path):
    write_stills(tmp_path, {"CU": 30, "ELS": 60, "LS": 10})
    picked = quantize_int8.stratified(str(tmp_path), 20)
    labels = [os.path.basename(os.path.dirname(p)) for p in picked]
    assert {lab: labels.count(lab) for lab in set(labels)} == {"CU": 6, "ELS": 12, "LS": 2}
    assert picked == quantize_int8.stratified(str(tmp_path), 20)


def conv_model(path):
    rng = np.random.default_rng(0)
    w1 = helper.make_tensor("w1", TensorProto.FLOAT, [4, 3, 3, 3], rng.normal(0, 0.3, 108).astype(np.float32).tolist())
    w2 = helper.make_tensor("w2", TensorProto.FLOAT, [2, 4, 1, 1], rng.normal(0, 0.3, 8).astype(np.float32).tolist())
    nodes = [
        helper.make_node("Conv", ["pixels", "w1"], ["a"], pads=[1, 1, 1, 1], name="body"),
        helper.make_node("Conv", ["a", "w2"], ["cam"], name="head"),
        helper.make_node("ReduceMean", ["cam"], ["logits"], axes=[2, 3], keepdims=0),
    ]
    graph = helper.make_graph(nodes, "tiny", [helper.make_tensor_value_info("pixels", TensorProto.FLOAT, ["n", 3, 224, 224])],
                              [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["n", 2]), helper.make_tensor_value_info("cam", TensorProto.FLOAT, ["n", 2, 224, 224])],
                              [w1, w2])
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], ir_version=8), path)


def test_static_int8_quantizes_the_body_keeps_the_head_float_and_runs(tmp_path, monkeypatch):
    write_stills(tmp_path / "stills", {"CU": 4, "ELS": 4})
    conv_model(str(tmp_path / "f32.onnx"))
    out = str(tmp_path / "int8.onnx")
    monkeypatch.setattr("sys.argv", ["quantize_int8.py", "--model", str(tmp_path / "f32.onnx"), "--calib", str(tmp_path / "stills"), "--n", "8", "--out", out])
    assert quantize_int8.main() == 0
    nodes = onnx.load(out).graph.node
    assert any(n.op_type == "QuantizeLinear" for n in nodes)
    head = next(n for n in nodes if n.name == "head")
    assert head.input[1] == "w2"  # the float weights, not a dequantized int8 copy
    assert next(n for n in nodes if n.name == "body").input[1] != "w1"
    stills = [str(tmp_path / "stills" / "CU" / "001.png"), str(tmp_path / "stills" / "ELS" / "003.png")]
    x = np.stack([quantize_int8.preprocess(quantize_int8.load_image(p)) for p in stills]).astype(np.float32)
    ref = ort.InferenceSession(str(tmp_path / "f32.onnx"), providers=["CPUExecutionProvider"]).run(["logits"], {"pixels": x})[0]
    got = ort.InferenceSession(out, providers=["CPUExecutionProvider"]).run(["logits"], {"pixels": x})[0]
    assert got.shape == ref.shape and np.abs(got - ref).max() < 0.05
