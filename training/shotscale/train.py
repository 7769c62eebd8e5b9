"""Train, cross-validate, calibrate and export the shot-scale model.

    python3 training/train.py --data <dir or labels.csv> --backbone <tfjs mobilenet dir> --out public/models

Pipeline (all deterministic for a given --seed):
 1. Every image is letterboxed to 224x224 (black bars), normalised to [-1,1].
 2. The frozen part of the backbone is run once per (image, view): view 0 is the clean frame, views
    1..V are film-aware augmentations (flip, colour, grayscale, bars, grain, blur, JPEG). Outputs are
    cached on disk (--cache), so k-fold CV and the final fit reuse them.
 3. The trainable part (the last --finetune-blocks MobileNet blocks, 0 = none, plus the CAM head)
    is trained with class-balanced cross-entropy (set-valued labels such as WS=LS|ELS supported).
 4. k-fold stratified CV gives out-of-fold logits -> accuracy, macro-F1, within-one, confusion.
    A temperature is fitted on out-of-fold logits; ECE is reported with a cross-fitted temperature
    (each fold's T is fitted on the other folds' out-of-fold logits).
 5. The final model is trained on all data, T is baked into the graph, ONNX + card are written,
    the contract is checked with onnxruntime, and the clips (--clips) are scored per second.
"""
from __future__ import annotations

import argparse
import csv
import datetime as _dt
import hashlib
import json
import os
import random
import shlex
import subprocess
import sys
import time
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

from . import data as D
from . import metrics as M
from .export import benchmark, check_contract, export_onnx, onnx_ops, sha256_file
from .model import ShotScaleNet, build_backbone
from .mobilenet import MobileNetV1

AUG_VERSION = "aug-v1"


def set_seed(seed: int) -> None:
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


# ------------------------------------------------------------------ feature cache

class Split:
    """Splits the network into a frozen trunk (cached) and a trainable tail."""

    def __init__(self, backbone: nn.Module, finetune_blocks: int, mid_block: int = 0):
        self.backbone = backbone.eval()
        self.ft = finetune_blocks
        self.mid = mid_block
        if (finetune_blocks or mid_block) and not isinstance(backbone, MobileNetV1):
            raise SystemExit("--finetune-blocks and --mid-block are only supported for the MobileNet backbone")
        if finetune_blocks and mid_block:
            raise SystemExit("--mid-block is for the head-only (frozen backbone) path; drop --finetune-blocks")
        if mid_block and not 1 <= mid_block < len(backbone.blocks):
            raise SystemExit(f"--mid-block must be in 1..{len(backbone.blocks) - 1}")
        self.split_at = len(backbone.blocks) - finetune_blocks if finetune_blocks else None

    @torch.no_grad()
    def trunk(self, x: torch.Tensor) -> torch.Tensor:
        if self.ft:
            return self.backbone.forward_until(x, self.split_at)
        if self.mid:  # GAP of [last map, block `mid` map]: the multi-scale head is linear in these
            a_mid = self.backbone.forward_until(x, self.mid)
            a_last = self.backbone.forward_from(a_mid, self.mid)
            if a_mid.shape[-1] % a_last.shape[-1] or a_mid.shape[-2] % a_last.shape[-2]:
                raise SystemExit(f"--mid-block {self.mid}: map {tuple(a_mid.shape[-2:])} does not tile "
                                 f"the last map {tuple(a_last.shape[-2:])}")
            return torch.cat([a_last.mean(dim=(2, 3)), a_mid.mean(dim=(2, 3))], dim=1)
        return self.backbone(x).mean(dim=(2, 3))  # GAP features (head-only training)


def _cache_key(samples: Sequence[D.Sample], tag: str, view: int, seed: int) -> str:
    h = hashlib.sha1()
    h.update(tag.encode())
    h.update(f"|{view}|{seed}|{AUG_VERSION}|".encode())
    for s in samples:
        h.update(os.path.abspath(s.path).encode())
        try:
            st = os.stat(s.path)
            h.update(f"{st.st_size}:{int(st.st_mtime)}".encode())
        except OSError:
            pass
    return h.hexdigest()[:16]


