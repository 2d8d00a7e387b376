package io.github.sparkthumbs.sql;

import io.github.sparkthumbs.image.ImageHeader;
import io.github.sparkthumbs.result.ErrorClass;
import io.github.sparkthumbs.result.ImageFailure;
import io.github.sparkthumbs.settings.Size;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.ScalaUDF;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructType;
import scala.Option;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * The SQL functions {@code thumbnail}, {@code image_info} and {@code image_dhash}: their result
 * types, their argument checks (run when a query is analysed, before any task) and their
 * expressions.
 *
 * <p>Each call is a {@link ScalaUDF} around a small serializable Java function: it is the
 * expression Spark itself makes for {@code udf(...)}, so it gets whole-stage code generation,
 * null handling and the conversion of a returned {@link Row} to a struct, and its function object
 * carries the options parsed once at analysis. Building it from Java is one constructor call;
 * the alternatives need more: {@code StaticInvoke} passes only expressions to its static method
 * (the options would be re-parsed per row, or smuggled in as object literals) and returns
 * Catalyst's internal rows, and a {@code UserDefinedFunction} gives a {@code Column}, which Spark
 * 4 turns into an expression only through its internal converters.
 */
public final class ThumbnailFunctions {
  public static final String THUMBNAIL = "thumbnail";
  public static final String IMAGE_INFO = "image_info";
  public static final String IMAGE_DHASH = "image_dhash";

  /** What {@code thumbnail(content, 'WxH'[, options])} returns. */
  public static final StructType THUMBNAIL_TYPE = new StructType()
      .add("bytes", DataTypes.BinaryType)
      .add("width", DataTypes.IntegerType)
      .add("height", DataTypes.IntegerType)
      .add("format", DataTypes.StringType)
      .add("source_width", DataTypes.IntegerType)
      .add("source_height", DataTypes.IntegerType)
      .add("error", DataTypes.StringType)
      .add("message", DataTypes.StringType)
      .add("warnings", DataTypes.createArrayType(DataTypes.StringType));

  /** What {@code image_info(content)} returns. */
  public static final StructType IMAGE_INFO_TYPE = new StructType()
      .add("format", DataTypes.StringType)
      .add("width", DataTypes.IntegerType)
      .add("height", DataTypes.IntegerType)
      .add("orientation", DataTypes.IntegerType)
      .add("error", DataTypes.StringType)
      .add("message", DataTypes.StringType);

  private ThumbnailFunctions() {}

  /** The three functions as a session extension injects them or a registry takes them. */
  static List<Definition> definitions() {
    return List.of(
        new Definition(THUMBNAIL, "_FUNC_(content, 'WxH'[, options]) - a thumbnail of the"
            + " image in content (binary), fit in the box, as a struct; options is a map of the"
            + " command line's flags without dashes, e.g. map('mode', 'crop', 'format', 'png')",
            new Builder(THUMBNAIL, 2, 3)),
        new Definition(IMAGE_INFO, "_FUNC_(content) - format, width and height (as displayed)"
            + " and EXIF orientation from the image's header, without decoding it",
            new Builder(IMAGE_INFO, 1, 1)),
        new Definition(IMAGE_DHASH, "_FUNC_(content) - the 64-bit difference hash of the image"
            + " as 16 hex digits, as the command line's --hash dhash; null for no image",
            new Builder(IMAGE_DHASH, 1, 1)));
  }

  /** A function's name, its DESCRIBE FUNCTION text and its builder. */
  record Definition(String name, String usage, Builder builder) {
    FunctionIdentifier id() {
      return new FunctionIdentifier(name, Option.empty(), Option.empty());
    }

    ExpressionInfo info() {
      return new ExpressionInfo(ThumbnailFunctions.class.getName(), null, name, usage, "", "", "",
          "", "", "", "");
    }
  }

