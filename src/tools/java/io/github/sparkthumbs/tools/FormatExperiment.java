package io.github.sparkthumbs.tools;

import io.github.sparkthumbs.image.WebP;
import io.github.sparkthumbs.image.Thumbnailer;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Size;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * The input formats' numbers ({@code scripts/experiment-formats}, docs/formats.md): (1) the CPU
 * cost of a 75x75 thumbnail per input format, ours (one thread, thread CPU time, after a warm-up
 * round) against {@code vipsthumbnail -s 75x75} (one process per format over all files,
 * VIPS_CONCURRENCY=1, its user+system time); (2) WebP against JPEG for 256x256 thumbnails: bytes,
 * encode CPU and SSIM (luma, 8x8 windows, stride 4) against the lossless thumbnail, over a range of
 * qualities.
 *
 * <p>Usage: {@code FormatExperiment DIR N}; DIR receives the corpus (N photo-like 2000x1500
 * images made by {@link PhotoSynth}, encoded by heif-enc, avifenc and opj_compress).
 */
public final class FormatExperiment {
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    Files.createDirectories(dir);
    List<Path> png = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      BufferedImage img = PhotoSynth.render(2000, 1500, 1000 + i);
      Path p = dir.resolve(String.format(Locale.ROOT, "p%03d.png", i));
      if (!Files.exists(p)) {
        Files.write(p, PhotoSynth.png(img));
        Files.write(dir.resolve(name(p, "jpg")), PhotoSynth.jpeg(img, 0.9f, false));
        run("heif-enc", "-q", "80", "-o", dir.resolve(name(p, "heic")).toString(), p.toString());
        run("avifenc", "-s", "6", "-j", "1", p.toString(), dir.resolve(name(p, "avif")).toString());
        run("opj_compress", "-i", p.toString(), "-o", dir.resolve(name(p, "jp2")).toString(),
            "-r", "20");
      }
      png.add(p);
    }
    String part = args.length > 2 ? args[2] : "all";
    if (!part.equals("encode")) {
      decoding(dir, png, n);
    }
    if (!part.equals("decode")) {
      encodings(png, dir.resolve("dwebp"));
    }
  }

  private static void decoding(Path dir, List<Path> png, int n) throws Exception {
    System.out.println("# decode: CPU ms per 75x75 thumbnail, " + n + " images 2000x1500");
    System.out.println("format,bytes_mean,ours_ms,vipsthumbnail_ms");
    for (String ext : List.of("jpg", "heic", "avif", "jp2")) {
      List<Path> files = png.stream().map(p -> dir.resolve(name(p, ext))).toList();
      double ours = ours(files);
      double vips = vips(files, dir.resolve("vips-out"));
      long bytes = 0;
      for (Path f : files) {
        bytes += Files.size(f);
      }
      System.out.printf(Locale.ROOT, "%s,%d,%.1f,%.1f%n", ext, bytes / n, ours, vips);
    }
  }

  private static String name(Path png, String ext) {
    String f = png.getFileName().toString();
    return f.substring(0, f.length() - 3) + ext;
  }

  /** Thread CPU ms per image for the image core, 75x75 JPEG output, after one warm-up round. */
  private static double ours(List<Path> files) throws Exception {
    Thumbnailer t = new Thumbnailer(ImageSettings.defaults());
    List<byte[]> bytes = new ArrayList<>();
    for (Path f : files) {
      bytes.add(Files.readAllBytes(f));
    }
    for (byte[] b : bytes) {
      t.make(b, OutputFormat.JPG);
    }
    long t0 = CPU.getCurrentThreadCpuTime();
    for (byte[] b : bytes) {
      t.make(b, OutputFormat.JPG);
    }
    return (CPU.getCurrentThreadCpuTime() - t0) / 1e6 / bytes.size();
  }

  /** vipsthumbnail's user+system ms per image, one process for all files, one thread. */
  private static double vips(List<Path> files, Path out) throws Exception {
    Files.createDirectories(out);
    StringBuilder cmd = new StringBuilder("VIPS_CONCURRENCY=1 vipsthumbnail -s 75x75 -o '")
        .append(out).append("/%s.jpg[Q=75]'");
    for (Path f : files) {
      cmd.append(" '").append(f).append('\'');
    }
    cmd.append("; times");
    String log = run("bash", "-c", cmd.toString());
    String[] lines = log.strip().split("\n");
    String[] child = lines[lines.length - 1].trim().split("\\s+"); // children: user system
    return (seconds(child[0]) + seconds(child[1])) * 1000 / files.size();
  }

  private static double seconds(String t) { // 0m1.234s
    int m = t.indexOf('m');
    return Integer.parseInt(t.substring(0, m)) * 60
        + Double.parseDouble(t.substring(m + 1, t.length() - 1));
  }

  /** WebP and JPEG 256x256 thumbnails over a range of qualities: bytes, encode ms, SSIM. */
  private static void encodings(List<Path> png, Path tmp) throws Exception {
    Files.createDirectories(tmp);
    Thumbnailer lossless = new Thumbnailer(ImageSettings.builder()
        .sizes(List.of(new Size(256, 256))).build());
    List<BufferedImage> refs = new ArrayList<>();
    for (Path p : png) {
      refs.add(ImageIO.read(new ByteArrayInputStream(
          lossless.make(Files.readAllBytes(p), OutputFormat.PNG).encoded().get(0))));
    }
    System.out.println("# encode: 256x256 thumbnails of the same images; SSIM against the"
        + " lossless thumbnail; means over " + refs.size() + " images");
    System.out.println("format,quality,bytes_mean,encode_ms,ssim_mean,ssim_twelvemonkeys");
    for (String fmt : List.of("jpg", "webp")) {
      int[] qs = fmt.equals("jpg") ? new int[] {50, 60, 70, 75, 80, 85, 90, 95}
          : new int[] {40, 50, 60, 70, 75, 80, 85, 90, 95};
      for (int q : qs) {
        for (BufferedImage r : refs) { // warm-up
          encode(fmt, r, q);
        }
        long bytes = 0;
        double ssim = 0;
        double ssimJava = 0;
        long cpu = 0;
        for (BufferedImage r : refs) {
          long t0 = CPU.getCurrentThreadCpuTime();
          byte[] b = encode(fmt, r, q);
          cpu += CPU.getCurrentThreadCpuTime() - t0;
          bytes += b.length;
          BufferedImage java = ImageIO.read(new ByteArrayInputStream(b));
          ssimJava += ssim(r, java);
          ssim += ssim(r, fmt.equals("webp") ? dwebp(b, tmp) : java);
        }
        System.out.printf(Locale.ROOT, "%s,%d,%d,%.2f,%.4f,%.4f%n", fmt, q, bytes / refs.size(),
            cpu / 1e6 / refs.size(), ssim / refs.size(), ssimJava / refs.size());
      }
    }
  }

  /**
   * libwebp's own decoder (dwebp, Debian package webp), what browsers use: TwelveMonkeys' pure-Java
   * VP8 decoder gives visibly different pixels for lossy WebP (the second SSIM column).
   */
  private static BufferedImage dwebp(byte[] webp, Path tmp) throws Exception {
    Path in = Files.write(tmp.resolve("t.webp"), webp);
    Path out = tmp.resolve("t.ppm");
    run("dwebp", in.toString(), "-ppm", "-o", out.toString());
    return ImageIO.read(out.toFile());
  }

  private static byte[] encode(String fmt, BufferedImage img, int q) throws IOException {
    if (fmt.equals("webp")) {
      return WebP.encode(img, q);
    }
    // what image/ImageEncoder does for JPEG
    ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
    ImageWriteParam p = w.getDefaultWriteParam();
    p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    p.setCompressionQuality(q / 100f);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream s = new MemoryCacheImageOutputStream(out)) {
      w.setOutput(s);
      w.write(null, new IIOImage(img, null, null), p);
    } finally {
      w.dispose();
    }
    return out.toByteArray();
  }

  /** Mean SSIM of the luma (BT.601) over 8x8 windows at a stride of 4. */
  static double ssim(BufferedImage a, BufferedImage b) {
    int w = a.getWidth();
    int h = a.getHeight();
    double[] x = luma(a);
    double[] y = luma(b);
    double c1 = Math.pow(0.01 * 255, 2);
    double c2 = Math.pow(0.03 * 255, 2);
    double sum = 0;
    int windows = 0;
    for (int wy = 0; wy + 8 <= h; wy += 4) {
      for (int wx = 0; wx + 8 <= w; wx += 4) {
        double mx = 0, my = 0, vx = 0, vy = 0, cov = 0;
        for (int j = 0; j < 8; j++) {
          for (int i = 0; i < 8; i++) {
            mx += x[(wy + j) * w + wx + i];
            my += y[(wy + j) * w + wx + i];
          }
        }
        mx /= 64;
        my /= 64;
        for (int j = 0; j < 8; j++) {
          for (int i = 0; i < 8; i++) {
            double dx = x[(wy + j) * w + wx + i] - mx;
            double dy = y[(wy + j) * w + wx + i] - my;
            vx += dx * dx;
            vy += dy * dy;
            cov += dx * dy;
          }
        }
        vx /= 63;
        vy /= 63;
        cov /= 63;
        sum += ((2 * mx * my + c1) * (2 * cov + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
        windows++;
      }
    }
    return sum / windows;
  }

  private static double[] luma(BufferedImage img) {
    int w = img.getWidth();
    int h = img.getHeight();
    double[] l = new double[w * h];
    for (int yy = 0; yy < h; yy++) {
      for (int xx = 0; xx < w; xx++) {
        int p = img.getRGB(xx, yy);
        l[yy * w + xx] = 0.299 * ((p >> 16) & 0xFF) + 0.587 * ((p >> 8) & 0xFF)
            + 0.114 * (p & 0xFF);
      }
    }
    return l;
  }

  private static String run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + log);
    }
    return log;
  }
}
