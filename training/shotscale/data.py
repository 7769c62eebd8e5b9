"""Data loading, label codes, letterbox preprocessing and film-aware augmentation."""
from __future__ import annotations

import csv
import io
import os
import random
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
from PIL import Image, ImageEnhance, ImageFilter, ImageOps

CLASSES: List[str] = ["ECU", "CU", "MEDIUM", "LS", "ELS"]  # the default (5-class) model
# The 7-class model: every ordered code. Coarse labels (MEDIUM = MCU|MS|MLS) become sets of codes.
CLASSES_7: List[str] = ["ECU", "CU", "MCU", "MS", "MLS", "LS", "ELS"]
MEAN = (0.5, 0.5, 0.5)  # MobileNet (tfjs) expects RGB in [-1, 1]
STD = (0.5, 0.5, 0.5)
IMAGENET_MEAN = (0.485, 0.456, 0.406)  # torchvision ResNet-50 / DenseNet-121
IMAGENET_STD = (0.229, 0.224, 0.225)


def norm_for(arch: str):
    return (MEAN, STD) if arch.startswith("mobilenet") or arch == "mnv1" else (IMAGENET_MEAN, IMAGENET_STD)
INPUT_SIZE = 224

# Fine codes (ordered scale ECU<CU<MCU<MS<MLS<LS<ELS) and aliases -> the 5 trained classes.
_CODE_TO_CLASSES: Dict[str, Tuple[str, ...]] = {
    "ECU": ("ECU",),
    "CU": ("CU",),
    "MCU": ("MEDIUM",),
    "MS": ("MEDIUM",),
    "MLS": ("MEDIUM",),
    "MEDIUM": ("MEDIUM",),
    "LS": ("LS",),
    "ELS": ("ELS",),
    "WS": ("LS", "ELS"),
}
# Codes and aliases -> the 7 classes (a coarse alias becomes the set of its codes).
_CODE_TO_CLASSES_7: Dict[str, Tuple[str, ...]] = {
    **{c: (c,) for c in CLASSES_7},
    "MEDIUM": ("MCU", "MS", "MLS"),
    "WS": ("LS", "ELS"),
}
IMAGE_EXTS = (".jpg", ".jpeg", ".png", ".bmp", ".webp")


def classes_for(n: int) -> List[str]:
    """The model's output classes for `--classes 5|7`."""
    if n == 5:
        return list(CLASSES)
    if n == 7:
        return list(CLASSES_7)
    raise ValueError(f"--classes must be 5 or 7, not {n}")


def coarse_index(classes: Sequence[str]) -> np.ndarray:
    """For each of `classes`, the index of its 5-class group in CLASSES (MCU/MS/MLS -> MEDIUM)."""
    return np.array([CLASSES.index(_CODE_TO_CLASSES[c][0]) for c in classes], dtype=np.int64)


def label_to_set(label: str, classes: Sequence[str] = CLASSES) -> Optional[Tuple[int, ...]]:
    """Map a label string (code, alias, or 'A|B' alternatives) to accepted class indices of `classes`
    (the 5 default classes, or CLASSES_7 where MEDIUM is the set MCU|MS|MLS).

    Returns None for NA (no subject) - the CNN cannot be trained or scored on it.
    Raises ValueError for unknown codes.
    """
    table = _CODE_TO_CLASSES_7 if list(classes) == CLASSES_7 else _CODE_TO_CLASSES
    out = set()
    for part in label.strip().upper().split("|"):
        part = part.strip()
        if part in ("NA", ""):
            continue
        if part not in table:
            raise ValueError(f"unknown shot-scale label {part!r}")
        out.update(list(classes).index(c) for c in table[part])
    return tuple(sorted(out)) if out else None


@dataclass
class Sample:
    path: str
    label: str
    accept: Tuple[int, ...]  # accepted class indices

    @property
    def target(self) -> int:
        """Single training target (first accepted class); use `accept` for set-valued labels."""
        return self.accept[0]


