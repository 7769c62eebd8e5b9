import numpy as np
import pytest
from PIL import Image

from shotscale import data as D
from synth import make_dataset


def test_label_codes_and_aliases():
    idx = D.CLASSES.index
    assert D.label_to_set("ECU") == (idx("ECU"),)
    for c in ("MCU", "MS", "MLS", "MEDIUM", "medium"):
        assert D.label_to_set(c) == (idx("MEDIUM"),)
    assert D.label_to_set("WS") == (idx("LS"), idx("ELS"))
    assert D.label_to_set("CU|MCU") == (idx("CU"), idx("MEDIUM"))
    assert D.label_to_set("NA") is None
    with pytest.raises(ValueError):
        D.label_to_set("BOGUS")


def test_load_csv_and_folders(tmp_path):
    csv = make_dataset(str(tmp_path / "a"), per_class=2, layout="csv")
    with open(csv, "a") as f:
        f.write("ECU/000.jpg,NA\n")  # NA rows are skipped
    s1 = D.load_dataset(csv)
    s2 = D.load_dataset(make_dataset(str(tmp_path / "b"), per_class=2, layout="folders"))
    assert len(s1) == len(s2) == 10
    assert sorted(s.target for s in s1) == sorted(s.target for s in s2)
    assert {s.target for s in s1} == set(range(5))  # MCU folder -> MEDIUM


def test_letterbox_geometry():
    im = Image.new("RGB", (300, 168), (255, 255, 255))
    lb = D.letterbox(im, 224)
    a = np.asarray(lb)
    assert lb.size == (224, 224)
    # 300x168 -> 224x125: bars of 49 rows on top, 50 below
    assert a[:49].max() == 0 and a[-50:].max() == 0
    assert a[49:174].min() == 255
    x = D.preprocess(im)
    assert x.shape == (3, 224, 224) and x.dtype == np.float32
    assert x.min() == -1.0 and x.max() == 1.0  # black pad -> -1, white -> +1


def test_augment_is_deterministic_and_keeps_content():
    import random

    im = Image.new("RGB", (120, 68), (100, 150, 200))
    a = D.augment(im, random.Random(3))
    b = D.augment(im, random.Random(3))
    assert np.array_equal(np.asarray(a), np.asarray(b))
    # augmentations never crop: the frame can only grow (bars), never shrink
    for s in range(30):
        out = D.augment(im, random.Random(s))
        assert out.size[0] >= 120 and out.size[1] >= 68


def test_old_film_is_deterministic_monochrome_and_never_crops():
    import random

    rng = np.random.default_rng(0)
    im = Image.fromarray(rng.integers(0, 255, size=(90, 160, 3), dtype=np.uint8))
    a = D.old_film(im, random.Random("0|old1|5"))
    b = D.old_film(im, random.Random("0|old1|5"))
    assert np.array_equal(np.asarray(a), np.asarray(b))
    tinted = 0
    for s in range(30):
        out = D.old_film(im, random.Random(s))
        assert out.mode == "RGB"
        # never cropped: the height is kept and the width only grows (a pillarbox)
        assert out.size[1] == 90 and out.size[0] >= 160
        px = np.asarray(out, dtype=np.int16)
        spread = (px.max(axis=2) - px.min(axis=2)).mean()
        # grey, or one tint (sepia / blue) applied to a grey picture: never the source's colours
        assert spread < 60
        tinted += spread > 3
    assert 0 < tinted < 30
