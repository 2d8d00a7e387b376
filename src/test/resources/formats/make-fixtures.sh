#!/bin/sh
# Writes the format fixtures of TwelveMonkeysFormatsTest: one 64x48 picture of four coloured
# quadrants (red, green / blue, yellow) per format, so that a test can check the colours where
# they must be without trusting the reader under test. Needs Debian's imagemagick (its convert;
# a stand-in that only prints PNGs may come first on PATH, so /usr/bin/convert is named) and
# python3. The outputs are committed; rerun only to change them.
set -eu
cd "$(dirname "$0")"
IM=/usr/bin/convert
$IM -size 32x24 xc:'#ff0000' xc:'#00ff00' +append \
  \( -size 32x24 xc:'#0000ff' xc:'#ffff00' +append \) -append -depth 8 quadrants.ppm
$IM quadrants.ppm -type TrueColor photo.sgi
$IM quadrants.ppm -type TrueColor photo.pcx
$IM quadrants.ppm -define dds:compression=none -define dds:mipmaps=0 photo.dds
# A palette PICT (PackBitsRect): the TwelveMonkeys reader fails on the direct-colour one
# (DirectBitsRect) ImageMagick 6 writes at this size ("Unexpected end of File").
$IM quadrants.ppm -type Palette photo.pict
# ImageMagick writes no Amiga IFF: a 24-bit ILBM (24 bit planes, uncompressed) by hand.
python3 - <<'PY'
import struct
data = open("quadrants.ppm", "rb").read()
# "P6\n64 48\n255\n" then RGB
parts = data.split(b"\n", 3)
w, h = map(int, parts[1].split())
rgb = parts[3]
row_bytes = (w + 15) // 16 * 2
body = bytearray()
for y in range(h):
    for channel in range(3):
        for bit in range(8):
            plane = bytearray(row_bytes)
            for x in range(w):
                if rgb[(y * w + x) * 3 + channel] >> bit & 1:
                    plane[x // 8] |= 0x80 >> (x % 8)
            body += plane
bmhd = struct.pack(">HHhhBBBBHBBhh", w, h, 0, 0, 24, 0, 0, 0, 0, 1, 1, w, h)
chunks = b"ILBM" + b"BMHD" + struct.pack(">I", len(bmhd)) + bmhd
chunks += b"BODY" + struct.pack(">I", len(body)) + bytes(body)
open("photo.iff", "wb").write(b"FORM" + struct.pack(">I", len(chunks)) + chunks)
PY
rm quadrants.ppm
