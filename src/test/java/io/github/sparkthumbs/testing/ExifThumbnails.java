package io.github.sparkthumbs.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * JPEGs carrying an EXIF thumbnail as cameras store it: APP1 "Exif", a TIFF structure
 * whose IFD0 holds the orientation and whose IFD1 points at a JPEG (Compression 6,
 * JPEGInterchangeFormat, JPEGInterchangeFormatLength). Laid out byte by byte here, independently
 * of the reader under test. Photo and thumbnail are flat colours of their own, so a thumbnail's
 * pixels tell which one it was made from.
 */
public final class ExifThumbnails {
  private ExifThumbnails() {}

  /** Where the thumbnail starts in {@link #exif}'s TIFF structure: header, IFD0, IFD1. */
  public static final int THUMBNAIL_AT = 8 + (2 + 12 + 4) + (2 + 3 * 12 + 4);

  /** A {@code w x h} JPEG of one colour. */
  public static byte[] flat(int w, int h, Color c) throws IOException {
    return Images.encode(filled(w, h, c), "jpeg");
  }

  public static BufferedImage filled(int w, int h, Color c) {
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(c);
    g.fillRect(0, 0, w, h);
    g.dispose();
    return img;
  }

  /** A {@code w x h} photo in {@code photo}'s colour with a {@code tw x th} thumbnail in another. */
  public static byte[] jpeg(int w, int h, Color photo, int tw, int th, Color thumb,
      int orientation) throws IOException {
    return withThumbnail(flat(w, h, photo), flat(tw, th, thumb), orientation);
  }

  /** {@code jpeg} with an APP1 whose IFD1 points at {@code thumbnail}, stored right after it. */
  public static byte[] withThumbnail(byte[] jpeg, byte[] thumbnail, int orientation) {
    return ExifImages.jpeg(jpeg, exif(orientation, thumbnail, ByteOrder.LITTLE_ENDIAN,
        THUMBNAIL_AT, thumbnail.length));
  }

  /**
   * The TIFF structure: IFD0 with the orientation, IFD1 saying the JPEG is {@code length} bytes
   * at {@code offset} (the true values, or lies), then the thumbnail's bytes.
   */
  public static byte[] exif(int orientation, byte[] thumbnail, ByteOrder order, long offset,
      long length) {
    ByteBuffer b = ByteBuffer.allocate(THUMBNAIL_AT + thumbnail.length).order(order);
    b.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'});
    b.putShort((short) 42);
    b.putInt(8); // IFD0
    b.putShort((short) 1);
    entry(b, 0x0112, 3, orientation);
    b.putInt(8 + 2 + 12 + 4); // IFD1, right after IFD0
    b.putShort((short) 3);
    entry(b, 0x0103, 3, 6); // Compression: JPEG
    entry(b, 0x0201, 4, offset); // JPEGInterchangeFormat
    entry(b, 0x0202, 4, length); // JPEGInterchangeFormatLength
    b.putInt(0); // no IFD2
    b.put(thumbnail);
    return b.array();
  }

  private static void entry(ByteBuffer b, int tag, int type, long value) {
    b.putShort((short) tag);
    b.putShort((short) type);
    b.putInt(1);
    if (type == 3) { // a SHORT sits in the first two bytes of the value field
      b.putShort((short) value);
      b.putShort((short) 0);
    } else {
      b.putInt((int) value);
    }
  }
}
