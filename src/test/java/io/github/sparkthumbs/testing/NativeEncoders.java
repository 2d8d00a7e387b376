package io.github.sparkthumbs.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test files of the natively decoded formats, made by the formats' own Debian encoders
 * ({@code heif-enc} from libheif-examples, {@code avifenc} from libavif-bin, {@code opj_compress}
 * from libopenjp2-tools) from images the test draws: real files, not hand-made headers.
 */
public final class NativeEncoders {
  private NativeEncoders() {}

  /** Whether {@code /usr/bin/TOOL} is installed. */
  public static boolean installed(String tool) {
    return new File("/usr/bin", tool).canExecute();
  }

  /** Whether a shared library is installed, looked up as a file (not through the code under test). */
  public static boolean library(String soname) {
    return new File("/usr/lib/x86_64-linux-gnu", soname).isFile();
  }

  /**
   * Writes {@code input} to {@code dir/inName}, runs {@code command} (where {@code IN} and
   * {@code OUT} stand for the two files) and returns the bytes of {@code dir/outName}.
   */
  public static byte[] encode(Path dir, byte[] input, String inName, String outName,
      String... command) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path in = Files.write(dir.resolve(inName), input);
    Path out = dir.resolve(outName);
    Files.deleteIfExists(out);
    List<String> cmd = new ArrayList<>();
    for (String c : command) {
      cmd.add(c.equals("IN") ? in.toString() : c.equals("OUT") ? out.toString() : c);
    }
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] log = p.getInputStream().readAllBytes();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0 || !Files.isRegularFile(out)) {
      p.destroyForcibly();
      throw new IOException(String.join(" ", cmd) + " failed: "
          + new String(log, StandardCharsets.UTF_8));
    }
    return Files.readAllBytes(out);
  }

  /** {@code heif-enc -q QUALITY [extra] -o OUT IN}. */
  public static byte[] heic(Path dir, byte[] jpegOrPng, String inName, int quality,
      String... extra) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("heif-enc", "-q", String.valueOf(quality)));
    cmd.addAll(Arrays.asList(extra));
    cmd.addAll(List.of("-o", "OUT", "IN"));
    return encode(dir, jpegOrPng, inName, inName + ".heic", cmd.toArray(new String[0]));
  }

  /** {@code avifenc} at near-lossless quantizers, fast speed. */
  public static byte[] avif(Path dir, byte[] png, String inName)
      throws IOException, InterruptedException {
    return encode(dir, png, inName, inName + ".avif",
        "avifenc", "-s", "8", "--min", "0", "--max", "10", "IN", "OUT");
  }
}
