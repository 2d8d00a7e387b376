package io.github.sparkthumbs.image;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.event.IIOReadProgressListener;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a source only as far as its thumbnails need: dimensions from the header first, limits
 * checked before any pixel is allocated, then a subsampled read to at least twice the largest
 * output (shrink-on-load). A decoder that gives up part-way still yields the rows it decoded, with
 * a warning, the way libvips and browsers show damaged photos. Baseline and progressive JPEGs go
 * through libjpeg-turbo's DCT-domain scaling when it is installed ({@link TurboJpegDecoder}).
 */
public final class ImageDecoder {
  static {
    Plugins.ensureRegistered();
  }

  /**
   * ImageIO subsampling keeps every k-th pixel. Measured against an area-averaged reference
   * (QualityGuardTest), worst of four photo-like images: margin 2 (what DCT scaling needs) 30.1
   * dB, visibly aliased; 4: 33.4 dB for +9% CPU; 8: 42.0 dB for +30%. The decoder decodes every
   * block whatever k is, so the margin mostly costs colour conversion and the final downscale.
   */
  static final int POINT_SAMPLING_MARGIN = 4;

  private ImageDecoder() {}

  /** Whether the libjpeg-turbo fast path can run in this JVM, and if not why. */
  public static String nativeJpegStatus() {
    return TurboJpegLibrary.status();
  }

  /**
   * Decodes {@code bytes} as {@code request} asks.
   *
   * @throws ImageFailure {@code unsupported} when no decoder recognises the content,
   *     {@code too-large} over {@link DecodeRequest#maxPixels}, {@code corrupt} when nothing or
   *     too little ({@link Damage#MIN_DECODED}) decodes
   */
  public static Decoded decode(byte[] bytes, DecodeRequest request) throws ImageFailure {
    Decoded d = null;
    if (request.embeddedThumbnails() && TurboJpegDecoder.isJpeg(bytes)) {
      d = ExifThumbnail.decode(bytes, request);
      if (d != null) {
        return d;
      }
    }
    String heif = Sniff.heifKind(bytes); // libheif, or unsupported naming the package
    if (heif != null) {
      d = Heif.decode(bytes, heif, request);
    } else if (request.nativeJpeg() && TurboJpegDecoder.isJpeg(bytes)
        && TurboJpegLibrary.available()) {
      d = TurboJpegDecoder.decode(bytes, request);
    } else if (Jpeg2000.isJpeg2000(bytes)) { // a lower resolution level, if enough
      d = Jpeg2000.decode(bytes, request);
    } else if (Svg.isSvg(bytes)) { // drawn at the thumbnail's size
      d = Svg.decode(bytes, request);
    } else if (Pdf.isPdf(bytes)) { // the first page, drawn at the thumbnail's size
      d = Pdf.decode(bytes, request);
    }
    // the ImageIO path checks its own result, so that too little decoded can try a repair
    d = d == null ? decodeWithImageIo(bytes, request, null) : enoughDecoded(d);
    return ColourProfiles.toSrgb(d, DeclaredColour.of(d.format(), bytes));
  }

  /** {@code d}, unless too little of it decoded ({@link Damage#MIN_DECODED}). */
  private static Decoded enoughDecoded(Decoded d) throws ImageFailure {
    if (d.decoded() < Damage.MIN_DECODED) {
      throw new ImageFailure(ErrorClass.CORRUPT, String.format(Locale.ROOT,
          "%s data is damaged %s: only %.0f%% of the rows decoded, the rest is fill (ok needs"
              + " %.0f%%)", d.format(), d.warnings(), 100 * d.decoded(),
          100 * Damage.MIN_DECODED));
    }
    return d;
  }

