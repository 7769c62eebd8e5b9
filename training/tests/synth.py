"""Tiny synthetic 'film stills': a figure whose size encodes the shot scale (no external data)."""
import os

import numpy as np
from PIL import Image, ImageDraw

CODES = ["ECU", "CU", "MCU", "LS", "ELS"]


def make_image(cls_idx: int, seed: int, w: int = 96, h: int = 54, frac: float = None) -> Image.Image:
    rng = np.random.default_rng(seed)
    bg = tuple(int(v) for v in rng.integers(40, 200, 3))
    im = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(im)
    if frac is None:
        frac = [1.6, 1.0, 0.6, 0.3, 0.12][cls_idx]  # figure height relative to frame height
    fh = frac * h
    cx, cy = w / 2 + rng.uniform(-8, 8), h / 2 + rng.uniform(-4, 4)
    d.ellipse([cx - fh / 4, cy - fh / 2, cx + fh / 4, cy + fh / 2], fill=(230, 200, 170))
    a = np.asarray(im).astype(np.float32) + rng.normal(0, 6, (h, w, 3))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))


def make_dataset(root: str, per_class: int = 6, layout: str = "csv") -> str:
    os.makedirs(root, exist_ok=True)
    rows = []
    for ci, code in enumerate(CODES):
        os.makedirs(os.path.join(root, code), exist_ok=True)
        for j in range(per_class):
            rel = f"{code}/{j:03d}.jpg"
            make_image(ci, 1000 * ci + j).save(os.path.join(root, rel), quality=90)
            rows.append(f"{rel},{code}")
    if layout == "csv":
        with open(os.path.join(root, "labels.csv"), "w") as f:
            f.write("path,label\n" + "\n".join(rows) + "\n")
        return os.path.join(root, "labels.csv")
    return root


# figure height / frame height for the seven codes (make_dataset_7)
FRACS_7 = {"ECU": 1.6, "CU": 1.0, "MCU": 0.75, "MS": 0.6, "MLS": 0.45, "LS": 0.3, "ELS": 0.12}


def make_dataset_7(root: str, per_code: int = 4, unsure: int = 3) -> str:
    """A `path,label` CSV like the geometry pseudo-labels: every code, plus `unsure` rows per medium
    code still labelled MEDIUM (= MCU|MS|MLS), with absolute paths (as scripts/tools/pseudo-labels.mjs writes)."""
    os.makedirs(root, exist_ok=True)
    rows = []
    for ci, (code, frac) in enumerate(FRACS_7.items()):
        n = per_code + (unsure if code in ("MCU", "MS", "MLS") else 0)
        for j in range(n):
            path = os.path.join(root, f"{code}-{j:03d}.jpg")
            make_image(0, 1000 * ci + j, frac=frac).save(path, quality=90)
            rows.append(f"{path},{'MEDIUM' if j >= per_code else code},")
    with open(os.path.join(root, "pseudo.csv"), "w") as f:
        f.write("path,label,note\n" + "\n".join(rows) + "\n")
    return os.path.join(root, "pseudo.csv")
