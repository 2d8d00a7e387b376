package io.github.sparkthumbs.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.NativeEncoders;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * libheif's first calls made by many threads at once, each trial in a fresh JVM so that they
 * really are the process's first: libheif 1.15 wants {@code heif_init()} before any other call,
 * and without it two executor threads decoding their first HEIC and AVIF together could die with
 * SIGSEGV inside {@code heif_context_read_from_memory}, taking the whole JVM (in local mode the
 * run and its manifest) with them.
 */
class HeifFirstCallsTest {
  static final int TRIALS = Integer.getInteger("heif.trials", 20);
  static final int THREADS = 4;

  @TempDir Path dir;

  @Test
  void manyFirstDecodesAtOnceNeverCrash() throws Exception {
    assumeTrue(NativeEncoders.library("libheif.so.1"), "libheif1 not installed");
    assumeTrue(NativeEncoders.installed("heif-enc"), "heif-enc not installed (libheif-examples)");
    assumeTrue(NativeEncoders.installed("avifenc"), "avifenc not installed (libavif-bin)");
    byte[] png = Images.encode(Images.quadrants(320, 240), "png");
    Path heic = Files.write(dir.resolve("a.heic"), NativeEncoders.heic(dir, png, "a.png", 60));
    Path avif = Files.write(dir.resolve("b.avif"), NativeEncoders.avif(dir, png, "b.png"));
    List<String> failed = new ArrayList<>();
    for (int trial = 0; trial < TRIALS; trial++) {
      Path log = dir.resolve("trial-" + trial + ".log");
      List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java")
              .toString(), "-Xmx256m", "-XX:ErrorFile=" + dir.resolve("hs_err_%p.log"),
          "-cp", System.getProperty("java.class.path"), HeifFirstCalls.class.getName(),
          String.valueOf(THREADS), "320", heic.toString(), avif.toString());
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(log.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        failed.add("trial " + trial + ": hung");
      } else if (p.exitValue() != 0) {
        String out = Files.readString(log, StandardCharsets.UTF_8);
        failed.add("trial " + trial + ": exit " + p.exitValue() + ": "
            + out.substring(0, Math.min(out.length(), 600)));
      }
    }
    System.out.println("HeifFirstCallsTest: " + failed.size() + " of " + TRIALS
        + " trials failed" + (failed.isEmpty() ? "" : ": " + failed.get(0)));
    assertEquals(List.of(), failed, failed.size() + " of " + TRIALS + " trials failed");
  }
}