  /**
   * The ImageIO path. A {@code corrupt} result is retried once on a copy with its header repaired
   * ({@link HeaderRepair}) when a repair applies; {@code fix} is that repair on the retry, else
   * null. A failed retry keeps the first failure as suppressed.
   */
  private static Decoded decodeWithImageIo(
      byte[] bytes, DecodeRequest request, HeaderRepair.Fix fix) throws ImageFailure {
    byte[] source = fix == null ? bytes : fix.bytes();
    String format = null;
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(source))) {
      ImageReader reader = readerFor(in, source);
      try {
        format = formatName(reader);
        try {
          reader.setInput(in, true, true);
        } catch (RuntimeException e) {
          throw corrupt(format, e);
        }
        Decoded d = read(reader, source, request);
        return enoughDecoded(fix == null ? d : fix.applyTo(d));
      } finally {
        reader.dispose();
      }
    } catch (IOException e) { // closing an in-memory stream; nothing to keep
      throw new ImageFailure(ErrorClass.INTERNAL, "closing image stream: " + e, e);
    } catch (ImageFailure f) {
      HeaderRepair.Fix repair = fix == null && format != null
          && f.errorClass() == ErrorClass.CORRUPT
          ? HeaderRepair.find(format, bytes, request.maxPixels()) : null;
      if (repair == null) {
        throw f;
      }
      try {
        return decodeWithImageIo(bytes, request, repair);
      } catch (ImageFailure again) {
        again.addSuppressed(f);
        throw again;
      }
    }
  }

  /**
   * A small JPEG (an embedded thumbnail) expected to be {@code w x h}, decoded whole in stored
   * orientation as {@code TYPE_INT_RGB}; null when it is another size, fails or warns.
   */
  static BufferedImage decodeWhole(byte[] jpeg, int w, int h) {
    return decodeWhole(jpeg, 0, jpeg.length, w, h, false);
  }

  /**
   * An image in {@code len} bytes of {@code b} from {@code off} (an embedded thumbnail, a TIFF's
   * strip) expected to be {@code w x h}, decoded whole in stored orientation as
   * {@code TYPE_INT_RGB}, or {@code TYPE_INT_ARGB} when it has alpha and {@code alpha} keeps it;
   * null when it is another size, fails or warns.
   */
  static BufferedImage decodeWhole(byte[] b, int off, int len, int w, int h, boolean alpha) {
    try (ImageInputStream in = new MemoryCacheImageInputStream(
        new ByteArrayInputStream(b, off, len))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        if (reader.getWidth(0) != w || reader.getHeight(0) != h) {
          return null;
        }
        List<String> warnings = new ArrayList<>();
        reader.addIIOReadWarningListener(new WarningCollector(warnings));
        BufferedImage img = reader.read(0);
        return warnings.isEmpty() ? normalize(img, alpha) : null;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      return null; // a damaged thumbnail: the photo itself is decoded instead
    }
  }

  private static ImageReader readerFor(ImageInputStream in, byte[] bytes) throws ImageFailure {
    Iterator<ImageReader> readers;
    try {
      readers = ImageIO.getImageReaders(in);
    } catch (RuntimeException e) { // a plugin's content sniffing choked on these bytes
      throw corrupt(Sniff.describe(bytes), e);
    }
    if (!readers.hasNext()) {
      throw new ImageFailure(
          ErrorClass.UNSUPPORTED,
          "content is not an image format we can read (" + Sniff.describe(bytes) + ")");
    }
    return readers.next();
  }

  private static Decoded read(ImageReader reader, byte[] bytes, DecodeRequest request)
      throws ImageFailure {
    String format = formatName(reader);
    FrameSizes.checkHeader(format, bytes);
    int w;
    int h;
    try {
      w = reader.getWidth(0);
      h = reader.getHeight(0);
    } catch (IOException | RuntimeException e) {
      throw new ImageFailure(ErrorClass.CORRUPT, format + " header unreadable: " + message(e), e);
    }
    DecodeSteps.checkDimensions(format, w, h, request.maxPixels());
    FrameSizes.check(format, bytes, request.maxPixels());
    int orientation = ExifOrientation.read(bytes);
    int[] need = DecodeSteps.need(w, h, orientation, request.boxes(), request.mode());
    ImageReadParam param = reader.getDefaultReadParam();
    int sx = Geometry.subsampling(w, need[0], POINT_SAMPLING_MARGIN);
    int sy = Geometry.subsampling(h, need[1], POINT_SAMPLING_MARGIN);
    param.setSourceSubsampling(sx, sy, 0, 0);

    List<String> warnings = new ArrayList<>();
    reader.addIIOReadWarningListener(new WarningCollector(warnings));
    Progress progress = new Progress();
    reader.addIIOReadProgressListener(progress);
    BufferedImage dest = destinationFor(reader, param, (w + sx - 1) / sx, (h + sy - 1) / sy);

    BufferedImage img;
    try {
      img = reader.read(0, param);
    } catch (IOException | RuntimeException e) {
      if (dest != null && progress.started()) {
        // Some decoders throw at the first damaged byte; the rows before it are in `dest`.
        warnings.add(DecodeSteps.classify(message(e)));
        img = dest;
      } else if (dest != null) {
        // Some readers (ICNS) refuse a destination of the type they advertised: retry without.
        param.setDestination(null);
        img = readOrFail(reader, param, format);
      } else {
        throw corrupt(format, e);
      }
    }
    return Decoded.of(normalize(img, request.keepAlpha()), w, h, orientation, format,
        warnings.stream().distinct().toList());
  }

  private static BufferedImage readOrFail(ImageReader reader, ImageReadParam param, String format)
      throws ImageFailure {
    try {
      return reader.read(0, param);
    } catch (IOException | RuntimeException e) {
      throw corrupt(format, e);
    }
  }

  private static ImageFailure corrupt(String format, Throwable e) {
    return new ImageFailure(
        ErrorClass.CORRUPT, format + " data cannot be decoded: " + message(e), e);
  }

  /**
   * A destination the reader decodes into, so that rows decoded before an exception survive it.
   * Null when the reader offers no type (then a failure loses every row).
   */
  private static BufferedImage destinationFor(
      ImageReader reader, ImageReadParam param, int dw, int dh) {
    try {
      Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
      if (types == null || !types.hasNext()) {
        return null;
      }
      BufferedImage dest = types.next().createBufferedImage(dw, dh);
      param.setDestination(dest);
      return dest;
    } catch (IOException | RuntimeException e) {
      return null; // reader cannot say: decode without a destination
    }
  }

  /**
   * TYPE_INT_RGB, or TYPE_INT_ARGB when the source has alpha and the output keeps it; alpha that
   * is dropped is composited on white (never black).
   */
  static BufferedImage normalize(BufferedImage img, boolean alphaWanted) {
    boolean alpha = img.getColorModel().hasAlpha();
    int type = alpha && alphaWanted ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    if (img.getType() == type) {
      return img;
    }
    BufferedImage out = new BufferedImage(img.getWidth(), img.getHeight(), type);
    Graphics2D g = out.createGraphics();
    try {
      if (type == BufferedImage.TYPE_INT_RGB) {
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        g.setComposite(AlphaComposite.SrcOver);
      } else {
        g.setComposite(AlphaComposite.Src);
      }
      g.drawImage(img, 0, 0, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  static String formatName(ImageReader reader) {
    try {
      String n = reader.getFormatName().toLowerCase(Locale.ROOT);
      // jai-imageio calls JPEG 2000 "jpeg 2000": one word, like the other manifest formats;
      // TwelveMonkeys calls PICT by its file extension
      return switch (n) {
        case "jpg" -> "jpeg";
        case "jpeg 2000" -> "jpeg2000";
        case "pct" -> "pict";
        default -> n;
      };
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Decoder warnings that are not damage: TwelveMonkeys tells, for instance, that a CMYK JPEG
   * without a profile is converted with a generic one. Those are not manifest warnings.
   */
  static boolean isInformational(String warning) {
    String w = warning.toLowerCase(Locale.ROOT);
    return w.contains("icc") || w.contains("color profile") || w.contains("colors may")
        || w.contains("ignoring") || w.contains("unknown") && w.contains("marker");
  }

  static String message(Throwable e) {
    String m = e.getMessage();
    if (e instanceof IIOException && e.getCause() != null && e.getCause().getMessage() != null) {
      m = m + ": " + e.getCause().getMessage();
    }
    return m == null ? e.getClass().getSimpleName() : m;
  }

  private static final class WarningCollector implements IIOReadWarningListener {
    private final List<String> warnings;

    WarningCollector(List<String> warnings) {
      this.warnings = warnings;
    }

    @Override
    public void warningOccurred(ImageReader source, String warning) {
      if (!isInformational(warning)) {
        warnings.add(DecodeSteps.classify(warning));
      }
    }
  }

  /** Whether the decoder got as far as producing pixels. */
  private static final class Progress implements IIOReadProgressListener {
    private volatile boolean started;

    boolean started() {
      return started;
    }

    @Override public void imageStarted(ImageReader source, int imageIndex) { }
    @Override public void imageProgress(ImageReader source, float percentageDone) {
      if (percentageDone > 0) {
        started = true;
      }
      if (Thread.currentThread().isInterrupted()) {
        // Abandoned at its time budget (job.PartitionRunner), which its result no longer counts:
        // stopping now gives its memory and its share of the task slot back.
        source.abort();
      }
    }
    @Override public void sequenceStarted(ImageReader source, int minIndex) { }
    @Override public void sequenceComplete(ImageReader source) { }
    @Override public void imageComplete(ImageReader source) { }
    @Override public void thumbnailStarted(ImageReader source, int imageIndex, int thumbnailIndex) { }
    @Override public void thumbnailProgress(ImageReader source, float percentageDone) { }
    @Override public void thumbnailComplete(ImageReader source) { }
    @Override public void readAborted(ImageReader source) { }
  }
}
