#!/usr/bin/env python3
"""Prove the PyTorch port of the tfjs MobileNet is exact: run the original tfjs model with
@tensorflow/tfjs in Node and the PyTorch port on the same inputs; report max abs differences.

    python3 training/verify_tfjs.py --backbone <tfjs dir> [--images <dir|labels.csv>] [--n 8] [--report out.json]

Inputs: N letterboxed images from --images (if given) plus N uniform-random tensors in [-1, 1].
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from shotscale import data as D  # noqa: E402
from shotscale.mobilenet import imagenet_labels, load_tfjs_mobilenet  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main(argv=None):
    p = argparse.ArgumentParser()
    p.add_argument("--backbone", required=True)
    p.add_argument("--images", help="dataset (dir or labels.csv) to draw real images from")
    p.add_argument("--n", type=int, default=8)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--report", help="write a JSON report here")
    a = p.parse_args(argv)
    torch.set_num_threads(2)

    xs, names = [], []
    if a.images:
        samples = D.load_dataset(a.images)
        rng = np.random.default_rng(a.seed)
        for i in sorted(rng.choice(len(samples), size=min(a.n, len(samples)), replace=False)):
            xs.append(D.preprocess(D.load_image(samples[i].path)))
            names.append(os.path.relpath(samples[i].path, os.path.dirname(samples[i].path) + "/.."))
    rng = np.random.default_rng(a.seed + 1)
    for i in range(a.n):
        xs.append(rng.uniform(-1, 1, (3, 224, 224)).astype(np.float32))
        names.append(f"random-{i}")
    x = np.stack(xs).astype(np.float32)  # NCHW
    n = len(x)

    with tempfile.TemporaryDirectory() as td:
        inp = os.path.join(td, "x.f32")
        np.ascontiguousarray(x.transpose(0, 2, 3, 1)).tofile(inp)  # NHWC for tfjs
        out = subprocess.run(["node", os.path.join(ROOT, "training", "tools", "tfjs_forward.mjs"),
                              a.backbone, inp, str(n), os.path.join(td, "y")],
                             cwd=ROOT, check=True, capture_output=True, text=True)
        info = json.loads(out.stdout.strip().splitlines()[-1])
        tf_probs = np.fromfile(os.path.join(td, "y.probs.f32"), dtype="<f4").reshape(n, -1)
        tf_logits = np.fromfile(os.path.join(td, "y.logits.f32"), dtype="<f4").reshape(n, -1)

    m = load_tfjs_mobilenet(a.backbone, with_imagenet_head=True)
    with torch.no_grad():
        pt_logits = m.imagenet_logits(torch.from_numpy(x)).numpy()
    pt_probs = torch.softmax(torch.from_numpy(pt_logits), 1).numpy()
    labels = imagenet_labels(a.backbone) or []
    rep = {
        "backbone": os.path.basename(os.path.normpath(a.backbone)),
        "tfjs": info,
        "inputs": n,
        "inputNames": names,
        "maxAbsDiffProbs": float(np.abs(tf_probs - pt_probs).max()),
        "maxAbsDiffLogits": float(np.abs(tf_logits - pt_logits).max()),
        "maxLogitMagnitude": float(np.abs(tf_logits).max()),
        "top1Agreement": float(np.mean(tf_probs.argmax(1) == pt_probs.argmax(1))),
        "top1": [{"input": nm, "tfjs": labels[int(t)] if labels else int(t), "torch": labels[int(q)] if labels else int(q),
                  "p": round(float(pt_probs[i].max()), 4)}
                 for i, (nm, t, q) in enumerate(zip(names, tf_probs.argmax(1), pt_probs.argmax(1)))],
    }
    print(json.dumps({k: v for k, v in rep.items() if k not in ("top1", "inputNames")}, indent=1))
    if a.report:
        os.makedirs(os.path.dirname(os.path.abspath(a.report)), exist_ok=True)
        with open(a.report, "w") as f:
            json.dump(rep, f, indent=1)
            f.write("\n")
    return rep


if __name__ == "__main__":
    main()
