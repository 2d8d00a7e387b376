#!/usr/bin/python3
"""The article's I/O-bound method applied to images: a multiprocessing.pool.ThreadPool maps a
function over URLs; each fetches with urllib and makes a PIL thumbnail (Image.thumbnail, saved
at PIL's default quality). Used by scripts/experiment-cpu as the URL baseline.

    pil-url-thumbnails.py LIST OUT THREADS BOX     (LIST: one URL per line)
"""
import io
import os
import sys
import time
import urllib.request
from multiprocessing.pool import ThreadPool

from PIL import Image


def main():
    listing, out, threads, box = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    urls = [line.strip() for line in open(listing) if line.strip()]

    def make_thumbnail(job):
        i, url = job
        with urllib.request.urlopen(url, timeout=30) as r:
            body = r.read()
        im = Image.open(io.BytesIO(body))
        im.thumbnail((box, box), Image.LANCZOS)
        im.save(os.path.join(out, "%07d.jpg" % i))

    start = time.time()
    with ThreadPool(threads) as pool:
        pool.map(make_thumbnail, list(enumerate(urls)), chunksize=4)
    print("pil-urls %d images in %.2f s" % (len(urls), time.time() - start))


if __name__ == "__main__":
    main()
