package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.testing.Craft;
import io.github.sparkthumbs.testing.ExifImages;
import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.NativeEncoders;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The header alone: format names, sizes as stored and displayed, and failures by class. */
class ImageHeaderTest {
  @TempDir Path dir;

  static List<Object> fields(ImageHeader h) {
    return List.of(h.format(), h.width(), h.height(), h.orientation(), h.displayedWidth(),
        h.displayedHeight());
  }

  @Test
  void formatsSizesAndOrientation() throws Exception {
    byte[] turned = ExifImages.oriented("jpeg", Images.quadrants(300, 200), 6,
        ByteOrder.LITTLE_ENDIAN);
    assertEquals(List.of("jpeg", 200, 300, 6, 300, 200), fields(ImageHeader.read(turned)));
    assertEquals(List.of("png", 120, 80, 1, 120, 80),
        fields(ImageHeader.read(Images.png(120, 80, 1))));
    assertEquals(List.of("webp", 90, 60, 8, 60, 90), fields(ImageHeader.read(
        ExifImages.oriented("webp", Images.quadrants(60, 90), 8, ByteOrder.BIG_ENDIAN))));
  }

  @Test
  void aHugeClaimIsReadWithoutDecodingIt() throws Exception {
    // 100000 x 100000 pixels claimed: decoding would need 40 GB
    assertEquals(List.of("png", 100_000, 100_000, 1, 100_000, 100_000),
        fields(ImageHeader.read(Craft.pngClaiming(100_000, 100_000))));
  }

  @Test
  void heicThroughLibheif() throws Exception {
    assumeTrue(NativeEncoders.library("libheif.so.1"), "libheif1 not installed");
    assumeTrue(NativeEncoders.installed("heif-enc"), "heif-enc not installed");
    byte[] heic = NativeEncoders.heic(dir, Images.encode(Images.quadrants(320, 240), "png"),
        "q.png", 80);
    assertEquals(List.of("heif", 320, 240, 1, 320, 240), fields(ImageHeader.read(heic)));
  }

  /** An AVIF's header through libheif is named avif, with the size it stores. */
  @Test
  void avifThroughLibheif() throws Exception {
    assumeTrue(NativeEncoders.library("libheif.so.1"), "libheif1 not installed");
    byte[] avif = ColourProfilesTest.fixture("p3-nclx.avif");
    assertEquals(List.of("avif", 64, 48, 1, 64, 48), fields(ImageHeader.read(avif)));
  }

  /** A HEIF whose boxes libheif cannot parse fails at its header, with libheif's error. */
  @Test
  void aHeifWithoutItsBoxesFailsAtItsHeader() {
    assumeTrue(NativeEncoders.library("libheif.so.1"), "libheif1 not installed");
    byte[] junk = new byte[64];
    System.arraycopy("\0\0\0\u0018ftypheic\0\0\0\0mif1heic".getBytes(
        java.nio.charset.StandardCharsets.ISO_8859_1), 0, junk, 0, 24);
    ImageFailure f = assertThrows(ImageFailure.class, () -> ImageHeader.read(junk));
    assertEquals(ErrorClass.CORRUPT, f.errorClass(), f.getMessage());
    assertTrue(f.getMessage().startsWith("HEIC/HEIF header cannot be decoded: libheif error "),
        f.getMessage());
  }

  @Test
  void failuresHaveTheDecodersClasses() throws Exception {
    assertEquals(ErrorClass.EMPTY, assertThrows(ImageFailure.class,
        () -> ImageHeader.read(new byte[0])).errorClass());
    ImageFailure text = assertThrows(ImageFailure.class,
        () -> ImageHeader.read("hello world".getBytes()));
    assertEquals(ErrorClass.UNSUPPORTED, text.errorClass());
    assertTrue(text.getMessage().contains("text starting 'hello world'"), text.getMessage());
    byte[] jpeg = Images.jpeg(64, 64, 1);
    ImageFailure cut = assertThrows(ImageFailure.class,
        () -> ImageHeader.read(Arrays.copyOf(jpeg, 40)));
    assertEquals(ErrorClass.CORRUPT, cut.errorClass(), cut.getMessage());
  }
}
