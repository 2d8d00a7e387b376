package io.github.sparkthumbs.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.testing.Craft;
import io.github.sparkthumbs.testing.Documents;
import io.github.sparkthumbs.testing.ExifImages;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.JobRun;
import io.github.sparkthumbs.testing.NativeEncoders;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * One folder holding every kind of hostile or unusual input a real photo collection has, plus
 * normal photos, through the whole job on local[2] in a 1 GB heap (surefire's -Xmx1g, the same
 * as the launcher's default). Each kind must end as exactly the expected
 * manifest line. The table of hostile inputs in docs/faults-and-limits.md is generated from
 * {@link #KINDS} and the results of this run; the test fails when that table is stale (rewrite it
 * with {@code -Dupdate.docs=true}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputsTest {
  /** A kind of input: file name in the folder, what it is, the expected outcome. */
  record Kind(String name, String what, String expect) {}

  /**
   * libheif reads HEIC and AVIF, so an ftyp box with nothing after it is corrupt; on a
   * machine without libheif1 such a file is unsupported (the docs' table is written with it).
   */
  static final boolean LIBHEIF = NativeEncoders.library("libheif.so.1");
  static final String HEIF_BROKEN = LIBHEIF ? "failed corrupt" : "failed unsupported";

  /** The page whose table of hostile inputs this test generates. */
  static final String TABLE_PAGE = "docs/faults-and-limits.md";

  static final String LONG_NAME = "l".repeat(246) + ".jpg";

  static final List<Kind> KINDS = List.of(
      new Kind("cmyk.jpg", "CMYK JPEG (print shops)", "ok"),
      new Kind("progressive.jpg", "progressive JPEG", "ok"),
      new Kind("icc-linear-gray.jpg", "JPEG with a non-sRGB ICC profile (converted to sRGB)", "ok"),
      new Kind("exif-6.jpg", "JPEG with EXIF orientation 6 (rotated on output)", "ok"),
      new Kind("rgb16.png", "16-bit RGB PNG", "ok"),
      new Kind("gray16.png", "16-bit grayscale PNG", "ok"),
      new Kind("palette.png", "palette PNG", "ok"),
      new Kind("gray-alpha.png", "grayscale + alpha PNG (alpha on white)", "ok"),
      new Kind("interlaced.png", "interlaced (Adam7) PNG", "ok"),
      new Kind("animated.gif", "animated GIF (first frame)", "ok"),
      new Kind("photo.bmp", "BMP", "ok"),
      new Kind("photo.tiff", "TIFF", "ok"),
      new Kind("photo.webp", "WebP", "ok"),
      new Kind("icon.icns", "ICNS (macOS icon)", "ok"),
      new Kind("photo.hdr", "Radiance HDR", "ok"),
      new Kind("photo.ppm", "PPM (Netpbm)", "ok"),
      new Kind("photo.tga", "TGA", "ok"),
      new Kind("photo.sgi", "SGI/RGB (Silicon Graphics)", "ok"),
      new Kind("photo.pcx", "PCX", "ok"),
      new Kind("photo.iff", "Amiga IFF (24-bit ILBM)", "ok"),
      new Kind("photo.pict", "PICT (classic Mac OS)", "ok"),
      new Kind("photo.dds", "DDS (DirectDraw texture)", "ok"),
      new Kind("logo.svg", "SVG (drawn at the thumbnail's size)", "ok"),
      new Kind("page.pdf", "PDF (first page, drawn at the thumbnail's size)", "ok"),
      new Kind("outside.svg", "SVG whose image, use and entity name a URL and a local file (none"
          + " is read)", "ok"),
      new Kind("bomb-100000x100000.svg", "SVG claiming 100000x100000", "failed too-large"),
      new Kind("bomb-60000x60000.sgi", "SGI header claiming 60000x60000", "failed too-large"),
      new Kind("locked.pdf", "password-protected PDF", "failed unsupported"),
      new Kind("broken.pdf", "PDF header with nothing after it", "failed corrupt"),
      new Kind("screen.xwd", "XWD (X Window dump: no reader)", "failed unsupported"),
      new Kind("big-9000x9000.png", "legal 81 MP PNG (decoded row by row into a small buffer)",
          "ok"),
      new Kind("truncated.jpg", "JPEG cut in half (interrupted upload)", "ok truncated"),
      new Kind("truncated.png", "PNG cut in half", "ok truncated"),
      new Kind("corrupt-data.png", "PNG with garbage in the middle of its image data",
          "ok corrupt-data"),
      new Kind("garbage-idat.png", "PNG whose image data is garbage from its first byte",
          "failed corrupt"),
      new Kind("sliver.jpg", "JPEG cut after a tenth (under a quarter of its rows decode)",
          "failed corrupt"),
      new Kind("fake.heic", "HEIC brand with no image in it", HEIF_BROKEN),
      new Kind("fake.avif", "AVIF brand with no image in it", HEIF_BROKEN),
      new Kind("page.jpg", "HTML saved as .jpg", "failed unsupported"),
      new Kind("garbage.png", "random bytes named .png", "failed unsupported"),
      new Kind("zero.jpg", "zero-byte file", "failed empty"),
      new Kind("bomb-100000x100000.png", "PNG header claiming 100000x100000 (decompression bomb)",
          "failed too-large"),
      new Kind("bomb-65000x65000.jpg", "JPEG header claiming 65000x65000", "failed too-large"),
      new Kind("canvas-lie.webp", "WebP whose canvas (VP8X) claims 100x75 around a frame of"
          + " 12000x12000", "failed corrupt"),
      new Kind("ispe-lie.heic", "HEIC whose header (ispe) claims 100x75 around a 400x200 image",
          HEIF_BROKEN),
      new Kind("zero-dims.png", "PNG header claiming 0x0", "failed corrupt"),
      new Kind("header-only.jpg", "JPEG with a header and no image data", "failed corrupt"),
      new Kind("fifo.jpg", "named pipe (never opened)", "failed unreadable"),
      new Kind("device.jpg", "symlink to a device, /dev/zero (never opened)", "failed unreadable"),
      new Kind("dangling.jpg", "dangling symlink", "failed not-found"),
      new Kind("loop", "symlink to a directory (a loop here; walks pass links by, as find -P)",
          "skipped symlinked-directory"),
      new Kind("notes.txt", "a text file among the photos", "skipped not-an-image"),
      new Kind("with space 'quote\" ünï写真.jpg", "name with spaces, quotes and unicode", "ok"),
      new Kind("new\nline.jpg", "name with a newline", "ok"),
      new Kind("col:on.jpg", "name with a colon", "ok"),
      new Kind(LONG_NAME, "name of 250 bytes", "ok"),
      new Kind("y", "a JPEG named y beside another image y.jpg (thumbnail y-<hash>.jpg)", "ok"),
      new Kind("y.jpg", "y.jpg beside y (keeps its name)", "ok"),
      new Kind("bad\uFFFD.jpg", "name that is not valid UTF-8 (Java cannot open it by name)",
          "failed unreadable"));

  @TempDir static Path dir;
  private Path in;
  private final Map<String, ThumbResult> byName = new LinkedHashMap<>();
  private Summary summary;
  private int normalPhotos;

  @BeforeAll
  void runJobOverTheFolder() throws IOException, InterruptedException {
    in = dir.resolve("in");
    for (String f : List.of("cmyk.jpg", "progressive.jpg", "icc-linear-gray.jpg", "rgb16.png",
        "gray16.png", "palette.png", "gray-alpha.png", "interlaced.png", "animated.gif",
        "photo.bmp", "photo.tiff", "photo.webp", "icon.icns", "photo.hdr", "photo.ppm",
        "photo.tga", "fake.heic", "fake.avif", "canvas-lie.webp", "ispe-lie.heic")) {
      try (InputStream r = getClass().getResourceAsStream("/hostile/" + f)) {
        Images.write(in.resolve(f), r.readAllBytes());
      }
    }
    for (String f : List.of("photo.sgi", "photo.pcx", "photo.iff", "photo.pict", "photo.dds")) {
      try (InputStream r = getClass().getResourceAsStream("/formats/" + f)) {
        Images.write(in.resolve(f), r.readAllBytes());
      }
    }
    byte[] sgi = Files.readAllBytes(in.resolve("photo.sgi"));
    sgi[6] = sgi[8] = (byte) (60000 >> 8); // xsize and ysize, big-endian
    sgi[7] = sgi[9] = (byte) 60000;
    Images.write(in.resolve("bomb-60000x60000.sgi"), sgi);
    Images.write(in.resolve("logo.svg"), Documents.svg("width=\"640\" height=\"480\"", ""));
    Images.write(in.resolve("bomb-100000x100000.svg"),
        Documents.svg("width=\"100000\" height=\"100000\"", ""));
    String far = "http://127.0.0.1:9/x";
    Images.write(in.resolve("outside.svg"), ("<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY e"
        + " SYSTEM \"" + far + ".ent\">]>" + new String(Documents.svg(
            "width=\"640\" height=\"480\"", "<image width=\"640\" height=\"480\" href=\"" + far
            + ".png\"/><image width=\"640\" height=\"480\" href=\"file:///etc/passwd\"/>"
            + "<use href=\"" + far + ".svg#a\"/><text>&e;</text>"), StandardCharsets.UTF_8)
        .replaceFirst("<\\?xml[^>]*>", "")).getBytes(StandardCharsets.UTF_8));
    byte[] pdf = Documents.pdf(400, 300, 0, null);
    Images.write(in.resolve("page.pdf"), pdf);
    Images.write(in.resolve("locked.pdf"), Documents.locked(pdf));
    Images.write(in.resolve("broken.pdf"),
        "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
    byte[] xwd = new byte[200];
    xwd[3] = 100; // header size, then file version 7
    xwd[7] = 7;
    Images.write(in.resolve("screen.xwd"), xwd);
    BufferedImage shown = Images.quadrants(120, 60);
    Images.write(in.resolve("exif-6.jpg"),
        ExifImages.oriented("jpeg", shown, 6, ByteOrder.BIG_ENDIAN));
    byte[] jpeg = Images.jpeg(800, 600, 1);
    Images.write(in.resolve("truncated.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
    byte[] png = Images.png(400, 300, 2);
    Images.write(in.resolve("truncated.png"), Arrays.copyOf(png, png.length / 2));
    byte[] corrupt = png.clone();
    int idat = Craft.pngChunkData(corrupt, "IDAT");
    for (int i = corrupt.length / 2; i < corrupt.length / 2 + 64; i++) {
      corrupt[i] = (byte) (i * 31);
    }
    assertTrue(idat > 0 && idat < corrupt.length / 2);
    Images.write(in.resolve("corrupt-data.png"), corrupt);
    Images.write(in.resolve("page.jpg"),
        "<!DOCTYPE html><html><body>Not Found</body></html>".getBytes());
    byte[] garbage = new byte[3000];
    new java.util.Random(5).nextBytes(garbage);
    Images.write(in.resolve("garbage.png"), garbage);
    Images.write(in.resolve("zero.jpg"), new byte[0]);
    Images.write(in.resolve("bomb-100000x100000.png"), Craft.pngClaiming(100_000, 100_000));
    Images.write(in.resolve("bomb-65000x65000.jpg"), Craft.jpegClaiming(jpeg, 65000, 65000));
    Images.write(in.resolve("zero-dims.png"), Craft.pngClaiming(0, 0));
    Images.write(in.resolve("big-9000x9000.png"), Craft.bigBlackPng(9000, 9000));
    Images.write(in.resolve("header-only.jpg"), Arrays.copyOf(jpeg, 200));
    Process mkfifo = new ProcessBuilder("mkfifo", in.resolve("fifo.jpg").toString()).start();
    assertEquals(0, mkfifo.waitFor());
    Files.createSymbolicLink(in.resolve("device.jpg"), Path.of("/dev/zero"));
    Files.createSymbolicLink(in.resolve("dangling.jpg"), in.resolve("gone.jpg"));
    Files.createDirectories(in.resolve("sub"));
    Files.createSymbolicLink(in.resolve("loop"), in);
    Images.write(in.resolve("notes.txt"), "shopping list".getBytes());
    Images.write(in.resolve("with space 'quote\" ünï写真.jpg"), Images.jpeg(300, 200, 3));
    Images.write(in.resolve("new\nline.jpg"), Images.jpeg(200, 300, 4));
    for (int i = 0; i < 12; i++) {
      Images.write(in.resolve("sub/photo-" + i + ".jpg"), Images.jpeg(640 + i * 10, 480, 10 + i));
    }
    normalPhotos = 12;
    Images.write(in.resolve("sliver.jpg"), Arrays.copyOf(jpeg, jpeg.length / 10));
    byte[] garbageData = png.clone();
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
    for (int i = idat + 2; i < garbageData.length - 12; i++) {
      garbageData[i] = (byte) rnd.nextInt(256);
    }
    Images.write(in.resolve("garbage-idat.png"), garbageData);
    Images.write(in.resolve("col:on.jpg"), Images.jpeg(200, 150, 5));
    Images.write(in.resolve(LONG_NAME), Images.jpeg(200, 150, 6));
    Images.write(in.resolve("y"), Images.jpeg(200, 150, 7));
    Images.write(in.resolve("y.jpg"), Images.jpeg(150, 200, 8));
    // Java cannot write a name that is not valid UTF-8; the shell can.
    Process bad = new ProcessBuilder("sh", "-c", "cp y.jpg \"$(printf 'bad\\377.jpg')\"")
        .directory(in.toFile()).start();
    assertEquals(0, bad.waitFor());

    JobRun run = JobRun.of(List.of(in.toString()),
        Settings.builder().output(dir.resolve("out").toString()).build());
    summary = run.summary();
    for (ThumbResult r : run.results()) {
      String rel = in.relativize(Images.local(r.source())).toString();
      assertEquals(null, byName.put(rel, r), "twice in the manifest: " + rel);
    }
  }

  static String outcome(ThumbResult r) {
    return switch (r.status()) {
      case OK -> r.image().warnings() == null ? "ok" : "ok " + String.join(",", r.image()
          .warnings());
      case FAILED -> "failed " + r.failure().error();
      case SKIPPED -> "skipped " + r.failure().reason();
    };
  }

  @Test
  void everyKindEndsAsExpected() {
    List<String> wrong = new ArrayList<>();
    for (Kind k : KINDS) {
      ThumbResult r = byName.get(k.name());
      String got = r == null ? "missing from the manifest" : outcome(r);
      if (!got.equals(k.expect())) {
        wrong.add(k.name() + ": expected " + k.expect() + ", got " + got
            + (r == null ? "" : " (" + r.failure().message() + ")"));
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void oneManifestLinePerInputAndExitCodeOne() {
    // every kind is a line of its own (the directory link too), plus the photos
    assertEquals(KINDS.size() + normalPhotos, byName.size(), byName.keySet().toString());
    assertEquals(1, summary.exitCode());
    assertEquals(normalPhotos + KINDS.stream().filter(k -> k.expect().startsWith("ok")).count(),
        summary.ok());
  }

  @Test
  void failuresNameTheInputAndTheCause() {
    ThumbResult bomb = byName.get("bomb-100000x100000.png");
    assertTrue(bomb.failure().message().contains("100000x100000") && bomb.failure().message()
        .contains("89478485")
        && bomb.failure().message().contains("bomb-100000x100000.png"), bomb.failure().message());
    ThumbResult fifo = byName.get("fifo.jpg");
    assertTrue(fifo.failure().message().contains("fifo.jpg") && fifo.failure().message()
        .contains("named pipe"),
        fifo.failure().message());
    ThumbResult heic = byName.get("fake.heic");
    assertTrue(heic.failure().message().contains("HEIC"), heic.failure().message());
  }

  @Test
  void sizeLiesNameBothSizes() {
    ThumbResult webp = byName.get("canvas-lie.webp");
    assertTrue(webp.failure().message()
        .contains("canvas 100x75 (VP8X) differs from its frame, 12000x12000"
        + " (VP8)") && webp.failure().message().contains("canvas-lie.webp"), webp.failure()
            .message());
    assumeTrue(LIBHEIF, "libheif1 not installed");
    ThumbResult heic = byName.get("ispe-lie.heic");
    assertTrue(heic.failure().message()
        .contains("header (ispe) claims 100x75 but its coded image is"
        + " 400x200"), heic.failure().message());
  }

  @Test
  void formatsThatWorkLookRight() throws IOException {
    BufferedImage cmyk = thumb("cmyk.jpg");
    assertEquals(64, cmyk.getWidth());
    assertTrue(Images.near(cmyk.getRGB(60, 4), new Color(20, 200, 40), 50),
        "CMYK top-right should be green, is " + Images.rgb(cmyk.getRGB(60, 4)));
    // linear-light 128 is sRGB ~188: the profile was applied, not ignored
    int icc = thumb("icc-linear-gray.jpg").getRGB(30, 20) & 0xFF;
    assertTrue(icc > 175 && icc < 200, "ICC-converted grey is " + icc);
    BufferedImage rotated = thumb("exif-6.jpg");
    assertEquals(75, rotated.getWidth());
    assertTrue(Images.near(rotated.getRGB(3, 3), Color.RED, 60));
    int alphaOnWhite = thumb("gray-alpha.png").getRGB(2, 2);
    assertEquals(64, thumb("gray-alpha.png").getWidth());
    assertTrue((alphaOnWhite & 0xFF) > 0, Images.rgb(alphaOnWhite));
    assertEquals(64, thumb("animated.gif").getWidth()); // never enlarged
    // drawn without what they name outside themselves: the quadrants are not covered
    Images.assertQuadrants(thumb("outside.svg"), 12);
    Images.assertQuadrants(thumb("page.pdf"), 12);
    Images.assertQuadrants(thumb("photo.dds"), 12);
  }

  @Test
  void namesThatWouldShareAnOutputGetTheirOwn() throws IOException {
    String y = byName.get("y").written().outputs().get(0);
    assertTrue(y.matches(".*/out/y-[0-9a-f]{8}\\.jpg"), y);
    assertTrue(byName.get("y.jpg").written().outputs().get(0).endsWith("/out/y.jpg"));
    assertEquals(75, thumb("y").getWidth()); // 200x150
    assertEquals(75, thumb("y.jpg").getHeight()); // 150x200
    assertTrue(byName.get("col:on.jpg").written().outputs().get(0).endsWith("/out/col:on.jpg"));
    assertTrue(byName.get("bad\uFFFD.jpg").failure().message().contains("not valid UTF-8"));
  }

  private BufferedImage thumb(String name) throws IOException {
    return Images.read(Images.local(byName.get(name).written().outputs().get(0)));
  }

  @Test
  void docsTableIsCurrent() throws IOException {
    assumeTrue(LIBHEIF, "the docs' table is written with libheif1 installed");
    StringBuilder t = new StringBuilder();
    t.append("| Input | What happens | Manifest |\n|---|---|---|\n");
    for (Kind k : KINDS) {
      ThumbResult r = byName.get(k.name());
      String happens = switch (r.status()) {
        case OK -> r.image().warnings() == null ? "thumbnail"
            : "thumbnail of what decodes, with a warning";
        case SKIPPED -> "skipped, not counted as a failure";
        case FAILED -> "one failed line naming the input and the cause; the job goes on";
      };
      t.append("| ").append(k.what()).append(" | ").append(happens).append(" | `")
          .append(outcome(r)).append("` |\n");
    }
    Path page = Path.of(System.getProperty("project.dir", ".")).resolve(TABLE_PAGE);
    String text = Files.readString(page, StandardCharsets.UTF_8);
    String begin = "<!-- hostile-table:begin (generated by HostileInputsTest) -->\n";
    String end = "<!-- hostile-table:end -->";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    assertTrue(b >= 0 && e > b, TABLE_PAGE + " lacks the hostile-table markers");
    String current = text.substring(b + begin.length(), e);
    if (Boolean.getBoolean("update.docs")) {
      Files.writeString(page, text.substring(0, b + begin.length()) + t + text.substring(e));
    } else {
      assertEquals(t.toString(), current, TABLE_PAGE + "'s table is stale: run mvn test "
          + "-Dtest=HostileInputsTest -Dupdate.docs=true");
    }
  }
}
