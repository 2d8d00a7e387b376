#!/usr/bin/python3
"""The article's CPU-bound method: PIL Image.thumbnail((75, 75)) and save, serially or with a
multiprocessing.Pool. Used by scripts/experiment-cpu as the baseline.

    pil-thumbnails.py DIR OUT [PROCESSES [BOX]]    (PROCESSES 0 = serial map, no pool; BOX 75)
"""
import os
import sys
import time
from multiprocessing import Pool

from PIL import Image

SIZE = (int(sys.argv[4]), int(sys.argv[4])) if len(sys.argv) > 4 else (75, 75)


def make_thumbnail(job):
    path, out = job
    im = Image.open(path)
    # The article's code: thumbnail() keeps aspect, draft()s JPEGs in the DCT domain, and
    # downsamples with a high-quality filter (ANTIALIAS, now named LANCZOS).
    im.thumbnail(SIZE, Image.LANCZOS)
    im.save(out)  # JPEG quality 75, PIL's default


def main():
    src, out, procs = sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 0
    jobs = []
    for root, _, files in os.walk(src):
        for f in sorted(files):
            if f.lower().endswith((".jpg", ".jpeg")):
                rel = os.path.relpath(os.path.join(root, f), src)
                target = os.path.join(out, rel)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                jobs.append((os.path.join(root, f), target))
    start = time.time()
    if procs == 0:
        list(map(make_thumbnail, jobs))
    else:
        with Pool(procs) as pool:
            pool.map(make_thumbnail, jobs, chunksize=16)
    print("pil %d images in %.2f s" % (len(jobs), time.time() - start))


if __name__ == "__main__":
    main()
