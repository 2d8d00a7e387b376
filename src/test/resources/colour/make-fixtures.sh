#!/bin/sh
# Writes the colour fixtures of ColourProfilesTest: one 64x48 picture of eight flat patches
# (4 x 2, each 16x24) in a wide-gamut colour space, tagged the way each format tags it, and the
# reference conversions to sRGB by LittleCMS's own tificc. Debian ships an Adobe RGB profile
# (ghostscript's a98.icc) but no Display P3 one, so display-p3.icc is written here from its
# published primaries (SMPTE EG 432-1: P3 primaries, D65 white, the sRGB curve). Needs Debian's
# imagemagick (/usr/bin/convert: a stand-in may come first on PATH), liblcms2-utils (tificc),
# webp (cwebp), libheif-examples (heif-enc), libavif-bin (avifenc) and python3. The outputs are
# committed; rerun only to change them.
set -eu
cd "$(dirname "$0")"
IM=/usr/bin/convert
ADOBE=/usr/share/color/icc/ghostscript/a98.icc
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

python3 - <<'PY'
import struct

def xyz(x, y):
    return [x / y, 1.0, (1 - x - y) / y]

def mul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(3)) for j in range(3)] for i in range(3)]

def inv(m):
    (a, b, c), (d, e, f), (g, h, i) = m
    det = a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g)
    return [[(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
            [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
            [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det]]

def apply(m, v):
    return [sum(m[i][k] * v[k] for k in range(3)) for i in range(3)]

# P3-D65: red, green, blue and white chromaticities
prim = [xyz(0.680, 0.320), xyz(0.265, 0.690), xyz(0.150, 0.060)]
white = xyz(0.3127, 0.3290)
p = [[prim[j][i] for j in range(3)] for i in range(3)]
s = apply(inv(p), white)
rgb_to_xyz = [[p[i][j] * s[j] for j in range(3)] for i in range(3)]
bradford = [[0.8951, 0.2664, -0.1614], [-0.7502, 1.7135, 0.0367], [0.0389, -0.0685, 1.0296]]
d50 = [0.9642, 1.0, 0.8249]
lms_src = apply(bradford, white)
lms_dst = apply(bradford, d50)
scale = [[lms_dst[i] / lms_src[i] if i == j else 0 for j in range(3)] for i in range(3)]
chad = mul(inv(bradford), mul(scale, bradford))
colorants = mul(chad, rgb_to_xyz)

def s15(v):
    return struct.pack(">i", int(round(v * 65536)))

def xyz_tag(v):
    return b"XYZ \0\0\0\0" + b"".join(s15(c) for c in v)

def curve():
    out = []
    for i in range(1024):
        v = i / 1023
        lin = v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4
        out.append(int(round(lin * 65535)))
    return b"curv\0\0\0\0" + struct.pack(">I", 1024) + struct.pack(">1024H", *out)

def desc(text):
    t = text.encode("ascii") + b"\0"
    return (b"desc\0\0\0\0" + struct.pack(">I", len(t)) + t + struct.pack(">II", 0, 0)
            + struct.pack(">HB", 0, 0) + bytes(67))

trc = curve()
tags = [
    (b"desc", desc("Display P3 (written by make-fixtures.sh)")),
    (b"cprt", b"text\0\0\0\0No copyright, use freely\0"),
    (b"wtpt", xyz_tag(d50)),
    (b"chad", b"sf32\0\0\0\0" + b"".join(s15(chad[i][j]) for i in range(3) for j in range(3))),
    (b"rXYZ", xyz_tag([colorants[i][0] for i in range(3)])),
    (b"gXYZ", xyz_tag([colorants[i][1] for i in range(3)])),
    (b"bXYZ", xyz_tag([colorants[i][2] for i in range(3)])),
    (b"rTRC", trc), (b"gTRC", trc), (b"bTRC", trc),
]
table_end = 128 + 4 + 12 * len(tags)
body = b""
entries = b""
offsets = {}
for sig, data in tags:
    if id(data) not in offsets:
        while (table_end + len(body)) % 4:
            body += b"\0"
        offsets[id(data)] = table_end + len(body)
        body += data
    entries += sig + struct.pack(">II", offsets[id(data)], len(data))
size = table_end + len(body)
header = struct.pack(">I4sI4s4s4s", size, b"lcms", 0x02100000, b"mntr", b"RGB ", b"XYZ ")
header += struct.pack(">6H", 2026, 1, 1, 0, 0, 0) + b"acsp" + bytes(24)
header += struct.pack(">I", 0) + s15(d50[0]) + s15(d50[1]) + s15(d50[2]) + bytes(4)
header += bytes(128 - len(header))
open("display-p3.icc", "wb").write(header + struct.pack(">I", len(tags)) + entries + body)
PY

# Red, green, blue, orange / grey, teal, purple, skin: the saturated primaries clip to the sRGB
# gamut's edge either way; the mid colours show how far an unconverted thumbnail is off.
PATCHES="255,0,0 60,170,60 60,60,190 230,140,40 128,128,128 0,150,150 150,40,160 220,170,140"
picture() { # picture OUT R,G,B x 8: the 4 x 2 patches
  out=$1
  shift
  $IM -size 16x24 xc:"rgb($1)" xc:"rgb($2)" xc:"rgb($3)" xc:"rgb($4)" +append \
    \( -size 16x24 xc:"rgb($5)" xc:"rgb($6)" xc:"rgb($7)" xc:"rgb($8)" +append \) -append \
    -depth 8 -type TrueColor -define png:exclude-chunks=date,time "$out"
}
# shellcheck disable=SC2086 # PATCHES is a list
picture "$TMP/patches.png" $PATCHES

for space in p3 adobe; do
  icc=display-p3.icc
  [ $space = adobe ] && icc=$ADOBE
  # The reference: LittleCMS itself, relative colorimetric (what ColorConvertOp and vips use),
  # one patch at a time (tificc would read IM's TIFF chromaticity tags instead of -i).
  # shellcheck disable=SC2046,SC2086
  picture $space-reference.png $(echo $PATCHES | tr ' ,' '\n ' \
    | transicc -t1 -i"$icc" -o'*sRGB' -n 2>/dev/null | grep -E '^ *-?[0-9]' \
    | awk '{ for (i = 1; i <= 3; i++) {
               v = int($i + 0.5); v = v < 0 ? 0 : v > 255 ? 255 : v
               printf "%s%d", (i > 1 ? "," : ""), v
             }
             printf " " }')
  $IM "$TMP/patches.png" -profile "$icc" -define png:exclude-chunks=date,time PNG24:$space.png
  $IM "$TMP/patches.png" -profile "$icc" -type TrueColor -compress lzw $space.tif
done
cwebp -quiet -lossless -metadata icc p3.png -o p3.webp
heif-enc -q 95 -p chroma=444 p3.png -o p3.heic
# A phone's HEIC: the primary image and a thumbnail item (32x24), which holds no colr box itself.
heif-enc -q 95 -p chroma=444 -t 32 p3.png -o p3-thumbnail.heic >/dev/null
avifenc --min 0 --max 0 -y 444 --cicp 12/13/1 --ignore-icc p3.png p3-nclx.avif >/dev/null

# PNG's cICP chunk (PNG third edition): the same P3 pixels signalled by code points 12/13/0/1
# instead of a profile; and a PNG whose iCCP profile is damaged (its tag table cut off).
TMP=$TMP python3 - <<'PY'
import os, struct, zlib

def chunks(data):
    pos = 8
    while pos < len(data):
        n = struct.unpack(">I", data[pos:pos + 4])[0]
        yield data[pos + 4:pos + 8], data[pos:pos + 12 + n]
        pos += 12 + n

def chunk(kind, payload):
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(
        ">I", zlib.crc32(kind + payload))

src = open("p3.png", "rb").read()
icc = open("display-p3.icc", "rb").read()
cicp = bytearray(src[:8])
damaged = bytearray(src[:8])
for kind, raw in chunks(src):
    if kind == b"iCCP":
        bad = icc[:160] + bytes(64) # the tag table cut off
        damaged += chunk(b"iCCP", b"broken\0\0" + zlib.compress(bad))
        continue
    if kind in (b"gAMA", b"cHRM", b"sRGB"):
        continue
    cicp += raw
    damaged += raw
    if kind == b"IHDR":
        cicp += chunk(b"cICP", bytes([12, 13, 0, 1]))
open("p3-cicp.png", "wb").write(bytes(cicp))
open("damaged-profile.png", "wb").write(bytes(damaged))
open(os.environ["TMP"] + "/damaged.icc", "wb").write(icc[:160] + bytes(64))
PY
# A BMP (BITMAPV5HEADER, 4-bit palette: small) and a PSD with the P3 profile embedded.
$IM p3.png -profile display-p3.icc -type Palette BMP:p3.bmp
$IM p3.png -profile display-p3.icc p3.psd
# A JPEG with the P3 profile (TwelveMonkeys converts it; libjpeg-turbo hands it over), and an
# AVIF carrying the damaged profile (heif-enc drops a profile libpng cannot read).
$IM p3.png -quality 98 -sampling-factor 1x1 p3.jpg
avifenc --min 0 --max 0 -y 444 --icc "$TMP/damaged.icc" p3.png damaged-profile.avif >/dev/null
