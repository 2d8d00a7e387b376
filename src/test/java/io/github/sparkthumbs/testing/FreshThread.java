package io.github.sparkthumbs.testing;

import org.junit.jupiter.api.function.Executable;

/**
 * Runs test code on a thread of its own: per-thread state (native codec handles, cached colour
 * transforms) then starts empty, whatever earlier tests left on the test runner's thread.
 */
public final class FreshThread {
  private FreshThread() {}

  /** Runs {@code body} on a new thread and waits for it; rethrows what it threw. */
  public static void run(Executable body) throws Throwable {
    Throwable[] failed = new Throwable[1];
    Thread thread = new Thread(() -> {
      try {
        body.execute();
      } catch (Throwable e) {
        failed[0] = e;
      }
    });
    thread.start();
    thread.join();
    if (failed[0] != null) {
      throw failed[0];
    }
  }
}
