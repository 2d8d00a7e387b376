package io.github.sparkthumbs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Library;
import io.github.sparkthumbs.image.ImageDecoder;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rules on the shape of the main code that no single class's test would see broken. */
class CodeShapeTest {
  static final int MAX_PARAMETERS = 7;

  /**
   * Not counted: a record's canonical constructor (its components are the record's shape, a rule
   * of its own); a JNA binding, whose parameters are the C function's. {@code ThumbResult.ok}
   * takes one argument per manifest column of an ok row, so its record decides its shape.
   */
  private static final Set<String> EXEMPT = Set.of("result.ThumbResult.ok");

  @Test
  void noMethodOrConstructorTakesMoreThanSevenParameters() throws Exception {
    Path classes = Path.of(ImageDecoder.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    List<String> over = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
    }
    for (Path file : files) {
      String name = classes.relativize(file).toString().replace(file.getFileSystem()
          .getSeparator(), ".").replaceAll("\\.class$", "");
      Class<?> c = Class.forName(name, false, getClass().getClassLoader());
      if (Library.class.isAssignableFrom(c) || c.isAnonymousClass() || c.isLocalClass()) {
        continue;
      }
      List<Executable> all = new ArrayList<>(Arrays.asList(c.getDeclaredMethods()));
      all.addAll(Arrays.asList(c.getDeclaredConstructors()));
      for (Executable e : all) {
        int n = declaredParameters(c, e);
        String where = c.getName().replace("io.github.sparkthumbs.", "").replace('$', '.')
            + (e instanceof Method ? "." + e.getName() : ".<init>");
        if (n > MAX_PARAMETERS && !e.isSynthetic() && !isCanonical(c, e)
            && !EXEMPT.contains(where)) {
          over.add(where + " (" + n + ")");
        }
      }
    }
    assertEquals(List.of(), over, "more than " + MAX_PARAMETERS + " parameters: a parameter"
        + " object (as image.DecodeRequest) reads better");
  }

  /** The parameters in the source: without those javac adds for an enum or an inner class. */
  private static int declaredParameters(Class<?> c, Executable e) {
    int n = e.getParameterCount();
    if (e instanceof Constructor<?> && c.isEnum()) {
      return n - 2;
    }
    if (e instanceof Constructor<?> && c.isMemberClass() && !Modifier.isStatic(c.getModifiers())) {
      return n - 1;
    }
    return n;
  }

  private static boolean isCanonical(Class<?> c, Executable e) {
    if (!c.isRecord() || !(e instanceof Constructor<?>)) {
      return false;
    }
    Class<?>[] components = Arrays.stream(c.getRecordComponents())
        .map(RecordComponent::getType).toArray(Class<?>[]::new);
    return Arrays.equals(components, e.getParameterTypes());
  }
}
