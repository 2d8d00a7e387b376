package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.fetch.UrlFetcher;
import io.github.sparkthumbs.output.OutputLayout;
import io.github.sparkthumbs.output.OutputStore;
import io.github.sparkthumbs.result.Http;
import io.github.sparkthumbs.result.Status;
import io.github.sparkthumbs.result.SkipReason;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.FetchSettings;
import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.Size;
import io.github.sparkthumbs.source.Source;
import io.github.sparkthumbs.source.SourceReader;
import io.github.sparkthumbs.source.UrlNames;
import io.github.sparkthumbs.testing.Craft;
import io.github.sparkthumbs.testing.DamagedHeaders;
import io.github.sparkthumbs.testing.ExifImages;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.TestHttpServer;
import io.github.sparkthumbs.testing.Layouts;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One input start to end (read, core, writes, result), without Spark. */
class InputTaskTest {
  @TempDir Path dir;

  private Path in() {
    return dir.resolve("in");
  }

  private Path out() {
    return dir.resolve("out");
  }

  private Settings.Builder settings() {
    return Settings.builder().output(out().toString());
  }

  static InputTask task(Settings s, Configuration conf) throws IOException {
    return new InputTask(s, Layouts.of(s), new OutputStore(s.run().output(), conf), 0,
        new SourceReader(conf), () -> {
          throw new IllegalStateException("no fetcher in this test");
        }, InputTask.CpuSlot.unshared(s.image()));
  }

  private ThumbResult run(Settings s, Path file) throws IOException {
    Source src = new Source(Images.hadoopPath(file), in().relativize(file).toString(),
        Files.size(file), Files.getLastModifiedTime(file).toMillis());
    return task(s, new Configuration()).process(src).result();
  }

  private ThumbResult run(Path file) throws IOException {
    return run(settings().build(), file);
  }

  private static BufferedImage output(ThumbResult r, int i) throws IOException {
    return Images.read(Images.local(r.written().outputs().get(i)));
  }

  @Test
  void landscapeJpegFitsTheBox() throws IOException {
    ThumbResult r = run(Images.write(in().resolve("a/land.jpg"), Images.jpeg(1600, 1200, 1)));
    assertEquals(Status.OK, r.status(), r.toString());
    assertEquals(1600, r.image().width());
    assertEquals(1200, r.image().height());
    assertEquals("jpeg", r.image().format());
    assertEquals(
        List.of(out().resolve("a/land.jpg").toUri().toString().replace("file:///", "file:/")),
        r.written().outputs());
    BufferedImage t = output(r, 0);
    assertEquals(75, t.getWidth());
    assertEquals(56, t.getHeight());
  }

  @Test
  void portraitPngBecomesJpegBesideItsName() throws IOException {
    ThumbResult r = run(Images.write(in().resolve("p.png"), Images.png(300, 900, 2)));
    assertEquals(Status.OK, r.status(), r.toString());
    assertTrue(r.written().outputs().get(0).endsWith("/out/p.png.jpg"), r.written().outputs()
        .toString());
    BufferedImage t = output(r, 0);
    assertEquals(25, t.getWidth());
    assertEquals(75, t.getHeight());
  }

  @Test
  void smallImageIsNotUpscaled() throws IOException {
    ThumbResult r = run(Images.write(in().resolve("small.jpg"), Images.jpeg(40, 30, 3)));
    BufferedImage t = output(r, 0);
    assertEquals(40, t.getWidth());
    assertEquals(30, t.getHeight());
  }

  @Test
  void stripsStayStrips() throws IOException {
    ThumbResult tall = run(Images.write(in().resolve("tall.png"), Images.png(1, 5000, 4)));
    ThumbResult wide = run(Images.write(in().resolve("wide.png"), Images.png(5000, 1, 5)));
    assertEquals(1, output(tall, 0).getWidth());
    assertEquals(75, output(tall, 0).getHeight());
    assertEquals(75, output(wide, 0).getWidth());
    assertEquals(1, output(wide, 0).getHeight());
  }

  @Test
  void cropModeFillsTheBox() throws IOException {
    Path f = Images.write(in().resolve("c.jpg"), Images.jpeg(1000, 400, 6));
    ThumbResult r = run(settings().mode(Mode.CROP).size(80, 60).build(), f);
    BufferedImage t = output(r, 0);
    assertEquals(80, t.getWidth());
    assertEquals(60, t.getHeight());
  }

