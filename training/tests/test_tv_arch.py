import torch

from shotscale.tv_arch import DenseNet121, ResNet50, load_torchvision_state


def test_resnet50_loads_torchvision_style_checkpoint(tmp_path):
    src = ResNet50()
    sd = {f"module.{k}": v for k, v in src.state_dict().items()}
    sd["fc.weight"] = torch.zeros(1000, 2048)
    sd["fc.bias"] = torch.zeros(1000)
    torch.save(sd, tmp_path / "r.pth")
    dst = ResNet50()
    load_torchvision_state(dst, str(tmp_path / "r.pth"))
    for (k, a), b in zip(src.state_dict().items(), dst.state_dict().values()):
        assert torch.equal(a, b), k


def test_densenet121_accepts_legacy_key_names(tmp_path):
    src = DenseNet121()
    sd = {}
    for k, v in src.state_dict().items():  # legacy torchvision checkpoints: 'norm.1' instead of 'norm1'
        sd[k.replace(".norm1.", ".norm.1.").replace(".conv2.", ".conv.2.")] = v
    torch.save(sd, tmp_path / "d.pth")
    dst = DenseNet121()
    load_torchvision_state(dst, str(tmp_path / "d.pth"))
    assert torch.equal(src.features.denseblock1.denselayer1.norm1.weight, dst.features.denseblock1.denselayer1.norm1.weight)
    assert dst.out_channels == 1024
