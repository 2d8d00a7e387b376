package io.github.sparkthumbs.settings;

import java.io.Serializable;
import java.util.List;

/**
 * Everything one run needs, in groups that match who reads them, frozen and {@link Serializable}
 * so it ships to executors as is. Each group's class is the home of its defaults; the command
 * line, the Spark API and the README take them from there through {@link #builder()}.
 *
 * @param image what the image core needs ({@code image.Thumbnailer} takes this group alone)
 * @param listing how inputs and {@code @list} files are listed
 * @param run the output and how the driver splits and reports the run
 * @param fetch settings for http(s) inputs
 */
public record Settings(
    ImageSettings image, ListingSettings listing, RunSettings run, FetchSettings fetch)
    implements Serializable {

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Mutable collector with every default, one setter per flag; {@link #build()} validates and
   * freezes each group.
   */
  public static final class Builder {
    private final ImageSettings.Builder image = ImageSettings.builder();
    private String output;
    private boolean overwrite;
    private int partitions;
    private Layout layout = RunSettings.DEFAULT_LAYOUT;
    private int progressSeconds = RunSettings.DEFAULT_PROGRESS_SECONDS;
    private List<String> listFileSystems = List.of();
    private InputFormat inputFormat = ListingSettings.DEFAULT_INPUT_FORMAT;
    private String urlColumn = ListingSettings.DEFAULT_URL_COLUMN;
    private List<String> keepColumns = List.of();
    private FetchSettings fetch = FetchSettings.defaults();

    private Builder() {}

    public Builder output(String v) {
      output = v;
      return this;
    }

    public Builder overwrite(boolean v) {
      overwrite = v;
      return this;
    }

    public Builder partitions(int v) {
      partitions = v;
      return this;
    }

    public Builder layout(Layout v) {
      layout = v;
      return this;
    }

    public Builder progressSeconds(int v) {
      progressSeconds = v;
      return this;
    }

    public Builder listFileSystems(List<String> v) {
      listFileSystems = v;
      return this;
    }

    public Builder inputFormat(InputFormat v) {
      inputFormat = v;
      return this;
    }

    public Builder urlColumn(String v) {
      urlColumn = v;
      return this;
    }

    public Builder keepColumns(List<String> v) {
      keepColumns = v;
      return this;
    }

    public Builder fetch(FetchSettings v) {
      fetch = v;
      return this;
    }

    public Builder sizes(List<Size> v) {
      image.sizes(v);
      return this;
    }

    public Builder size(int w, int h) {
      image.size(w, h);
      return this;
    }

    public Builder mode(Mode v) {
      image.mode(v);
      return this;
    }

    public Builder format(OutputFormat v) {
      image.format(v);
      return this;
    }

    public Builder quality(int v) {
      image.quality(v);
      return this;
    }

    public Builder strict(boolean v) {
      image.strict(v);
      return this;
    }

    public Builder maxSourceBytes(long v) {
      image.maxSourceBytes(v);
      return this;
    }

    public Builder maxPixels(long v) {
      image.maxPixels(v);
      return this;
    }

    public Builder timeBudgetMillis(long v) {
      image.timeBudgetMillis(v);
      return this;
    }

    public Builder nativeJpeg(boolean v) {
      image.nativeJpeg(v);
      return this;
    }

    public Builder hash(Hash v) {
      image.hash(v);
      return this;
    }

    public Builder embeddedThumbnails(boolean v) {
      image.embeddedThumbnails(v);
      return this;
    }

    /** The groups are checked in this order: run, listing, image. */
    public Settings build() {
      RunSettings run = new RunSettings(output, overwrite, partitions, layout, progressSeconds);
      ListingSettings listing =
          new ListingSettings(listFileSystems, inputFormat, urlColumn, keepColumns);
      return new Settings(image.build(), listing, run, fetch);
    }
  }
}
