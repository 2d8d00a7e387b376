package io.github.sparkthumbs.settings;

import java.io.Serializable;
import java.util.List;

/**
 * What the image core needs to make one image's thumbnails, and nothing about where the image
 * comes from or where they go: the home of every image default ({@link #defaults()}).
 *
 * @param sizes boxes to make from each source, all from a single decode
 * @param mode fit inside the box, or fill it and crop
 * @param format encoding of the thumbnails
 * @param quality JPEG quality, 1..100
 * @param strict treat decoder warnings (truncated, corrupt data) as failures
 * @param maxSourceBytes sources larger than this are refused before they are read
 * @param maxPixels sources whose header claims more pixels are refused before they are decoded
 * @param timeBudgetMillis per-image budget from when the image gets its task's CPU slot (decode,
 *     scale, encode, writes); past it the image is abandoned as a {@code timeout}
 * @param nativeJpeg decode JPEGs with libjpeg-turbo when it is installed (false: pure Java)
 * @param hash the perceptual hash added to each image's manifest line ({@code --hash})
 * @param embeddedThumbnails make a JPEG's thumbnails from the thumbnail in its EXIF block when
 *     that is large enough and of the image's shape, instead of decoding the image
 *     ({@code --embedded-thumbnails}; a camera JPEG then costs a read of its header)
 */
public record ImageSettings(
    List<Size> sizes,
    Mode mode,
    OutputFormat format,
    int quality,
    boolean strict,
    long maxSourceBytes,
    long maxPixels,
    long timeBudgetMillis,
    boolean nativeJpeg,
    Hash hash,
    boolean embeddedThumbnails)
    implements Serializable {

  /** The article's box; a constant String so that --help can show it. */
  public static final String DEFAULT_SIZE_TEXT = "75x75";

  public static final Size DEFAULT_SIZE = Size.parse(DEFAULT_SIZE_TEXT);
  public static final Mode DEFAULT_MODE = Mode.FIT;
  public static final OutputFormat DEFAULT_FORMAT = OutputFormat.JPG;
  public static final Decoder DEFAULT_DECODER = Decoder.AUTO;
  /** PIL's default, which the article's code used. */
  public static final int DEFAULT_QUALITY = 75;
  /**
   * 64 MiB: a 50 MP camera JPEG is ~25 MB; larger is more likely a mistake or an attack. Each
   * image in flight holds its source bytes in memory, so this bounds the heap a task needs.
   */
  public static final long DEFAULT_MAX_SOURCE_BYTES = 64L << 20;
  /** Like Pillow's MAX_IMAGE_PIXELS (~89 MP): a 100 MP panorama needs the flag raised. */
  public static final long DEFAULT_MAX_PIXELS = 89_478_485L;
  /** Far above the ~40 ms a 12 MP JPEG takes; catches decoders that hang or spin. */
  public static final long DEFAULT_TIME_BUDGET_MILLIS = 30_000L;
  /** Off: a hash is for runs that look for duplicates, and costs a little on every image. */
  public static final Hash DEFAULT_HASH = Hash.NONE;
  /**
   * Off: an EXIF thumbnail is whatever the camera or an editor left there, and a stale one (the
   * photo edited, the thumbnail not) would go unnoticed; the aspect check catches only crops.
   */
  public static final boolean DEFAULT_EMBEDDED_THUMBNAILS = false;

  /** Messages name the command-line flag. */
  public ImageSettings {
    sizes = List.copyOf(sizes);
    if (sizes.isEmpty()) {
      throw new SettingsException("--size", "needs at least one WxH");
    }
    if (sizes.stream().distinct().count() != sizes.size()) {
      throw new SettingsException("--size", "lists a size twice: " + sizes);
    }
    for (Size s : sizes) {
      if (s.width() > 10_000 || s.height() > 10_000) {
        throw new SettingsException("--size", s + " is larger than 10000x10000");
      }
    }
    if (quality < 1 || quality > 100) {
      throw new SettingsException("--quality", "must be 1..100, got " + quality);
    }
    if (maxSourceBytes < 1) {
      throw new SettingsException("--max-bytes", "must be > 0, got " + maxSourceBytes);
    }
    if (maxPixels < 1) {
      throw new SettingsException("--max-pixels", "must be > 0, got " + maxPixels);
    }
    if (timeBudgetMillis < 1) {
      throw new SettingsException("--time-budget", "must be > 0 ms, got " + timeBudgetMillis);
    }
    if (hash == null) {
      throw new SettingsException("--hash", "must be none or dhash");
    }
  }

  /** Every image setting at its default. */
  public static ImageSettings defaults() {
    return builder().build();
  }

  /** Whether several sizes are made, so that each goes to its own {@code WxH/} folder. */
  public boolean multiSize() {
    return sizes.size() > 1;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Mutable collector with every image default; {@link #build()} validates and freezes. */
  public static final class Builder {
    private List<Size> sizes = List.of(DEFAULT_SIZE);
    private Mode mode = DEFAULT_MODE;
    private OutputFormat format = DEFAULT_FORMAT;
    private int quality = DEFAULT_QUALITY;
    private boolean strict;
    private long maxSourceBytes = DEFAULT_MAX_SOURCE_BYTES;
    private long maxPixels = DEFAULT_MAX_PIXELS;
    private long timeBudgetMillis = DEFAULT_TIME_BUDGET_MILLIS;
    private boolean nativeJpeg = DEFAULT_DECODER == Decoder.AUTO;
    private Hash hash = DEFAULT_HASH;
    private boolean embeddedThumbnails = DEFAULT_EMBEDDED_THUMBNAILS;

    private Builder() {}

    public Builder sizes(List<Size> v) {
      sizes = v;
      return this;
    }

    public Builder size(int w, int h) {
      return sizes(List.of(new Size(w, h)));
    }

    public Builder mode(Mode v) {
      mode = v;
      return this;
    }

    public Builder format(OutputFormat v) {
      format = v;
      return this;
    }

    public Builder quality(int v) {
      quality = v;
      return this;
    }

    public Builder strict(boolean v) {
      strict = v;
      return this;
    }

    public Builder maxSourceBytes(long v) {
      maxSourceBytes = v;
      return this;
    }

    public Builder maxPixels(long v) {
      maxPixels = v;
      return this;
    }

    public Builder timeBudgetMillis(long v) {
      timeBudgetMillis = v;
      return this;
    }

    public Builder nativeJpeg(boolean v) {
      nativeJpeg = v;
      return this;
    }

    public Builder hash(Hash v) {
      hash = v;
      return this;
    }

    public Builder embeddedThumbnails(boolean v) {
      embeddedThumbnails = v;
      return this;
    }

    public ImageSettings build() {
      return new ImageSettings(sizes, mode, format, quality, strict, maxSourceBytes, maxPixels,
          timeBudgetMillis, nativeJpeg, hash, embeddedThumbnails);
    }
  }
}
