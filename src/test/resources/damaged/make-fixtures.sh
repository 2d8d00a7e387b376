#!/bin/sh
# Writes the damaged-file fixtures that need an encoder the tests do not have. First a 16x16
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
# A 64x64 TIFF of eight LZW strips (8 rows each), red over blue, whose seventh strip (rows 48-55)
# is overwritten with 0xFF: the LZW decoder fails there (vipsthumbnail warns "error in tile 0 x
# 48" and shows the rest; Pillow refuses the file).
/usr/bin/python3 - <<'PY'
from PIL import Image, TiffImagePlugin
im = Image.new("RGB", (64, 64), (220, 30, 30))
im.paste((30, 30, 220), (0, 32, 64, 64))
TiffImagePlugin.STRIP_SIZE = 64 * 3 * 8
im.save("bad-strip.tif", compression="tiff_lzw")
t = Image.open("bad-strip.tif")
offsets, counts = t.tag_v2[273], t.tag_v2[279]
assert len(offsets) == 8, offsets
b = bytearray(open("bad-strip.tif", "rb").read())
b[offsets[6]:offsets[6] + counts[6]] = b"\xff" * counts[6]
open("bad-strip.tif", "wb").write(bytes(b))
PY
