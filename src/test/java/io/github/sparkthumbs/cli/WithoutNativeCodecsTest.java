package io.github.sparkthumbs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sparkthumbs.testing.Images;
import io.github.sparkthumbs.testing.NativeEncoders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A machine without libwebp, libheif and libjpeg-turbo: the real command line as its own JVM, told
 * to load libraries that do not exist ({@code -Dthumbnailer.libwebp=...}), as on a machine where
 * the Debian packages are not installed (and, for libjpeg-turbo, a jar built without its copy).
 */
class WithoutNativeCodecsTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  private Run main(String... args) throws Exception {
    Path projectDir = Path.of(System.getProperty("project.dir", "."));
    String flags = Files.readString(projectDir.resolve("target/jvm-options")).trim();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(flags.split("\\s+")));
    cmd.addAll(List.of("-Xmx512m", "-Dthumbnailer.libwebp=libwebp-not-installed",
        "-Dthumbnailer.libheif=libheif-not-installed",
        "-Dthumbnailer.turbojpeg.lib=libturbojpeg-not-installed", "-cp",
        projectDir.resolve("conf") + java.io.File.pathSeparator
            + System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(Arrays.asList(args));
    Path out = dir.resolve("stdout");
    Path err = dir.resolve("stderr");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("Main did not finish");
    }
    return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void formatWebpIsAUsageErrorNamingThePackage() throws Exception {
    Images.write(dir.resolve("in/a.jpg"), Images.jpeg(320, 240, 1));
    Run r = main(dir.resolve("in").toString(), "--output", dir.resolve("out").toString(),
        "--format", "webp");
    assertEquals(Main.USAGE, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("--format webp needs libwebp: libwebp not found (install the"
        + " Debian package libwebp7)"), r.err());
    assertTrue(!Files.exists(dir.resolve("out")), "refused before anything was written");
  }

  /** The JPEGs take the pure-Java path, and the run says why the fast path is off. */
  @Test
  void jpegsDecodeInJavaAndTheRunSaysWhy() throws Exception {
    Images.write(dir.resolve("in/camera.jpg"), Images.jpeg(1600, 1200, 4));
    Run r = main(dir.resolve("in").toString(), "--output", dir.resolve("out").toString(),
        "--master", "local[1]");
    assertEquals(0, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("jpeg decoder on the driver: libjpeg-turbo not loaded from"
        + " -Dthumbnailer.turbojpeg.lib=libturbojpeg-not-installed: libturbojpeg-not-installed ("),
        r.out());
    assertTrue(r.out().contains("ok=1 failed=0 skipped=0"), r.out());
  }

  @Test
  void heicIsUnsupportedNamingThePackageAndTheRestRuns() throws Exception {
    assumeTrue(NativeEncoders.installed("heif-enc"), "heif-enc not installed (libheif-examples)");
    Images.write(dir.resolve("in/phone.heic"), NativeEncoders.heic(dir.resolve("work"),
        Images.jpeg(320, 240, 2), "p.jpg", 60));
    Images.write(dir.resolve("in/camera.jpg"), Images.jpeg(320, 240, 3));
    Run r = main(dir.resolve("in").toString(), "--output", dir.resolve("out").toString(),
        "--master", "local[1]");
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("ok=1 failed=1 skipped=0"), r.out());
    assertTrue(r.err().contains("phone.heic: unsupported"), r.err());
    assertTrue(r.err().contains("HEIC/HEIF needs libheif, which is not installed: libheif not"
        + " found (install the Debian package libheif1)"), r.err());
  }
}
