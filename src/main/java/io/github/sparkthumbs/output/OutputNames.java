package io.github.sparkthumbs.output;

import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where a source's thumbnails go, decided before anything is read (so that up-to-date checks cost
 * no decode). A stem whose extension already matches the output format keeps its name
 * ({@code a/x.jpg} -> {@code a/x.jpg}); otherwise the output extension is appended ({@code a/y.png}
 * -> {@code a/y.png.jpg}), so that {@code y.png} and {@code y.jpg} never collide. With several
 * sizes each goes under its own {@code WxH/} folder.
 */
public final class OutputNames {
  private OutputNames() {}

  /** The format a stem is written in under {@code settings}. */
  public static OutputFormat formatFor(String stem, OutputFormat requested) {
    if (requested != OutputFormat.SOURCE) {
      return requested;
    }
    return switch (extension(stem)) {
      case "jpg", "jpeg" -> OutputFormat.JPG;
      default -> OutputFormat.PNG;
    };
  }

  /** Relative output paths, one per size, in the order of the image settings' sizes. */
  public static List<String> relativePaths(String stem, Settings settings) {
    OutputFormat f = formatFor(stem, settings.image().format());
    String ext = extension(stem);
    boolean keep =
        ext.equals(f.extension) || (f == OutputFormat.JPG && ext.equals("jpeg"));
    String name = keep ? stem : stem + "." + f.extension;
    List<String> paths = new ArrayList<>(settings.image().sizes().size());
    for (Size s : settings.image().sizes()) {
      paths.add(settings.image().multiSize() ? s + "/" + name : name);
    }
    return paths;
  }

  static String extension(String stem) {
    int slash = stem.lastIndexOf('/');
    int dot = stem.lastIndexOf('.');
    return dot > slash + 1 ? stem.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
  }
}
