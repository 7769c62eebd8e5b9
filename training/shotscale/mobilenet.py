"""MobileNet v1 in PyTorch, numerically equivalent to the Keras/tfjs-layers model.

The tfjs layers file set (model.json + binary shards) is read directly: no TensorFlow needed.
Differences from a naive PyTorch port that matter for exactness:
  * Keras "same" padding with stride 2 on an even input pads 0 before / 1 after
    (PyTorch padding=1 would pad 1/1 and shift the grid) -> explicit asymmetric F.pad.
  * BatchNorm epsilon is 1e-3 (Keras), not 1e-5.
  * Kernels are HWIO (conv) / HWC1 (depthwise) -> permuted to OIHW.
"""
from __future__ import annotations

import json
import os
from typing import Dict, List, Optional, Tuple

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def _tf_same_pad(size: int, k: int, s: int) -> Tuple[int, int]:
    out = (size + s - 1) // s
    total = max((out - 1) * s + k - size, 0)
    return total // 2, total - total // 2


class TFSameConv(nn.Module):
    """Conv2d (optionally depthwise) + BN(eps=1e-3) + ReLU6 with TF 'same' padding."""

    def __init__(self, cin: int, cout: int, k: int, stride: int, depthwise: bool = False):
        super().__init__()
        self.k, self.stride = k, stride
        groups = cin if depthwise else 1
        self.conv = nn.Conv2d(cin, cout, k, stride=stride, padding=0, groups=groups, bias=False)
        self.bn = nn.BatchNorm2d(cout, eps=1e-3, momentum=0.01)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.k > 1:
            h, w = int(x.shape[-2]), int(x.shape[-1])
            pt, pb = _tf_same_pad(h, self.k, self.stride)
            pl, pr = _tf_same_pad(w, self.k, self.stride)
            x = F.pad(x, (pl, pr, pt, pb))
        return torch.clamp(self.bn(self.conv(x)), 0.0, 6.0)


# (stride, output channels at alpha=1) for the 13 depthwise-separable blocks
_BLOCKS = [(1, 64), (2, 128), (1, 128), (2, 256), (1, 256), (2, 512),
           (1, 512), (1, 512), (1, 512), (1, 512), (1, 512), (2, 1024), (1, 1024)]


class MobileNetV1(nn.Module):
    """Feature extractor: returns the last ReLU6 activation map [N, C, H/32, W/32]."""

    def __init__(self, alpha: float = 0.75, num_imagenet_classes: int = 0):
        super().__init__()
        c = int(32 * alpha)
        self.conv1 = TFSameConv(3, c, 3, 2)
        blocks = []
        for s, co in _BLOCKS:
            co = int(co * alpha)
            blocks.append(nn.Sequential(TFSameConv(c, c, 3, s, depthwise=True), TFSameConv(c, co, 1, 1)))
            c = co
        self.blocks = nn.ModuleList(blocks)
        self.out_channels = c
        # ImageNet classifier (conv_preds) is kept only for the conversion proof.
        self.imagenet_head = nn.Conv2d(c, num_imagenet_classes, 1) if num_imagenet_classes else None

    def forward_from(self, x: torch.Tensor, start_block: int = 0) -> torch.Tensor:
        """Run blocks[start_block:] on an intermediate map (start_block=0 means from conv1 output)."""
        for b in self.blocks[start_block:]:
            x = b(x)
        return x

    def forward_until(self, x: torch.Tensor, stop_block: int) -> torch.Tensor:
        x = self.conv1(x)
        for b in self.blocks[:stop_block]:
            x = b(x)
        return x

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.forward_from(self.conv1(x), 0)

    def imagenet_logits(self, x: torch.Tensor) -> torch.Tensor:
        assert self.imagenet_head is not None
        f = self(x).mean(dim=(2, 3), keepdim=True)
        return self.imagenet_head(f).flatten(1)


def read_tfjs_weights(model_dir: str) -> Tuple[dict, Dict[str, np.ndarray]]:
    """Parse a tfjs layers-model directory -> (model.json dict, {weight name: ndarray})."""
    with open(os.path.join(model_dir, "model.json")) as f:
        mj = json.load(f)
    weights: Dict[str, np.ndarray] = {}
    for group in mj["weightsManifest"]:
        buf = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in group["paths"])
        off = 0
        for w in group["weights"]:
            if w.get("quantization"):
                raise ValueError(f"quantized tfjs weights not supported: {w['name']}")
            if w["dtype"] != "float32":
                raise ValueError(f"unsupported dtype {w['dtype']} for {w['name']}")
            n = int(np.prod(w["shape"])) if w["shape"] else 1
            arr = np.frombuffer(buf, dtype="<f4", count=n, offset=off).reshape(w["shape"])
            weights[w["name"]] = arr.copy()
            off += 4 * n
        if off != len(buf):
            raise ValueError(f"shard size mismatch in {group['paths']}: used {off} of {len(buf)} bytes")
    return mj, weights


def _alpha_from_json(mj: dict) -> float:
    layers = mj["modelTopology"]["model_config"]["config"]["layers"]
    for l in layers:
        if l["name"] == "conv1":
            return l["config"]["filters"] / 32.0
    raise ValueError("conv1 not found in model.json")


def load_tfjs_mobilenet(model_dir: str, with_imagenet_head: bool = False) -> MobileNetV1:
    mj, W = read_tfjs_weights(model_dir)
    alpha = _alpha_from_json(mj)
    ncls = W["conv_preds/bias"].shape[0] if with_imagenet_head else 0
    m = MobileNetV1(alpha=alpha, num_imagenet_classes=ncls)

    def set_unit(unit: TFSameConv, name: str, depthwise: bool):
        k = W[f"{name}/depthwise_kernel" if depthwise else f"{name}/kernel"]
        if depthwise:  # H W C 1 -> C 1 H W
            t = np.transpose(k, (2, 3, 0, 1))
        else:  # H W I O -> O I H W
            t = np.transpose(k, (3, 2, 0, 1))
        assert unit.conv.weight.shape == t.shape, (name, unit.conv.weight.shape, t.shape)
        unit.conv.weight.data = torch.from_numpy(np.ascontiguousarray(t))
        bn = f"{name}_bn"
        unit.bn.weight.data = torch.from_numpy(W[f"{bn}/gamma"])
        unit.bn.bias.data = torch.from_numpy(W[f"{bn}/beta"])
        unit.bn.running_mean.data = torch.from_numpy(W[f"{bn}/moving_mean"])
        unit.bn.running_var.data = torch.from_numpy(W[f"{bn}/moving_variance"])

    set_unit(m.conv1, "conv1", False)
    for i, blk in enumerate(m.blocks, start=1):
        set_unit(blk[0], f"conv_dw_{i}", True)
        set_unit(blk[1], f"conv_pw_{i}", False)
    if with_imagenet_head:
        k = W["conv_preds/kernel"]
        m.imagenet_head.weight.data = torch.from_numpy(np.ascontiguousarray(np.transpose(k, (3, 2, 0, 1))))
        m.imagenet_head.bias.data = torch.from_numpy(W["conv_preds/bias"])
    m.eval()
    return m


def imagenet_labels(model_dir: str) -> Optional[List[str]]:
    p = os.path.join(model_dir, "metadata.json")
    if not os.path.exists(p):
        return None
    with open(p) as f:
        return json.load(f).get("labels")
