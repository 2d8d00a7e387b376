package io.github.sparkthumbs.job;

import java.io.IOException;
import org.apache.hadoop.fs.Path;

/**
 * The manifest could not be written or committed: the run made its thumbnails (or some of them)
 * but did not do its work, since nothing names them. The message is one paragraph a user can act
 * on: the store's own refusal, what is left in the output, and, where the cause is a known store
 * limitation, the setting that fixes it. The whole chain stays in the cause, for the log.
 */
public final class ManifestNotWritten extends IOException {
  /** Enough of the store's answer to recognise it; a Spark job abort's message is pages long. */
  private static final int MAX_CAUSE_CHARS = 600;

  private ManifestNotWritten(String message, Throwable cause) {
    super(message, cause);
  }

  static ManifestNotWritten of(Path root, Throwable e) {
    Throwable cause = storeCause(e);
    String refusal = String.valueOf(cause.getMessage()).replaceAll("\\s+", " ");
    if (refusal.length() > MAX_CAUSE_CHARS) {
      refusal = refusal.substring(0, MAX_CAUSE_CHARS) + "...";
    }
    StringBuilder m = new StringBuilder("the manifest of ").append(root)
        .append(" could not be written: ").append(cause.getClass().getSimpleName()).append(": ")
        .append(refusal).append(". The thumbnails made so far are in place, but no manifest names"
            + " them; the earlier manifest, if any, is unchanged.");
    String fix = fix(root, e);
    m.append(fix != null ? " " + fix
        : " Run the same command again once the cause is mended; the executor logs have the"
            + " whole stack trace.");
    return new ManifestNotWritten(m.toString(), e);
  }

  /** The first cause below Spark's own wrappers ("Job aborted."): what the store said. */
  private static Throwable storeCause(Throwable e) {
    Throwable c = e;
    while (c.getCause() != null && c.getClass().getName().startsWith("org.apache.spark.")) {
      c = c.getCause();
    }
    return c;
  }

  /**
   * The setting for a store limitation we know. S3A deletes a committed job's temporary folder
   * (and S3 "directory markers") with bulk DeleteObjects requests; stores without them
   * (S3Proxy, some appliances and older S3 clones) answer 501 NotImplemented, and S3A's
   * documented switch deletes one object per request instead.
   */
  private static String fix(Path root, Throwable e) {
    if (!"s3a".equals(root.toUri().getScheme())) {
      return null;
    }
    for (Throwable c = e; c != null; c = c.getCause()) {
      String text = c.getClass().getSimpleName() + " " + c.getMessage();
      if (text.contains("AWSUnsupportedFeatureException") || text.contains("NotImplemented")
          || text.contains("MultiObjectDeleteException")) {
        return "This store does not support S3's bulk delete (DeleteObjects): set"
            + " fs.s3a.multiobjectdelete.enable=false (spark-submit --conf"
            + " spark.hadoop.fs.s3a.multiobjectdelete.enable=false) and run the same command"
            + " again.";
      }
    }
    return null;
  }
}
