#!/usr/bin/env python3
"""Entry point: `npm run train -- --data <dir|labels.csv> --backbone <tfjs dir> --out public/models`."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from shotscale.train import main  # noqa: E402

if __name__ == "__main__":
    main()
