package io.github.sparkthumbs.report;

import io.github.sparkthumbs.image.DHash;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code scripts/near-duplicates OUTPUT [--distance D]}: writes the groups of near-identical
 * images of a run made with {@code --hash dhash} to {@code OUTPUT/near-duplicates/} (JSON lines,
 * one group per line, largest first) and prints the first {@link #SHOWN}. Exit 0, or 2 on a usage
 * error or a missing manifest.
 */
public final class NearDuplicatesMain {
  static final int SHOWN = 20;
  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();
  public static final String DIR = "near-duplicates";

  private NearDuplicatesMain() {}

  public static void main(String[] args) {
    SparkConf conf = new SparkConf().setAppName("spark-thumbnailer near-duplicates")
        .setIfMissing("spark.master", "local[*]")
        .setIfMissing("spark.ui.showConsoleProgress", "false");
    String output = null;
    int distance = NearDuplicates.DEFAULT_DISTANCE;
    try {
      for (int i = 0; i < args.length; i++) {
        if (args[i].equals("--distance") && i + 1 < args.length) {
          distance = Integer.parseInt(args[++i]);
        } else if (output == null && !args[i].startsWith("-")) {
          output = args[i];
        } else {
          throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (output == null) {
        throw new IllegalArgumentException("OUTPUT is required");
      }
    } catch (IllegalArgumentException e) {
      System.err.println("near-duplicates: " + e.getMessage());
      System.err.println("usage: near-duplicates OUTPUT [--distance D]   (D: differing bits of"
          + " 64, default " + NearDuplicates.DEFAULT_DISTANCE + ")");
      System.exit(2);
    }
    SparkContext sc = SparkContext.getOrCreate(conf);
    int code;
    try {
      code = run(JavaSparkContext.fromSparkContext(sc), new Path(output), distance, System.out,
          System.err);
    } finally {
      sc.stop();
    }
    System.exit(code);
  }

  /** Finds, writes and prints the groups; returns the exit code. */
  public static int run(JavaSparkContext jsc, Path output, int distance, PrintStream out,
      PrintStream err) {
    long t0 = System.nanoTime();
    try {
      if (distance > NearDuplicates.MAX_EXACT_DISTANCE) {
        err.println("near-duplicates: note: beyond --distance "
            + NearDuplicates.MAX_EXACT_DISTANCE + " some pairs within it may not meet in a band");
      }
      NearDuplicates.Found found = NearDuplicates.find(jsc, output, distance);
      if (found.unusable() > 0) {
        err.println("near-duplicates: " + found.unusable() + " lines of the manifest could not"
            + " be used (in no group), such as:");
        found.unusableShown().forEach(u -> err.println("  " + u));
      }
      JavaPairRDD<Long, List<NearDuplicates.Member>> groups = found.groups();
      // largest first, then by hash: the same order on every run
      JavaPairRDD<GroupKey, List<NearDuplicates.Member>> sorted = groups
          .mapToPair(t -> new scala.Tuple2<>(new GroupKey(t._2().size(), t._1()), t._2()))
          .sortByKey()
          .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK_SER());
      FileSystem fs = output.getFileSystem(jsc.hadoopConfiguration());
      Path dir = new Path(fs.makeQualified(output), DIR);
      fs.delete(dir, true);
      sorted.map(t -> json(t._2())).saveAsTextFile(dir.toString());
      long n = sorted.count();
      long images = sorted.map(t -> (long) t._2().size()).fold(0L, Long::sum);
      int k = 0;
      for (var t : sorted.take(SHOWN)) {
        List<NearDuplicates.Member> ms = t._2();
        out.printf("group %d: %d images, hash %s%n", ++k, ms.size(), DHash.hex(t._1().hash()));
        // (the group's label: the smallest of its hashes as signed longs, a stable name)
        for (NearDuplicates.Member m : ms) {
          out.printf("  %s  %s%n", m.dhash(), m.source());
        }
      }
      out.printf("%d groups, %d images within %d bits of another (of 64); all in %s; %.1f s%n",
          n, images, distance, dir, (System.nanoTime() - t0) / 1e9);
      sorted.unpersist(false);
      found.release().run();
      return 0;
    } catch (java.io.FileNotFoundException e) {
      err.println("near-duplicates: " + e.getMessage());
      return 2;
    } catch (java.io.IOException | IllegalArgumentException e) {
      err.println("near-duplicates: " + e);
      return 2;
    }
  }

  /** Sort key: larger groups first, then by the group's smallest hash. */
  record GroupKey(int size, long hash) implements Comparable<GroupKey>, java.io.Serializable {
    @Override
    public int compareTo(GroupKey o) {
      int c = Integer.compare(o.size, size);
      return c != 0 ? c : Long.compareUnsigned(hash, o.hash);
    }
  }

  private static String json(List<NearDuplicates.Member> ms) {
    var o = JSON.createObjectNode();
    o.put("size", ms.size());
    var arr = o.putArray("images");
    for (NearDuplicates.Member m : ms) {
      var e = arr.addObject();
      e.put("source", m.source());
      e.put("dhash", m.dhash());
      if (m.thumbnail() != null) {
        e.put("thumbnail", m.thumbnail());
      }
    }
    return o.toString();
  }
}
