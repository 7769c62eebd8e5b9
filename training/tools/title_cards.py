#!/usr/bin/env python3
"""Synthetic intertitles and title cards, labelled NA, for checking the NA detector.

python3 training/tools/title_cards.py --out <dir> [--n 200] [--seed 0] [--worn-share 0.5]

Each card is text on a plain card at 1440x1080 or pillarboxed into 1920x1080: light cards with dark
lettering (as silent intertitles are, often tinted) and dark cards with light lettering, 1 to 7
lines of made-up words in the Debian DejaVu faces, sometimes inside a ruled border, an ornament or
a small emblem. With probability --worn-share the card is worn the way the training pipeline wears
old film (`shotscale/data.py: old_film`: soft, faded or crushed, grain, vignette, flicker, dust,
scratches, tint). Writes <dir>/card-NNN.png and <dir>/labels.csv (path,label,note), labels all NA,
for `scripts/tools/geometry-features.mjs --labels`. Nothing here is a film frame: the cards check
the detector's reach, and real frames (dev stills, held-out film frames) check what it must leave.
"""
import argparse
import csv
import glob
import os
import random
import sys

from PIL import Image, ImageDraw, ImageFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from shotscale import data as D  # noqa: E402

FONT_DIRS = ["/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/truetype"]
SYLLABLES = ["the", "and", "ver", "ing", "mor", "al", "ra", "on", "ste", "lu", "ca", "nor", "eth", "ha", "wil", "den", "so", "ri", "at", "em"]


def fonts():
    found = []
    for d in FONT_DIRS:
        found += sorted(glob.glob(os.path.join(d, "**", "*.ttf"), recursive=True))
    if not found:
        sys.exit("title_cards.py: no TrueType fonts found (Debian: apt-get install fonts-dejavu-core)")
    return found


def word(rng):
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))


def line(rng):
    text = " ".join(word(rng) for _ in range(rng.randint(1, 6)))
    return text.capitalize() if rng.random() < 0.7 else text.upper()


def card(rng, font_files):
    wide = rng.random() < 0.5
    w, h = 1440, 1080
    light = rng.random() < 0.6
    bg = rng.randint(170, 245) if light else rng.randint(0, 40)
    ink = rng.randint(0, 70) if light else rng.randint(180, 255)
    img = Image.new("L", (w, h), bg)
    d = ImageDraw.Draw(img)
    # border: none, ruled, double ruled, or corner ornaments
    style = rng.choice(["none", "ruled", "double", "corners"])
    m = rng.randint(40, 140)
    if style in ("ruled", "double"):
        d.rectangle([m, m, w - m, h - m], outline=ink, width=rng.randint(3, 10))
        if style == "double":
            d.rectangle([m + 18, m + 18, w - m - 18, h - m - 18], outline=ink, width=rng.randint(2, 5))
    elif style == "corners":
        r = rng.randint(30, 80)
        for cx, cy in ((m, m), (w - m, m), (m, h - m), (w - m, h - m)):
            d.ellipse([cx - r, cy - r, cx + r, cy + r], outline=ink, width=rng.randint(3, 8))
    if rng.random() < 0.25:
        # a small studio emblem at the bottom
        r = rng.randint(25, 60)
        d.ellipse([w // 2 - r, h - m - 2 * r - 10, w // 2 + r, h - m - 10], outline=ink, width=4)
    n_lines = rng.randint(1, 7)
    size = rng.randint(34, 96) if n_lines <= 4 else rng.randint(30, 64)
    font = ImageFont.truetype(rng.choice(font_files), size)
    lines = [line(rng) for _ in range(n_lines)]
    # shrink until the widest line fits inside the border
    while size > 20 and max(d.textlength(t, font=font) for t in lines) > w - 2 * m - 60:
        size -= 4
        font = ImageFont.truetype(font.path, size)
    gap = int(size * rng.uniform(1.2, 1.7))
    y = h // 2 - gap * n_lines // 2
    for t in lines:
        tw = d.textlength(t, font=font)
        d.text(((w - tw) / 2, y), t, fill=ink, font=font)
        y += gap
    rgb = img.convert("RGB")
    if rng.random() < 0.3:
        # silent prints were often tinted: amber, sepia, blue, green
        tint = rng.choice([(1.0, 0.8, 0.5), (1.0, 0.9, 0.7), (0.6, 0.8, 1.0), (0.7, 1.0, 0.7)])
        rgb = Image.merge("RGB", [ch.point(lambda v, k=k: int(v * k)) for ch, k in zip(rgb.split(), tint)])
    note = f"{'light' if light else 'dark'} card, {n_lines} line(s), {style} border"
    if wide:
        rgb = D.pillarbox(rgb, 16 / 9)
        note += ", pillarboxed"
    return rgb, note


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--worn-share", type=float, default=0.5)
    args = ap.parse_args(argv)
    font_files = fonts()
    os.makedirs(args.out, exist_ok=True)
    rows = []
    for k in range(args.n):
        rng = random.Random(f"{args.seed}|card|{k}")
        img, note = card(rng, font_files)
        if rng.random() < args.worn_share:
            img = D.old_film(img, rng)
            note += ", worn"
        name = f"card-{k:03d}.png"
        img.save(os.path.join(args.out, name))
        rows.append((name, "NA", note))
    with open(os.path.join(args.out, "labels.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["path", "label", "note"])
        w.writerows(rows)
    print(f"{len(rows)} cards -> {os.path.join(args.out, 'labels.csv')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
