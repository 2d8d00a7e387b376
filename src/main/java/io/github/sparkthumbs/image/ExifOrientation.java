package io.github.sparkthumbs.image;

import com.twelvemonkeys.imageio.metadata.CompoundDirectory;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import javax.imageio.IIOException;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageInputStreamImpl;

/**
 * EXIF orientation (tag 0x0112 in IFD0) of a JPEG, PNG, WebP or TIFF, read from the bytes we
 * already hold without decoding any pixels, and applied to a decoded image. {@link ExifBlock}
 * finds the TIFF structure in the container; TwelveMonkeys' TIFF metadata reader parses it. A
 * damaged EXIF block means orientation 1: it never fails an image.
 */
public final class ExifOrientation {
  private ExifOrientation() {}

  /** Orientation 1..8, 1 when absent, unreadable or out of range. */
  public static int read(byte[] b) {
    int[] tiff = ExifBlock.find(b);
    if (tiff == null) {
      return 1;
    }
    try (ImageInputStream in = new Window(b, tiff[0], tiff[1])) {
      Directory ifd0 = new TIFFReader().read(in);
      if (ifd0 instanceof CompoundDirectory chain) {
        ifd0 = chain.directoryCount() > 0 ? chain.getDirectory(0) : null;
      }
      Entry tag = ifd0 == null ? null : ifd0.getEntryById(TIFF.TAG_ORIENTATION);
      // A value cut off by the end of the block is an EOFException, not a Number.
      int v = tag != null && tag.getValue() instanceof Number n ? n.intValue() : 1;
      return v >= 1 && v <= 8 ? v : 1;
    } catch (IOException | RuntimeException e) {
      return 1; // a truncated or malformed EXIF block is common and harmless: draw as stored
    }
  }

  /** Whether the orientation swaps width and height (5..8). */
  public static boolean transposes(int orientation) {
    return orientation >= 5 && orientation <= 8;
  }

  /** The image as it should be displayed. */
  public static BufferedImage apply(BufferedImage img, int orientation) {
    if (orientation <= 1 || orientation > 8) {
      return img;
    }
    int w = img.getWidth();
    int h = img.getHeight();
    boolean swap = transposes(orientation);
    AffineTransform t = new AffineTransform();
    switch (orientation) {
      case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
      case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
      case 4 -> { t.translate(0, h); t.scale(1, -1); }
      case 5 -> { t.rotate(-Math.PI / 2); t.scale(-1, 1); }
      case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
      case 7 -> { t.scale(-1, 1); t.translate(-h, 0); t.translate(0, w); t.rotate(3 * Math.PI / 2); }
      case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
      default -> { }
    }
    BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, img.getType());
    Graphics2D g = out.createGraphics();
    try {
      g.drawImage(img, t, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  /**
   * The TIFF structure as a stream, without a copy, that refuses to be read more than about twice
   * over. TIFFReader reads and copies the values of every entry of every IFD, and entries may all
   * point at the same bytes: a crafted 64 KB APP1 made it allocate 1.6 GB (see
   * ExifOrientationTest.metadataBombIsCheap). A well-formed block is read about once.
   * TwelveMonkeys' ByteArrayImageInputStream has no budget, and it formats its argument-check
   * messages eagerly, which made up most of the cost of reading a small block.
   */
  static final class Window extends ImageInputStreamImpl {
    private final byte[] b;
    private final int start;
    private final int length;
    private long budget;

    Window(byte[] b, int start, int end) {
      this.b = b;
      this.start = start;
      this.length = end - start;
      this.budget = 2L * length + 65536;
    }

    @Override
    public int read() throws IIOException {
      bitOffset = 0;
      spend(1);
      return streamPos < length ? b[start + (int) streamPos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] dst, int off, int len) throws IIOException {
      bitOffset = 0;
      int n = (int) Math.min(len, length - streamPos);
      if (n <= 0) {
        return len == 0 ? 0 : -1;
      }
      spend(n);
      System.arraycopy(b, start + (int) streamPos, dst, off, n);
      streamPos += n;
      return n;
    }

    private void spend(int n) throws IIOException {
      budget -= n;
      if (budget < 0) {
        throw new IIOException(
            "EXIF entries read over twice the " + length + "-byte block: shared values");
      }
    }

    @Override
    public long length() {
      return length;
    }
  }
}
