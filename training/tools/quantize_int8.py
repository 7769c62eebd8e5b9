"""Int8 copy of an ONNX shot-scale model (onnxruntime.quantization), for the speed issue's int8 lever.

usage: python3 training/tools/quantize_int8.py --model public/models/shotscale-mnv1.onnx \
         --calib ../shared/data/dev-stills --n 256 --out /tmp/s2/int8.onnx [--mode static|dynamic]

static: QDQ, int8 weights per channel, uint8 activations, min/max ranges from `n` letterboxed stills
(stratified by label, fixed seed) read from <calib>/labels.csv; the CAM head (last Conv) stays
float so the class map keeps its precision. dynamic: weights only (ConvInteger at run time).
Prints the output's sha256 and size.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import os
import random
import sys

import numpy as np
import onnx
from onnxruntime.quantization import (CalibrationDataReader, CalibrationMethod, QuantFormat, QuantType,
                                      quantize_dynamic, quantize_static)

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from shotscale.data import load_image, preprocess  # noqa: E402


class StillsReader(CalibrationDataReader):
    """Feeds letterboxed stills one at a time under the model's input name."""

    def __init__(self, input_name: str, paths: list[str]):
        self.input_name = input_name
        self.paths = iter(paths)

    def get_next(self):
        path = next(self.paths, None)
        if path is None:
            return None
        return {self.input_name: preprocess(load_image(path))[None].astype(np.float32)}


def stratified(calib_dir: str, n: int, seed: int = 0) -> list[str]:
    """`n` still paths from <calib_dir>/labels.csv, the same share of each label, fixed order."""
    by_label: dict[str, list[str]] = {}
    with open(os.path.join(calib_dir, "labels.csv"), newline="") as f:
        for row in csv.DictReader(f):
            by_label.setdefault(row["label"], []).append(os.path.join(calib_dir, row["path"]))
    total = sum(len(v) for v in by_label.values())
    rng = random.Random(seed)
    out: list[str] = []
    for label in sorted(by_label):
        paths = sorted(by_label[label])
        rng.shuffle(paths)
        out += paths[: max(1, round(n * len(paths) / total))]
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--calib", help="folder with labels.csv (path,label) and the stills (static mode)")
    ap.add_argument("--n", type=int, default=256, help="calibration stills (static mode)")
    ap.add_argument("--mode", choices=["static", "dynamic"], default="static")
    ap.add_argument("--keep-depthwise", action="store_true", help="leave depthwise convolutions float too")
    args = ap.parse_args()

    model = onnx.load(args.model)
    input_name = model.graph.input[0].name
    convs = [n for n in model.graph.node if n.op_type == "Conv"]
    head = convs[-1].name
    excluded = [head]
    if args.keep_depthwise:
        excluded += [n.name for n in convs if any(a.name == "group" and a.i > 1 for a in n.attribute)]
    if args.mode == "dynamic":
        quantize_dynamic(args.model, args.out, weight_type=QuantType.QInt8, per_channel=True, nodes_to_exclude=excluded)
    else:
        if not args.calib:
            ap.error("--calib is needed for static quantization")
        paths = stratified(args.calib, args.n)
        quantize_static(args.model, args.out, StillsReader(input_name, paths), quant_format=QuantFormat.QDQ,
                        per_channel=True, activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8,
                        calibrate_method=CalibrationMethod.MinMax, nodes_to_exclude=excluded)
        print(f"calibrated on {len(paths)} stills from {args.calib}")
    data = open(args.out, "rb").read()
    print(f"{args.out}: {len(data)} bytes, sha256 {hashlib.sha256(data).hexdigest()}, {len(excluded)} conv(s) kept float (head {head})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
