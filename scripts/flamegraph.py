#!/usr/bin/python3
"""Collapsed stacks (async-profiler's `collapsed` output: `frame;frame;... count` per line) to
an SVG flame graph (drawn top-down, thread groups first, at most MAX_DEPTH frames deep), and a summary of where the samples went: by thread group and, in the worker
threads, by stage of the per-image work. Used by scripts/profile-job.

    flamegraph.py STACKS.collapsed OUT.svg "title"
"""
import collections
import html
import re
import sys

MIN_FRACTION = 0.002  # frames narrower than this are not drawn
MAX_DEPTH = 36  # Spark's stacks run 100 deep; the per-image work shows well above this
WIDTH, ROW = 1600, 16

STAGES = [  # (stage, substrings of a frame that put a worker sample in it), first match wins
    ("decode: libjpeg-turbo", ("libturbojpeg", "tjDecompress", "TJDecompressor")),
    ("encode", ("ImageEncoder", "tjCompress")),
    ("scale", ("AreaAverage", "coobird", "Thumbnailer.scale")),
    ("read", ("SourceReader",)),
    ("fetch", ("UrlFetcher",)),
    ("write", ("OutputStore",)),
    ("other per-image work", ("InputTask", "Thumbnailer", "ImageDecoder")),
]


def thread_group(frame):
    name = re.sub(r" tid=\d+\]$", "]", frame)
    name = re.sub(r"[-#]?\d+", "N", name)
    if "thumbnailer" in name:
        return "worker threads (per-image work)"
    if "Compiler" in name:
        return "JIT compiler threads"
    if "GC Thread" in name or "VM Thread" in name:
        return "garbage collector"
    if name.startswith("[main"):
        return "main (start-up, driver)"
    return "other threads (Spark, JVM)"


def main():
    src, out, title = sys.argv[1], sys.argv[2], sys.argv[3]
    root = {}
    total = 0
    groups = collections.Counter()
    stages = collections.Counter()
    for line in open(src):
        stack, n = line.rstrip("\n").rsplit(" ", 1)
        n = int(n)
        frames = stack.split(";")
        total += n
        group = thread_group(frames[0])
        groups[group] += n
        if group.startswith("worker"):
            joined = ";".join(frames)
            stage = next((s for s, keys in STAGES if any(k in joined for k in keys)), "other")
            stages[stage] += n
        node = root
        for f in ([group] + frames[1:])[:MAX_DEPTH]:
            child = node.setdefault(f, {"n": 0, "c": {}})
            child["n"] += n
            node = child["c"]
    print("%d samples" % total)
    for g, n in groups.most_common():
        print("%5.1f%%  %s" % (100.0 * n / total, g))
    for s, n in stages.most_common():
        print("        %5.1f%%  %s" % (100.0 * n / total, s))

    rects = []

    def walk(children, x, depth):
        for name, node in sorted(children.items()):
            w = node["n"] / total
            if w >= MIN_FRACTION:
                rects.append((x, depth, w, name, node["n"]))
                walk(node["c"], x, depth + 1)
            x += w

    walk(root, 0.0, 0)
    depth = max((r[1] for r in rects), default=0) + 1
    height = (depth + 2) * ROW
    svg = ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
           'font-family="monospace" font-size="11">' % (WIDTH, height),
           '<rect width="100%%" height="100%%" fill="white"/>'
           '<text x="8" y="14" font-size="13">%s (%d samples; hover for names)</text>'
           % (html.escape(title), total)]
    for x, d, w, name, n in rects:
        px, pw = x * WIDTH, w * WIDTH
        y = (d + 1) * ROW + 4  # an icicle: the thread groups on top, callees below
        hue = 20 + (hash(name.split("/")[0]) % 40)
        short = name.split("/")[-1]
        svg.append('<g><title>%s (%.1f%%)</title><rect x="%.1f" y="%d" width="%.1f" height="%d" '
                   'fill="hsl(%d,85%%,60%%)" stroke="white" stroke-width="0.5"/>'
                   % (html.escape(name), 100.0 * n / total, px, y, pw, ROW - 1, hue))
        if pw > 40:
            chars = int(pw / 6.6)
            svg.append('<text x="%.1f" y="%d">%s</text>'
                       % (px + 2, y + 11, html.escape(short[:chars])))
        svg.append("</g>")
    svg.append("</svg>")
    with open(out, "w") as f:
        f.write("\n".join(svg))


if __name__ == "__main__":
    main()