  /** Checks a call's arguments and makes its expression; a bad one fails the analysis. */
  static final class Builder extends AbstractFunction1<Seq<Expression>, Expression>
      implements Serializable {
    private final String name;
    private final int min;
    private final int max;

    Builder(String name, int min, int max) {
      this.name = name;
      this.min = min;
      this.max = max;
    }

    @Override
    public Expression apply(Seq<Expression> args) {
      List<Expression> a = CollectionConverters.asJava(args);
      if (a.size() < min || a.size() > max) {
        throw new IllegalArgumentException(name + ": takes " + (min == max ? "" + min
            : min + " or " + max) + " arguments ("
            + (name.equals(THUMBNAIL) ? "content, 'WxH'[, options]" : "content") + "), got "
            + a.size());
      }
      Expression content = a.get(0);
      if (!(content.dataType() instanceof BinaryType)) {
        throw new IllegalArgumentException(name + ": content must be binary (binaryFile's"
            + " content column), got " + content.dataType().simpleString());
      }
      return switch (name) {
        case THUMBNAIL -> udf(new Thumbnail(ThumbnailOptions.parse(size(a.get(1)),
            a.size() > 2 ? options(a.get(2)) : Map.of(), name)), THUMBNAIL_TYPE, content);
        case IMAGE_INFO -> udf(new Info(), IMAGE_INFO_TYPE, content);
        default -> udf(new Dhash(ThumbnailOptions.forHash()), DataTypes.StringType, content);
      };
    }

    private ScalaUDF udf(AbstractFunction1<byte[], Object> f, DataType type, Expression arg) {
      return new ScalaUDF(f, type, seq(arg), seq(), Option.empty(), Option.apply(name), true,
          true);
    }

    private Size size(Expression e) {
      if (!(e.dataType() instanceof StringType) || !e.foldable()) {
        throw new IllegalArgumentException(name + ": the size must be a constant string such as"
            + " '64x64', got " + e.sql());
      }
      Object v = e.eval(null);
      try {
        return Size.parse(v == null ? "" : v.toString());
      } catch (IllegalArgumentException bad) {
        throw new IllegalArgumentException(name + ": size " + bad.getMessage(), bad);
      }
    }

    private Map<String, String> options(Expression e) {
      if (!(e.dataType() instanceof MapType t) || !(t.keyType() instanceof StringType)
          || !e.foldable()) {
        throw new IllegalArgumentException(name + ": the options must be a constant map with"
            + " string keys such as map('mode', 'crop'), got " + e.sql());
      }
      Object scala = CatalystTypeConverters.convertToScala(e.eval(null), t);
      Map<String, String> out = new LinkedHashMap<>();
      if (scala != null) {
        CollectionConverters.asJava((scala.collection.Map<?, ?>) scala)
            .forEach((k, v) -> out.put(String.valueOf(k), v == null ? null : v.toString()));
      }
      return out;
    }
  }

  @SafeVarargs
  private static <T> Seq<T> seq(T... items) {
    return CollectionConverters.asScala(List.of(items)).toList();
  }

  /** {@code thumbnail}: the encoded bytes and the source's header, or the error. */
  static final class Thumbnail extends AbstractFunction1<byte[], Object> implements Serializable {
    private final ThumbnailOptions options;

    Thumbnail(ThumbnailOptions options) {
      this.options = options;
    }

    @Override
    public Object apply(byte[] content) {
      if (content == null) {
        return null;
      }
      ThumbnailOptions.Outcome o = options.make(content);
      if (o.failure() != null) {
        return failed(o.failure(), THUMBNAIL_TYPE);
      }
      ImageHeader out;
      try {
        out = ThumbnailOptions.header(o.bytes());
      } catch (ImageFailure f) { // a bug of ours, still no reason to fail the task
        return failed(new ImageFailure(ErrorClass.INTERNAL,
            "internal error (a bug): our own thumbnail's header: " + f.getMessage(), f),
            THUMBNAIL_TYPE);
      }
      return RowFactory.create(o.bytes(), out.width(), out.height(), o.format(), o.sourceWidth(),
          o.sourceHeight(), null, null, o.warnings().toArray(new String[0]));
    }
  }

  /** {@code image_info}: the header, as displayed. */
  static final class Info extends AbstractFunction1<byte[], Object> implements Serializable {
    @Override
    public Object apply(byte[] content) {
      if (content == null) {
        return null;
      }
      try {
        ImageHeader h = ThumbnailOptions.header(content);
        return RowFactory.create(h.format(), h.displayedWidth(), h.displayedHeight(),
            h.orientation(), null, null);
      } catch (ImageFailure f) {
        return failed(f, IMAGE_INFO_TYPE);
      }
    }
  }

  /** {@code image_dhash}: 16 hex digits, null when there is no image to hash. */
  static final class Dhash extends AbstractFunction1<byte[], Object> implements Serializable {
    private final ThumbnailOptions options;

    Dhash(ThumbnailOptions options) {
      this.options = options;
    }

    @Override
    public Object apply(byte[] content) {
      return content == null ? null : options.make(content).dhash();
    }
  }

  /** A row of {@code type} with only its error and message set. */
  private static Row failed(ImageFailure f, StructType type) {
    Object[] values = new Object[type.size()];
    values[type.fieldIndex("error")] = f.errorClass().label();
    values[type.fieldIndex("message")] = f.getMessage();
    if (type.getFieldIndex("warnings").isDefined()) {
      values[type.fieldIndex("warnings")] = new String[0];
    }
    return RowFactory.create(values);
  }
}
