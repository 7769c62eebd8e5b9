#!/usr/bin/env python3
"""Out-of-fold CNN probabilities for a labelled set, with the training pipeline's own CV.

python3 training/tools/cnn_oof.py --data <dir with labels.csv> --backbone <tfjs mobilenet dir> --out <oof.csv>
    [--extra-oof <crops/labels.csv>] [train.py options…]

Runs training/shotscale/train.py's k-fold cross-validation (same folds, seed, views and cached
trunk features as `npm run train` with the same options, --classes 7 included) and writes `path,<class>…`: the softmax of
each image's out-of-fold logits divided by the temperature fitted on all of them (as the model card's
temperature is). Paths are relative to the labels CSV's folder. scripts/tools/calibrate-geometry.mjs --cnn
uses them, because the default model was trained on that set and its own probabilities there are
in-sample.

--extra-oof: a `path,label,parent` CSV (training/tools/anatomical_crops.py) of images made from the set's
images. Each is predicted by the fold model that did not train on its parent, and its row is added to
the output (path relative to the CSV's folder), so crops can be scored like the set itself.
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
    extra_csv = None
    if "--extra-oof" in argv:
        j = argv.index("--extra-oof")
        extra_csv = argv[j + 1]
        argv = argv[:j] + argv[j + 2:]
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
    if extra_csv and args.finetune_blocks:
        raise SystemExit("--extra-oof is implemented for the head-only model (no --finetune-blocks)")
    extra, parent = TR.load_extra(extra_csv, args.data, classes) if extra_csv else ([], [])
    index_of = {os.path.abspath(s.path): k for k, s in enumerate(samples)}
    parent_idx = np.array([index_of.get(p, -1) for p in parent], dtype=np.int64)
    if extra and (parent_idx < 0).any():
        raise SystemExit(f"--extra-oof: {int((parent_idx < 0).sum())} rows name a parent that is not in --data")
    extra_feats = TR.compute_views(extra, split, 0, args.seed, args.cache or None, tag, norm=D.norm_for(args.arch)) if extra else None
    oof = np.zeros((len(samples), K))
    extra_oof = np.zeros((len(extra), K))
    for fi, te in enumerate(TR.stratified_folds(y, args.folds, args.seed)):
        tr = np.setdiff1d(np.arange(len(samples)), te)
        parts, lg = TR.train_and_predict(feats, mask, tr, te, split, args, args.seed + fi)
        oof[te] = lg
        if extra:
            mine = np.isin(parent_idx, te)  # crops whose parent this fold tests: its model never saw them
            _, W, b = parts  # ("linear", W, b): the head-only model
            extra_oof[mine] = extra_feats[0, mine] @ W.T + b
    T = M.fit_temperature(oof, mask if (mask.sum(axis=1) > 1).any() else mask.argmax(axis=1))

    def softmax(logits):
        z = logits / T
        z -= z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    root = args.data if os.path.isdir(args.data) else os.path.dirname(os.path.abspath(args.data))
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", *classes])
        for s, row in zip(samples, softmax(oof)):
            w.writerow([os.path.relpath(s.path, root), *[f"{v:.5f}" for v in row]])
        extra_root = os.path.dirname(os.path.abspath(extra_csv)) if extra else root
        for s, row in zip(extra, softmax(extra_oof)):
            w.writerow([os.path.relpath(s.path, extra_root), *[f"{v:.5f}" for v in row]])
    if extra:
        print(f"{len(extra)} extra images predicted by the fold that tests their parent", file=sys.stderr)
    print(f"{len(samples)} images; out-of-fold accuracy (5-class scale) {(coarse[oof.argmax(1)] == y).mean():.4f}; T {T:.4f}; wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