def compute_views(samples: Sequence[D.Sample], split: Split, views: int, seed: int, cache_dir: Optional[str],
                  tag: str, batch: int = 32, size: int = D.INPUT_SIZE, norm=(D.MEAN, D.STD),
                  only: Optional[Sequence] = None, old_film: int = 0) -> np.ndarray:
    """-> array [views+1+old_film, N, ...] (view 0 = clean; then `views` film-aware augmentations, then
    `old_film` old-film ones, D.old_film). float16 for feature maps, float32 for pooled.

    only=["flip"] gives [1, N, ...] for the mirror image of the clean letterboxed frame (flipped after
    letterboxing, as the exported graph does for --flip-tta)."""
    out = []
    for v in (only if only is not None else list(range(views + 1)) + [f"old{k}" for k in range(1, old_film + 1)]):
        path = None
        if cache_dir:
            os.makedirs(cache_dir, exist_ok=True)
            path = os.path.join(cache_dir, f"{_cache_key(samples, tag, v, seed)}.npy")
            if os.path.exists(path):
                out.append(np.load(path))
                continue
        t0 = time.time()
        chunks = []
        for i in range(0, len(samples), batch):
            imgs = []
            for j, s in enumerate(samples[i:i + batch]):
                im = D.load_image(s.path)
                if isinstance(v, str) and v.startswith("old"):
                    rng = random.Random(f"{seed}|{v}|{i + j}")  # a str seed is hashed deterministically
                    im = D.old_film(im, rng)
                elif v != "flip" and v > 0:
                    rng = random.Random(hash((seed, v, i + j)) & 0xFFFFFFFF)
                    im = D.augment(im, rng)
                imgs.append(D.preprocess(im, size, *norm))
            xb = torch.from_numpy(np.stack(imgs))
            f = split.trunk(xb.flip(-1) if v == "flip" else xb)
            chunks.append(f.numpy().astype(np.float16 if f.ndim == 4 else np.float32))
        arr = np.concatenate(chunks)
        print(f"[cache] view {v}: {arr.shape} in {time.time() - t0:.1f}s", flush=True)
        if path:
            np.save(path, arr)
        out.append(arr)
    return np.stack(out)


# ------------------------------------------------------------------ training of the tail

def accept_mask(samples: Sequence[D.Sample], k: int) -> np.ndarray:
    m = np.zeros((len(samples), k), dtype=bool)
    for i, s in enumerate(samples):
        m[i, list(s.accept)] = True
    return m


def set_ce(logits: torch.Tensor, mask: torch.Tensor, weights: torch.Tensor, smoothing: float = 0.0) -> torch.Tensor:
    """-log sum_{c in accepted} p_c, class-balanced by per-sample weights, optional label smoothing."""
    logp = F.log_softmax(logits, dim=1)
    nll = -torch.logsumexp(logp.masked_fill(~mask, float("-inf")), dim=1)
    if smoothing:
        nll = (1 - smoothing) * nll - smoothing * logp.mean(dim=1)
    return (nll * weights).sum() / weights.sum()


def class_weights(mask: np.ndarray, power: float = 1.0) -> np.ndarray:
    """Class balance over the model's classes, set-valued labels included.

    A sample counts 1/|accepted| towards each of its accepted classes (a MEDIUM = MCU|MS|MLS row is a
    third of an MCU, an MS and an MLS), class c's weight is w_c = (N / (K * n_c))^power, and a sample's
    weight is the mean of w_c over its accepted classes, so at power 1 every class carries the same
    total weight N/K. For one-class labels this is exactly (N / (K * n_class))^power."""
    frac = mask.astype(np.float64) / mask.sum(axis=1, keepdims=True)
    counts = frac.sum(axis=0)
    counts[counts == 0] = 1
    w_c = (mask.shape[0] / (mask.shape[1] * counts)) ** power
    return (frac @ w_c).astype(np.float32)


