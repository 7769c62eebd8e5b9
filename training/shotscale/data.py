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

CLASSES: List[str] = ["ECU", "CU", "MEDIUM", "LS", "ELS"]
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
IMAGE_EXTS = (".jpg", ".jpeg", ".png", ".bmp", ".webp")


def label_to_set(label: str) -> Optional[Tuple[int, ...]]:
    """Map a label string (code, alias, or 'A|B' alternatives) to accepted class indices.

    Returns None for NA (no subject) - a 5-class CNN cannot be trained or scored on it.
    Raises ValueError for unknown codes.
    """
    out = set()
    for part in label.strip().upper().split("|"):
        part = part.strip()
        if part in ("NA", ""):
            continue
        if part not in _CODE_TO_CLASSES:
            raise ValueError(f"unknown shot-scale label {part!r}")
        out.update(CLASSES.index(c) for c in _CODE_TO_CLASSES[part])
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


def load_dataset(spec: str) -> List[Sample]:
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
                acc = label_to_set(row["label"])
                if acc is None:
                    skipped_na += 1
                    continue
                samples.append(Sample(os.path.join(root, row["path"]), row["label"].strip().upper(), acc))
    elif os.path.isdir(spec):
        for d in sorted(os.listdir(spec)):
            full = os.path.join(spec, d)
            if not os.path.isdir(full):
                continue
            acc = label_to_set(d)
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
        print(f"[data] skipped {skipped_na} NA items (no subject; not a 5-class target)")
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
        else:  # pillarbox: 4:3 picture inside a 16:9 frame
            nw = max(w, int(round(h * rng.uniform(1.6, 1.9))))
            canvas = Image.new("RGB", (nw, h), (0, 0, 0))
            canvas.paste(img, ((nw - w) // 2, 0))
        img = canvas
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
        buf = io.BytesIO()
        img.save(buf, format="JPEG", quality=rng.randint(15, 75))
        buf.seek(0)
        img = Image.open(buf).convert("RGB")
    return img


def load_image(path: str) -> Image.Image:
    with Image.open(path) as im:
        return im.convert("RGB")


def batch_arrays(images: Sequence[Image.Image], size: int = INPUT_SIZE) -> np.ndarray:
    return np.stack([preprocess(im, size) for im in images])
