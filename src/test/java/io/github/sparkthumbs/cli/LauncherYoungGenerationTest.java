package io.github.sparkthumbs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * scripts/thumbnail's young generation, from the heap as {@code THUMBNAILER_HEAP} gives it: a
 * fixed 64 MB from a 256 MB heap up, nothing below (where -Xmn64m would be over a quarter of the
 * heap) or for a size the launcher cannot read (the JVM then says what is wrong with -Xmx).
 * Runs scripts/lib.sh's function in bash, as the launcher does.
 */
class LauncherYoungGenerationTest {
  @ParameterizedTest(name = "{0} -> [{1}]")
  @CsvSource(value = {"1g,-Xmn64m", "2G,-Xmn64m", "512m,-Xmn64m", "256m,-Xmn64m",
      "262144k,-Xmn64m", "1073741824,-Xmn64m", "255m,''", "128m,''", "262143k,''", "1.5g,''",
      "lots,''", "'',''"})
  void youngGenerationForTheHeap(String heap, String flag) throws Exception {
    Path lib = Path.of(System.getProperty("project.dir", ".")).resolve("scripts/lib.sh");
    Process p = new ProcessBuilder("bash", "-c", ". \"$0\" && young_generation \"$1\"",
        lib.toString(), heap).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    p.waitFor(30, TimeUnit.SECONDS);
    assertEquals(0, p.exitValue(), out);
    assertEquals(flag, out);
  }
}
