package io.github.sparkthumbs.job;

import io.github.sparkthumbs.output.OutputNames;
import io.github.sparkthumbs.output.OutputStore;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.source.InputLister;
import io.github.sparkthumbs.source.Source;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * What the driver works out once before a run, and the executors then share: the settings with
 * the output qualified on the driver ({@code thumbs} -> {@code file:/home/me/thumbs}; on a cluster
 * an executor would resolve a relative output against its own working directory), the sources,
 * the inputs already decided on the driver, and the number of partitions.
 *
 * @param settings the run's settings, output qualified
 * @param store the output, opened on the driver
 * @param sources the inputs the tasks thumbnail
 * @param rejected inputs that failed during listing (missing, blocked, unreadable)
 * @param partitions Spark partitions for the sources
 */
record JobPlan(Settings settings, OutputStore store, List<Source> sources,
    List<ThumbResult> rejected, int partitions) {

  static JobPlan make(JavaSparkContext jsc, List<String> inputs, Settings s) throws IOException {
    return make(jsc, new OutputStore(s.output(), jsc.hadoopConfiguration()), inputs, s);
  }

  static JobPlan make(JavaSparkContext jsc, OutputStore store, List<String> inputs, Settings s)
      throws IOException {
    Configuration conf = jsc.hadoopConfiguration();
    Settings qualified = s.toBuilder().output(store.root().toString()).build();
    InputLister.Listing l = InputLister.list(inputs, store.root(), conf,
        stem -> OutputNames.relativePaths(stem, qualified).get(0), s.listFileSystems());
    int partitions = s.partitions() > 0 ? s.partitions()
        : Balancer.defaultPartitions(l.sources(), jsc.defaultParallelism(),
            s.fetch().concurrency());
    return new JobPlan(qualified, store, l.sources(), l.rejected(), partitions);
  }

  /** Total source bytes known from the listing (URLs count 0). */
  long bytes() {
    return sources.stream().mapToLong(x -> Math.max(0, x.bytes())).sum();
  }
}
