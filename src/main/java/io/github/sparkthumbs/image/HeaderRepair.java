package io.github.sparkthumbs.image;

import java.awt.image.BufferedImage;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Header faults that ImageIO's readers refuse and Pillow or libvips read past, each fixed in a copy
 * of the bytes so that the same reader, under the same limits, decodes the image on a second try.
 * Found by running Pillow's and libvips' test images (scripts/experiment-test-suites):
 * <ul>
 *   <li>TGA stored right to left (origin top-right or bottom-right): a valid TGA that
 *       TwelveMonkeys does not implement. Read as left to right, then mirrored; not damage.
 *   <li>BMP whose planes field is not 1, or 8-bit or less without its colour table (the pixels
 *       start right after the header): the JDK's reader refuses both. Planes are set to 1; a
 *       missing table becomes a grey ramp, so the picture shows in grey rather than not at all.
 *   <li>ICO whose directory claims another height than its bitmap: the reader trusts the
 *       directory and runs out of data. The bitmap's own size is what Pillow shows.
 *   <li>TIFF listing more BitsPerSample values than SamplesPerPixel ({@code [8, 8, 8, 1]} for
 *       RGB): TwelveMonkeys refuses the uneven list; the extra value is dropped.
 *   <li>TIFF of WebP strips: a valid TIFF that TwelveMonkeys does not read, rewritten
 *       uncompressed ({@link TiffWebP}); not damage.
 *   <li>GIF whose first image has an LZW code size over 8, which the JDK refuses: coded again
 *       with 8 ({@link GifCodeSize}).
 * </ul>
 * Only the repaired header is trusted less: every check the first try made (size limits, the share
 * of rows decoded) runs again on the repaired copy.
 */
final class HeaderRepair {
  /**
   * The most pixels a repair that rewrites the image data ({@link TiffWebP}, {@link GifCodeSize})
   * takes on: it holds them unscaled. 16 MP is 64 MB of RGBA, a sixteenth of the default 1 GB heap.
   */
  static final long MAX_REWRITTEN_PIXELS = 16L << 20;

  /** Damage warning for a repaired header; TGA's mirror is a layout, not damage. */
  static final String WARNING = "corrupt-data";

  /**
   * A repaired copy of the source.
   *
   * @param bytes the source with its header fixed
   * @param damaged the source broke its format's rules (the decode is warned about)
   * @param mirror the decoded image must be mirrored left to right
   */
  record Fix(byte[] bytes, boolean damaged, boolean mirror) {
    /** {@code d}, decoded from {@link #bytes}, as the original shows and warned about. */
    Decoded applyTo(Decoded d) {
      List<String> warnings = d.warnings();
      if (damaged && !warnings.contains(WARNING)) {
        warnings = new ArrayList<>(warnings);
        warnings.add(WARNING);
      }
      return new Decoded(mirror ? mirrored(d.image()) : d.image(), d.width(), d.height(),
          d.orientation(), d.format(), List.copyOf(warnings), d.decoded(), d.decodedFrom());
    }
  }

  /**
   * {@code img} mirrored left to right, in place. TGA carries no EXIF orientation, so the image
   * is still in stored orientation here.
   */
  private static BufferedImage mirrored(BufferedImage img) {
    int w = img.getWidth();
    int[] row = new int[w];
    for (int y = 0; y < img.getHeight(); y++) {
      img.getRGB(0, y, w, 1, row, 0, w);
      for (int x = 0; x < w / 2; x++) {
        int t = row[x];
        row[x] = row[w - 1 - x];
        row[w - 1 - x] = t;
      }
      img.setRGB(0, y, w, 1, row, 0, w);
    }
    return img;
  }

  private HeaderRepair() {}

  /**
   * The repair for {@code bytes} that a reader of {@code format} refused, or null if none; a
   * repair that rewrites the pixels is held to {@code maxPixels} and {@link #MAX_REWRITTEN_PIXELS}.
   */
  static Fix find(String format, byte[] bytes, long maxPixels) {
    try {
      return switch (format) {
        case "tga" -> tga(bytes);
        case "bmp" -> bmp(bytes);
        case "ico" -> ico(bytes);
        case "tiff" -> tiff(bytes, maxPixels);
        case "gif" -> gif(bytes, maxPixels);
        default -> null;
      };
    } catch (IndexOutOfBoundsException | BufferUnderflowException e) {
      return null; // a header too short to repair: the first failure stands
    }
  }

  private static Fix gif(byte[] b, long maxPixels) {
    byte[] recoded = GifCodeSize.recoded(b, maxPixels);
    return recoded == null ? null : new Fix(recoded, true, false);
  }

  /** TGA image descriptor (byte 17), bit 4: pixels run right to left. */
  private static Fix tga(byte[] b) {
    if ((b[17] & 0x10) == 0) {
      return null;
    }
    byte[] fixed = b.clone();
    fixed[17] &= ~0x10;
    return new Fix(fixed, false, true);
  }

