#!/usr/bin/env python3
"""One degraded copy of each still of a labelled set: the set as it would look on film, for fitting fusion.

python3 training/tools/degraded_copies.py --data <dir with labels.csv> --out <dir> [--seed 0] [--old-film-share 0.5]

Each still gets one copy, made by the training pipeline's own scale-keeping augmentations
(shotscale/data.py): with probability --old-film-share the old-film one (`old_film`: grey or tinted,
soft, faded or crushed, grain, vignette, flicker, dust, 4:3 pillarbox), otherwise the film-aware one
(`augment`: colour, grey, bars, grain, blur, JPEG). No crop or zoom, so the label stays true. Writes
the copies and <out>/labels.csv (path,label,parent): `scripts/tools/geometry-features.mjs --labels`
measures them, `training/tools/cnn_oof.py --extra-oof` gives each the out-of-fold CNN probabilities of
the fold model that never trained on its parent, and `scripts/tools/calibrate-geometry.mjs` fits the
fusion on them. Why: the fusion fitted on clean web stills trusts the CNN as much as it deserves on
web stills, and the CNN degrades more on film than geometry does.
"""
import argparse
import csv
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from shotscale import data as D  # noqa: E402


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--old-film-share", type=float, default=0.5)
    args = ap.parse_args(argv)
    samples = D.load_dataset(args.data)
    root = args.data if os.path.isdir(args.data) else os.path.dirname(os.path.abspath(args.data))
    os.makedirs(args.out, exist_ok=True)
    rows, old = [], 0
    for k, s in enumerate(samples):
        rng = random.Random(f"{args.seed}|degrade|{k}")  # str seeds hash deterministically
        is_old = rng.random() < args.old_film_share
        old += is_old
        im = (D.old_film if is_old else D.augment)(D.load_image(s.path), rng)
        parent = os.path.relpath(s.path, root)
        name = f"{os.path.splitext(parent.replace('/', '_'))[0]}_{'old' if is_old else 'film'}.jpg"
        im.save(os.path.join(args.out, name), quality=92)
        rows.append((name, s.label, parent))
    with open(os.path.join(args.out, "labels.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", "label", "parent"])
        w.writerows(rows)
    print(f"{len(rows)} copies ({old} old-film, {len(rows) - old} film-aware) -> {args.out}/labels.csv")


if __name__ == "__main__":
    main()
