package io.github.sparkthumbs.tools;

import io.github.sparkthumbs.image.DHash;
import io.github.sparkthumbs.image.DecodeRequest;
import io.github.sparkthumbs.image.ImageDecoder;
import io.github.sparkthumbs.image.Thumbnailer;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.Hash;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.OutputFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code HashBench DIR [N] [ROUNDS]}: thread CPU ms per image of the image core (75x75, the CPU
 * experiment's settings) without and with {@code --hash dhash}, on the first N JPEGs of DIR held
 * in memory, the two interleaved round by round (the order swapped every round) so that machine
 * noise hits both alike. Thread CPU time, not wall: the machine is shared. Then the hash alone
 * on the decoded images, repeated. Used by scripts/experiment-hash to say what the hash costs.
 */
public final class HashBench {
  private HashBench() {}

  public static void main(String[] args) throws IOException, ImageFailure {
    Path dir = Path.of(args[0]);
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 300;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<byte[]> images = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".jpg")).sorted().limit(n).toList()) {
        images.add(Files.readAllBytes(p));
      }
    }
    ImageSettings plain = ImageSettings.defaults();
    Thumbnailer without = new Thumbnailer(plain);
    Thumbnailer with = new Thumbnailer(ImageSettings.builder().hash(Hash.DHASH).build());
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    pass(without, images, mx); // warm-up: JIT, native library, encoders
    pass(with, images, mx);
    double[] totals = new double[2];
    for (int r = 0; r < rounds; r++) {
      boolean hashFirst = r % 2 == 1;
      double a = pass(hashFirst ? with : without, images, mx);
      double b = pass(hashFirst ? without : with, images, mx);
      double none = hashFirst ? b : a;
      double dhash = hashFirst ? a : b;
      totals[0] += none;
      totals[1] += dhash;
      System.out.printf(Locale.ROOT, "round %d: none %.3f ms/image, dhash %.3f ms/image (x%.4f)%n",
          r + 1, none, dhash, dhash / none);
    }
    System.out.printf(Locale.ROOT, "all rounds: none %.3f ms/image, dhash %.3f ms/image"
        + " (x%.4f, +%.3f ms/image) over %d images%n", totals[0] / rounds, totals[1] / rounds,
        totals[1] / totals[0], (totals[1] - totals[0]) / rounds, images.size());
    // The hash alone, on the very images the core scales from: a tight loop that the machine's
    // load hardly disturbs, unlike the difference of two passes of 15 ms per image.
    List<BufferedImage> decoded = new ArrayList<>();
    int pixels = 0;
    for (byte[] b : images) {
      BufferedImage img = ImageDecoder.decode(b,
          DecodeRequest.of(plain.sizes(), plain.mode(), plain.maxPixels())
              .withNativeJpeg(plain.nativeJpeg())).image();
      decoded.add(img);
      pixels += img.getWidth() * img.getHeight();
    }
    long sink = 0;
    for (BufferedImage img : decoded) { // warm-up
      sink += DHash.of(img);
    }
    int reps = 20;
    long t0 = mx.getCurrentThreadCpuTime();
    for (int r = 0; r < reps; r++) {
      for (BufferedImage img : decoded) {
        sink += DHash.of(img);
      }
    }
    double hashMs = (mx.getCurrentThreadCpuTime() - t0) / 1e6 / reps / decoded.size();
    System.out.printf(Locale.ROOT, "DHash.of alone: %.4f ms/image (%.0f pixels decoded per image"
        + " on average), %.2f%% of the core's %.3f ms/image without it [%d]%n", hashMs,
        (double) pixels / decoded.size(), 100 * hashMs / (totals[0] / rounds),
        totals[0] / rounds, sink & 1);
  }

  /** Thread CPU ms per image of one pass. */
  private static double pass(Thumbnailer core, List<byte[]> images, ThreadMXBean mx)
      throws ImageFailure {
    long t0 = mx.getCurrentThreadCpuTime();
    for (byte[] b : images) {
      core.make(b, OutputFormat.JPG);
    }
    return (mx.getCurrentThreadCpuTime() - t0) / 1e6 / images.size();
  }
}
