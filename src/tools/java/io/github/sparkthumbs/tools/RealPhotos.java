package io.github.sparkthumbs.tools;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Corpora cut from real photographs: the wallpapers Debian's {@code plasma-workspace-wallpapers}
 * and {@code mate-backgrounds} install (the largest file of each picture), so that decode costs
 * are those of real camera pixels, not of synthetic noise. Deterministic for a given set of
 * sources.
 *
 * <ul>
 *   <li>{@code photos}: crops of 1-12 MP (log-uniform, at most the source's size), baseline
 *       JPEG, quality 85-92, as a camera or a phone saves them;
 *   <li>{@code web}: a crop of at least a third of the picture, reduced to 0.2-0.5 MP (640x480,
 *       800x600, ...), quality 75-85, every third progressive, the typical image of a URL list.
 * </ul>
 *
 * <pre>RealPhotos photos|web OUT N</pre>
 */
public final class RealPhotos {
  static final List<Path> ROOTS = List.of(
      Path.of("/usr/share/wallpapers"), Path.of("/usr/share/backgrounds/mate/nature"),
      Path.of("/usr/share/backgrounds/mate/abstract"));
  private static final int[][] WEB_SIZES = {
      {640, 480}, {800, 600}, {720, 480}, {600, 400}, {512, 512}, {480, 640}, {768, 512},
      {640, 427}};

  private RealPhotos() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3 || !args[0].matches("photos|web")) {
      System.err.println("usage: RealPhotos photos|web OUT N");
      System.exit(2);
    }
    boolean web = args[0].equals("web");
    Path out = Path.of(args[1]);
    int n = Integer.parseInt(args[2]);
    List<Path> sources = sources();
    if (sources.isEmpty()) {
      System.err.println("no wallpapers under " + ROOTS
          + ": apt-get install plasma-workspace-wallpapers mate-backgrounds");
      System.exit(2);
    }
    AtomicLong bytes = new AtomicLong();
    AtomicLong pixels = new AtomicLong();
    // One source at a time (a 5120x2880 picture is 59 MB decoded), its crops in parallel.
    for (int s = 0; s < sources.size(); s++) {
      int src = s;
      List<Integer> mine = IntStream.range(0, n).filter(i -> i % sources.size() == src)
          .filter(i -> !Files.exists(out.resolve(name(i)))).boxed().toList();
      if (mine.isEmpty()) {
        continue;
      }
      BufferedImage full = rgb(ImageIO.read(sources.get(s).toFile()));
      mine.parallelStream().forEach(i -> {
        try {
          long[] bp = web ? web(full, i, out) : photo(full, i, out);
          bytes.addAndGet(bp[0]);
          pixels.addAndGet(bp[1]);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    System.out.printf(Locale.ROOT, "%s: %d files from %d pictures, %.1f MB, %.1f MP mean%n",
        out, n, sources.size(), bytes.get() / 1e6, pixels.get() / 1e6 / Math.max(1, n));
  }

  /** The largest image of each wallpaper (a folder of sizes for Plasma's, files for MATE's). */
  static List<Path> sources() throws IOException {
    List<Path> found = new ArrayList<>();
    for (Path root : ROOTS) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> s = Files.list(root)) {
        for (Path p : s.sorted().toList()) {
          Path images = p.resolve("contents/images");
          if (Files.isDirectory(images)) {
            try (Stream<Path> sizes = Files.list(images)) {
              sizes.filter(RealPhotos::isPicture).max(Comparator.comparingLong(RealPhotos::size))
                  .ifPresent(found::add);
            }
          } else if (isPicture(p) && p.toString().endsWith(".jpg")
              && (!root.endsWith("abstract") || p.getFileName().toString().startsWith("Elephants_5"))) {
            found.add(p); // MATE's nature photos, and its one photograph among the abstracts
          }
        }
      }
    }
    return found;
  }

  private static boolean isPicture(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".jpg") || n.endsWith(".png");
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String name(int i) {
    return String.format(Locale.ROOT, "r%02d/photo-%05d.jpg", i / 1000, i);
  }

  private static long[] photo(BufferedImage full, int i, Path out) throws IOException {
    Random r = new Random(7919L * i);
    double maxMp = Math.min(12, full.getWidth() * (double) full.getHeight() / 1e6);
    double mp = Math.exp(Math.log(1) + r.nextDouble() * (Math.log(maxMp) - Math.log(1)));
    BufferedImage crop = crop(full, mp, r);
    return write(crop, 0.85f + 0.07f * r.nextFloat(), false, out.resolve(name(i)));
  }

  private static long[] web(BufferedImage full, int i, Path out) throws IOException {
    Random r = new Random(104729L * i);
    double fullMp = full.getWidth() * (double) full.getHeight() / 1e6;
    BufferedImage crop = crop(full, fullMp * (0.33 + 0.67 * r.nextDouble()), r);
    int[] wh = WEB_SIZES[r.nextInt(WEB_SIZES.length)];
    BufferedImage small = Thumbnails.of(crop).size(wh[0], wh[1]).asBufferedImage();
    return write(small, 0.75f + 0.10f * r.nextFloat(), i % 3 == 0, out.resolve(name(i)));
  }

  /** A crop of about {@code mp} megapixels at a random aspect (4:3, 3:2, 16:9 or 1:1). */
  private static BufferedImage crop(BufferedImage full, double mp, Random r) {
    double[] aspects = {4 / 3.0, 3 / 2.0, 16 / 9.0, 1, 3 / 4.0, 2 / 3.0};
    double a = aspects[r.nextInt(aspects.length)];
    int w = Math.min(full.getWidth(), (int) Math.sqrt(mp * 1e6 * a));
    int h = Math.min(full.getHeight(), (int) (w / a));
    int x = r.nextInt(full.getWidth() - w + 1);
    int y = r.nextInt(full.getHeight() - h + 1);
    return full.getSubimage(x, y, w, h);
  }

  private static long[] write(BufferedImage img, float quality, boolean progressive, Path to)
      throws IOException {
    byte[] jpeg = PhotoSynth.jpeg(copy(img), quality, progressive);
    Files.createDirectories(to.getParent());
    Path tmp = to.resolveSibling(to.getFileName() + ".tmp");
    Files.write(tmp, jpeg);
    Files.move(tmp, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return new long[] {jpeg.length, (long) img.getWidth() * img.getHeight()};
  }

  /** A sub-image shares its parent's raster, which the JPEG writer would walk in full. */
  private static BufferedImage copy(BufferedImage img) {
    BufferedImage c = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
    c.getGraphics().drawImage(img, 0, 0, null);
    return c;
  }

  private static BufferedImage rgb(BufferedImage img) {
    if (img.getType() == BufferedImage.TYPE_INT_RGB) {
      return img;
    }
    return copy(img);
  }
}
