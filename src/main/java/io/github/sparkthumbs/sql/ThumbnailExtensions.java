package io.github.sparkthumbs.sql;

import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry$;
import org.apache.spark.sql.SparkSessionExtensions;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * Installs the SQL functions ({@link ThumbnailFunctions}) in Spark sessions: every session of an
 * application started with {@code --conf
 * spark.sql.extensions=io.github.sparkthumbs.sql.ThumbnailExtensions} (spark-shell, spark-sql,
 * spark-submit, a Spark Connect server), or one session that already runs, through
 * {@link #install}.
 */
public final class ThumbnailExtensions
    extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {

  /** Spark makes the extension by this constructor, by its class name. */
  public ThumbnailExtensions() {}

  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    for (ThumbnailFunctions.Definition d : ThumbnailFunctions.definitions()) {
      extensions.injectFunction(new scala.Tuple3<>(d.id(), d.info(), d.builder()));
    }
    return BoxedUnit.UNIT;
  }

  /**
   * Registers the functions in {@code session}, which was started without the extension (a
   * notebook's, say); other sessions are untouched. Calling it again replaces them.
   */
  public static void install(SparkSession session) {
    var registry = ((org.apache.spark.sql.classic.SparkSession) session).sessionState()
        .functionRegistry();
    for (ThumbnailFunctions.Definition d : ThumbnailFunctions.definitions()) {
      // The registry keys built-in functions by a qualified name, as the extension path does.
      registry.registerFunction(FunctionRegistry$.MODULE$.builtinFunctionIdentifier(d.name()),
          d.info(), d.builder());
    }
  }
}
