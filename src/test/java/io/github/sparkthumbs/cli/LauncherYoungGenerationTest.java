package io.github.sparkthumbs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * scripts/thumbnail's young generation, from the heap as {@code THUMBNAILER_HEAP} gives it: a
 * fixed 32 MB from a 128 MB heap up, nothing below (where -Xmn32m would be a quarter of the heap
 * or more) or for a size the launcher cannot read (the JVM then says what is wrong with -Xmx).
 * Runs scripts/lib.sh's function in bash, as the launcher does.
 */
class LauncherYoungGenerationTest {
  @ParameterizedTest(name = "{0} -> [{1}]")
  @CsvSource(value = {"1g,-Xmn32m", "2G,-Xmn32m", "512m,-Xmn32m", "128m,-Xmn32m",
      "131072k,-Xmn32m", "1073741824,-Xmn32m", "127m,''", "64m,''", "100000k,''", "1.5g,''",
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
