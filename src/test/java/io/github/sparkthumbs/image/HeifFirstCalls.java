package io.github.sparkthumbs.image;

import io.github.sparkthumbs.settings.Mode;
import io.github.sparkthumbs.settings.Size;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The process {@link HeifFirstCallsTest} starts: {@code THREADS} threads per file given, all
 * released at once by a latch, make this JVM's very first libheif calls. Exit 0 when every decode
 * gave the expected size, 3 when one failed; a native crash ends the JVM with its own code.
 */
public final class HeifFirstCalls {
  private HeifFirstCalls() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.parseInt(args[0]);
    int width = Integer.parseInt(args[1]);
    List<byte[]> files = new ArrayList<>();
    for (int i = 2; i < args.length; i++) {
      files.add(Files.readAllBytes(Path.of(args[i])));
    }
    CountDownLatch ready = new CountDownLatch(threads * files.size());
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger failures = new AtomicInteger();
    List<Thread> all = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      for (byte[] file : files) {
        Thread th = new Thread(() -> {
          ready.countDown();
          try {
            go.await();
            Decoded d = ImageDecoder.decode(file,
                DecodeRequest.of(List.of(new Size(64, 64)), Mode.FIT, Long.MAX_VALUE));
            if (d.width() != width) {
              throw new AssertionError("decoded width " + d.width() + ", not " + width);
            }
          } catch (Throwable e) {
            failures.incrementAndGet();
            e.printStackTrace();
          }
        });
        th.start();
        all.add(th);
      }
    }
    ready.await();
    go.countDown();
    for (Thread th : all) {
      th.join();
    }
    System.exit(failures.get() == 0 ? 0 : 3);
  }
}
