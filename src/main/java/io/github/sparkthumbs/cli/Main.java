package io.github.sparkthumbs.cli;

import io.github.sparkthumbs.job.Summary;
import io.github.sparkthumbs.job.ThumbnailJob;
import io.github.sparkthumbs.job.ManifestNotWritten;
import io.github.sparkthumbs.output.OutputLock;
import io.github.sparkthumbs.output.OutputStore;
import io.github.sparkthumbs.image.WebP;
import io.github.sparkthumbs.settings.OutputFormat;
import io.github.sparkthumbs.settings.Settings;
import io.github.sparkthumbs.settings.SettingsException;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkContext;
import picocli.CommandLine;

/**
 * Entry point for {@code scripts/thumbnail} and {@code spark-submit --class}: parse, validate,
 * run, exit 0 (all ok), 1 (some inputs failed), 2 (usage error, or the output is in use by
 * another run) or 3 (the run could not write its manifest). The master comes from
 * spark-submit when it runs us; {@code --master} or {@code local[*]} only when none is set. On
 * YARN the application's final status follows {@link YarnOutcome}.
 */
public final class Main {
  public static final int OK = 0;
  public static final int SOME_FAILED = 1;
  public static final int USAGE = 2;
  /** The run made thumbnails but could not write the manifest that names them. */
  public static final int NO_MANIFEST = 3;
  /** The master when neither spark-submit nor --master names one. */
  public static final String DEFAULT_MASTER = "local[*]";

  private Main() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (YarnOutcome.inClusterMode()) {
      YarnOutcome.endDriver(code);
      return;
    }
    System.exit(code);
  }

  /** Runs the command line; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    // picocli's default factory probes for Groovy closures with Class.forName, which on a class
    // path of Spark's ~250 jars opens every one of them to find nothing: 0.15-0.2 s of start-up.
    // We use no Groovy closures in annotations.
    if (System.getProperty("picocli.disable.closures") == null) {
      System.setProperty("picocli.disable.closures", "true");
    }
    CommandLineOptions opts = new CommandLineOptions();
    // @list files are ours to read (InputLister): picocli would expand them itself, splitting
    // lines on spaces and reading each word as an option, so a list could turn the SSRF guard off.
    CommandLine cli = new CommandLine(opts).setCaseInsensitiveEnumValuesAllowed(true)
        .setExpandAtFiles(false);
    Settings settings;
    try {
      cli.parseArgs(args);
      if (cli.isUsageHelpRequested()) {
        cli.usage(out);
        return OK;
      }
      if (cli.isVersionHelpRequested()) {
        cli.printVersionHelp(out);
        return OK;
      }
      settings = opts.toSettings();
      // Without libwebp every input would fail alike; say so once, before Spark starts.
      if (settings.image().format() == OutputFormat.WEBP && !WebP.available()) {
        return usage(cli, err, "--format webp needs libwebp: " + WebP.status());
      }
    } catch (CommandLine.ParameterException | SettingsException e) {
      return usage(cli, err, e.getMessage());
    }

    SparkConf conf = new SparkConf().setAppName("spark-thumbnailer");
    if (opts.master != null) {
      String given = conf.get("spark.master", null);
      if (given != null && !given.equals(opts.master)) {
        return usage(cli, err, "--master " + opts.master + " conflicts with spark.master="
            + given + " set by spark-submit; give only one");
      }
      conf.set("spark.master", opts.master);
    }
    conf.setIfMissing("spark.master", DEFAULT_MASTER);
    conf.setIfMissing("spark.ui.showConsoleProgress", "true");
    if (conf.get("spark.master").startsWith("local")) {
      // A local run is one short batch, seldom watched in a browser; the UI's Jetty server is
      // part of start-up. -Dspark.ui.enabled=true (or spark-submit --conf) brings it back.
      conf.setIfMissing("spark.ui.enabled", "false");
    }
    long t0 = System.nanoTime();
    SparkContext sc = SparkContext.getOrCreate(conf);
    out.printf("spark %s started on %s in %.1f s%n", sc.version(), sc.master(),
        (System.nanoTime() - t0) / 1e9);
    int code = -1; // stays so only when an exception escapes the run: a failed application
    try {
      code = runJob(sc, opts, settings, cli, out, err);
      return code;
    } finally {
      YarnOutcome.stop(sc, code);
    }
  }

  private static int runJob(SparkContext sc, CommandLineOptions opts, Settings settings,
      CommandLine cli, PrintStream out, PrintStream err) {
    try {
      Summary summary = ThumbnailJob.run(sc, opts.inputs, settings, out, err);
      return summary.exitCode();
    } catch (java.io.FileNotFoundException | SettingsException e) {
      // a missing @list, or a list without the columns --url-column / --keep-columns name
      return usage(cli, err, e.getMessage());
    } catch (OutputLock.Busy | OutputStore.Unsafe e) {
      err.println("thumbnail: " + e.getMessage());
      return USAGE;
    } catch (ManifestNotWritten e) {
      err.println("thumbnail: " + e.getMessage());
      return NO_MANIFEST;
    } catch (IOException e) {
      err.println("thumbnail: " + e);
      return SOME_FAILED;
    }
  }

  private static int usage(CommandLine cli, PrintStream err, String message) {
    err.println("thumbnail: " + message);
    err.println("Try 'thumbnail --help' for the options.");
    return USAGE;
  }
}
