package io.github.sparkthumbs.testing;

import io.github.sparkthumbs.job.Summary;
import io.github.sparkthumbs.job.ThumbnailJob;
import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * One run of {@link ThumbnailJob} on the shared test context, read back as a user would: the
 * summary, what it printed, and every manifest line (raw and parsed, in the same order).
 *
 * @param lines the manifest's lines as written, for tests that read the JSON themselves
 * @param results the same lines parsed
 */
public record JobRun(Summary summary, String out, String err, List<String> lines,
    List<ThumbResult> results) {

  /** Runs the job over {@code inputs} with {@code s}, capturing its output and error streams. */
  public static JobRun of(List<String> inputs, Settings s) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    Summary summary = ThumbnailJob.run(SparkTestSupport.context(), inputs, s,
        new PrintStream(out, true), new PrintStream(err, true));
    List<String> lines = ManifestFiles.lines(new Path(s.run().output()), new Configuration());
    return new JobRun(summary, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8), lines,
        lines.stream().map(Manifest::parse).toList());
  }
}
