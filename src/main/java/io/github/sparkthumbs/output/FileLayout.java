package io.github.sparkthumbs.output;

import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.InputFailure;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.Source;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * One file per thumbnail ({@code --layout files}), mirroring the input's folders
 * ({@link OutputNames}), each written by the input's task as soon as it is encoded.
 */
final class FileLayout implements OutputLayout {
  private final Settings settings;
  private final Destination destination;

  FileLayout(Settings settings, Destination destination) {
    this.settings = settings;
    this.destination = destination;
  }

  @Override
  public Destination destination() {
    return destination;
  }

  @Override
  public List<String> targets(Source src, OutputStore store) {
    List<String> targets = new ArrayList<>();
    for (String rel : OutputNames.relativePaths(src.stem(), settings)) {
      targets.add(store.resolve(rel).toString());
    }
    return targets;
  }

  @Override
  public boolean upToDateOnDisk(Source src, List<String> targets, OutputStore store)
      throws IOException {
    if (overwrite()) {
      return false;
    }
    for (String t : targets) {
      long m = store.modifiedMillis(new Path(t));
      if (m < 0 || m < src.modifiedMillis()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Outcome store(ThumbResult ok, List<byte[]> encoded, OutputStore store, int partition)
      throws InputFailure {
    List<String> targets = ok.written().outputs();
    for (int i = 0; i < targets.size(); i++) {
      try {
        store.write(new Path(targets.get(i)), encoded.get(i));
      } catch (IOException e) {
        throw new InputFailure(ErrorClass.WRITE_FAILED,
            "writing " + targets.get(i) + " for " + ok.source() + ": " + e, e);
      }
    }
    return Outcome.of(ok);
  }

  @Override
  public String where(Path root, int made) {
    return root.toString();
  }
}
