package io.github.sparkthumbs.image;

import com.sun.jna.Memory;
import com.sun.jna.NativeLong;
import com.sun.jna.Pointer;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Size;
import java.awt.Rectangle;
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
import net.coobird.thumbnailator.Thumbnails;

/**
 * {@code JpegCostBench DIR [ROUNDS]}: where the CPU time of one JPEG thumbnail goes,
 * on one thread, the files already in memory. Per image: {@code bare}, TurboJPEG alone (header,
 * then the decode at the scale {@link TurboJpegDecoder} picks into one reused native buffer: the
 * floor for any binding); {@code decode}, our decode step ({@link ImageDecoder#decode} on the
 * native path: the binding, the EXIF and ICC checks, the copy into a {@code BufferedImage});
 * {@code make}, the whole per-image function ({@link Thumbnailer#make}: plus the final
 * downscale and the JPEG encode, also timed apart as {@code scale} and {@code encode}). Rounds
 * interleave the steps so that noise hits them alike.
 */
public final class JpegCostBench {
  private JpegCostBench() {}

  public static void main(String[] args) throws IOException, ImageFailure {
    Path dir = Path.of(args[0]);
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<byte[]> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".jpg")).sorted().toList()) {
        files.add(Files.readAllBytes(p));
      }
    }
    ImageSettings s = ImageSettings.builder().nativeJpeg(true).build();
    Thumbnailer t = new Thumbnailer(s);
    System.out.println("jpeg decoder: " + TurboJpegLibrary.status() + " from "
        + TurboJpegLibrary.LOADED.file()
        + "; " + files.size() + " files, sizes " + s.sizes());
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    TurboJpegLibrary.Api api = TurboJpegLibrary.LOADED.api();
    Pointer handle = api.tjInitDecompress();
    List<int[]> factors = TurboJpegLibrary.factors(api);
    Memory src = new Memory(64 << 20);
    Memory dst = new Memory(256 << 20);
    List<Decoded> decoded = new ArrayList<>(files.size());
    ImageEncoder encoder = new ImageEncoder(s.quality(), s.nativeJpeg());
    for (int round = 0; round <= rounds; round++) { // round 0 warms up
      long c0 = mx.getCurrentThreadCpuTime();
      for (byte[] b : files) {
        src.write(0, b, 0, b.length);
        NativeLong n = new NativeLong(b.length);
        int[] w = new int[1];
        int[] h = new int[1];
        int[] ss = new int[1];
        int[] cs = new int[1];
        api.tjDecompressHeader3(handle, src, n, w, h, ss, cs);
        int[] need = DecodeSteps.need(w[0], h[0], ExifOrientation.read(b), s.sizes(), s.mode());
        int[] sc = TurboJpegLibrary.scaledSize(factors, w[0], h[0], 2 * need[0], 2 * need[1]);
        api.tjDecompress2(handle, src, n, dst, sc[0], sc[0] * 4, sc[1], 3, 0);
      }
      long c1 = mx.getCurrentThreadCpuTime();
      decoded.clear();
      for (byte[] b : files) {
        decoded.add(ImageDecoder.decode(b, DecodeRequest.of(s.sizes(), s.mode(), s.maxPixels())));
      }
      long c2 = mx.getCurrentThreadCpuTime();
      for (byte[] b : files) {
        t.make(b, OutputFormat.JPG);
      }
      long c3 = mx.getCurrentThreadCpuTime();
      // the two steps after the decode, apart: Thumbnailer's scale (as in Thumbnailer.scale,
      // the first size only), then the JPEG encode of the result
      List<BufferedImage> scaled = new ArrayList<>(files.size());
      for (Decoded d : decoded) {
        boolean swap = ExifOrientation.transposes(d.orientation());
        Size out = Geometry.target(swap ? d.height() : d.width(), swap ? d.width() : d.height(),
            s.sizes().get(0), s.mode());
        Rectangle region = Geometry.region(d.image().getWidth(), d.image().getHeight(), out,
            s.mode());
        Thumbnails.Builder<BufferedImage> b = Thumbnails.of(d.image()).sourceRegion(region)
            .forceSize(out.width(), out.height()).imageType(d.image().getType());
        // The resizer Thumbnailer.scale picks: Thumbnailator's default is not what the job runs.
        if (region.width >= out.width() && region.height >= out.height()
            && AreaAverage.accepts(d.image(), out.width(), out.height())) {
          b.resizer(AreaAverage.INSTANCE);
        }
        scaled.add(b.asBufferedImage());
      }
      long c4 = mx.getCurrentThreadCpuTime();
      for (BufferedImage img : scaled) {
        encoder.encode(img, OutputFormat.JPG);
      }
      long c5 = mx.getCurrentThreadCpuTime();
      if (round > 0) {
        double k = 1e6 * files.size();
        System.out.printf(Locale.ROOT, "round %d  bare %.2f  decode %.2f  make %.2f cpu ms/image"
            + "  make/bare %.3f  decode/bare %.3f  (scale %.2f  encode %.2f)%n", round,
            (c1 - c0) / k, (c2 - c1) / k, (c3 - c2) / k, (double) (c3 - c2) / (c1 - c0),
            (double) (c2 - c1) / (c1 - c0), (c4 - c3) / k, (c5 - c4) / k);
      }
    }
    api.tjDestroy(handle);
  }
}
