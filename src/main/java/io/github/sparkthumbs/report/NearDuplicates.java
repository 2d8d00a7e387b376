package io.github.sparkthumbs.report;

import io.github.sparkthumbs.image.DHash;
import io.github.sparkthumbs.result.ThumbResult;
import io.github.sparkthumbs.source.ListFile;
import io.github.sparkthumbs.source.ListSplit;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
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
 *   <li>the exact Hamming distance of each candidate pair, and the components of the pairs of
 *       each task's band keys (union-find in the task): a spanning forest of at most one edge per
 *       hash and task goes on, not every pair (a group of n near-copies has n^2/2 pairs);
 * *   <li>connected components of those edges ({@link StarComponents}), so A~B and B~C put A, B, C
 *       in one group: in one task when there are at most {@link #LOCAL_EDGES} edges, else by the
 *       alternating "large star / small star" rounds of Kiveris et al. (SoCC 2014) until the
 *       edges are stars, O(log^2 n) rounds whatever the groups' shape (label propagation took as
 *       many rounds as the widest group's diameter: hundreds on near-copies of real photos), then
 *       in one task again once few enough edges are left.
 * </ol>
 *
 * <p>A line the finder cannot use (not a manifest line, a failed line without its error class, a
 * {@code dhash} that is not 16 hex digits, a line over {@link ManifestLines#MAX_LINE_BYTES}) is
 * counted and a few are named; it is in no group.
 *
 * <p>One band key shared by many distinct hashes (a common 16-bit pattern, e.g. a black top
 * quarter) makes a task compare all of them pairwise; that is quadratic in that bucket only.
 */
public final class NearDuplicates {
  /** Default distance: copies resized, recompressed or cropped by a few percent (measured). */
  public static final int DEFAULT_DISTANCE = 6;
  /** Beyond this, banding with one-bit probes no longer finds every pair. */
  public static final int MAX_EXACT_DISTANCE = 7;
  /**
   * Edges one task groups by union-find: two arrays of longs and the sorted ids, about 60 MB at
   * most, within one task's share of a 1 GB executor.
   */
  static final long LOCAL_EDGES = 1 << 20;
  /**
   * Images per task of a shuffle: each sends 4 to 68 band keys, so a task groups about a million
   * records; a manifest part of 32 MiB holds 150,000 lines, too many for one task.
   */
  static final long IMAGES_PER_PARTITION = 20_000;
  static final int MAX_PARTITIONS = 10_000;
  /** Lines that cannot be used named in the result: enough to find them with an editor. */
  static final int UNUSABLE_SHOWN = 3;

  private static final int BANDS = 4;
  private static final int BAND_BITS = 16;
  private static final Pattern DHASH = Pattern.compile("[0-9a-fA-F]{16}");

  /** One image of a group. */
  public record Member(String source, String dhash, String thumbnail) implements Serializable {}

  /**
   * What the finder found.
   *
   * @param groups the groups (two or more images each), keyed by the group's smallest hash
   * @param unusable lines of the manifest that could not be used
   * @param unusableShown a few of them: where, and why
   * @param rounds large-star / small-star rounds the grouping took (0: in one task)
   * @param release lets go of what was kept for the groups, once they are written
   */
  public record Found(JavaPairRDD<Long, List<Member>> groups, long unusable,
      List<String> unusableShown, int rounds, Runnable release) {}

  /** A manifest line as the finder sees it: an image with its hash, or why it is not usable. */
  private record Parsed(long hash, Member member, String unusable) implements Serializable {}

  private NearDuplicates() {}

  /** The groups of the manifest under {@code root}. */
  public static Found find(JavaSparkContext jsc, Path root, int distance)
      throws java.io.IOException {
    return find(jsc, root, distance, LOCAL_EDGES);
  }

  /** As {@link #find(JavaSparkContext, Path, int)}, grouping in one task up to {@code local}. */
  static Found find(JavaSparkContext jsc, Path root, int distance, long localEdges)
      throws java.io.IOException {
    if (distance < 0 || distance > 64) {
      throw new IllegalArgumentException("--distance must be 0..64, got " + distance);
    }
    FileSystem fs = root.getFileSystem(jsc.hadoopConfiguration());
    Path manifest = RunReport.manifestOf(fs, fs.makeQualified(root));
    Broadcast<SerializableConfiguration> conf = ManifestLines.conf(jsc);
    JavaRDD<Parsed> parsed = ManifestLines.splits(jsc, manifest)
        .flatMap(split -> {
          List<Parsed> out = new ArrayList<>();
          ManifestLines.read(split, conf.value().value(), new ListFile.Visitor() {
            @Override
            public void input(String text, long offset) {
              Parsed p = parse(text, ListSplit.where(split.file(), offset));
              if (p != null) {
                out.add(p);
              }
            }

            @Override
            public void badLine(long offset, String why) {
              out.add(new Parsed(0, null, ListSplit.where(split.file(), offset) + ": " + why));
            }
          });
          return out.iterator();
        })
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    JavaRDD<Parsed> bad = parsed.filter(p -> p.unusable() != null);
    long[] counts = parsed.aggregate(new long[2], (c, p) -> {
      c[p.unusable() == null ? 0 : 1]++;
      return c;
    }, (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
    long unusable = counts[1];
    // a manifest of a few splits must not mean a shuffle of a few tasks
    int parts = (int) Math.max(jsc.defaultParallelism(),
        Math.min(MAX_PARTITIONS, counts[0] / IMAGES_PER_PARTITION));
    List<String> shown = unusable == 0 ? List.of()
        : bad.map(Parsed::unusable).take(UNUSABLE_SHOWN);
    JavaPairRDD<Long, Member> images = parsed.filter(p -> p.unusable() == null)
        .mapToPair(p -> new Tuple2<>(p.hash(), p.member()));
    JavaRDD<Long> nodes = images.keys().distinct(parts);
    boolean probe = distance > BANDS - 1;
    JavaPairRDD<Long, Long> edges = nodes
        .flatMapToPair(h -> {
          List<Tuple2<Integer, Long>> keys = new ArrayList<>();
          for (int b = 0; b < BANDS; b++) {
            int band = (int) (h >>> (b * BAND_BITS)) & 0xffff;
            keys.add(new Tuple2<>(key(b, band), h));
            if (probe) {
              for (int j = 0; j < BAND_BITS; j++) {
                keys.add(new Tuple2<>(~key(b, band ^ (1 << j)), h));
              }
            }
          }
          return keys.iterator();
        })
        // a probe's key is the complement of the band value it probes: the two meet in one task
        .partitionBy(new BandPartitioner(parts))
        .mapPartitionsToPair(it -> forests(it, distance))
        .persist(StorageLevel.MEMORY_AND_DISK_SER());
    StarComponents c = StarComponents.of(jsc, edges, localEdges, parts);
    // an image whose hash has no neighbour is its own label: a group only with exact copies
    JavaPairRDD<Long, List<Member>> groups = images.leftOuterJoin(c.labels(), parts)
        .mapToPair(t -> new Tuple2<>(t._2()._2().orElse(t._1()), t._2()._1()))
        .groupByKey(parts)
        .mapToPair(t -> {
          List<Member> ms = new ArrayList<>();
          t._2().forEach(ms::add);
          ms.sort(java.util.Comparator.comparing(Member::source));
          return new Tuple2<>(t._1(), (List<Member>) ms);
        })
        .filter(t -> t._2().size() > 1);
    return new Found(groups, unusable, shown, c.rounds(), () -> {
      parsed.unpersist(false);
      c.edges().unpersist(false);
    });
  }

  /** An image line's hash, why the line is not usable, or null for a line without a hash. */
  private static Parsed parse(String line, String where) {
    ThumbResult r;
    try {
      r = ManifestLines.usable(line);
    } catch (IllegalArgumentException e) {
      return new Parsed(0, null, where + ": " + e.getMessage());
    }
    if (!r.isOk() || r.image().dhash() == null) {
      return null;
    }
    if (!DHASH.matcher(r.image().dhash()).matches()) {
      return new Parsed(0, null, where + ": dhash '" + ManifestLines.shorten(r.image().dhash())
          + "' is not 16 hex digits");
    }
    return new Parsed(DHash.parse(r.image().dhash()), new Member(r.source(), r.image().dhash(),
        r.written().outputs().isEmpty() ? null : r.written().outputs().get(0)), null);
  }

  /** A band's key: band number and value. */
  private static int key(int band, int value) {
    return band << BAND_BITS | value;
  }

  /** A band key and the complement of a probe of it go to one partition. */
  static final class BandPartitioner extends org.apache.spark.Partitioner {
    private final int parts;

    BandPartitioner(int parts) {
      this.parts = parts;
    }

    @Override
    public int numPartitions() {
      return parts;
    }

    @Override
    public int getPartition(Object key) {
      int k = (Integer) key;
      return Math.floorMod(k < 0 ? ~k : k, parts);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BandPartitioner b && b.parts == parts;
    }

    @Override
    public int hashCode() {
      return parts;
    }
  }

  /**
   * The pairs within {@code distance} of one task's band keys (exact members with each other and
   * with the probes; probe with probe would match two flipped bits, not one), as a spanning forest:
   * each hash joined to the smallest of its component in this task, at most one edge per hash
   * however many pairs and keys it is in (a group of n near-copies has n^2/2 pairs). The records
   * are grouped by key in primitive lists: a groupBy would hold two boxed objects per record.
   */
  private static Iterator<Tuple2<Long, Long>> forests(Iterator<Tuple2<Integer, Long>> records,
      int distance) {
    java.util.Map<Integer, LongList[]> buckets = new java.util.HashMap<>();
    LongList all = new LongList();
    while (records.hasNext()) {
      Tuple2<Integer, Long> r = records.next();
      int k = r._1();
      LongList[] b = buckets.computeIfAbsent(k < 0 ? ~k : k,
          x -> new LongList[] {new LongList(), new LongList()});
      b[k < 0 ? 1 : 0].add(r._2());
      all.add(r._2());
    }
    UnionFind uf = new UnionFind(all.values, all.size);
    all = null;
    for (LongList[] b : buckets.values()) {
      LongList exact = b[0];
      LongList probes = b[1];
      if (exact.size == 0) {
        continue;
      }
      int[] ei = indexes(uf, exact);
      int[] pi = indexes(uf, probes);
      for (int i = 0; i < exact.size; i++) {
        long a = exact.values[i];
        for (int j = i + 1; j < exact.size; j++) {
          if (DHash.distance(a, exact.values[j]) <= distance) {
            uf.unionAt(ei[i], ei[j]);
          }
        }
        for (int j = 0; j < probes.size; j++) {
          if (DHash.distance(a, probes.values[j]) <= distance) {
            uf.unionAt(ei[i], pi[j]);
          }
        }
      }
    }
    return uf.joined();
  }

  private static int[] indexes(UnionFind uf, LongList ids) {
    int[] out = new int[ids.size];
    for (int i = 0; i < ids.size; i++) {
      out[i] = uf.indexOf(ids.values[i]);
    }
    return out;
  }}
