package io.github.sparkthumbs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Library;
import io.github.sparkthumbs.image.ImageDecoder;
import java.io.IOException;
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
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Rules on the shape of the main code that no single class's test would see broken. */
class CodeShapeTest {
  static final int MAX_PARAMETERS = 7;
  static final int MAX_RECORD_COMPONENTS = 12;

  /**
   * Not counted: a record's canonical constructor (its components are the record's shape, a rule
   * of its own: {@link #recordsHaveAtMostTwelveComponents}); a JNA binding, whose parameters are
   * the C function's.
   */
  @Test
  void noMethodOrConstructorTakesMoreThanSevenParameters() throws Exception {
    List<String> over = new ArrayList<>();
    for (Class<?> c : mainClasses()) {
      if (Library.class.isAssignableFrom(c) || c.isAnonymousClass() || c.isLocalClass()) {
        continue;
      }
      List<Executable> all = new ArrayList<>(Arrays.asList(c.getDeclaredMethods()));
      all.addAll(Arrays.asList(c.getDeclaredConstructors()));
      for (Executable e : all) {
        int n = declaredParameters(c, e);
        String where = shortName(c) + (e instanceof Method ? "." + e.getName() : ".<init>");
        if (n > MAX_PARAMETERS && !e.isSynthetic() && !isCanonical(c, e)) {
          over.add(where + " (" + n + ")");
        }
      }
    }
    assertEquals(List.of(), over, "more than " + MAX_PARAMETERS + " parameters: a parameter"
        + " object (as image.DecodeRequest) reads better");
  }

  /** A record of more parts than that is a list of fields: nested records read better. */
  @Test
  void recordsHaveAtMostTwelveComponents() throws Exception {
    List<String> over = new ArrayList<>();
    for (Class<?> c : mainClasses()) {
      String where = shortName(c);
      if (c.isRecord() && c.getRecordComponents().length > MAX_RECORD_COMPONENTS) {
        over.add(where + " (" + c.getRecordComponents().length + ")");
      }
    }
    assertEquals(List.of(), over, "records with more than " + MAX_RECORD_COMPONENTS
        + " components: group them in nested records (as settings.Settings and result.ThumbResult)");
  }

  /**
   * The image core takes the image settings alone: an {@code image/} class that reads the whole
   * {@code Settings} could not be built without an output.
   */
  @Test
  void theImageCoreDoesNotUseTheWholeSettings() throws IOException {
    Pattern whole = Pattern.compile("io\\.github\\.sparkthumbs\\.settings\\.Settings\\b");
    List<String> found = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(Path.of("src/main/java/io/github/sparkthumbs/image"))) {
      for (Path f : walk.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        if (whole.matcher(Files.readString(f)).find()) {
          found.add(f.getFileName().toString());
        }
      }
    }
    assertEquals(List.of(), found, "image/ classes naming settings.Settings");
  }

  /** Every class compiled from src/main, nested ones included, not initialized. */
  private List<Class<?>> mainClasses() throws Exception {
    Path classes = Path.of(ImageDecoder.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(classes)) {
      files = walk.filter(p -> p.toString().endsWith(".class")).sorted().toList();
    }
    List<Class<?>> out = new ArrayList<>();
    for (Path file : files) {
      String name = classes.relativize(file).toString().replace(file.getFileSystem()
          .getSeparator(), ".").replaceAll("\\.class$", "");
      out.add(Class.forName(name, false, getClass().getClassLoader()));
    }
    return out;
  }

  private static String shortName(Class<?> c) {
    return c.getName().replace("io.github.sparkthumbs.", "").replace('$', '.');
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
