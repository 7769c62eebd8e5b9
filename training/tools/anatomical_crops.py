#!/usr/bin/env python3
"""Training frames made by definition: crops of whole-figure stills at the anatomical lines.

python3 training/tools/anatomical_crops.py --features <dev-stills.jsonl> --data <dev-stills dir> --out <dir>
    [--seed 0] [--min-visibility 0.6] [--min-stature 0.25]

Reads the pose landmarks that scripts/tools/geometry-features.mjs dumped for a labelled set, keeps the stills
labelled LS or MEDIUM (on ELS stills the poses are mostly found on buildings and bridges) where one pose shows a whole figure (nose, shoulders, hips, knees and ankles
all in frame with visibility >= --min-visibility, standing height >= --min-stature of the frame), and
crops each at film aspect ratios (1.33, 1.85, 2.39:1; half of them letterboxed or pillarboxed back into
16:9 with black bars) so that the bottom frame edge falls where the design table puts a scale:
  MS  - just below the hips (0.52-0.58 of standing height),
  MLS - at the knees (0.69-0.76),
  LS  - below the feet (whole figure, 3-10 % of its height below the ankles).
The top of each crop leaves 3-12 % of standing height above the crown. Writes the crops and
<out>/labels.csv (path,label,parent), which `npm run train -- --extra <out>/labels.csv` uses as
training-only data (in CV a crop trains only folds that do not test its parent still).
"""
import argparse
import csv
import json
import os
import random

from PIL import Image

NOSE, SHOULDERS, HIPS, KNEES, ANKLES = [0], [11, 12], [23, 24], [25, 26], [27, 28]
#: where each part sits, as a fraction of standing height from the crown (as src/shared/geometry.ts)
NOSE_H, HIPS_H, KNEES_H, ANKLES_H = 0.07, 0.52, 0.72, 0.96
#: bottom edge of each crop kind, in fractions of standing height from the crown
CUTS = {"MS": (0.53, 0.58), "MLS": (0.69, 0.76), "LS": (0.99, 1.06)}
ASPECTS = (1.33, 1.85, 2.39)


def mean_y(lm, idx):
    return sum(lm[i]["y"] for i in idx) / len(idx)


def whole_figure(pose, min_vis):
    """(crown y, standing height, centre x) in frame fractions, or None when the figure is not whole."""
    lm = pose["landmarks"]
    for i in NOSE + SHOULDERS + HIPS + KNEES + ANKLES:
        p = lm[i]
        if p["visibility"] < min_vis or not (0 <= p["x"] <= 1 and 0 <= p["y"] <= 0.98):
            return None
    stature = (mean_y(lm, ANKLES) - mean_y(lm, NOSE)) / (ANKLES_H - NOSE_H)
    if stature <= 0:
        return None
    crown = mean_y(lm, NOSE) - NOSE_H * stature
    cx = sum(lm[i]["x"] for i in SHOULDERS + HIPS) / 4
    return crown, stature, cx


def crop(im, crown, stature, cx, kind, aspect, bars, rng):
    """One crop of kind (MS/MLS/LS) at `aspect`, or None when it does not fit in the image."""
    w, h = im.size
    top = (crown - rng.uniform(0.03, 0.12) * stature) * h
    bottom = (crown + rng.uniform(*CUTS[kind]) * stature) * h
    if top < 0 or bottom > h or bottom - top < 48:
        return None
    ch = bottom - top
    cw = ch * aspect
    if cw > w:
        return None
    left = min(max(0.0, cx * w - cw * rng.uniform(0.3, 0.7)), w - cw)
    out = im.crop((round(left), round(top), round(left + cw), round(bottom)))
    if bars and abs(aspect - 16 / 9) > 0.05:
        ow, oh = out.size
        if aspect > 16 / 9:
            canvas = Image.new("RGB", (ow, round(ow * 9 / 16)))
            canvas.paste(out, (0, (canvas.size[1] - oh) // 2))
        else:
            canvas = Image.new("RGB", (round(oh * 16 / 9), oh))
            canvas.paste(out, ((canvas.size[0] - ow) // 2, 0))
        out = canvas
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--features", required=True)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--min-visibility", type=float, default=0.6)
    ap.add_argument("--min-stature", type=float, default=0.25)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    rows = []
    figures = 0
    with open(args.features) as f:
        frames = [json.loads(line) for line in f if line.strip()]
    for fr in frames:
        if fr.get("label", "").upper() not in ("LS", "MEDIUM") or not fr.get("vision"):
            continue
        found = [w for w in (whole_figure(p, args.min_visibility) for p in fr["vision"]["poses"]) if w]
        found = [w for w in found if w[1] >= args.min_stature]
        if not found:
            continue
        crown, stature, cx = max(found, key=lambda w: w[1])
        figures += 1
        im = Image.open(os.path.join(args.data, fr["path"])).convert("RGB")
        stem = os.path.splitext(fr["path"].replace("/", "_"))[0]
        for kind in CUTS:
            for aspect in rng.sample(ASPECTS, 2):
                bars = rng.random() < 0.5
                c = crop(im, crown, stature, cx, kind, aspect, bars, rng)
                if c is None:
                    continue
                name = f"{stem}_{kind}_{aspect:.2f}{'_bars' if bars else ''}.jpg"
                c.save(os.path.join(args.out, name), quality=92)
                rows.append((name, kind, fr["path"]))
    with open(os.path.join(args.out, "labels.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", "label", "parent"])
        w.writerows(rows)
    counts = {k: sum(1 for r in rows if r[1] == k) for k in CUTS}
    print(f"{figures} whole figures; {len(rows)} crops {counts} -> {args.out}/labels.csv")


if __name__ == "__main__":
    main()
