import os
import sys

import pytest

TRAINING = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, TRAINING)

SHARED = os.environ.get("SHOTSCALE_SHARED", os.path.join(os.path.dirname(TRAINING), "..", "shared"))
SHARED = os.path.normpath(SHARED)
BACKBONE = os.path.join(SHARED, "data", "backbones", "mobilenet_v1_0.75_224")
DEV_STILLS = os.path.join(SHARED, "data", "dev-stills")

needs_shared = pytest.mark.skipif(not os.path.exists(os.path.join(BACKBONE, "model.json")),
                                  reason="../shared (backbone weights) not present")


@pytest.fixture(scope="session", autouse=True)
def _threads():
    import torch

    torch.set_num_threads(2)
