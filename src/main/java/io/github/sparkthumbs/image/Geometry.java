package io.github.sparkthumbs.image;

import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.Size;
import java.awt.Rectangle;

/** Box arithmetic. Never upscales; every side is at least one pixel. */
public final class Geometry {
  private Geometry() {}

  /** Output dimensions of a {@code w x h} image in {@code box} under {@code mode}. */
  public static Size target(int w, int h, Size box, Mode mode) {
    return mode == Mode.FIT ? fit(w, h, box) : crop(w, h, box);
  }

  /** Whole image inside the box, aspect kept. */
  public static Size fit(int w, int h, Size box) {
    double scale = Math.min(1.0, Math.min((double) box.width() / w, (double) box.height() / h));
    return new Size(
        Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale)));
  }

  /** Box filled and the overflow cut; an image smaller than the box is cut, never enlarged. */
  public static Size crop(int w, int h, Size box) {
    // Each side is the box's, or the image's where the image is smaller: a box smaller on both
    // sides is the box itself.
    return new Size(Math.min(box.width(), w), Math.min(box.height(), h));
  }

  /**
   * The region of a {@code w x h} image to scale into {@code out}: the whole image for fit, the
   * largest centred rectangle with the output's aspect for crop.
   */
  public static Rectangle region(int w, int h, Size out, Mode mode) {
    if (mode == Mode.FIT) {
      return new Rectangle(0, 0, w, h);
    }
    double aspect = (double) out.width() / out.height();
    int cw = w;
    int ch = h;
    if ((double) w / h > aspect) {
      cw = Math.max(1, Math.min(w, (int) Math.round(h * aspect)));
    } else {
      ch = Math.max(1, Math.min(h, (int) Math.round(w / aspect)));
    }
    return new Rectangle((w - cw) / 2, (h - ch) / 2, cw, ch);
  }

  /**
   * Point-sampling factor along one axis: the largest integer {@code k} such that keeping every
   * k-th pixel still leaves {@code margin} times the pixels the output needs. Point sampling
   * aliases; the final area-averaging downscale over {@code margin} samples per output pixel
   * hides it (QualityGuardTest measures how much margin is needed).
   */
  public static int subsampling(int source, int needed, int margin) {
    return Math.max(1, source / (margin * Math.max(1, needed)));
  }
}