def load_dataset(spec: str, classes: Sequence[str] = CLASSES) -> List[Sample]:
    """Load either a `path,label` CSV (paths relative to the CSV folder) or a folder-per-class tree."""
    samples: List[Sample] = []
    skipped_na = 0
    if os.path.isdir(spec) and os.path.exists(os.path.join(spec, "labels.csv")):
        spec = os.path.join(spec, "labels.csv")
    if os.path.isfile(spec):
        root = os.path.dirname(os.path.abspath(spec))
        with open(spec, newline="") as f:
            reader = csv.DictReader(f)
            if not reader.fieldnames or "path" not in reader.fieldnames or "label" not in reader.fieldnames:
                raise ValueError(f"{spec}: expected a CSV header with 'path' and 'label'")
            for row in reader:
                acc = label_to_set(row["label"], classes)
                if acc is None:
                    skipped_na += 1
                    continue
                samples.append(Sample(os.path.join(root, row["path"]), row["label"].strip().upper(), acc))
    elif os.path.isdir(spec):
        for d in sorted(os.listdir(spec)):
            full = os.path.join(spec, d)
            if not os.path.isdir(full):
                continue
            acc = label_to_set(d, classes)
            if acc is None:
                skipped_na += len(os.listdir(full))
                continue
            for fn in sorted(os.listdir(full)):
                if fn.lower().endswith(IMAGE_EXTS):
                    samples.append(Sample(os.path.join(full, fn), d.upper(), acc))
    else:
        raise FileNotFoundError(spec)
    if not samples:
        raise ValueError(f"no labelled images found in {spec}")
    if skipped_na:
        print(f"[data] skipped {skipped_na} NA items (no subject; not a CNN target)")
    return samples


# ---------------------------------------------------------------- preprocessing

