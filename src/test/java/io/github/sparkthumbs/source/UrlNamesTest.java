package io.github.sparkthumbs.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Output stems of URLs: readable, deterministic, and never shared by two URLs. */
class UrlNamesTest {
  @Test
  void hostPathAndAHashOfTheWholeUrl() {
    String url = "https://ex.com/a/b%20c.jpg?x=1";
    assertEquals("ex.com/a_b_20c-" + UrlNames.hash8(url) + ".jpg", UrlNames.stem(url));
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
    assertEquals(-1, dots.indexOf('/', "ex.com/".length()), dots);
    assertEquals(false, dots.startsWith("ex.com/."), dots);
    String empty = "https://ex.com/";
    assertEquals("ex.com/index-" + UrlNames.hash8(empty), UrlNames.stem(empty));
    String hidden = "https://ex.com/.hidden.jpg";
    assertEquals("ex.com/index.hidden-" + UrlNames.hash8(hidden) + ".jpg", UrlNames.stem(hidden));
    String longPath = "https://ex.com/" + "d/".repeat(200) + "x.jpg";
    assertEquals(120 + "-12345678".length() + "ex.com/".length(),
        UrlNames.stem(longPath).length());
  }
}