def fit_linear(X: np.ndarray, mask: np.ndarray, w: np.ndarray, l2: float, seed: int,
               smoothing: float = 0.0, iters: int = 300) -> Tuple[np.ndarray, np.ndarray]:
    """Weighted multinomial logistic regression on standardised features (LBFGS, full batch).
    Returns (W [K,C], b [K]) on the *raw* feature scale (standardisation folded in)."""
    torch.manual_seed(seed)
    X = torch.from_numpy(X.astype(np.float32))
    mu, sd = X.mean(0), X.std(0) + 1e-3
    Z = (X - mu) / sd
    k = mask.shape[1]
    lin = nn.Linear(Z.shape[1], k)
    nn.init.zeros_(lin.weight)
    nn.init.zeros_(lin.bias)
    mt, wt = torch.from_numpy(mask), torch.from_numpy(w)
    opt = torch.optim.LBFGS(lin.parameters(), lr=1, max_iter=iters, history_size=20,
                            line_search_fn="strong_wolfe", tolerance_grad=1e-6, tolerance_change=1e-9)

    def closure():
        opt.zero_grad()
        loss = set_ce(lin(Z), mt, wt, smoothing) + 0.5 * l2 * (lin.weight ** 2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    W = (lin.weight.detach() / sd).numpy()
    b = (lin.bias.detach() - (lin.weight.detach() / sd) @ mu).numpy()
    return W, b


class Tail(nn.Module):
    def __init__(self, blocks: nn.ModuleList, head: nn.Conv2d):
        super().__init__()
        self.blocks = blocks
        self.head = head

    def forward(self, x):
        for b in self.blocks:
            x = b(x)
        return self.head(x).mean(dim=(2, 3))


def fit_tail(backbone: MobileNetV1, split_at: int, X: np.ndarray, mask: np.ndarray, w: np.ndarray,
             args, seed: int, init_head: Optional[Tuple[np.ndarray, np.ndarray]] = None
             ) -> Tuple[nn.ModuleList, nn.Conv2d]:
    """Fine-tune the last MobileNet blocks + head on cached trunk activations X [N,C,h,w] (fp16)."""
    import copy

    torch.manual_seed(seed)
    blocks = copy.deepcopy(backbone.blocks[split_at:])
    head = nn.Conv2d(backbone.out_channels, mask.shape[1], 1)
    if init_head is not None:
        head.weight.data = torch.from_numpy(init_head[0]).float().reshape(head.weight.shape).clone()
        head.bias.data = torch.from_numpy(init_head[1]).float().clone()
    tail = Tail(blocks, head)
    for m in tail.modules():  # BN statistics stay frozen (small data); affine params train
        if isinstance(m, nn.BatchNorm2d):
            m.eval()
    params = [
        {"params": [p for n, p in blocks.named_parameters()], "lr": args.ft_lr, "weight_decay": 1e-4},
        {"params": head.parameters(), "lr": args.head_lr, "weight_decay": args.head_wd},
    ]
    opt = torch.optim.AdamW(params)
    n = X.shape[0]
    steps = args.ft_epochs * ((n + args.batch - 1) // args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=[args.ft_lr, args.head_lr], total_steps=steps,
                                                pct_start=0.15)
    g = torch.Generator().manual_seed(seed)
    mt, wt = torch.from_numpy(mask), torch.from_numpy(w)
    tail.train()
    for m in tail.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.eval()
    for ep in range(args.ft_epochs):
        perm = torch.randperm(n, generator=g)
        tot = 0.0
        for i in range(0, n, args.batch):
            idx = perm[i:i + args.batch]
            xb = torch.from_numpy(X[idx.numpy()].astype(np.float32))
            loss = set_ce(tail(xb), mt[idx], wt[idx], args.smoothing)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
            tot += float(loss.detach()) * len(idx)
        print(f"    epoch {ep + 1}/{args.ft_epochs} loss {tot / n:.4f}", flush=True)
    tail.eval()
    return blocks, head


@torch.no_grad()
def tail_logits(blocks: nn.ModuleList, head: nn.Conv2d, X: np.ndarray, batch: int = 64) -> np.ndarray:
    t = Tail(blocks, head).eval()
    return np.concatenate([t(torch.from_numpy(X[i:i + batch].astype(np.float32))).numpy()
                           for i in range(0, len(X), batch)])


def train_and_predict(feats: np.ndarray, mask: np.ndarray, tr: np.ndarray, te: Optional[np.ndarray],
                      split: Split, args, seed: int, flipped: Optional[np.ndarray] = None):
    """Train on views of `tr`, return (model parts, logits on clean view of `te`).

    flipped: features of the mirrored clean frames (--flip-tta). The head is linear in the GAP features,
    so the mean of the two logits is the head applied to the mean of the two feature vectors."""
    V = feats.shape[0]
    Xtr = feats[:, tr].reshape((-1,) + feats.shape[2:])
    mtr = np.tile(mask[tr], (V, 1))
    wtr = np.tile(class_weights(mask[tr], args.balance_power), V)
    if not split.ft:
        W, b = fit_linear(Xtr, mtr, wtr, args.l2, seed, args.smoothing)
        parts = ("linear", W, b)
        lg = None if te is None else (feats[0, te] if flipped is None else
                                      0.5 * (feats[0, te] + flipped[te])) @ W.T + b
    else:
        # LP-FT: warm-start the head with the linear probe on the frozen tail's GAP features
        frozen = split.backbone.blocks[split.split_at:]
        with torch.no_grad():
            pooled = np.concatenate([
                Tail(frozen, nn.Identity())(torch.from_numpy(Xtr[i:i + 128].astype(np.float32))).numpy()
                for i in range(0, len(Xtr), 128)])
        W, b = fit_linear(pooled, mtr, wtr, args.l2, seed, args.smoothing)
        blocks, head = fit_tail(split.backbone, split.split_at, Xtr, mtr, wtr, args, seed, init_head=(W, b))
        parts = ("tail", blocks, head)
        lg = None if te is None else tail_logits(blocks, head, feats[0, te])
    return parts, lg


def load_extra(spec: str, data_spec: str, classes: Sequence[str]) -> Tuple[List[D.Sample], List[str]]:
    """Extra training-only samples of a path,label,parent CSV and the absolute path of each one's parent."""
    samples = D.load_dataset(spec, classes)
    data_root = data_spec if os.path.isdir(data_spec) else os.path.dirname(os.path.abspath(data_spec))
    root = os.path.dirname(os.path.abspath(spec))
    by_path = {}
    with open(spec, newline="") as f:
        for row in csv.DictReader(f):
            parent = (row.get("parent") or "").strip()
            by_path[os.path.join(root, row["path"])] = os.path.abspath(os.path.join(data_root, parent)) if parent else ""
    return samples, [by_path.get(s_.path, "") for s_ in samples]


def stratified_folds(y: np.ndarray, k: int, seed: int) -> List[np.ndarray]:
    rng = np.random.default_rng(seed)
    folds: List[List[int]] = [[] for _ in range(k)]
    for c in np.unique(y):
        idx = np.where(y == c)[0]
        rng.shuffle(idx)
        for j, i in enumerate(idx):
            folds[j % k].append(int(i))
    return [np.array(sorted(f)) for f in folds]


# ------------------------------------------------------------------ clips

def decode_frame(clip: str, t: float) -> "D.Image.Image":
    from PIL import Image
    import io

    out = subprocess.run(["ffmpeg", "-v", "error", "-ss", f"{t:.3f}", "-i", clip, "-frames:v", "1",
                          "-f", "image2pipe", "-vcodec", "png", "-"], check=True, capture_output=True).stdout
    return Image.open(io.BytesIO(out)).convert("RGB")


def evaluate_clips(onnx_path: str, clips_spec: str, norm=(D.MEAN, D.STD), classes: Sequence[str] = D.CLASSES) -> Dict:
    """Per-second accuracy on clips/labels.csv (frame at t+0.5 s) using the exported ONNX model.

    `accuracy`/`withinOne` score the argmax in the model's own classes against the accepted set (for a
    7-class model the codes themselves: MCU|MS accepts MCU or MS only). `coarseAccuracy`/
    `coarseWithinOne` score it on the 5-class scale (MCU/MS/MLS -> MEDIUM), comparable across models."""
    import csv
    from .export import ort_session

    labels_csv = clips_spec if clips_spec.endswith(".csv") else os.path.join(clips_spec, "labels.csv")
    root = os.path.dirname(os.path.abspath(labels_csv))
    sess = ort_session(onnx_path)
    rows = list(csv.DictReader(open(labels_csv, newline="")))
    coarse = D.coarse_index(classes)
    per_clip: Dict[str, Dict] = {}
    detail = []
    n5 = w5 = 0
    for r in rows:
        acc = D.label_to_set(r["accept"], classes)
        if acc is None:
            continue
        acc5 = D.label_to_set(r["accept"])
        im = decode_frame(os.path.join(root, r["clip"]), float(r["second"]) + 0.5)
        x = D.preprocess(im, D.INPUT_SIZE, *norm)[None]
        logits, _ = sess.run(None, {"pixels": x})
        p = int(logits[0].argmax())
        ok = p in acc
        w1 = min(abs(p - a) for a in acc) <= 1
        n5 += int(coarse[p] in acc5)
        w5 += int(min(abs(int(coarse[p]) - a) for a in acc5) <= 1)
        c = per_clip.setdefault(r["clip"], {"n": 0, "correct": 0, "withinOne": 0})
        c["n"] += 1
        c["correct"] += int(ok)
        c["withinOne"] += int(w1)
        detail.append({"clip": r["clip"], "second": int(r["second"]), "accept": r["accept"],
                       "pred": classes[p], "ok": ok, "coarseOk": bool(coarse[p] in acc5)})
    n = sum(c["n"] for c in per_clip.values())
    return {
        "set": "Tears of Steel excerpts (CC BY 3.0), 1 frame per second at t+0.5 s, NA seconds excluded",
        "n": n,
        "naExcluded": sum(1 for r in rows if D.label_to_set(r["accept"], classes) is None),
        "accuracy": sum(c["correct"] for c in per_clip.values()) / max(n, 1),
        "withinOne": sum(c["withinOne"] for c in per_clip.values()) / max(n, 1),
        "coarseAccuracy": n5 / max(n, 1),
        "coarseWithinOne": w5 / max(n, 1),
        "perClip": {k: {"n": v["n"], "accuracy": v["correct"] / v["n"], "withinOne": v["withinOne"] / v["n"]}
                    for k, v in per_clip.items()},
        "perSecond": detail,
    }


# ------------------------------------------------------------------ main

def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", required=True, help="folder-per-class dir, dir with labels.csv, or a path,label CSV")
    p.add_argument("--backbone", help="tfjs layers MobileNet v1 directory (model.json + shards)")
    p.add_argument("--arch", default="mobilenet", choices=["mobilenet", "resnet50", "densenet121"])
    p.add_argument("--init", help="torchvision .pth state dict for resnet50/densenet121")
    p.add_argument("--out", default="public/models")
    p.add_argument("--name", default="shotscale-mnv1.onnx", help="ONNX file name inside --out")
    p.add_argument("--card", default="default.card.json", help="card file name inside --out")
    p.add_argument("--id", default="shotscale-mnv1")
    p.add_argument("--model-version", default="1.0.0")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--classes", type=int, default=5, choices=[5, 7],
                   help="5: ECU CU MEDIUM LS ELS (default); 7: ECU CU MCU MS MLS LS ELS, where a MEDIUM label "
                        "is the set MCU|MS|MLS (loss -log sum p over the accepted codes). CV is always also "
                        "scored on the 5-class scale (an MCU/MS/MLS prediction counts as MEDIUM)")
    p.add_argument("--labels-note", default=None,
                   help="free-text note on where the labels come from (e.g. geometry pseudo-labels), for the card")
    p.add_argument("--extra", default=None,
                   help="CSV path,label,parent of extra training-only images (e.g. crops made by definition); "
                        "paths relative to its folder, parent = the --data image it was made from (as the --data "
                        "CSV names it). Never scored; in CV an extra image trains only the folds whose test set "
                        "does not hold its parent")
    p.add_argument("--extra-note", default=None, help="free-text note on the extra images, for the card")
    p.add_argument("--views", type=int, default=4, help="augmented views per image (plus the clean one)")
    p.add_argument("--old-film-views", type=int, default=0,
                   help="old-film augmented views per image (grey/sepia, soft, grain, vignette, flicker, dust), after --views")
    p.add_argument("--finetune-blocks", type=int, default=0, help="train the last N MobileNet blocks too")
    p.add_argument("--mid-block", type=int, default=0,
                   help="multi-scale CAM head (MobileNet, head-only): also use the output of block N (1-based; "
                        "11 = the last 14x14 map), 2x2-average-pooled onto the 7x7 grid; 0 = off (default)")
    p.add_argument("--flip-tta", action="store_true",
                   help="average logits and cam over the frame and its mirror image inside the ONNX graph "
                        "(CV is scored the same way); off by default")
    p.add_argument("--folds", type=int, default=5, help="k for stratified CV (0/1 = skip CV)")
    p.add_argument("--max-folds", type=int, default=0, help="debug: run only the first M folds, then stop")
    p.add_argument("--l2", type=float, default=0.1, help="L2 for the linear head (standardised features)")
    p.add_argument("--smoothing", type=float, default=0.0)
    p.add_argument("--balance-power", type=float, default=1.0, help="class weight = (N/(K n_c))^power; 0 = off")
    p.add_argument("--ft-epochs", type=int, default=6)
    p.add_argument("--ft-lr", type=float, default=3e-4)
    p.add_argument("--head-lr", type=float, default=3e-3)
    p.add_argument("--head-wd", type=float, default=1e-2)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--clips", help="dir (or labels.csv) of clips with per-second accepted labels")
    p.add_argument("--cache", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                                   ".cache"), help="feature cache dir ('' = off)")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--tiny", action="store_true", help="tiny random-init backbone (CI smoke tests)")
    p.add_argument("--max-images", type=int, default=0, help="use only the first N images (debug)")
    p.add_argument("--no-bench", action="store_true")
    p.add_argument("--data-licence", default="mixed / unknown (web-scraped; not redistributed)")
    p.add_argument("--provenance", default="web-scraped stills of mixed licence from a public shot-type "
                                           "dataset project, labels noisy")
    p.add_argument("--eval-set", default=None, help="name of the evaluation set for the card")
    p.add_argument("--eval-note", default=None, help="free-text note for the card's evaluation")
    p.add_argument("--conversion-report", default=None,
                   help="JSON from training/verify_tfjs.py to record in the card (backbone.conversionCheck)")
    return p.parse_args(argv)


