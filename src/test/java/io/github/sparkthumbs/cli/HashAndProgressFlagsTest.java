package io.github.sparkthumbs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.settings.Hash;
import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.Layout;
import io.github.sparkthumbs.settings.RunSettings;
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
    assertEquals(Hash.NONE, s.image().hash());
    assertEquals(10, s.run().progressSeconds());
    assertEquals(s.image().hash(), Settings.builder().output("out").build().image().hash());
  }

  @Test
  void flagsReachTheSettings() {
    Settings s = parse("in", "--output", "out", "--hash", "dhash", "--progress-interval", "0");
    assertEquals(Hash.DHASH, s.image().hash());
    assertEquals(0, s.run().progressSeconds());
    assertEquals(ImageSettings.builder().hash(Hash.DHASH).build(), s.image(),
        "the image settings differ from their defaults in --hash alone");
    assertEquals(new RunSettings("out", false, 0, Layout.FILES, 0), s.run(),
        "the run settings differ from their defaults in --progress-interval alone");
  }

  @Test
  void wrongValuesAreUsageErrorsNamingTheFlag() {
    String negative = usageError("in", "--output", "out", "--progress-interval", "-1");
    assertTrue(negative.contains("--progress-interval") && negative.contains("-1"), negative);
    String md5 = usageError("in", "--output", "out", "--hash", "md5");
    assertTrue(md5.contains("--hash"), md5);
  }
}
