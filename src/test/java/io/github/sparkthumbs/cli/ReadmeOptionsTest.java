package io.github.sparkthumbs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README's option tables against the real command line: every flag --help knows is in a
 * table, every flag in a table exists, and the default a table states is the one --help prints
 * (which comes from the defaults' one home). A new flag or a changed default breaks the build
 * until the README says it.
 */
class ReadmeOptionsTest {
  private static final Pattern DEFAULT = Pattern.compile("Default: (.*?)[.,](?:\\s|$)");

  /** Option name -> the default the README states, backticks removed. */
  static Map<String, String> readmeDefaults() throws IOException {
    String readme = Files.readString(
        Path.of(System.getProperty("project.dir", ".")).resolve("README.md"),
        StandardCharsets.UTF_8);
    Map<String, String> out = new TreeMap<>();
    for (String line : readme.lines().toList()) {
      if (!line.startsWith("| `-")) {
        continue;
      }
      String[] cells = line.split("(?<!\\\\)\\|");
      for (String token : cells[1].replace("`", " ").split("[\\s,]+")) {
        if (token.startsWith("-")) {
          out.put(token, cells[2].replace("`", "").strip());
        }
      }
    }
    return out;
  }

  /** What --help says the default is, in the README's words. */
  static String helpDefault(OptionSpec o) {
    if (o.required()) {
      return "(required)";
    }
    if (o.type() == boolean.class) {
      return "off";
    }
    String help = String.join(" ", o.description());
    if (help.contains("${DEFAULT-VALUE}")) {
      return o.defaultValueString();
    }
    Matcher m = DEFAULT.matcher(help);
    return m.find() ? m.group(1) : "none";
  }

  @Test
  void readmeTablesMatchTheCommandLine() throws IOException {
    Map<String, String> readme = readmeDefaults();
    Map<String, String> help = new LinkedHashMap<>();
    for (OptionSpec o : new CommandLine(new CommandLineOptions()).getCommandSpec().options()) {
      if (o.usageHelp() || o.versionHelp()) {
        continue;
      }
      for (String name : o.names()) {
        help.put(name, helpDefault(o));
      }
    }
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> e : help.entrySet()) {
      String stated = readme.get(e.getKey());
      if (!e.getValue().equals(stated)) {
        wrong.add(e.getKey() + ": --help says " + e.getValue() + ", README says " + stated);
      }
    }
    for (String name : readme.keySet()) {
      if (!help.containsKey(name)) {
        wrong.add(name + ": in the README, unknown to the command line");
      }
    }
    assertEquals(List.of(), wrong);
  }
}
