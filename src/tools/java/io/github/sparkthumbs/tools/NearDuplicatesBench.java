package io.github.sparkthumbs.tools;

import io.github.sparkthumbs.image.DHash;
import io.github.sparkthumbs.report.NearDuplicatesMain;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * What {@code scripts/near-duplicates} costs, for scripts/experiment-near-duplicates.
 *
 * <pre>
 * NearDuplicatesBench synth OUT N GROUP [SEED]   a manifest of N hashed ok lines under OUT
 * NearDuplicatesBench run OUT [DISTANCE]         the finder on OUT: stages, tasks, seconds
 * </pre>
 *
 * <p>The synthetic manifest holds groups of GROUP images, every other one a cluster (copies of one
 * hash with up to 3 bits flipped: every pair within 6) and a chain (each hash one bit from the one
 * before: a group as wide as it is long, the worst shape for rounds that follow edges), and a
 * tenth of the lines images of their own.
 */
public final class NearDuplicatesBench {
  private static final int LINES_PER_PART = 100_000;

  private NearDuplicatesBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 4 && args[0].equals("synth")) {
      synth(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
          args.length > 4 ? Long.parseLong(args[4]) : 1);
    } else if (args.length >= 2 && args[0].equals("run")) {
      System.exit(run(args[1], args.length > 2 ? Integer.parseInt(args[2]) : 6));
    } else {
      System.err.println("usage: NearDuplicatesBench synth OUT N GROUP [SEED]"
          + " | run OUT [DISTANCE]");
      System.exit(2);
    }
  }

  static void synth(Path out, int n, int group, long seed) throws IOException {
    Random r = new Random(seed);
    Path dir = out.resolve("manifest");
    Files.createDirectories(dir);
    int alone = n / 10;
    int written = 0;
    int part = 0;
    BufferedWriter w = null;
    int g = 0;
    Groups groups = new Groups(r);
    while (written < n) {
      if (written % LINES_PER_PART == 0) {
        if (w != null) {
          w.close();
        }
        w = Files.newBufferedWriter(dir.resolve(String.format(Locale.ROOT, "part-%05d", part++)),
            StandardCharsets.UTF_8);
      }
      int k = written < alone ? 0 : (written - alone) % group;
      if (written >= alone && k == 0) {
        g++;
      }
      long h = written < alone ? r.nextLong() : groups.next(g, k);
      String name = written < alone ? "alone/" + written : "g" + g + "/" + k;
      w.write("{\"source\":\"file:/synth/" + name + ".jpg\",\"status\":\"ok\",\"outputs\":"
          + "[\"file:/synth-out/" + name + ".jpg\"],\"width\":640,\"height\":480,\"bytes\":50000,"
          + "\"millis\":5,\"format\":\"jpeg\",\"dhash\":\"" + DHash.hex(h) + "\"}\n");
      written++;
    }
    if (w != null) {
      w.close();
    }
    System.out.printf(Locale.ROOT, "%s: %d lines, %d groups of %d (clusters and chains), %d"
        + " alone, %d parts%n", dir, n, g, group, alone, part);
  }

  /** The hashes of the groups, one after the other. */
  private static final class Groups {
    private final Random r;
    private long center;
    private long walk;

    Groups(Random r) {
      this.r = r;
    }

    /** The k-th hash of group g: around its center (even g) or one bit from the last (odd g). */
    long next(int g, int k) {
      if (k == 0) {
        center = r.nextLong();
        walk = center;
        return center;
      }
      if (g % 2 == 0) {
        long h = center;
        for (int i = r.nextInt(4); i > 0; i--) {
          h ^= 1L << r.nextInt(64);
        }
        return h;
      }
      walk ^= 1L << r.nextInt(64);
      return walk;
    }
  }

  static int run(String output, int distance) throws java.util.concurrent.TimeoutException {
    SparkConf conf = new SparkConf().setAppName("near-duplicates bench")
        .setIfMissing("spark.master", "local[2]")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false");
    SparkContext sc = SparkContext.getOrCreate(conf);
    AtomicInteger stages = new AtomicInteger();
    AtomicInteger tasks = new AtomicInteger();
    StringBuffer perStage = new StringBuffer();
    sc.addSparkListener(new SparkListener() {
      @Override
      public void onStageCompleted(SparkListenerStageCompleted e) {
        stages.incrementAndGet();
        var i = e.stageInfo();
        long ms = (long) i.completionTime().get() - (long) i.submissionTime().get();
        perStage.append(String.format(Locale.ROOT, "  stage %d, %d tasks, %.1f s: %s%n",
            i.stageId(), i.numTasks(), ms / 1e3, i.name()));
      }

      @Override
      public void onTaskEnd(SparkListenerTaskEnd e) {
        tasks.incrementAndGet();
      }
    });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    long t0 = System.nanoTime();
    int code = NearDuplicatesMain.run(JavaSparkContext.fromSparkContext(sc),
        new org.apache.hadoop.fs.Path(output), distance, new PrintStream(out, true), System.err);
    double seconds = (System.nanoTime() - t0) / 1e9;
    sc.listenerBus().waitUntilEmpty();
    String[] printed = out.toString(StandardCharsets.UTF_8).split("\n");
    System.out.println(printed[printed.length - 1]);
    System.out.print(perStage);
    System.out.printf(Locale.ROOT, "near-duplicates bench: %d stages, %d tasks, %.1f s%n",
        stages.get(), tasks.get(), seconds);
    sc.stop();
    return code;
  }
}
