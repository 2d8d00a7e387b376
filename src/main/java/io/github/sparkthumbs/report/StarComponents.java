package io.github.sparkthumbs.report;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.LongAccumulator;
import scala.Tuple2;

/**
 * Connected components of an edge RDD: in one task when there are few enough edges, else by the
 * alternating "large star / small star" rounds of Kiveris et al. (SoCC 2014) until the edges are
 * stars, O(log^2 n) rounds whatever the components' shape.
 *
 * @param edges the last edges, persisted
 * @param labels each node of the edges that is not the smallest of its component, with that
 *     smallest
 * @param rounds large-star / small-star rounds taken
 */
record StarComponents(JavaPairRDD<Long, Long> edges, JavaPairRDD<Long, Long> labels, int rounds) {
  /** The components of {@code edges} (persisted). */
  static StarComponents of(JavaSparkContext jsc, JavaPairRDD<Long, Long> edges,
      long localEdges, int parts) {
    long n = edges.count();
    int rounds = 0;
    while (n > localEdges) {
      LongAccumulator changed = jsc.sc().longAccumulator("near-duplicates star changes");
      JavaPairRDD<Long, Long> next = smallStar(largeStar(edges, changed, parts), changed, parts)
          .persist(StorageLevel.MEMORY_AND_DISK_SER());
      n = next.count();
      edges.unpersist(false);
      edges = next;
      rounds++;
      if (changed.value() == 0) {
        // stars: each edge joins a node to its component's smallest
        return new StarComponents(edges,
            edges.mapToPair(e -> e._1() > e._2() ? e : e.swap()).reduceByKey(Math::min, parts),
            rounds);
      }
    }
    return new StarComponents(edges, edges.coalesce(1).mapPartitionsToPair(StarComponents::local),
        rounds);
  }

  /**
   * Large star: each node u links its larger neighbours to the smallest of u and its neighbours.
   * A change when u is not that smallest and has a larger neighbour.
   */
  private static JavaPairRDD<Long, Long> largeStar(JavaPairRDD<Long, Long> edges,
      LongAccumulator changed, int parts) {
    return edges.flatMapToPair(e -> List.of(e, e.swap()).iterator())
        .groupByKey(parts)
        .flatMapToPair(t -> {
          long u = t._1();
          long[] near = distinct(t._2());
          long m = Math.min(u, near[0]);
          List<Tuple2<Long, Long>> out = new ArrayList<>();
          for (long v : near) {
            if (v > u) {
              out.add(new Tuple2<>(v, m));
            }
          }
          if (m < u && !out.isEmpty()) {
            changed.add(1);
          }
          return out.iterator();
        });
  }

  /**
   * Small star: each node u and its smaller neighbours all link to the smallest of them. A change
   * when u has two smaller neighbours or more.
   */
  private static JavaPairRDD<Long, Long> smallStar(JavaPairRDD<Long, Long> edges,
      LongAccumulator changed, int parts) {
    return edges.mapToPair(e -> e._1() > e._2() ? e : e.swap())
        .groupByKey(parts)
        .flatMapToPair(t -> {
          long u = t._1();
          long[] smaller = distinct(t._2());
          long m = smaller[0];
          List<Tuple2<Long, Long>> out = new ArrayList<>(smaller.length);
          out.add(new Tuple2<>(u, m));
          for (long v : smaller) {
            if (v != m) {
              out.add(new Tuple2<>(v, m));
            }
          }
          if (smaller.length > 1) {
            changed.add(1);
          }
          return out.iterator();
        });
  }

  /** The components of few enough edges in this one task. */
  private static Iterator<Tuple2<Long, Long>> local(Iterator<Tuple2<Long, Long>> edges) {
    LongList ends = new LongList();
    while (edges.hasNext()) {
      Tuple2<Long, Long> e = edges.next();
      ends.add(e._1());
      ends.add(e._2());
    }
    UnionFind uf = new UnionFind(ends.values, ends.size);
    for (int i = 0; i < ends.size; i += 2) {
      uf.union(ends.values[i], ends.values[i + 1]);
    }
    List<Tuple2<Long, Long>> out = new ArrayList<>();
    uf.forEachJoined((id, root) -> out.add(new Tuple2<>(id, root)));
    return out.iterator();
  }

  /** The ids of {@code values} sorted, each once: the smallest first. */
  private static long[] distinct(Iterable<Long> values) {
    LongList l = new LongList();
    values.forEach(l::add);
    return UnionFind.sortedDistinct(l.values, l.size);
  }
}
