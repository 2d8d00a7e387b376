package io.github.sparkthumbs.tools;

import io.github.sparkthumbs.image.ExifOrientation;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import net.coobird.thumbnailator.Thumbnails;

/**
 * {@code scripts/exif-thumbnail-corpus SRC DST [LONG_SIDE]}: copies every JPEG under SRC to the
 * same relative path under DST with an EXIF thumbnail added, camera-style: an APP1
 * "Exif" right after SOI whose IFD0 keeps the photo's orientation and whose IFD1 points at a JPEG
 * of the photo as stored, its longest side LONG_SIDE (default 320) px, the photo's aspect.
 * Other files are not copied. For measuring {@code --embedded-thumbnails}.
 */
public final class ExifThumbnailCorpus {
  private ExifThumbnailCorpus() {}

  /** Header, IFD0 (orientation), IFD1 (compression, offset, length): the thumbnail follows. */
  static final int THUMBNAIL_AT = 8 + (2 + 12 + 4) + (2 + 3 * 12 + 4);

  public static void main(String[] args) throws IOException {
    if (args.length < 2 || args.length > 3) {
      System.err.println("usage: exif-thumbnail-corpus SRC DST [LONG_SIDE]");
      System.exit(2);
    }
    Path src = Path.of(args[0]);
    Path dst = Path.of(args[1]);
    int longSide = args.length > 2 ? Integer.parseInt(args[2]) : 320;
    List<Path> files;
    try (Stream<Path> s = Files.walk(src)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    long t0 = System.nanoTime();
    int made = 0;
    long thumbBytes = 0;
    for (Path f : files) {
      byte[] photo = Files.readAllBytes(f);
      if (photo.length < 4 || (photo[0] & 0xFF) != 0xFF || (photo[1] & 0xFF) != 0xD8) {
        continue;
      }
      BufferedImage stored = ImageIO.read(new ByteArrayInputStream(photo));
      if (stored == null) {
        System.err.println(f + ": not decodable, skipped");
        continue;
      }
      byte[] thumb = null;
      for (float q = 0.80f; q > 0.2f; q -= 0.15f) { // an APP1 holds at most 65533 bytes
        thumb = jpeg(Thumbnails.of(stored).size(longSide, longSide).asBufferedImage(), q);
        if (THUMBNAIL_AT + thumb.length + 8 <= 65535) {
          break;
        }
        thumb = null;
      }
      if (thumb == null) {
        System.err.println(f + ": thumbnail over 64 KB, skipped");
        continue;
      }
      Path out = dst.resolve(src.relativize(f).toString());
      Files.createDirectories(out.getParent());
      Files.write(out, withExif(photo, exif(ExifOrientation.read(photo), thumb)));
      made++;
      thumbBytes += thumb.length;
    }
    System.out.printf(Locale.ROOT,
        "%s: %d JPEGs with a %d px EXIF thumbnail (%.1f KB average) in %.1f s%n",
        dst.toAbsolutePath(), made, longSide, made == 0 ? 0 : thumbBytes / 1024.0 / made,
        (System.nanoTime() - t0) / 1e9);
  }

  static byte[] jpeg(BufferedImage img, float quality) throws IOException {
    ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      ImageWriteParam p = w.getDefaultWriteParam();
      p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      p.setCompressionQuality(quality);
      w.setOutput(out);
      w.write(null, new IIOImage(img, null, null), p);
    } finally {
      w.dispose();
    }
    return bytes.toByteArray();
  }

  /** The TIFF structure, little-endian as most cameras write it. */
  static byte[] exif(int orientation, byte[] thumb) {
    ByteBuffer b = ByteBuffer.allocate(THUMBNAIL_AT + thumb.length)
        .order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
    b.putShort((short) 1);
    b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation)
        .putShort((short) 0);
    b.putInt(8 + 2 + 12 + 4); // IFD1
    b.putShort((short) 3);
    b.putShort((short) 0x0103).putShort((short) 3).putInt(1).putShort((short) 6)
        .putShort((short) 0); // Compression: JPEG
    b.putShort((short) 0x0201).putShort((short) 4).putInt(1).putInt(THUMBNAIL_AT);
    b.putShort((short) 0x0202).putShort((short) 4).putInt(1).putInt(thumb.length);
    b.putInt(0);
    b.put(thumb);
    return b.array();
  }

  /** The photo with an APP1 "Exif" holding {@code tiff} right after SOI. */
  static byte[] withExif(byte[] photo, byte[] tiff) {
    int len = 2 + 6 + tiff.length;
    ByteArrayOutputStream out = new ByteArrayOutputStream(photo.length + len + 2);
    out.write(photo, 0, 2);
    out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (len >> 8), (byte) len});
    out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
    out.writeBytes(tiff);
    out.write(photo, 2, photo.length - 2);
    return out.toByteArray();
  }
}
