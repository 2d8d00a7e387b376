package io.github.sparkthumbs.image;

import io.github.sparkthumbs.settings.OutputFormat;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/** Encodes thumbnails to bytes. One instance per thread: the ImageWriters are reused. */
final class ImageEncoder {
  private final ImageWriter jpeg = writer("jpeg");
  private final ImageWriter png = writer("png");
  private final ImageWriteParam jpegParam;
  private final int quality;
  /** libjpeg-turbo's encoder for JPEG when it is loaded; off with --decoder java. */
  private final boolean nativeJpeg;

  ImageEncoder(int quality, boolean nativeJpeg) {
    this.quality = quality;
    this.nativeJpeg = nativeJpeg;
    jpegParam = jpeg.getDefaultWriteParam();
    jpegParam.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
    jpegParam.setCompressionQuality(quality / 100f);
  }

  byte[] encode(BufferedImage img, OutputFormat format) throws IOException {
    if (format == OutputFormat.WEBP) {
      return WebP.encode(img, quality);
    }
    if (format == OutputFormat.JPG && nativeJpeg) {
      byte[] jpeg = TurboJpegEncoder.encode(img, quality);
      if (jpeg != null) {
        return jpeg;
      }
    }
    ImageWriter w = format == OutputFormat.JPG ? jpeg : png;
    ImageWriteParam p = format == OutputFormat.JPG ? jpegParam : null;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
      w.setOutput(out);
      w.write(null, new IIOImage(img, null, null), p);
    } finally {
      w.setOutput(null);
    }
    return bytes.toByteArray();
  }

  private static ImageWriter writer(String format) {
    Iterator<ImageWriter> it = ImageIO.getImageWritersByFormatName(format);
    if (!it.hasNext()) {
      throw new IllegalStateException("no ImageIO writer for " + format);
    }
    return it.next();
  }
}
