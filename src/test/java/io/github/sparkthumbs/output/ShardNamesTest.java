package io.github.sparkthumbs.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.Size;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tar layout's sample key is what {@link ShardNames#key} and the README say: 24 hex digits of
 * the SHA-256 of the source (96 bits), with no dot (webdataset splits a member name at its first).
 */
class ShardNamesTest {
  @Test
  void aKeyIsTheFirst24HexDigitsOfTheSourcesSha256() {
    // sha256("file:/photos/a.jpg"), as `printf %s file:/photos/a.jpg | sha256sum` prints it
    String key = ShardNames.key("file:/photos/a.jpg");
    assertEquals(24, key.length(), key);
    assertTrue(key.matches("[0-9a-f]{24}"), key);
    assertEquals("70e1202c17016a7575f16afc", key);
    assertNotEquals(key, ShardNames.key("file:/photos/b.jpg"));
    assertEquals(24, ShardNames.key("").length());
    assertEquals(24, ShardNames.key("https://h/" + "x".repeat(10_000) + ".jpg").length());
  }

  @Test
  void withSeveralSizesEachMemberNamesItsSize() {
    Settings one = Settings.builder().output("/out").build();
    Settings two = Settings.builder().output("/out")
        .sizes(List.of(new Size(40, 30), new Size(256, 256))).build();
    String key = ShardNames.key("file:/photos/a.png");
    assertEquals(List.of(key + ".jpg"),
        ShardNames.members("file:/photos/a.png", "a.png", one));
    assertEquals(List.of(key + ".40x30.jpg", key + ".256x256.jpg"),
        ShardNames.members("file:/photos/a.png", "a.png", two));
    assertEquals(key + ".json", ShardNames.jsonMember(key));
  }
}
