package io.github.sparkthumbs.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * The report page: one file with its style inline and no script, nothing fetched at view time;
 * the thumbnails are relative links into the output, so the page works wherever the output folder
 * is copied to. Every number a test or a reader checks has an id ({@code count-ok}, ...).
 */
final class ReportHtml {
  private ReportHtml() {}

  static String render(Path root, Path manifest, ReportStats s) {
    StringBuilder h = new StringBuilder(64 * 1024);
    String rootText = root.toString();
    h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Thumbnails: ")
        .append(esc(rootText)).append("</title>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<style>\n").append(STYLE).append("</style></head>\n<body>\n");
    h.append("<h1>Thumbnail run</h1>\n<p class=\"meta\">output <code>").append(esc(rootText))
        .append("</code> &middot; manifest <code>").append(esc(manifest.getName()))
        .append("</code> &middot; report made ").append(Instant.now().toString(), 0, 19)
        .append("Z</p>\n");

    h.append("<div class=\"top\"><section id=\"summary\"><h2>Summary</h2>\n<table class=\"counts\">\n");
    row(h, "inputs", "count-total", s.ok + s.failed + s.skipped);
    row(h, "ok", "count-ok", s.ok);
    row(h, "failed", "count-failed", s.failed);
    row(h, "skipped", "count-skipped", s.skipped);
    row(h, "ok with warnings", "count-warnings", s.withWarnings);
    if (s.unreadable > 0) {
      row(h, "lines that are not manifest lines", "count-unreadable", s.unreadable);
    }
    h.append("<tr><th>source data</th><td>").append(String.format(Locale.ROOT, "%.1f MB",
        s.sourceBytes / 1e6)).append("</td></tr>\n");
    h.append("</table>\n");
    if (s.unreadable > 0) {
      h.append("<ul id=\"unreadable\">");
      for (ReportStats.BadLine b : s.unreadableExamples.items()) {
        h.append("<li><code>").append(esc(b.where())).append("</code>: ").append(esc(b.why()))
            .append("</li>");
      }
      h.append("</ul>\n");
    }
    if (!s.skipReasons.isEmpty()) {
      h.append("<p>skipped: ");
      list(h, s.skipReasons, "skip");
      h.append("</p>\n");
    }
    h.append("</section>\n");
    timeline(h, s);
    h.append("</div>\n");

    h.append("<section id=\"failures\"><h2>Failures by cause</h2>\n");
    if (s.errors.isEmpty()) {
      h.append("<p>None.</p>\n");
    } else {
      h.append("<table class=\"failures\"><tr><th>error</th><th>inputs</th><th>examples</th></tr>\n");
      for (Map.Entry<String, Long> e : s.errors.entrySet()) {
        h.append("<tr class=\"error\" data-error=\"").append(esc(e.getKey())).append("\"><td>")
            .append(esc(e.getKey())).append("</td><td class=\"n\">").append(e.getValue())
            .append("</td><td><ul>");
        for (ReportStats.Entry x : s.examples.get(e.getKey()).items()) {
          h.append("<li><code>").append(esc(x.source())).append("</code><br>")
              .append(esc(String.valueOf(x.message()))).append("</li>");
        }
        h.append("</ul></td></tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("</section>\n");

    List<ReportStats.Entry> sample = s.sample.items();
    h.append("<section id=\"contact-sheet\"><h2>Thumbnails</h2>\n<p>")
        .append(sample.size()).append(" of ").append(s.ok)
        .append(" ok inputs, the same sample on every rebuild (chosen by a hash of the source);"
            + " each links to its largest thumbnail.")
        .append(s.inShards == 0 ? "" : " " + s.inShards + " thumbnails inside tar or Parquet"
            + " shards are not shown.")
        .append("</p>\n<div class=\"sheet\">\n");
    for (ReportStats.Entry x : sample) {
      String title = esc(x.source()) + " (" + x.width() + 'x' + x.height() + ")";
      String full = link(rootText, x.full());
      String thumbnail = link(rootText, x.thumbnail());
      if (full == null || thumbnail == null) {
        // a manifest names what it likes: only files of this output are linked or loaded
        h.append("<span class=\"outside\" title=\"").append(title).append("\"><code>")
            .append(esc(thumbnail == null ? x.thumbnail() : x.full())).append("</code></span>\n");
        continue;
      }
      h.append("<a href=\"").append(esc(full)).append("\" title=\"").append(title)
          .append("\"><img src=\"").append(esc(thumbnail)).append("\" alt=\"")
          .append(esc(name(x.source()))).append("\"></a>\n");
    }
    h.append("</div></section>\n");

    h.append("<section id=\"slowest\"><h2>Slowest inputs</h2>\n<table><tr><th>ms</th>"
        + "<th>status</th><th>bytes</th><th>source</th></tr>\n");
    for (ReportStats.Entry x : s.slowest.items()) {
      h.append("<tr><td class=\"n\">").append(x.millis()).append("</td><td>")
          .append(esc(x.status() + (x.error() != null ? " " + x.error() : "")))
          .append("</td><td class=\"n\">").append(x.bytes()).append("</td><td><code>")
          .append(esc(x.source())).append("</code></td></tr>\n");
    }
    h.append("</table></section>\n</body></html>\n");
    return h.toString();
  }

  private static void row(StringBuilder h, String label, String id, long n) {
    h.append("<tr><th>").append(label).append("</th><td id=\"").append(id).append("\">")
        .append(n).append("</td></tr>\n");
  }

  private static void list(StringBuilder h, Map<String, Long> counts, String kind) {
    String sep = "";
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      h.append(sep).append("<span class=\"").append(kind).append("\" data-").append(kind)
          .append("=\"").append(esc(e.getKey())).append("\">").append(esc(e.getKey()))
          .append(" <b>").append(e.getValue()).append("</b></span>");
      sep = ", ";
    }
  }

  /** Ok images/s over the run as an inline SVG bar chart, one bar per histogram bucket. */
  private static void timeline(StringBuilder h, ReportStats s) {
    h.append("<section id=\"timeline\"><h2>Images per second</h2>\n");
    TimeHistogram hist = s.okFinished;
    if (!s.hasTimes() || hist.counts.isEmpty()) {
      h.append("<p>No finish times of ok images in this manifest (lines written before they"
          + " were recorded).</p></section>\n");
      return;
    }
    hist.fitTo(RunReport.BARS);
    long first = hist.counts.firstKey();
    int n = (int) (hist.counts.lastKey() - first + 1);
    long[] perBar = new long[n];
    hist.counts.forEach((k, v) -> perBar[(int) (k - first)] = v);
    double slice = hist.width / 1000.0;
    double seconds = n * slice;
    double max = 0;
    for (long c : perBar) {
      max = Math.max(max, c / slice);
    }
    int w = 600;
    int ht = 160;
    int left = 50;
    int bottom = 20;
    double bar = (double) (w - left) / n;
    h.append("<svg id=\"rate-chart\" width=\"").append(w).append("\" height=\"").append(ht)
        .append("\" viewBox=\"0 0 ").append(w).append(' ').append(ht)
        .append("\" role=\"img\" aria-label=\"ok images per second over the run\">\n");
    for (int i = 0; i < n; i++) {
      double rate = perBar[i] / slice;
      double bh = max > 0 ? rate / max * (ht - bottom - 10) : 0;
      h.append(String.format(Locale.ROOT,
          "<rect data-n=\"%d\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\">"
              + "<title>%.1f-%.1f s: %.1f images/s</title></rect>\n",
          perBar[i], left + i * bar, ht - bottom - bh, Math.max(0.5, bar - 1), bh, i * slice,
          (i + 1) * slice, rate));
    }
    h.append(String.format(Locale.ROOT,
        "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" class=\"axis\"/>"
            + "<text x=\"%d\" y=\"14\" text-anchor=\"end\">%.1f/s</text>"
            + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>"
            + "<text x=\"%d\" y=\"%d\">0 s</text>"
            + "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.1f s</text>\n</svg>\n",
        left, ht - bottom, w, ht - bottom, left - 4, max, left - 4, ht - bottom, left,
        ht - 4, w, ht - 4, seconds));
    double run = (s.lastFinished - s.firstStart) / 1000.0;
    h.append(String.format(Locale.ROOT, "<p>%d ok in %.1f s from the first start to the last"
        + " finish: %.1f images/s on average; bars of %.1f s.</p>\n", sum(perBar), run,
        run > 0 ? sum(perBar) / run : 0.0, slice));
    h.append("</section>\n");
  }

  private static long sum(long[] a) {
    long n = 0;
    for (long x : a) {
      n += x;
    }
    return n;
  }

  /**
   * A thumbnail's link from the report beside it: relative, each path segment percent-encoded
   * (names may hold spaces, '#', '%' or '?'); null for anything that is not a file under the
   * root (another scheme or folder, {@code ..}): a manifest line can say anything, and a link is
   * followed on a click ({@code javascript:}) or loaded when the page opens ({@code http:}).
   */
  static String link(String root, String output) {
    String prefix = root.endsWith("/") ? root : root + "/";
    if (!output.startsWith(prefix)) {
      return null;
    }
    StringBuilder b = new StringBuilder();
    for (String seg : output.substring(prefix.length()).split("/", -1)) {
      if (seg.isEmpty() || seg.equals(".") || seg.equals("..")) {
        return null;
      }
      if (b.length() > 0) {
        b.append('/');
      }
      for (byte x : seg.getBytes(StandardCharsets.UTF_8)) {
        int c = x & 0xff;
        if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
            || c == '-' || c == '.' || c == '_' || c == '~') {
          b.append((char) c);
        } else {
          b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
              .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
        }
      }
    }
    // "./" so that a first segment with a colon is not read as a scheme
    return "./" + b;
  }

  private static String name(String source) {
    return source.substring(source.lastIndexOf('/') + 1);
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  private static final String STYLE = """
      body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
      h1 { margin: 0 0 .2em; } h2 { font-size: 1.15em; margin: 1.2em 0 .4em; }
      .meta { color: #666; margin-top: 0; }
      .top { display: flex; flex-wrap: wrap; gap: 3em; }
      table { border-collapse: collapse; }
      th, td { text-align: left; padding: .15em .8em .15em 0; vertical-align: top; }
      td.n, .counts td { text-align: right; font-variant-numeric: tabular-nums; }
      .failures td { border-top: 1px solid #ddd; } .failures ul { margin: 0; padding-left: 1em; }
      code { font-size: .92em; word-break: break-all; }
      #rate-chart rect { fill: #4a7ab5; } #rate-chart .axis { stroke: #888; }
      #rate-chart text { font-size: 11px; fill: #555; }
      .sheet { display: flex; flex-wrap: wrap; gap: 4px; }
      .sheet a { display: flex; width: 80px; height: 80px; align-items: center;
        justify-content: center; background: #f3f3f3; }
      .sheet img { max-width: 80px; max-height: 80px; }
      .sheet .outside { width: 160px; font-size: .8em; overflow: hidden; }
      """;
}