def main(argv=None) -> Dict:
    args = parse_args(argv)
    torch.set_num_threads(args.threads)
    set_seed(args.seed)
    t_start = time.time()
    classes = D.classes_for(args.classes)
    K = len(classes)
    K5 = len(D.CLASSES)
    coarse = D.coarse_index(classes)
    fine = K != K5

    samples = D.load_dataset(args.data, classes)
    if args.max_images:
        rng = random.Random(args.seed)
        samples = sorted(rng.sample(samples, min(args.max_images, len(samples))), key=lambda s: s.path)
    mask = accept_mask(samples, K)
    # y: the 5-class label (group of the first accepted class). It stratifies the folds (so a 7-class
    # run on the same images in the same order gets the 5-class model's folds) and is what CV scores.
    y = coarse[mask.argmax(axis=1)]
    # temperature target: the set-valued NLL where some label is a set, plain CE otherwise
    t_target = mask if (mask.sum(axis=1) > 1).any() else mask.argmax(axis=1)
    label_counts = {}
    for s_ in samples:
        label_counts[s_.label] = label_counts.get(s_.label, 0) + 1
    print(f"[data] {len(samples)} images; per 5-class group {dict(zip(D.CLASSES, np.bincount(y, minlength=K5).tolist()))}"
          + (f"; labels {label_counts}" if fine else ""))

    if args.arch == "mobilenet" and not args.backbone and not args.tiny:
        raise SystemExit("--backbone <tfjs mobilenet dir> is required for --arch mobilenet (or --tiny)")
    backbone = build_backbone(args.arch, args.backbone, args.init, tiny=args.tiny)
    for p_ in backbone.parameters():
        p_.requires_grad_(False)
    if args.flip_tta and args.finetune_blocks:
        raise SystemExit("--flip-tta is implemented for the head-only path (no --finetune-blocks)")
    split = Split(backbone, args.finetune_blocks, args.mid_block)
    norm = D.norm_for(args.arch)
    tag = f"{args.arch}|{os.path.abspath(args.backbone or '')}|{args.init}|tiny={args.tiny}|ft={args.finetune_blocks}"
    if args.mid_block:  # the default run keeps its old cache key
        tag += f"|mid={args.mid_block}"
    feats = compute_views(samples, split, args.views, args.seed, args.cache or None, tag, norm=norm,
                          old_film=args.old_film_views)
    n_main = len(samples)
    extra, extra_parent = load_extra(args.extra, args.data, classes) if args.extra else ([], [])
    if extra:
        if args.flip_tta:
            raise SystemExit("--extra is not implemented with --flip-tta")
        feats = np.concatenate([feats, compute_views(extra, split, args.views, args.seed, args.cache or None, tag, norm=norm,
                                                      old_film=args.old_film_views)], axis=1)
        print(f"[data] {len(extra)} extra training-only images from {args.extra}", flush=True)
    mask_train = np.concatenate([mask, accept_mask(extra, K)]) if extra else mask
    index_of = {os.path.abspath(s_.path): i for i, s_ in enumerate(samples)}
    extra_parent_idx = np.array([index_of.get(p_, -1) for p_ in extra_parent], dtype=np.int64)
    flipped = (compute_views(samples, split, 0, args.seed, args.cache or None, tag, norm=norm, only=["flip"])[0]
               if args.flip_tta else None)

    evaluation: Dict = {}
    T = 1.0
    if args.folds and args.folds > 1:
        folds = stratified_folds(y, args.folds, args.seed)
        oof = np.zeros((len(samples), K), dtype=np.float64)
        fold_stats = []
        for fi, te in enumerate(folds):
            if args.max_folds and fi >= args.max_folds:
                break
            tr = np.setdiff1d(np.arange(len(samples)), te)
            if extra:
                tr = np.concatenate([tr, n_main + np.where(~np.isin(extra_parent_idx, te))[0]])
            print(f"[cv] fold {fi + 1}/{args.folds}: train {len(tr)} test {len(te)}", flush=True)
            _, lg = train_and_predict(feats, mask_train, tr, te, split, args, args.seed + fi, flipped)
            oof[te] = lg
            s = M.summarize(y[te], lg, K5, coarse if fine else None)
            fold_stats.append(s)
            print(f"[cv]   acc {s['accuracy']:.4f} macroF1 {s['macroF1']:.4f} within1 {s['withinOne']:.4f}"
                  + (" (5-class scale)" if fine else ""), flush=True)
        if args.max_folds and args.max_folds < args.folds:
            print("[cv] --max-folds given: stopping after partial CV (no card/export)")
            return {}
        # cross-fitted temperature for an honest ECE; final T from all out-of-fold logits
        cal = np.zeros_like(oof)
        for fi, te in enumerate(folds):
            others = np.setdiff1d(np.arange(len(samples)), te)
            cal[te] = oof[te] / M.fit_temperature(oof[others], t_target[others])
        T = M.fit_temperature(oof, t_target)
        pooled = M.summarize(y, oof, K5, coarse if fine else None)

        def probs5(lg):
            return M.collapse(M.softmax(lg), coarse, K5) if fine else M.softmax(lg)
        accs = [s["accuracy"] for s in fold_stats]
        f1s = [s["macroF1"] for s in fold_stats]
        w1s = [s["withinOne"] for s in fold_stats]
        evaluation = {
            "set": args.eval_set or f"{os.path.abspath(args.data)} ({args.folds}-fold stratified CV, "
                                    f"out-of-fold predictions on clean letterboxed frames)",
            "n": len(samples),
            "folds": args.folds,
            "accuracy": float(np.mean(accs)),
            "accuracyStd": float(np.std(accs)),
            "macroF1": float(np.mean(f1s)),
            "macroF1Std": float(np.std(f1s)),
            "withinOne": float(np.mean(w1s)),
            "withinOneStd": float(np.std(w1s)),
            "eceUncalibrated": M.ece(probs5(oof), y),
            "ece": M.ece(probs5(cal), y),
            "eceNote": "15-bin top-1 ECE on out-of-fold predictions; 'ece' uses a temperature fitted on the "
                       "other folds' out-of-fold logits (cross-fitted)",
            "pooledAccuracy": pooled["accuracy"],
            "confusion": pooled["confusion"],
            "confusionNote": "rows = true class, columns = predicted, order = classes; summed over folds",
        }
        if fine:
            pred = oof.argmax(axis=1)
            rows_ = sorted(label_counts, key=lambda l: (min(mask[[i for i, s_ in enumerate(samples) if s_.label == l][0]].nonzero()[0]), l))
            by_label = {l: np.bincount(pred[[i for i, s_ in enumerate(samples) if s_.label == l]], minlength=K).tolist()
                        for l in rows_}
            sure = mask.sum(axis=1) == 1
            med = sure & np.isin(mask.argmax(axis=1), np.where(coarse == D.CLASSES.index("MEDIUM"))[0])
            evaluation.update({
                "scoredOn": "the 5-class labels (ECU, CU, MEDIUM, LS, ELS): an MCU/MS/MLS prediction counts as "
                            "MEDIUM; ECE on the probabilities summed over MCU+MS+MLS; confusion in 5-class order",
                "confusion": pooled["confusion"],
                "fineConfusion": by_label,
                "fineConfusionNote": f"rows = training label, columns = predicted over {classes}; summed over folds",
                "fineSetAccuracy": M.set_accuracy(mask, oof),
                "fineSetAccuracyNote": "argmax inside the accepted set of the training labels (MEDIUM accepts "
                                       "MCU|MS|MLS); on the pseudo-labelled MEDIUM rows this is agreement "
                                       "with the pseudo-labels, not with ground truth",
                "pseudoLabelAgreement": M.set_accuracy(mask[med], oof[med]) if med.any() else None,
                "pseudoLabelRows": int(med.sum()),
            })
            print(f"[cv] 7-class: set accuracy {evaluation['fineSetAccuracy']:.4f}; agreement with the "
                  f"{int(med.sum())} one-code MCU/MS/MLS labels {evaluation['pseudoLabelAgreement']}")
            for l in rows_:
                print(f"     {l:>12} {by_label[l]}")
        print(f"[cv] accuracy {evaluation['accuracy']:.4f} ± {evaluation['accuracyStd']:.4f}  macroF1 "
              f"{evaluation['macroF1']:.4f}  within1 {evaluation['withinOne']:.4f}  ECE {evaluation['eceUncalibrated']:.4f}"
              f" -> {evaluation['ece']:.4f} (T={T:.3f})", flush=True)
        print("[cv] confusion (rows true):", D.CLASSES)
        for c, row in zip(D.CLASSES, pooled["confusion"]):
            print(f"     {c:>6} {row}")

    # ---- final model on all data
    print("[final] training on all images", flush=True)
    parts, _ = train_and_predict(feats, mask_train, np.arange(len(mask_train)), None, split, args, args.seed)
    model = ShotScaleNet(backbone, K, mid_block=args.mid_block, flip_tta=args.flip_tta)
    if parts[0] == "linear":
        model.head.set_linear(torch.from_numpy(parts[1]), torch.from_numpy(parts[2]))
    else:
        _, blocks, head = parts
        for i, b in enumerate(blocks):
            backbone.blocks[split.split_at + i] = b
        model.head.conv.weight.data = head.weight.data.clone()
        model.head.conv.bias.data = head.bias.data.clone()
    model.head.set_temperature(T)
    model.eval()

    os.makedirs(args.out, exist_ok=True)
    onnx_path = os.path.join(args.out, args.name)
    export_onnx(model, onnx_path)
    xs = np.stack([D.preprocess(D.load_image(s.path), D.INPUT_SIZE, *norm) for s in samples[:4]])
    diffs = check_contract(model, onnx_path, xs)
    print(f"[export] {onnx_path}: {os.path.getsize(onnx_path) / 1e6:.2f} MB; checks {diffs}")
    ops, opset = onnx_ops(onnx_path)
    mid_hw, mid_ch = (0, 0), 0
    if args.mid_block:
        with torch.no_grad():
            _, a_mid = model.features(torch.from_numpy(xs[:1]))
        mid_hw, mid_ch = tuple(int(v) for v in a_mid.shape[-2:]), int(a_mid.shape[1])

    clips = None
    if args.clips:
        clips = evaluate_clips(onnx_path, args.clips, norm, classes)
        print(f"[clips] accuracy {clips['accuracy']:.3f} within1 {clips['withinOne']:.3f} (n={clips['n']}); "
              f"5-class scale {clips['coarseAccuracy']:.3f} within1 {clips['coarseWithinOne']:.3f}")
        for d in clips["perSecond"]:
            print(f"     {d['clip'][:18]} t={d['second']:>2} accept {d['accept']:<8} pred {d['pred']:<6} {'ok' if d['ok'] else 'WRONG'}")
    fps = None if args.no_bench else benchmark(onnx_path, batch=8, threads=args.threads)
    if fps:
        print(f"[bench] onnxruntime python CPU, batch 8, {args.threads} threads: {fps:.1f} frames/s")

    if clips is not None:
        evaluation["clips"] = clips
    if args.eval_note and evaluation:
        evaluation["note"] = args.eval_note
    conversion = None
    if args.conversion_report and os.path.exists(args.conversion_report):
        with open(args.conversion_report) as f:
            rep = json.load(f)
        conversion = {k: rep[k] for k in ("inputs", "maxAbsDiffProbs", "maxAbsDiffLogits", "top1Agreement") if k in rep}
        conversion["method"] = ("original tfjs layers model run by @tensorflow/tfjs " + rep.get("tfjs", {}).get("tfjs", "")
                                + " (cpu backend) in Node vs the PyTorch port, same inputs; training/verify_tfjs.py")
    cmd = "python3 " + " ".join(shlex.quote(a) for a in ([sys.argv[0]] + (argv if argv is not None else sys.argv[1:])))
    card = {
        "id": args.id,
        "version": args.model_version,
        "file": args.name,
        "sha256": sha256_file(onnx_path),
        "bytes": os.path.getsize(onnx_path),
        "classes": list(classes),
        "classOrder": ("ordered scale ECU < CU < MCU < MS < MLS < LS < ELS" if fine else
                       "ordered scale ECU < CU < MEDIUM < LS < ELS; MEDIUM = MCU|MS|MLS"),
        "input": {"name": "pixels", "height": D.INPUT_SIZE, "width": D.INPUT_SIZE, "mean": list(norm[0]),
                  "std": list(norm[1]), "resize": "letterbox", "pad": [0, 0, 0], "layout": "NCHW", "color": "RGB"},
        "outputs": {"logits": "logits", "cam": "cam"},
        "camShape": [7, 7],
        "temperature": round(float(T), 6),
        "temperatureNote": "already applied inside the graph: logits and cam are divided by T",
        "architecture": {"mobilenet": "MobileNet v1 alpha=0.75 (224) + 1x1-conv CAM head; logits = spatial mean of cam",
                         "resnet50": "ResNet-50 + 1x1-conv CAM head; logits = spatial mean of cam",
                         "densenet121": "DenseNet-121 + 1x1-conv CAM head; logits = spatial mean of cam"}[args.arch]
                        + (f"; multi-scale head: + block {args.mid_block} map "
                           f"({mid_hw[0]}x{mid_hw[1]}, {mid_ch} ch) {mid_hw[0] // 7}x{mid_hw[1] // 7}-average-pooled onto "
                           f"the 7x7 grid, cam = W_last.A_last + AvgPool(W_mid.A_mid) + b, still GAP + linear over "
                           f"[GAP(last), GAP(mid)]" if args.mid_block else "")
                        + ("; flip TTA in the graph: logits and cam averaged over the frame and its mirror image "
                           "(cam mirrored back)" if args.flip_tta else "")
                        + (f"; last {args.finetune_blocks} backbone blocks fine-tuned" if args.finetune_blocks else
                           "; backbone frozen (ImageNet)") + ("; TINY RANDOM BACKBONE (test only)" if args.tiny else ""),
        "onnx": {"opset": opset, "ops": ops, "dynamicBatch": True, "dtype": "float32"},
        "backbone": {
            "name": {"mobilenet": "mobilenet_v1_0.75_224 (ImageNet-1k)", "resnet50": "ResNet-50",
                     "densenet121": "DenseNet-121"}[args.arch] if not args.tiny else "random tiny MobileNet v1 0.25",
            "source": ("Google tfjs-models MobileNet v1 (TensorFlow.js layers format), ported to PyTorch "
                       "by training/shotscale/mobilenet.py" if args.arch == "mobilenet" else
                       f"torchvision weights from {os.path.basename(args.init or '') or 'random init'}"),
            "licence": "Apache-2.0" if args.arch == "mobilenet" else "BSD-3-Clause (torchvision code); weights per their source",
            **({"conversionCheck": conversion} if conversion else {}),
        },
        "training": {
            "data": f"{os.path.basename(os.path.abspath(args.data).rstrip('/'))}: {len(samples)} images, "
                    + ("per label " + ", ".join(f"{l} {n}" for l, n in label_counts.items()) if fine else
                       "per class " + ", ".join(f"{c} {n}" for c, n in zip(D.CLASSES, np.bincount(y, minlength=K).tolist()))),
            **({"labels": args.labels_note} if args.labels_note else {}),
            **({"extra": f"{os.path.basename(os.path.abspath(args.extra))}: {len(extra)} training-only images"
                         + (f"; {args.extra_note}" if args.extra_note else "")} if extra else {}),
            **({"loss": "set-valued: -log sum of p over the accepted classes (MEDIUM = MCU|MS|MLS)"} if fine else {}),
            "provenance": args.provenance,
            "licence": args.data_licence,
            "command": cmd,
            "npmCommand": "npm run train -- " + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:])),
            "seed": args.seed,
            "date": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "recipe": {
                "preprocess": "letterbox to 224x224, black bars, RGB/255, (x-0.5)/0.5",
                "views": args.views, **({"oldFilmViews": args.old_film_views} if args.old_film_views else {}),
                "augmentation": AUG_VERSION + ": flip, brightness/contrast/saturation, "
                "grayscale, added letterbox/pillarbox bars, grain, blur, JPEG; no zoom/crop",
                "finetuneBlocks": args.finetune_blocks,
                **({"midBlock": args.mid_block} if args.mid_block else {}),
                **({"flipTta": True} if args.flip_tta else {}),
                "classBalance": f"inverse-frequency^{args.balance_power}",
                "l2": args.l2, "labelSmoothing": args.smoothing,
                **({"ftEpochs": args.ft_epochs, "ftLr": args.ft_lr, "headLr": args.head_lr,
                    "headWd": args.head_wd, "batch": args.batch} if args.finetune_blocks else {}),
            },
            "seconds": round(time.time() - t_start, 1),
        },
        "evaluation": evaluation,
        "runtime": {"onnxruntimePythonCpuFps": None if fps is None else round(fps, 1),
                    "fpsNote": f"onnxruntime {__import__('onnxruntime').__version__} python, CPUExecutionProvider, "
                               f"batch 8, {args.threads} threads (onnxruntime-node not installed)",
                    "exportChecks": diffs},
    }
    card_path = os.path.join(args.out, args.card)
    with open(card_path, "w") as f:
        json.dump(card, f, indent=2)
        f.write("\n")
    print(f"[done] wrote {onnx_path} and {card_path} in {time.time() - t_start:.0f}s")
    return card


if __name__ == "__main__":
    main()
