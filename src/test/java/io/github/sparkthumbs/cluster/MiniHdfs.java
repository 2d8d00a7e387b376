package io.github.sparkthumbs.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/**
 * {@code scripts/hdfs-up}'s process: a real single-node HDFS (Hadoop's MiniDFSCluster: one
 * NameNode and one DataNode in this JVM) on 127.0.0.1, until the process is stopped.
 *
 * <pre>MiniHdfs DIR PORT</pre>
 *
 * Keeps its blocks under {@code DIR/data} and, once HDFS accepts clients, writes its URI to
 * {@code DIR/uri} (the script waits for that file). Lives in the test sources because
 * MiniDFSCluster comes from Hadoop's test artifact, which must stay out of the application jar.
 */
public final class MiniHdfs {
  private MiniHdfs() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: MiniHdfs DIR PORT");
      System.exit(2);
    }
    Path dir = Path.of(args[0]).toAbsolutePath();
    MiniDFSCluster hdfs = start(new File(dir.toFile(), "data"), Integer.parseInt(args[1]));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      hdfs.shutdown(true); // also deletes the blocks: each hdfs-up starts empty
      stopped.countDown();
    }, "mini-hdfs-shutdown"));
    String uri = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    Path tmp = dir.resolve("uri.tmp");
    Files.writeString(tmp, uri + "\n", StandardCharsets.UTF_8);
    Files.move(tmp, dir.resolve("uri"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    System.out.println("HDFS up at " + uri);
    stopped.await(); // until SIGTERM runs the shutdown hook
  }

  /**
   * A formatted, running HDFS (one NameNode on {@code port}, 0 for any, and one DataNode) with its
   * blocks under {@code data}, bound to loopback.
   */
  static MiniDFSCluster start(File data, int port) throws IOException {
    Configuration conf = new Configuration();
    // Loopback only, and no fixed web/data ports that could clash with anything else running.
    conf.set("dfs.namenode.rpc-bind-host", "127.0.0.1");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    conf.set("dfs.datanode.address", "127.0.0.1:0");
    conf.set("dfs.datanode.http.address", "127.0.0.1:0");
    conf.set("dfs.datanode.ipc.address", "127.0.0.1:0");
    MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf, data)
        .nameNodePort(port)
        .numDataNodes(1)
        .format(true)
        .build();
    hdfs.waitActive();
    return hdfs;
  }
}
