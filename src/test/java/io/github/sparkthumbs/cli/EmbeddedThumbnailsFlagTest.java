package io.github.sparkthumbs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.settings.ImageSettings;
import io.github.sparkthumbs.settings.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** --embedded-thumbnails: off by default, on with the flag, and in --help. */
class EmbeddedThumbnailsFlagTest {
  private static Settings parse(String... args) {
    CommandLineOptions o = new CommandLineOptions();
    new CommandLine(o).parseArgs(args);
    return o.toSettings();
  }

  @Test
  void offByDefaultAndOnWithTheFlag() {
    assertFalse(parse("in", "--output", "out").image().embeddedThumbnails());
    assertFalse(Settings.builder().output("out").build().image().embeddedThumbnails());
    Settings on = parse("in", "--output", "out", "--embedded-thumbnails");
    assertTrue(on.image().embeddedThumbnails());
    assertEquals(ImageSettings.builder().embeddedThumbnails(true).build(), on.image(),
        "the image settings differ from their defaults in the flag alone");
  }

  @Test
  void helpNamesIt() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Main.run(new String[] {"--help"}, new PrintStream(out, true),
        new PrintStream(new ByteArrayOutputStream()));
    String help = out.toString(StandardCharsets.UTF_8);
    assertTrue(help.contains("--embedded-thumbnails") && help.contains("EXIF thumbnail"), help);
  }
}