def letterbox(img: Image.Image, size: int = INPUT_SIZE, pad=(0, 0, 0)) -> Image.Image:
    """Scale the whole frame to fit in size x size, keep aspect ratio, centre, pad with `pad` RGB.

    Rounding convention (mirrored by the app): new side = max(1, round(side * scale)),
    offset = floor((size - new side) / 2). Bilinear resampling.
    """
    img = img.convert("RGB")
    w, h = img.size
    s = min(size / w, size / h)
    nw, nh = max(1, round(w * s)), max(1, round(h * s))
    canvas = Image.new("RGB", (size, size), tuple(pad))
    canvas.paste(img.resize((nw, nh), Image.BILINEAR), ((size - nw) // 2, (size - nh) // 2))
    return canvas


def to_tensor_array(img: Image.Image, mean=MEAN, std=STD) -> np.ndarray:
    """PIL RGB (already letterboxed) -> float32 [3,H,W] normalised with mean/std."""
    a = np.asarray(img, dtype=np.float32) / 255.0
    a = (a - np.array(mean, np.float32)) / np.array(std, np.float32)
    return np.ascontiguousarray(a.transpose(2, 0, 1))


def preprocess(img: Image.Image, size: int = INPUT_SIZE, mean=MEAN, std=STD) -> np.ndarray:
    return to_tensor_array(letterbox(img, size), mean, std)


# ---------------------------------------------------------------- augmentation

def jpeg_round_trip(img: Image.Image, quality: int) -> Image.Image:
    """The image after JPEG compression at `quality` (1-95), as a re-encoded web or telecine copy."""
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("RGB")


def pillarbox(img: Image.Image, aspect: float) -> Image.Image:
    """The picture centred between black side bars in a frame `aspect` wide per unit of height (never narrower)."""
    w, h = img.size
    nw = max(w, int(round(h * aspect)))
    canvas = Image.new("RGB", (nw, h), (0, 0, 0))
    canvas.paste(img, ((nw - w) // 2, 0))
    return canvas


def augment(img: Image.Image, rng: random.Random) -> Image.Image:
    """Film-aware augmentation that keeps the true shot scale.

    No random zoom/crop (that changes scale). Applied to the source frame before letterboxing:
    horizontal flip, colour/contrast/brightness, grayscale, added letterbox/pillarbox bars (as when a
    scope film is delivered inside a 16:9 frame), film grain, blur, JPEG re-compression.
    """
    img = img.convert("RGB")
    if rng.random() < 0.5:
        img = ImageOps.mirror(img)
    if rng.random() < 0.8:
        img = ImageEnhance.Brightness(img).enhance(rng.uniform(0.6, 1.4))
        img = ImageEnhance.Contrast(img).enhance(rng.uniform(0.6, 1.4))
        img = ImageEnhance.Color(img).enhance(rng.uniform(0.5, 1.5))
    if rng.random() < 0.2:
        img = ImageOps.grayscale(img).convert("RGB")
    if rng.random() < 0.3:
        w, h = img.size
        if rng.random() < 0.7:  # letterbox bars: picture inside a taller frame
            target_ar = rng.uniform(1.33, 1.78)
            nh = max(h, int(round(w / target_ar)))
            canvas = Image.new("RGB", (w, nh), (0, 0, 0))
            canvas.paste(img, (0, (nh - h) // 2))
            img = canvas
        else:  # pillarbox: 4:3 picture inside a 16:9 frame
            img = pillarbox(img, rng.uniform(1.6, 1.9))
    if rng.random() < 0.25:
        img = img.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.3, 1.5)))
    if rng.random() < 0.3:
        a = np.asarray(img, dtype=np.float32)
        sigma = rng.uniform(2.0, 12.0)
        nprng = np.random.default_rng(rng.randrange(2**31))
        a = a + nprng.normal(0.0, sigma, size=a.shape[:2] + (1,)) * (1.0 if rng.random() < 0.5 else 0.0) \
            + nprng.normal(0.0, sigma, size=a.shape) * 0.5
        img = Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
    if rng.random() < 0.4:
        img = jpeg_round_trip(img, rng.randint(15, 75))
    return img


def old_film(img: Image.Image, rng: random.Random) -> Image.Image:
    """Old-film augmentation that keeps the true shot scale: a still made to look like a worn print.

    Monochrome (grey, or a sepia/blue tint), soft focus and lost resolution, a faded or crushed tone
    curve, clumpy grain, vignetting, flicker, dust and vertical scratches, and a 4:3 picture
    pillarboxed into 16:9 half the time. No zoom or crop. Strengths scale with the image width.
    """
    img = img.convert("RGB")
    if rng.random() < 0.5:
        img = ImageOps.mirror(img)
    w, h = img.size
    s = w / 480.0
    # lost resolution (a telecine of a dupe print), then soft focus
    if rng.random() < 0.6:
        f = rng.uniform(0.35, 0.8)
        img = img.resize((max(32, int(w * f)), max(32, int(h * f))), Image.BILINEAR).resize((w, h), Image.BILINEAR)
    if rng.random() < 0.6:
        img = img.filter(ImageFilter.GaussianBlur(radius=rng.uniform(0.4, 2.0) * s))
    a = np.asarray(ImageOps.grayscale(img), dtype=np.float32) / 255.0
    # tone: faded (raised blacks, lowered whites) or crushed (high contrast), and a gamma
    if rng.random() < 0.5:
        lo, hi = rng.uniform(0.0, 0.25), rng.uniform(0.7, 1.0)
        a = lo + (hi - lo) * a
    else:
        c = rng.uniform(1.1, 1.8)
        a = np.clip((a - 0.5) * c + 0.5, 0.0, 1.0)
    a = np.clip(a, 0.0, 1.0) ** rng.uniform(0.7, 1.4)
    nprng = np.random.default_rng(rng.randrange(2**31))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    # vignette
    if rng.random() < 0.6:
        r2 = ((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2
        a = a * (1.0 - rng.uniform(0.1, 0.5) * np.clip(r2 / 2.0, 0.0, 1.0))
    # flicker (a global exposure change)
    a = a * rng.uniform(0.75, 1.25)
    # clumpy grain: noise made at a coarser grid and enlarged
    g = max(1, int(round(rng.uniform(1.0, 3.0) * s)))
    small = nprng.normal(0.0, rng.uniform(0.02, 0.09), size=(h // g + 1, w // g + 1)).astype(np.float32)
    a = a + np.kron(small, np.ones((g, g), dtype=np.float32))[:h, :w]
    # dust (dark or light specks) and vertical scratches
    for _ in range(rng.randint(0, 12)):
        cx, cy, r = rng.uniform(0, w), rng.uniform(0, h), rng.uniform(0.5, 3.0) * s
        m = (xx - cx) ** 2 + (yy - cy) ** 2 <= r * r
        a[m] = 0.05 if rng.random() < 0.5 else 0.95
    for _ in range(rng.randint(0, 2)):
        x0 = int(rng.uniform(0, w))
        a[:, x0:x0 + max(1, int(s))] = 0.5 * a[:, x0:x0 + max(1, int(s))] + 0.5 * rng.choice((0.1, 0.9))
    a = np.clip(a, 0.0, 1.0)
    tint = rng.random()
    if tint < 0.2:  # sepia
        rgb = np.stack([a * 1.0, a * 0.85, a * 0.65], axis=-1)
    elif tint < 0.3:  # blue-tinted night print
        rgb = np.stack([a * 0.75, a * 0.85, a * 1.0], axis=-1)
    else:
        rgb = np.stack([a, a, a], axis=-1)
    img = Image.fromarray((np.clip(rgb, 0.0, 1.0) * 255).astype(np.uint8))
    if rng.random() < 0.5:  # a 4:3 (or 1.37) picture pillarboxed inside 16:9
        img = pillarbox(img, rng.uniform(1.7, 1.8))
    if rng.random() < 0.4:
        img = jpeg_round_trip(img, rng.randint(20, 70))
    return img


def load_image(path: str) -> Image.Image:
    with Image.open(path) as im:
        return im.convert("RGB")


def batch_arrays(images: Sequence[Image.Image], size: int = INPUT_SIZE) -> np.ndarray:
    return np.stack([preprocess(im, size) for im in images])
