"""Shot-scale network: backbone feature map -> 1x1 conv head (CAM) -> spatial mean (logits)."""
from __future__ import annotations

from typing import Optional, Tuple

import torch
import torch.nn as nn
import torch.nn.functional as F

from .mobilenet import MobileNetV1, load_tfjs_mobilenet


class CamHead(nn.Module):
    """cam = W.A + b (1x1 conv); logits = mean over h,w of cam == GAP + linear exactly."""

    def __init__(self, in_ch: int, num_classes: int):
        super().__init__()
        self.conv = nn.Conv2d(in_ch, num_classes, 1, bias=True)
        nn.init.zeros_(self.conv.bias)
        nn.init.normal_(self.conv.weight, std=0.01)
        self.register_buffer("inv_temperature", torch.ones(()))

    def forward(self, feats: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        cam = self.conv(feats) * self.inv_temperature
        logits = cam.mean(dim=(2, 3))
        return logits, cam

    def set_linear(self, weight: torch.Tensor, bias: torch.Tensor) -> None:
        """Load a linear classifier fitted on GAP features (weight [K,C], bias [K])."""
        self.conv.weight.data = weight.detach().float().reshape(self.conv.weight.shape).clone()
        self.conv.bias.data = bias.detach().float().reshape(self.conv.bias.shape).clone()

    def set_temperature(self, t: float) -> None:
        self.inv_temperature.fill_(1.0 / float(t))


class MultiScaleCamHead(CamHead):
    """CAM head over two scales of the backbone (a mid-level map and the last map).

    cam[c] = W_last[c].A_last + AvgPool_fxf(W_mid[c].A_mid) + b[c] on the last map's grid, where
    f = H_mid / H_last (2 for MobileNet block 11: 14x14 -> 7x7). The f x f average pool with stride f
    tiles the mid map exactly, so mean(cam) == W_last.GAP(A_last) + W_mid.GAP(A_mid) + b: still exactly
    GAP + linear, now over the concatenated GAP features [last, mid]. `set_linear` takes W [K, C_last +
    C_mid] in that order."""

    def __init__(self, in_ch: int, mid_ch: int, num_classes: int):
        super().__init__(in_ch, num_classes)
        self.mid = nn.Conv2d(mid_ch, num_classes, 1, bias=False)
        nn.init.normal_(self.mid.weight, std=0.01)

    def forward(self, feats: torch.Tensor, mid: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        f = int(mid.shape[-1]) // int(feats.shape[-1])
        cam = (self.conv(feats) + F.avg_pool2d(self.mid(mid), f, f)) * self.inv_temperature
        logits = cam.mean(dim=(2, 3))
        return logits, cam

    def set_linear(self, weight: torch.Tensor, bias: torch.Tensor) -> None:
        c = self.conv.weight.shape[1]
        super().set_linear(weight[:, :c], bias)
        self.mid.weight.data = weight[:, c:].detach().float().reshape(self.mid.weight.shape).clone()


class TorchvisionFeatures(nn.Module):
    """ResNet-50 / DenseNet-121 trunk with torchvision-compatible parameter names (see tv_arch)."""

    def __init__(self, arch: str, init: Optional[str]):
        super().__init__()
        from .tv_arch import DenseNet121, ResNet50, load_torchvision_state

        if arch == "resnet50":
            self.body = ResNet50()
        elif arch == "densenet121":
            self.body = DenseNet121()
        else:
            raise ValueError(arch)
        if init:
            load_torchvision_state(self.body, init)
        self.out_channels = self.body.out_channels

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)


def mid_channels(backbone: nn.Module, mid_block: int) -> int:
    """Output channels of MobileNet block `mid_block` (1-based, as in the tfjs names conv_pw_N)."""
    return backbone.blocks[mid_block - 1][1].conv.out_channels


class ShotScaleNet(nn.Module):
    """pixels -> (logits, cam). mid_block > 0 (MobileNet only): multi-scale head that adds the output of
    block `mid_block` (1-based) pooled onto the last map's grid. flip_tta: logits and cam are averaged
    over the frame and its mirror image (the mirror's cam is mirrored back), inside the graph."""

    def __init__(self, backbone: nn.Module, num_classes: int, mid_block: int = 0, flip_tta: bool = False):
        super().__init__()
        self.backbone = backbone
        self.mid_block = int(mid_block)
        self.flip_tta = bool(flip_tta)
        if self.mid_block:
            if not isinstance(backbone, MobileNetV1):
                raise ValueError("mid_block needs the MobileNet backbone")
            self.head = MultiScaleCamHead(backbone.out_channels, mid_channels(backbone, self.mid_block), num_classes)
        else:
            self.head = CamHead(backbone.out_channels, num_classes)
        if self.flip_tta:  # the mirror as a Gather with constant indices (no Slice with negative steps)
            self.register_buffer("rev224", torch.arange(223, -1, -1), persistent=False)

    def features(self, x: torch.Tensor):
        """The last map, or (last map, mid map) for the multi-scale head."""
        if not self.mid_block:
            return self.backbone(x)
        mid = self.backbone.forward_until(x, self.mid_block)
        return self.backbone.forward_from(mid, self.mid_block), mid

    def single(self, pixels: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        f = self.features(pixels)
        return self.head(*f) if self.mid_block else self.head(f)

    def forward(self, pixels: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        logits, cam = self.single(pixels)
        if not self.flip_tta:
            return logits, cam
        w = int(pixels.shape[-1])
        rev = self.rev224 if w == 224 else torch.arange(w - 1, -1, -1)
        lf, cf = self.single(pixels.index_select(3, rev))
        revc = torch.arange(int(cf.shape[-1]) - 1, -1, -1)
        return (logits + lf) * 0.5, (cam + cf.index_select(3, revc)) * 0.5


def build_backbone(arch: str, backbone_path: Optional[str] = None, init: Optional[str] = None,
                   tiny: bool = False) -> nn.Module:
    """arch: mobilenet (tfjs dir via backbone_path; random init if None), resnet50, densenet121.

    tiny=True gives a small random-init MobileNet (alpha=0.25) for fast CI smoke tests.
    """
    if arch in ("mobilenet", "mobilenet_v1", "mnv1"):
        if tiny:
            torch.manual_seed(0)
            return MobileNetV1(alpha=0.25).eval()
        if backbone_path:
            return load_tfjs_mobilenet(backbone_path)
        return MobileNetV1(alpha=0.75).eval()
    return TorchvisionFeatures(arch, init).eval()
