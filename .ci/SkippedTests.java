import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Lists the tests that were skipped, and why (their assumption messages), from the surefire and
 * failsafe XML reports: "Skipped: N" alone does not say that a native path went untested because
 * a package was missing (issue 14). Run by .ci/run after mvn, as a single-file program (Java 17
 * runs those without a build). Never fails the build: a report it cannot read is a note.
 */
public class SkippedTests {
  public static void main(String[] dirs) {
    Map<String, List<String>> byReason = new TreeMap<>();
    int tests = 0;
    for (String d : dirs) {
      File[] reports = new File(d).listFiles((f, n) -> n.startsWith("TEST-") && n.endsWith(".xml"));
      if (reports == null) {
        continue;
      }
      for (File report : reports) {
        try {
          var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report);
          NodeList cases = doc.getElementsByTagName("testcase");
          for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            tests++;
            NodeList skipped = c.getElementsByTagName("skipped");
            if (skipped.getLength() > 0) {
              String why = ((Element) skipped.item(0)).getAttribute("message");
              String name = c.getAttribute("classname").replaceAll(".*\\.", "") + "."
                  + c.getAttribute("name");
              byReason.computeIfAbsent(why.isEmpty() ? "(no reason given)" : why,
                  k -> new ArrayList<>()).add(name);
            }
          }
        } catch (Exception e) {
          System.out.println("skipped tests: cannot read " + report + ": " + e);
        }
      }
    }
    int n = byReason.values().stream().mapToInt(List::size).sum();
    System.out.println("skipped tests: " + n + " of " + tests
        + (n == 0 ? "" : ", by reason:"));
    byReason.forEach((why, names) -> System.out.println("  " + names.size() + " x " + why
        + ": " + String.join(", ", names)));
  }
}
