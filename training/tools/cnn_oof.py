#!/usr/bin/env python3
"""Out-of-fold CNN probabilities for a labelled set, with the training pipeline's own CV.

python3 training/tools/cnn_oof.py --data <dir with labels.csv> --backbone <tfjs mobilenet dir> --out <oof.csv> [train.py options…]

Runs training/shotscale/train.py's k-fold cross-validation (same folds, seed, views and cached
trunk features as `npm run train` with the same options, --classes 7 included) and writes `path,<class>…`: the softmax of
each image's out-of-fold logits divided by the temperature fitted on all of them (as the model card's
temperature is). Paths are relative to the labels CSV's folder. scripts/tools/calibrate-geometry.mjs --cnn
uses them, because the default model was trained on that set and its own probabilities there are
in-sample.
"""
import csv
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, "training"))

import numpy as np  # noqa: E402
import torch  # noqa: E402
from shotscale import data as D  # noqa: E402
from shotscale import metrics as M  # noqa: E402
from shotscale import train as TR  # noqa: E402


def main(argv):
    if "--out" not in argv:
        raise SystemExit(__doc__)
    i = argv.index("--out")
    out = argv[i + 1]
    args = TR.parse_args(argv[:i] + argv[i + 2:] + ["--out", "/nonexistent-unused"])
    torch.set_num_threads(args.threads)
    TR.set_seed(args.seed)
    classes = D.classes_for(args.classes)
    K = len(classes)
    samples = D.load_dataset(args.data, classes)
    mask = TR.accept_mask(samples, K)
    coarse = D.coarse_index(classes)
    y = coarse[mask.argmax(axis=1)]  # 5-class group: the folds of `npm run train` with the same data order
    backbone = TR.build_backbone(args.arch, args.backbone, args.init, tiny=args.tiny)
    for p in backbone.parameters():
        p.requires_grad_(False)
    split = TR.Split(backbone, args.finetune_blocks)
    tag = f"{args.arch}|{os.path.abspath(args.backbone or '')}|{args.init}|tiny={args.tiny}|ft={args.finetune_blocks}"
    feats = TR.compute_views(samples, split, args.views, args.seed, args.cache or None, tag, norm=D.norm_for(args.arch))
    oof = np.zeros((len(samples), K))
    for fi, te in enumerate(TR.stratified_folds(y, args.folds, args.seed)):
        tr = np.setdiff1d(np.arange(len(samples)), te)
        _, lg = TR.train_and_predict(feats, mask, tr, te, split, args, args.seed + fi)
        oof[te] = lg
    T = M.fit_temperature(oof, mask if (mask.sum(axis=1) > 1).any() else mask.argmax(axis=1))
    z = oof / T
    z -= z.max(axis=1, keepdims=True)
    prob = np.exp(z)
    prob /= prob.sum(axis=1, keepdims=True)
    root = args.data if os.path.isdir(args.data) else os.path.dirname(os.path.abspath(args.data))
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", *classes])
        for s, row in zip(samples, prob):
            w.writerow([os.path.relpath(s.path, root), *[f"{v:.5f}" for v in row]])
    print(f"{len(samples)} images; out-of-fold accuracy (5-class scale) {(coarse[oof.argmax(1)] == y).mean():.4f}; T {T:.4f}; wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