  @Test
  void severalSizesFromOneDecodeGoToTheirFolders() throws IOException {
    Path f = Images.write(in().resolve("m.jpg"), Images.jpeg(1200, 800, 7));
    ThumbResult r = run(settings().sizes(List.of(new Size(75, 75), new Size(300, 300))).build(), f);
    assertEquals(2, r.written().outputs().size());
    assertTrue(r.written().outputs().get(0).endsWith("/out/75x75/m.jpg"), r.written().outputs()
        .toString());
    assertTrue(r.written().outputs().get(1).endsWith("/out/300x300/m.jpg"), r.written().outputs()
        .toString());
    assertEquals(75, output(r, 0).getWidth());
    assertEquals(300, output(r, 1).getWidth());
    assertEquals(200, output(r, 1).getHeight());
  }

  /** Displayed 60x30: red top-left, green top-right, blue bottom-left, yellow bottom-right. */
  @ParameterizedTest(name = "EXIF orientation {0}")
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
  void exifOrientationIsApplied(int orientation) throws IOException {
    BufferedImage shown = Images.quadrants(120, 60);
    Path f = Images.write(in().resolve("o" + orientation + ".jpg"),
        ExifImages.oriented("jpeg", shown, orientation, ByteOrder.BIG_ENDIAN));
    ThumbResult r = run(f);
    assertEquals(Status.OK, r.status(), r.toString());
    BufferedImage t = output(r, 0);
    assertEquals(75, t.getWidth(), "width");
    assertEquals(38, t.getHeight(), "height");
    int[][] corners = {{3, 3}, {71, 3}, {3, 34}, {71, 34}};
    Color[] expected = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};
    for (int i = 0; i < 4; i++) {
      int rgb = t.getRGB(corners[i][0], corners[i][1]);
      assertTrue(Images.near(rgb, expected[i], 60),
          "orientation " + orientation + " corner " + Arrays.toString(corners[i]) + " is "
              + Images.rgb(rgb) + ", expected " + expected[i]);
    }
  }

  private static byte[] halfTransparentPng() throws IOException {
    BufferedImage img = new BufferedImage(200, 100, BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.BLACK);
    g.fillRect(100, 0, 100, 100); // left half stays fully transparent (black, alpha 0)
    g.dispose();
    return Images.encode(img, "png");
  }

  @Test
  void transparentPngOnJpegIsWhiteNotBlack() throws IOException {
    ThumbResult r = run(Images.write(in().resolve("alpha.png"), halfTransparentPng()));
    BufferedImage t = output(r, 0);
    assertTrue(Images.near(t.getRGB(5, 18), Color.WHITE, 8), Images.rgb(t.getRGB(5, 18)));
    assertTrue(Images.near(t.getRGB(70, 18), Color.BLACK, 8), Images.rgb(t.getRGB(70, 18)));
  }

  @Test
  void transparentPngToPngKeepsAlpha() throws IOException {
    Path f = Images.write(in().resolve("alpha.png"), halfTransparentPng());
    ThumbResult r = run(settings().format(OutputFormat.PNG).build(), f);
    assertTrue(r.written().outputs().get(0).endsWith("/out/alpha.png"), r.written().outputs()
        .toString());
    BufferedImage t = output(r, 0);
    assertEquals(0, t.getRGB(5, 18) >>> 24, "alpha of the transparent half");
    assertEquals(255, t.getRGB(70, 18) >>> 24, "alpha of the opaque half");
  }

  @Test
  void grayscaleImages() throws IOException {
    BufferedImage gray = new BufferedImage(300, 150, BufferedImage.TYPE_BYTE_GRAY);
    Graphics2D g = gray.createGraphics();
    g.setColor(new Color(200, 200, 200));
    g.fillRect(0, 0, 300, 150);
    g.dispose();
    for (String fmt : List.of("jpeg", "png")) {
      ThumbResult r = run(Images.write(in().resolve("gray." + fmt), Images.encode(gray, fmt)));
      assertEquals(Status.OK, r.status(), r.toString());
      BufferedImage t = output(r, 0);
      assertEquals(75, t.getWidth());
      assertTrue(Images.near(t.getRGB(30, 15), new Color(200, 200, 200), 6));
    }
  }

  @Test
  void zeroByteFileIsAnEmptyFailure() throws IOException {
    ThumbResult r = run(Images.write(in().resolve("zero.jpg"), new byte[0]));
    assertEquals(Status.FAILED, r.status());
    assertEquals(ErrorClass.EMPTY, r.failure().error());
    assertTrue(r.failure().message().contains("zero.jpg") && r.failure().message()
        .contains("0 bytes"), r.failure().message());
    assertTrue(r.written().outputs().isEmpty());
  }

  @Test
  void textNamedJpgIsUnsupported() throws IOException {
    ThumbResult r = run(Images.write(in().resolve("page.jpg"),
        "<!DOCTYPE html><html><body>404</body></html>".getBytes()));
    assertEquals(Status.FAILED, r.status());
    assertEquals(ErrorClass.UNSUPPORTED, r.failure().error());
    assertTrue(r.failure().message().contains("page.jpg") && r.failure().message().contains("HTML"),
        r.failure().message());
    assertTrue(Files.notExists(out().resolve("page.jpg")));
  }

  @Test
  void textFileIsSkippedAsNotAnImage() throws IOException {
    ThumbResult r = run(Images.write(in().resolve("notes.txt"), "hello".getBytes()));
    assertEquals(Status.SKIPPED, r.status());
    assertEquals(SkipReason.NOT_AN_IMAGE, r.failure().reason());
  }

  @Test
  void missingFileIsNotFound() throws IOException {
    Path gone = in().resolve("gone.jpg");
    Source src = new Source(Images.hadoopPath(gone), "gone.jpg", 10, 0);
    ThumbResult r = task(settings().build(), new Configuration()).process(src).result();
    assertEquals(ErrorClass.NOT_FOUND, r.failure().error());
    assertTrue(r.failure().message().contains("gone.jpg"), r.failure().message());
  }

  @Test
  void truncatedJpegGivesAThumbnailWithAWarning() throws IOException {
    byte[] full = Images.jpeg(800, 600, 8);
    Path f = Images.write(in().resolve("cut.jpg"), Arrays.copyOf(full, full.length / 2));
    ThumbResult r = run(f);
    assertEquals(Status.OK, r.status(), r.toString());
    assertEquals(List.of("truncated"), r.image().warnings());
    assertEquals(75, output(r, 0).getWidth());
  }

  @Test
  void truncatedJpegFailsUnderStrict() throws IOException {
    byte[] full = Images.jpeg(800, 600, 8);
    Path f = Images.write(in().resolve("cut.jpg"), Arrays.copyOf(full, full.length / 2));
    ThumbResult r = run(settings().strict(true).build(), f);
    assertEquals(Status.FAILED, r.status());
    assertEquals(ErrorClass.CORRUPT, r.failure().error());
    assertTrue(r.failure().message().contains("truncated") && r.failure().message()
        .contains("cut.jpg"), r.failure().message());
    assertTrue(Files.notExists(out().resolve("cut.jpg")));
  }

  /**
   * A BMP whose planes field is not 1: the thumbnail Pillow shows, warned about as damage, and
   * refused under --strict. A TGA stored right to left is a layout, not damage: ok either way.
   */
  @Test
  void aRepairedHeaderIsOkWithAWarningAndFailsUnderStrict() throws IOException {
    Path bmp = Images.write(in().resolve("planes.bmp"), DamagedHeaders.bmpWithPlanes(80, 80, 3));
    ThumbResult ok = run(bmp);
    assertEquals(Status.OK, ok.status(), ok.toString());
    assertEquals(List.of("corrupt-data"), ok.image().warnings());
    assertEquals(1.0, ok.image().decoded(), 0);
    BufferedImage t = output(ok, 0);
    assertTrue(Images.near(t.getRGB(37, 10), DamagedHeaders.RED, 24), Images.rgb(t.getRGB(37, 10)));
    assertTrue(Images.near(t.getRGB(37, 64), DamagedHeaders.BLUE, 24),
        Images.rgb(t.getRGB(37, 64)));

    ThumbResult strict = run(settings().strict(true).overwrite(true).build(), bmp);
    assertEquals(Status.FAILED, strict.status());
    assertEquals(ErrorClass.CORRUPT, strict.failure().error());
    assertTrue(strict.failure().message().endsWith(
        "planes.bmp: decoded with warnings [corrupt-data] (--strict)"), strict.failure().message());

    Path tga = Images.write(in().resolve("rtl.tga"), DamagedHeaders.tgaRightToLeft(80, 40, true));
    ThumbResult layout = run(settings().strict(true).build(), tga);
    assertEquals(Status.OK, layout.status(), layout.toString());
    assertNull(layout.image().warnings());
  }

  @Test
  void headerOverThePixelLimitIsRefusedBeforeDecoding() throws IOException {
    Path f = Images.write(in().resolve("big.png"), Images.png(1000, 1000, 9));
    ThumbResult r = run(settings().maxPixels(999_999).build(), f);
    assertEquals(ErrorClass.TOO_LARGE, r.failure().error());
    assertTrue(r.failure().message().contains("1000x1000") && r.failure().message()
        .contains("999999"), r.failure().message());
  }

  @Test
  void sourceOverTheByteLimitIsRefusedBeforeReading() throws IOException {
    Path f = Images.write(in().resolve("heavy.jpg"), Images.jpeg(400, 300, 12));
    long size = Files.size(f);
    ThumbResult r = run(settings().maxSourceBytes(size - 1).build(), f);
    assertEquals(ErrorClass.TOO_LARGE, r.failure().error());
    assertTrue(r.failure().message().contains(size + " bytes") && r.failure().message()
        .contains("--max-bytes"),
        r.failure().message());
  }

  @Test
  void rerunSkipsUpToDateOutputsAndOverwriteRedoesThem() throws IOException {
    Path f = Images.write(in().resolve("again.jpg"), Images.jpeg(400, 300, 10));
    assertEquals(Status.OK, run(f).status());
    ThumbResult second = run(f);
    assertEquals(Status.SKIPPED, second.status());
    assertEquals(SkipReason.UP_TO_DATE, second.failure().reason());
    assertEquals(Status.OK, run(settings().overwrite(true).build(), f).status());
    Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(
        System.currentTimeMillis() + 60_000)); // source edited after its thumbnail
    assertEquals(Status.OK, run(f).status());
  }

  @Test
  void anInputIsUpToDateOnlyWhenEverySizeIs() throws IOException {
    Path f = Images.write(in().resolve("sizes.jpg"), Images.jpeg(400, 300, 11));
    Settings two = settings().sizes(List.of(new Size(40, 30), new Size(20, 20))).build();
    assertEquals(Status.OK, run(two, f).status());
    Files.delete(out().resolve("20x20/sizes.jpg"));
    ThumbResult again = run(two, f);
    assertEquals(Status.OK, again.status(), "one size missing: not up to date");
    assertTrue(Files.exists(out().resolve("20x20/sizes.jpg")));
    assertEquals(Status.SKIPPED, run(two, f).status());
  }

  @Test
  void noTemporaryFilesRemain() throws IOException {
    run(Images.write(in().resolve("t.jpg"), Images.jpeg(300, 200, 11)));
    try (var files = Files.walk(out())) {
      assertEquals(List.of("t.jpg"), files.filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void resultHasNoOutputsWhenFailed() throws IOException {
    ThumbResult r = run(Images.write(in().resolve("junk.png"), new byte[] {(byte) 0x89, 'P', 'N',
        'G', 13, 10, 26, 10, 1, 2, 3}));
    assertEquals(Status.FAILED, r.status(), r.toString());
    assertEquals(ErrorClass.CORRUPT, r.failure().error());
    assertNull(r.image().warnings());
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aTruncatedJpegIsOkOnlyWhenAMeaningfulPartDecoded(boolean nativeJpeg) throws IOException {
    byte[] jpeg = Images.jpeg(400, 300, 7);
    Settings s = settings().nativeJpeg(nativeJpeg).build();
    ThumbResult most = run(s, Images.write(in().resolve("most.jpg"),
        Arrays.copyOf(jpeg, jpeg.length * 6 / 10)));
    assertEquals(Status.OK, most.status(), most.toString());
    assertEquals(List.of("truncated"), most.image().warnings());
    assertTrue(most.image().decoded() > 0.3 && most.image().decoded() < 0.9, most.toString());
    BufferedImage t = output(most, 0);
    assertTrue(!Images.isFlat(t.getSubimage(0, 0, t.getWidth(), t.getHeight() / 4), 6),
        "the top of the thumbnail shows the photo");

    ThumbResult sliver = run(s, Images.write(in().resolve("sliver.jpg"),
        Arrays.copyOf(jpeg, jpeg.length / 12)));
    assertEquals(ErrorClass.CORRUPT, sliver.failure().error(), sliver.toString());
    assertTrue(sliver.failure().message().contains("of the rows decoded"), sliver.failure()
        .message());
    assertTrue(Files.notExists(out().resolve("sliver.jpg")), "no thumbnail of the fill");

    ThumbResult whole = run(s, Images.write(in().resolve("whole.jpg"), jpeg));
    assertNull(whole.image().decoded(), "said only for damaged images");
  }

  @Test
  void aPngWhoseDataIsGarbageFromTheStartIsCorruptNotAFlatThumbnail() throws IOException {
    byte[] png = Images.png(200, 150, 3);
    int at = Craft.pngChunkData(png, "IDAT");
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
    for (int i = at + 2; i < png.length - 12; i++) { // after the zlib header, up to IEND
      png[i] = (byte) rnd.nextInt(256);
    }
    ThumbResult r = run(Images.write(in().resolve("garbage.png"), png));
    assertEquals(ErrorClass.CORRUPT, r.failure().error(), r.toString());
  }

  /** A file system whose status calls fail with a bug-like exception. */
  public static final class BuggyFileSystem extends org.apache.hadoop.fs.RawLocalFileSystem {
    @Override
    public java.net.URI getUri() {
      return java.net.URI.create("buggy:///");
    }

    @Override
    public org.apache.hadoop.fs.FileStatus getFileStatus(org.apache.hadoop.fs.Path p) {
      throw new IllegalStateException("a bug of ours, not the image's");
    }
  }

  @Test
  void aBugOutsideTheDecoderIsInternalNotCorrupt() throws IOException {
    Configuration conf = new Configuration();
    conf.set("fs.buggy.impl", BuggyFileSystem.class.getName());
    conf.setBoolean("fs.buggy.impl.disable.cache", true);
    Path file = Images.write(in().resolve("fine.jpg"), Images.jpeg(100, 80, 1));
    Source src = new Source(Images.hadoopPath(file), "fine.jpg", Files.size(file), 0);
    ThumbResult r = task(
        settings().output("buggy://" + out().toUri().getPath()).build(), conf).process(src)
        .result();
    assertEquals(ErrorClass.INTERNAL, r.failure().error(), r.toString());
    assertTrue(r.failure().message().contains("a bug of ours"), r.failure().message());
  }

  @Test
  void aFetchedBodyIsJudgedByItsContentAndKeepsItsHttpStory() throws IOException {
    byte[] jpeg = Images.jpeg(320, 240, 7);
    try (TestHttpServer server = new TestHttpServer()
            .route("/img.jpg", x -> TestHttpServer.send(x, 200, "image/jpeg", jpeg))
            .route("/photo.jpg", x -> TestHttpServer.send(x, 200, "image/jpeg",
                "<!DOCTYPE html><html><body>Sign in</body></html>".getBytes()));
        UrlFetcher f = new UrlFetcher(
            new FetchSettings(500, 5_000, 3, 20, 200, 3, true, 4, 4), 1 << 20)) {
      Settings s = settings().build();
      InputTask t = new InputTask(s, Layouts.of(s),
          new OutputStore(s.run().output(), new Configuration()), 0,
          new SourceReader(new Configuration()), () -> f, InputTask.CpuSlot.unshared(s.image()));
      String url = server.url("/photo.jpg");
      ThumbResult r = t.process(new Source(url, UrlNames.stem(url), -1, 0)).result();
      assertEquals(Status.FAILED, r.status(), r.toString());
      assertEquals(ErrorClass.UNSUPPORTED, r.failure().error());
      assertTrue(r.failure().message().contains("HTML"), r.failure().message());
      assertEquals(new Http(200, 1, url), r.http());

      ThumbResult ok = t.process(new Source(server.url("/img.jpg"),
          UrlNames.stem(server.url("/img.jpg")), -1, 0)).result();
      assertEquals(Status.OK, ok.status(), ok.toString());
      assertEquals(320, ok.image().width());
      assertEquals(jpeg.length, ok.input().bytes());
      assertEquals(200, ok.http().httpStatus());
    }
  }
}
