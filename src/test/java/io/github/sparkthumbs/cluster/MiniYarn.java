package io.github.sparkthumbs.cluster;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CountDownLatch;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * {@code scripts/yarn-up}'s process: a YARN cluster (Hadoop's MiniYARNCluster: one
 * ResourceManager and two NodeManagers) over a single-node HDFS (MiniDFSCluster), in this JVM, on
 * 127.0.0.1 with ports the system picks, until the process is stopped.
 *
 * <pre>MiniYarn DIR</pre>
 *
 * Once the ResourceManager accepts applications it writes {@code DIR/conf/} (core-site.xml,
 * hdfs-site.xml, yarn-site.xml: a HADOOP_CONF_DIR for spark-submit and the Hadoop clients) and
 * then {@code DIR/ready} (the script waits for that file). The NodeManagers keep their container
 * folders and logs under {@code DIR/target/}. Lives in the test sources because both clusters
 * come from Hadoop's test artifact, which must stay out of the application jar.
 */
public final class MiniYarn {
  /** Memory each NodeManager offers: a driver, an ApplicationMaster and executors of 512 MB. */
  static final int NODE_MEMORY_MB = 3072;

  private MiniYarn() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      System.err.println("usage: MiniYarn DIR");
      System.exit(2);
    }
    try {
      run(Path.of(args[0]).toAbsolutePath());
    } catch (Throwable e) {
      // The clusters' non-daemon threads would keep a half-started JVM alive.
      e.printStackTrace();
      System.exit(1);
    }
  }

  private static void run(Path dir) throws Exception {
    MiniDFSCluster hdfs = MiniHdfs.start(new File(dir.toFile(), "hdfs"), 0);
    String defaultFs = "hdfs://127.0.0.1:" + hdfs.getNameNodePort();
    // The submitting user's home, where relative paths of a job on this cluster resolve.
    try (FileSystem fs = FileSystem.newInstance(hdfs.getConfiguration(0))) {
      fs.mkdirs(new org.apache.hadoop.fs.Path(
          "/user/" + UserGroupInformation.getCurrentUser().getShortUserName()));
    }

    YarnConfiguration yarnConf = yarnSettings(defaultFs);
    // MiniYARNCluster puts its folders under "target/NAME" of the working directory; the script
    // starts this process in DIR.
    MiniYARNCluster yarn = new MiniYARNCluster("yarn", 2, 1, 1);
    yarn.init(yarnConf);
    yarn.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        yarn.stop();
        hdfs.shutdown(true); // also deletes the blocks: each yarn-up starts empty
      } finally {
        stopped.countDown();
      }
    }, "mini-yarn-shutdown"));

    Configuration live = yarn.getConfig();
    // start() may return before the ResourceManager has put its bound port into the settings
    // (Spark's YarnClusterSuite waits the same way); a port 0 in yarn-site.xml would be useless.
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (live.get(YarnConfiguration.RM_ADDRESS, "").endsWith(":0")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the ResourceManager has no port after 60 s");
      }
      Thread.sleep(100);
    }
    Path conf = Files.createDirectories(dir.resolve("conf"));
    Configuration core = new Configuration(false);
    core.set("fs.defaultFS", defaultFs);
    write(core, conf.resolve("core-site.xml"));
    Configuration hdfsSite = new Configuration(false);
    hdfsSite.set("dfs.replication", "1");
    write(hdfsSite, conf.resolve("hdfs-site.xml"));
    write(live, conf.resolve("yarn-site.xml"));
    String ready = "HADOOP_CONF_DIR=" + conf + "\nfs.defaultFS=" + defaultFs
        + "\nyarn.resourcemanager.webapp.address="
        + live.get(YarnConfiguration.RM_WEBAPP_ADDRESS) + "\n";
    Path tmp = dir.resolve("ready.tmp");
    Files.writeString(tmp, ready, StandardCharsets.UTF_8);
    Files.move(tmp, dir.resolve("ready"), StandardCopyOption.ATOMIC_MOVE);
    System.out.println("YARN up: " + ready.replace('\n', ' '));
    stopped.await(); // until SIGTERM runs the shutdown hook
  }

  private static YarnConfiguration yarnSettings(String defaultFs) {
    YarnConfiguration c = new YarnConfiguration();
    c.set("fs.defaultFS", defaultFs);
    c.set(YarnConfiguration.RM_HOSTNAME, "127.0.0.1");
    // Two NodeManagers share a 2-core machine with other work: they offer memory for a few small
    // containers, and the scheduler hands out small ones (its 1 GB minimum would round a 512 MB
    // executor up to twice that).
    c.setInt(YarnConfiguration.NM_PMEM_MB, NODE_MEMORY_MB);
    c.setInt(YarnConfiguration.NM_VCORES, 2);
    c.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 64);
    c.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, NODE_MEMORY_MB);
    // The NodeManager kills a container whose JVM's virtual size passes 2.1 x its memory (a JVM
    // reserves far more address space than it uses) or whose resident size passes its memory
    // (the JVM's native memory and libjpeg-turbo's buffers come on top of the heap): on a shared
    // test machine both would kill healthy executors; real clusters size containers instead.
    c.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
    c.setBoolean(YarnConfiguration.NM_PMEM_CHECK_ENABLED, false);
    // A stopping NodeManager waits up to the sum of these (plus 1 s) for the applications it still
    // lists, and it lists every application that ran (their logs are kept): thread dumps of a
    // 37 s yarn-down after the tests' runs showed both NodeManagers in that wait; 27 s with these.
    c.setLong(YarnConfiguration.NM_SLEEP_DELAY_BEFORE_SIGKILL_MS, 100);
    c.setLong(YarnConfiguration.NM_PROCESS_KILL_WAIT_MS, 400);
    // Otherwise a disk over 90% full marks the NodeManagers' folders bad and nothing runs.
    c.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage",
        "100.0");
    // A retried ApplicationMaster, as on most clusters (EMR's and YARN's default is 2).
    c.setInt(YarnConfiguration.RM_AM_MAX_ATTEMPTS, 2);
    // hadoop-client-minicluster lacks capacity-scheduler.xml: one queue, all of the cluster (as
    // Spark's YarnClusterSuite does).
    c.set("yarn.scheduler.capacity.root.queues", "default");
    c.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
    c.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
    c.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
    c.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
    c.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
    c.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
    c.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
    return c;
  }

  private static void write(Configuration c, Path file) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try (OutputStream out = Files.newOutputStream(tmp)) {
      c.writeXml(out);
    }
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
  }
}
