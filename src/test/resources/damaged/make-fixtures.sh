#!/bin/sh
# Writes the fixtures of HeaderRepairTest that need an encoder the tests do not have: a 16x16
# TIFF of two WebP strips (8 rows each), red (220, 30, 30) over blue (30, 30, 220), through
# Pillow's libtiff (Debian's python3-pil; its libtiff is built with WebP). The output is
# committed; rerun only to change it.
set -eu
cd "$(dirname "$0")"
/usr/bin/python3 - <<'PY'
from PIL import Image, TiffImagePlugin
im = Image.new("RGB", (16, 16), (220, 30, 30))
im.paste((30, 30, 220), (0, 8, 16, 16))
TiffImagePlugin.STRIP_SIZE = 16 * 3 * 8  # two strips: one WebP image each
im.save("webp-strips.tif", compression="webp")
PY
