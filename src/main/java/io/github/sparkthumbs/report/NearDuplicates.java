package io.github.sparkthumbs.report;

import io.github.sparkthumbs.image.DHash;
import io.github.sparkthumbs.output.Manifest;
import io.github.sparkthumbs.result.ThumbResult;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * Groups of near-identical images in a run's manifest, by the {@code dhash} of each line
 * ({@code --hash dhash}); all on the executors, nothing per image on the driver:
 *
 * <ol>
 *   <li>images with the same hash are one node;
 *   <li>candidates by banding: the 64 bits as 4 bands of 16; two hashes that agree on a band meet
 *       under that band's key, so every pair within distance 3 meets (4 bands cannot all differ
 *       with 3 bits). For a distance of 4 to 7 each hash also probes its bands with one bit
 *       flipped, so every pair within 7 meets (8 bits are needed to put 2 in each band);
 *   <li>the exact Hamming distance of each candidate pair;
 *   <li>connected components of the pairs by label propagation (each node takes the smallest
 *       label among its neighbours until none changes), so A~B and B~C put A, B, C in one group.
 * </ol>
 *
 * <p>One band key shared by many distinct hashes (a common 16-bit pattern, e.g. a black top
 * quarter) makes a task compare all of them pairwise; that is quadratic in that bucket only.
 */
public final class NearDuplicates {
  /** Default distance: copies resized, recompressed or cropped by a few percent (measured). */
  public static final int DEFAULT_DISTANCE = 6;
  /** Beyond this, banding with one-bit probes no longer finds every pair. */
  public static final int MAX_EXACT_DISTANCE = 7;

  private static final int BANDS = 4;
  private static final int BAND_BITS = 16;

  /** One image of a group. */
  public record Member(String source, String dhash, String thumbnail) implements Serializable {}

  private NearDuplicates() {}

  /**
   * The groups (two or more images each) of the manifest under {@code root}, keyed by the
   * group's smallest hash.
   */
  public static JavaPairRDD<Long, List<Member>> groups(JavaSparkContext jsc, Path root,
      int distance) throws java.io.IOException {
    if (distance < 0 || distance > 64) {
      throw new IllegalArgumentException("--distance must be 0..64, got " + distance);
    }
    FileSystem fs = root.getFileSystem(jsc.hadoopConfiguration());
    Path manifest = RunReport.manifestOf(fs, fs.makeQualified(root));
    JavaPairRDD<Long, Member> images = jsc.textFile(manifest.toString())
        .flatMapToPair(line -> {
          List<Tuple2<Long, Member>> out = new ArrayList<>(1);
          ThumbResult r = parse(line);
          if (r != null && r.isOk() && r.dhash() != null) {
            out.add(new Tuple2<>(DHash.parse(r.dhash()), new Member(r.source(), r.dhash(),
                r.outputs().isEmpty() ? null : r.outputs().get(0))));
          }
          return out.iterator();
        })
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    JavaRDD<Long> nodes = images.keys().distinct();
    boolean probe = distance > BANDS - 1;
    JavaPairRDD<Long, Long> edges = nodes
        .flatMapToPair(h -> {
          List<Tuple2<Integer, Long>> keys = new ArrayList<>();
          for (int b = 0; b < BANDS; b++) {
            int band = (int) (h >>> (b * BAND_BITS)) & 0xffff;
            keys.add(new Tuple2<>(key(b, band, false), h));
            if (probe) {
              for (int j = 0; j < BAND_BITS; j++) {
                keys.add(new Tuple2<>(key(b, band ^ (1 << j), true), h));
              }
            }
          }
          return keys.iterator();
        })
        // the probe keys of a band value meet its exact key: both carry the band value
        .mapToPair(t -> new Tuple2<>(t._1() & ~PROBE_FLAG, new Tuple2<>(t._2(),
            (t._1() & PROBE_FLAG) != 0)))
        .groupByKey()
        .flatMapToPair(t -> pairs(t._2(), distance).iterator())
        .distinct();
    edges = edges.union(edges.mapToPair(Tuple2::swap)).persist(StorageLevel.MEMORY_AND_DISK_SER());
    JavaPairRDD<Long, Long> labels = components(edges);
    // an image whose hash has no neighbour is its own label: a group only with exact copies
    JavaPairRDD<Long, List<Member>> groups = images.leftOuterJoin(labels)
        .mapToPair(t -> new Tuple2<>(t._2()._2().orElse(t._1()), t._2()._1()))
        .groupByKey()
        .mapToPair(t -> {
          List<Member> ms = new ArrayList<>();
          t._2().forEach(ms::add);
          ms.sort(java.util.Comparator.comparing(Member::source));
          return new Tuple2<>(t._1(), (List<Member>) ms);
        })
        .filter(t -> t._2().size() > 1);
    edges.unpersist(false);
    return groups;
  }

  private static final int PROBE_FLAG = 1 << 30;

  /** A band's key: band number and value; probes are flagged so the two kinds stay apart. */
  private static int key(int band, int value, boolean probe) {
    return (band << BAND_BITS | value) | (probe ? PROBE_FLAG : 0);
  }

  /** Pairs within {@code distance} among one key's hashes: exact members with each other and
   *  with the probes (probe with probe would match two flipped bits, not one). */
  private static List<Tuple2<Long, Long>> pairs(Iterable<Tuple2<Long, Boolean>> hashes,
      int distance) {
    List<Long> exact = new ArrayList<>();
    List<Long> probes = new ArrayList<>();
    for (Tuple2<Long, Boolean> h : hashes) {
      (h._2() ? probes : exact).add(h._1());
    }
    List<Tuple2<Long, Long>> out = new ArrayList<>();
    for (int i = 0; i < exact.size(); i++) {
      long a = exact.get(i);
      for (int j = i + 1; j < exact.size(); j++) {
        add(out, a, exact.get(j), distance);
      }
      for (long p : probes) {
        add(out, a, p, distance);
      }
    }
    return out;
  }

  private static void add(List<Tuple2<Long, Long>> out, long a, long b, int distance) {
    if (a != b && DHash.distance(a, b) <= distance) {
      out.add(a < b ? new Tuple2<>(a, b) : new Tuple2<>(b, a));
    }
  }

  /** Each node of {@code edges} (both directions) labelled with its component's smallest id. */
  private static JavaPairRDD<Long, Long> components(JavaPairRDD<Long, Long> edges) {
    JavaPairRDD<Long, Long> labels = edges.keys().distinct().mapToPair(h -> new Tuple2<>(h, h))
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    while (true) {
      JavaPairRDD<Long, Long> next = edges.join(labels)
          .mapToPair(t -> new Tuple2<>(t._2()._1(), t._2()._2()))
          .union(labels)
          .reduceByKey(Math::min)
          .persist(StorageLevel.MEMORY_AND_DISK_SER());
      long changed = next.join(labels).filter(t -> !t._2()._1().equals(t._2()._2())).count();
      labels.unpersist(false);
      labels = next;
      if (changed == 0) {
        return labels;
      }
    }
  }

  private static ThumbResult parse(String line) {
    try {
      return Manifest.parse(line);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
