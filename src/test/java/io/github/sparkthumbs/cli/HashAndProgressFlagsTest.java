package io.github.sparkthumbs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.settings.Hash;
import io.github.sparkthumbs.settings.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --hash and --progress-interval: their defaults, the settings they build, their usage errors. */
class HashAndProgressFlagsTest {
  private static Settings parse(String... args) {
    CommandLineOptions o = new CommandLineOptions();
    new CommandLine(o).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args);
    return o.toSettings();
  }

  private static String usageError(String... args) {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(Main.USAGE, Main.run(args, new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(err, true)));
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void defaultsAreNoHashAndALineEveryTenSeconds() {
    Settings s = parse("in", "--output", "out");
    assertEquals(Hash.NONE, s.hash());
    assertEquals(10, s.progressSeconds());
    assertEquals(s.hash(), Settings.builder().output("out").build().hash());
  }

  @Test
  void flagsReachTheSettings() {
    Settings s = parse("in", "--output", "out", "--hash", "dhash", "--progress-interval", "0");
    assertEquals(Hash.DHASH, s.hash());
    assertEquals(0, s.progressSeconds());
    assertEquals(Hash.DHASH, s.toBuilder().build().hash(), "kept by toBuilder");
    assertEquals(0, s.toBuilder().build().progressSeconds(), "kept by toBuilder");
  }

  @Test
  void wrongValuesAreUsageErrorsNamingTheFlag() {
    String negative = usageError("in", "--output", "out", "--progress-interval", "-1");
    assertTrue(negative.contains("--progress-interval") && negative.contains("-1"), negative);
    String md5 = usageError("in", "--output", "out", "--hash", "md5");
    assertTrue(md5.contains("--hash"), md5);
  }
}
