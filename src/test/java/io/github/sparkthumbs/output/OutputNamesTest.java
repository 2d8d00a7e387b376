package io.github.sparkthumbs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.Size;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** Where thumbnails go, decided from the name alone. */
class OutputNamesTest {
  private static Settings.Builder settings() {
    return Settings.builder().output("/out");
  }

  @Test
  void aNameWithTheOutputExtensionKeepsIt() {
    Settings jpg = settings().build();
    assertEquals(List.of("a/x.jpg"), OutputNames.relativePaths("a/x.jpg", jpg));
    assertEquals(List.of("a/x.JPEG"), OutputNames.relativePaths("a/x.JPEG", jpg));
    assertEquals(List.of("a/y.png.jpg"), OutputNames.relativePaths("a/y.png", jpg));
    assertEquals(List.of("y.jpg"), OutputNames.relativePaths("y", jpg));
    assertEquals(List.of("d.ir/y.jpg"), OutputNames.relativePaths("d.ir/y", jpg));
    assertEquals(List.of(".jpg.jpg"), OutputNames.relativePaths(".jpg", jpg), "a dot file has no extension");
  }

  @Test
  void formatSourceKeepsJpegAndWritesPngOtherwise() {
    assertEquals(OutputFormat.JPG, OutputNames.formatFor("p.JPEG", OutputFormat.SOURCE));
    assertEquals(OutputFormat.PNG, OutputNames.formatFor("p.gif", OutputFormat.SOURCE));
    assertEquals(OutputFormat.PNG, OutputNames.formatFor("p", OutputFormat.SOURCE));
    assertEquals(OutputFormat.JPG, OutputNames.formatFor("p.png", OutputFormat.JPG));
    Settings source = settings().format(OutputFormat.SOURCE).build();
    assertEquals(List.of("p.gif.png"), OutputNames.relativePaths("p.gif", source));
    assertEquals(List.of("p.png"), OutputNames.relativePaths("p.png", source));
  }

  @Test
  void severalSizesEachGetAFolder() {
    Settings two = settings().sizes(List.of(new Size(75, 75), new Size(300, 200))).build();
    assertEquals(List.of("75x75/a/x.jpg", "300x200/a/x.jpg"),
        OutputNames.relativePaths("a/x.jpg", two));
  }

  @Test
  void namesThatLookLikeUrisResolveUnderTheRoot() throws Exception {
    OutputStore store = new OutputStore("file:/out", new Configuration());
    assertEquals("/out/col:on.jpg", store.resolve("col:on.jpg").toUri().getPath());
    assertEquals("/out/a/#x?.jpg", store.resolve("a/#x?.jpg").toUri().getPath());
    assertEquals("/out/a%20b.jpg", store.resolve("a%20b.jpg").toUri().getPath());
  }
}
