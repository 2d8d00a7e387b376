package io.github.sparkthumbs.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Output stems of URLs: readable, deterministic, and never shared by two URLs. */
class UrlNamesTest {
  @Test
  void hostPathAndAHashOfTheWholeUrl() {
    String url = "https://ex.com/a/b%20c.jpg?x=1";
    String hash = UrlNames.hash8(url);
    assertEquals("ex.com/" + hash.substring(0, 2) + "/a_b_20c-" + hash + ".jpg",
        UrlNames.stem(url));
    assertEquals(UrlNames.stem(url), UrlNames.stem(url));
  }

  @Test
  void urlsThatDifferOnlyInTheQueryGetTheirOwnStem() {
    assertNotEquals(UrlNames.stem("https://ex.com/p.jpg?size=1"),
        UrlNames.stem("https://ex.com/p.jpg?size=2"));
    assertNotEquals(UrlNames.stem("http://ex.com/p.jpg"), UrlNames.stem("https://ex.com/p.jpg"));
  }

  @Test
  void oddPathsStayInsideTheHostFolder() {
    String dots = UrlNames.stem("https://ex.com/../../etc/passwd");
    // host, hash folder, name: no more folders, and none of them a dot name
    assertEquals(-1, dots.indexOf('/', "ex.com/xx/".length()), dots);
    assertEquals(false, dots.substring("ex.com/xx/".length()).startsWith("."), dots);
    String empty = "https://ex.com/";
    String hash = UrlNames.hash8(empty);
    assertEquals("ex.com/" + hash.substring(0, 2) + "/index-" + hash, UrlNames.stem(empty));
    String hidden = "https://ex.com/.hidden.jpg";
    assertEquals("ex.com/" + UrlNames.hash8(hidden).substring(0, 2) + "/index.hidden-"
        + UrlNames.hash8(hidden) + ".jpg", UrlNames.stem(hidden));
    String longPath = "https://ex.com/" + "d/".repeat(200) + "x.jpg";
    assertEquals(120 + "-12345678".length() + "ex.com/xx/".length(),
        UrlNames.stem(longPath).length());
  }
}
