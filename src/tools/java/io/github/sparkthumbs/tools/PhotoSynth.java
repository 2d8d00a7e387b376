package io.github.sparkthumbs.tools;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.SplittableRandom;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Deterministic photo-like images: a lit gradient, soft shapes, hard edges and per-pixel sensor
 * noise. Flat colours would make JPEG decoding unrealistically cheap; the noise gives every 8x8
 * block real AC coefficients, as a photo has.
 */
public final class PhotoSynth {
  private PhotoSynth() {}

  public static BufferedImage render(int w, int h, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    Color top = new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
    Color bottom = new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256));
    g.setPaint(new java.awt.GradientPaint(0, 0, top, w * 0.3f, h, bottom));
    g.fillRect(0, 0, w, h);
    int shapes = 12 + rnd.nextInt(20);
    for (int i = 0; i < shapes; i++) {
      g.setColor(new Color(rnd.nextInt(256), rnd.nextInt(256), rnd.nextInt(256),
          60 + rnd.nextInt(196)));
      int sw = 1 + rnd.nextInt(Math.max(1, w / 2));
      int sh = 1 + rnd.nextInt(Math.max(1, h / 2));
      int x = rnd.nextInt(Math.max(1, w)) - sw / 2;
      int y = rnd.nextInt(Math.max(1, h)) - sh / 2;
      switch (rnd.nextInt(3)) {
        case 0 -> g.fillOval(x, y, sw, sh);
        case 1 -> g.fillRect(x, y, sw, sh);
        default -> {
          g.setStroke(new BasicStroke(1 + rnd.nextInt(Math.max(1, Math.min(w, h) / 40 + 1))));
          g.drawLine(x, y, x + sw, y + sh);
        }
      }
    }
    g.dispose();
    int[] px = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
    int amp = 6 + rnd.nextInt(14);
    long state = seed * 0x9E3779B97F4A7C15L + 1;
    for (int i = 0; i < px.length; i++) {
      state ^= state << 13; // xorshift: fast enough for 12 MP, deterministic
      state ^= state >>> 7;
      state ^= state << 17;
      int n = (int) (state % amp);
      int p = px[i];
      int r = clamp(((p >> 16) & 0xFF) + n);
      int gg = clamp(((p >> 8) & 0xFF) + n);
      int b = clamp((p & 0xFF) + (int) ((state >> 20) % amp));
      px[i] = (r << 16) | (gg << 8) | b;
    }
    return img;
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : Math.min(255, v);
  }

  /** JPEG bytes at {@code quality} (0..1), baseline or progressive. */
  public static byte[] jpeg(BufferedImage img, float quality, boolean progressive)
      throws IOException {
    ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
    try {
      ImageWriteParam p = w.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(quality);
      if (progressive) {
        p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
        w.setOutput(out);
        w.write(null, new IIOImage(img, null, null), p);
      }
      return bytes.toByteArray();
    } finally {
      w.dispose();
    }
  }

  /** Writes one generated file: returns {bytes, pixels}. */
  @FunctionalInterface
  public interface Sample {
    long[] write(int index) throws IOException;
  }

  /** Writes samples 0..n-1 on all cores; returns {bytes, pixels} in total. */
  public static long[] generate(int n, Sample sample) {
    java.util.concurrent.atomic.AtomicLong bytes = new java.util.concurrent.atomic.AtomicLong();
    java.util.concurrent.atomic.AtomicLong pixels = new java.util.concurrent.atomic.AtomicLong();
    java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
      try {
        long[] made = sample.write(i);
        bytes.addAndGet(made[0]);
        pixels.addAndGet(made[1]);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException("writing sample " + i, e);
      }
    });
    return new long[] {bytes.get(), pixels.get()};
  }

  public static byte[] png(BufferedImage img) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ImageIO.write(img, "png", bytes);
    return bytes.toByteArray();
  }
}
