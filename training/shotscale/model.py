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


class ShotScaleNet(nn.Module):
    def __init__(self, backbone: nn.Module, num_classes: int):
        super().__init__()
        self.backbone = backbone
        self.head = CamHead(backbone.out_channels, num_classes)

    def features(self, x: torch.Tensor) -> torch.Tensor:
        return self.backbone(x)

    def forward(self, pixels: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        return self.head(self.backbone(pixels))


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