  private static Fix bmp(byte[] b) {
    ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    if (in.get(0) != 'B' || in.get(1) != 'M') {
      return null;
    }
    int headerSize = in.getInt(14);
    boolean core = headerSize == 12; // OS/2 1.x: 16-bit sizes, 3-byte colour entries
    int planesAt = core ? 22 : 26;
    int bitCount = in.getShort(planesAt + 2) & 0xFFFF;
    byte[] fixed = b;
    if (in.getShort(planesAt) != 1) {
      fixed = b.clone();
      fixed[planesAt] = 1;
      fixed[planesAt + 1] = 0;
    }
    long pixelsAt = in.getInt(10) & 0xFFFFFFFFL;
    if (bitCount >= 1 && bitCount <= 8 && pixelsAt == 14L + headerSize) {
      int used = headerSize < 36 ? 0 : in.getInt(46); // no ClrUsed field (nor in OS/2 1.x's)
      int colours = used > 0 && used < (1 << bitCount) ? used : 1 << bitCount;
      fixed = withGreyTable(fixed, headerSize, colours, core ? 3 : 4);
    }
    return fixed == b ? null : new Fix(fixed, true, false);
  }

  /** {@code b} with a grey colour table of {@code colours} entries inserted after its header. */
  private static byte[] withGreyTable(byte[] b, int headerSize, int colours, int entrySize) {
    int at = 14 + headerSize;
    int table = colours * entrySize;
    byte[] out = new byte[b.length + table];
    System.arraycopy(b, 0, out, 0, at);
    for (int i = 0; i < colours; i++) {
      byte grey = (byte) (colours == 1 ? 0 : i * 255 / (colours - 1));
      Arrays.fill(out, at + i * entrySize, at + i * entrySize + 3, grey);
    }
    System.arraycopy(b, at, out, at + table, b.length - at);
    ByteBuffer header = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
    header.putInt(2, out.length);
    header.putInt(10, at + table);
    return out;
  }

  /**
   * ICO directory entries (16 bytes from offset 6) whose height is not half their BMP's (a BMP
   * in an icon stores image and mask, twice the icon's height); 0 in the directory means 256.
   */
  private static Fix ico(byte[] b) {
    ByteBuffer in = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    int count = in.getShort(4) & 0xFFFF;
    byte[] fixed = b;
    for (int i = 0; i < count; i++) {
      int entry = 6 + 16 * i;
      int width = dirSize(in.get(entry));
      int height = dirSize(in.get(entry + 1));
      long at = in.getInt(entry + 12) & 0xFFFFFFFFL;
      if (at + 12 > b.length || in.getInt((int) at) != 40) {
        continue; // a PNG icon, or an entry pointing nowhere: left to the reader
      }
      int bmpHeight = in.getInt((int) at + 8) / 2;
      if (in.getInt((int) at + 4) == width && bmpHeight != height && bmpHeight >= 1
          && bmpHeight <= 256) {
        fixed = fixed == b ? b.clone() : fixed;
        fixed[entry + 1] = (byte) bmpHeight; // 256 wraps to 0, the directory's 256
      }
    }
    return fixed == b ? null : new Fix(fixed, true, false);
  }

  private static int dirSize(byte v) {
    return v == 0 ? 256 : v & 0xFF;
  }

  private static final int BITS_PER_SAMPLE = 258;
  private static final int SAMPLES_PER_PIXEL = 277;
  private static final int SHORT = 3;

  /**
   * A TIFF of WebP strips rewritten uncompressed ({@link TiffWebP}), else the first IFD's
   * BitsPerSample cut to SamplesPerPixel values, when both are SHORTs.
   */
  private static Fix tiff(byte[] b, long maxPixels) {
    ByteBuffer in = ByteBuffer.wrap(b);
    if (b[0] == 'I' && b[1] == 'I') {
      in.order(ByteOrder.LITTLE_ENDIAN);
    } else if (b[0] != 'M' || b[1] != 'M') {
      return null;
    }
    if (in.getShort(2) != 42) {
      return null; // BigTIFF (43) keeps 8-byte counts: not repaired
    }
    byte[] rewritten = TiffWebP.uncompressed(b, maxPixels);
    if (rewritten != null) {
      return new Fix(rewritten, false, false);
    }
    int ifd = in.getInt(4);
    int entries = in.getShort(ifd) & 0xFFFF;
    int bitsEntry = -1;
    int samples = 1; // TIFF's default
    for (int i = 0; i < entries; i++) {
      int e = ifd + 2 + 12 * i;
      int tag = in.getShort(e) & 0xFFFF;
      if (tag == BITS_PER_SAMPLE && in.getShort(e + 2) == SHORT) {
        bitsEntry = e;
      } else if (tag == SAMPLES_PER_PIXEL && in.getShort(e + 2) == SHORT) {
        samples = in.getShort(e + 8) & 0xFFFF;
      }
    }
    if (bitsEntry < 0 || samples < 1) {
      return null;
    }
    int listed = in.getInt(bitsEntry + 4);
    // Values of up to 4 bytes sit in the entry, longer lists elsewhere: cutting the count may not
    // move the list from one place to the other.
    if (listed <= samples || (listed * 2 <= 4) != (samples * 2 <= 4)) {
      return null;
    }
    byte[] fixed = b.clone();
    ByteBuffer.wrap(fixed).order(in.order()).putInt(bitsEntry + 4, samples);
    return new Fix(fixed, true, false);
  }
}
