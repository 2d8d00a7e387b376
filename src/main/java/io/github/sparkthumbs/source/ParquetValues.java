package io.github.sparkthumbs.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * The values of a Parquet list's row as JSON, as Spark SQL's {@code to_json} writes the columns
 * it reads from Parquet, so that kept columns keep their types in the manifest: numbers stay
 * numbers, text stays text, lists become arrays and groups objects; dates are
 * {@code yyyy-MM-dd}, timestamps {@code yyyy-MM-dd'T'HH:mm:ss.SSS} with the offset (in UTC, so that
 * a manifest does not depend on the time zone of the machine that wrote it), bytes base64. A null
 * field of a group is left out, a null element of a list is {@code null}.
 */
final class ParquetValues {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter LOCAL_TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);
  /** Julian day of 1970-01-01: INT96 timestamps count days from the Julian epoch. */
  private static final long UNIX_EPOCH_JULIAN_DAY = 2_440_588;

  private ParquetValues() {}

  /** The fields of {@code g} that hold a value, by name; null when none does. */
  static ObjectNode object(Group g, GroupType t) {
    ObjectNode o = NODES.objectNode();
    for (int i = 0; i < t.getFieldCount(); i++) {
      JsonNode v = field(g, t, i);
      if (!v.isNull()) {
        o.set(t.getFieldName(i), v);
      }
    }
    return o;
  }

  /** Field {@code i} of {@code g}: its value, an array for a repeated field, or null. */
  static JsonNode field(Group g, GroupType t, int i) {
    Type f = t.getType(i);
    int n = g.getFieldRepetitionCount(i);
    if (f.isRepetition(Type.Repetition.REPEATED)) { // a list written without the LIST type
      ArrayNode a = NODES.arrayNode();
      for (int j = 0; j < n; j++) {
        a.add(value(g, i, j, f));
      }
      return a;
    }
    return n == 0 ? NullNode.instance : value(g, i, 0, f);
  }

  /**
   * A field's value as text: the text of a string or of bytes (UTF-8, as Spark casts bytes to a
   * string), a number's digits, JSON for a list or a group; null for no value.
   */
  static String text(Group g, GroupType t, int i) {
    Type f = t.getType(i);
    if (f.isPrimitive() && !f.isRepetition(Type.Repetition.REPEATED)
        && g.getFieldRepetitionCount(i) > 0
        && isBytes(f.asPrimitiveType()) && !(f.getLogicalTypeAnnotation()
            instanceof DecimalLogicalTypeAnnotation)) {
      return g.getBinary(i, 0).toStringUsingUTF8();
    }
    JsonNode v = field(g, t, i);
    return v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
  }

  private static boolean isBytes(PrimitiveType p) {
    return p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.BINARY
        || p.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
  }

  private static JsonNode value(Group g, int i, int j, Type f) {
    if (!f.isPrimitive()) {
      return group(g.getGroup(i, j), f.asGroupType());
    }
    PrimitiveType p = f.asPrimitiveType();
    LogicalTypeAnnotation a = p.getLogicalTypeAnnotation();
    return switch (p.getPrimitiveTypeName()) {
      case BOOLEAN -> BooleanNode.valueOf(g.getBoolean(i, j));
      case FLOAT -> FloatNode.valueOf(g.getFloat(i, j));
      case DOUBLE -> DoubleNode.valueOf(g.getDouble(i, j));
      case INT32 -> int32(g.getInteger(i, j), a);
      case INT64 -> int64(g.getLong(i, j), a);
      case INT96 -> TextNode.valueOf(TIMESTAMP.format(int96(g.getInt96(i, j))));
      case BINARY, FIXED_LEN_BYTE_ARRAY -> bytes(g.getBinary(i, j), a);
    };
  }

  private static JsonNode int32(int v, LogicalTypeAnnotation a) {
    if (a instanceof DecimalLogicalTypeAnnotation d) {
      return DecimalNode.valueOf(BigDecimal.valueOf(v, d.getScale()));
    }
    if (a instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return TextNode.valueOf(LocalDate.ofEpochDay(v).toString());
    }
    if (a instanceof IntLogicalTypeAnnotation n && !n.isSigned()) {
      return LongNode.valueOf(Integer.toUnsignedLong(v));
    }
    return IntNode.valueOf(v);
  }

  private static JsonNode int64(long v, LogicalTypeAnnotation a) {
    if (a instanceof DecimalLogicalTypeAnnotation d) {
      return DecimalNode.valueOf(BigDecimal.valueOf(v, d.getScale()));
    }
    if (a instanceof TimestampLogicalTypeAnnotation t) {
      Instant at = switch (t.getUnit()) {
        case MILLIS -> Instant.ofEpochMilli(v);
        case MICROS -> Instant.EPOCH.plus(v, java.time.temporal.ChronoUnit.MICROS);
        case NANOS -> Instant.EPOCH.plusNanos(v);
      };
      return TextNode.valueOf((t.isAdjustedToUTC() ? TIMESTAMP : LOCAL_TIMESTAMP).format(at));
    }
    if (a instanceof IntLogicalTypeAnnotation n && !n.isSigned()) {
      return DecimalNode.valueOf(new BigDecimal(Long.toUnsignedString(v)));
    }
    return LongNode.valueOf(v);
  }

  /** Spark's legacy timestamps: nanoseconds of the day, then the Julian day, little-endian. */
  private static Instant int96(Binary b) {
    ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanos = buf.getLong();
    long day = buf.getInt();
    return Instant.EPOCH.plusSeconds(TimeUnit.DAYS.toSeconds(day - UNIX_EPOCH_JULIAN_DAY))
        .plusNanos(nanos);
  }

  private static JsonNode bytes(Binary b, LogicalTypeAnnotation a) {
    if (a instanceof DecimalLogicalTypeAnnotation d) {
      return DecimalNode.valueOf(new BigDecimal(new BigInteger(b.getBytes()), d.getScale()));
    }
    if (a instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation) {
      return TextNode.valueOf(b.toStringUsingUTF8());
    }
    return BinaryNode.valueOf(b.getBytes()); // written as base64, as Spark writes bytes
  }

  /** A group: a list, a map (an object keyed by the keys' text) or a struct. */
  private static JsonNode group(Group g, GroupType t) {
    LogicalTypeAnnotation a = t.getLogicalTypeAnnotation();
    if (a instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && t.getFieldCount() == 1
        && t.getType(0).isRepetition(Type.Repetition.REPEATED)) {
      return list(g, t);
    }
    if ((a instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || a instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
        && t.getFieldCount() == 1 && !t.getType(0).isPrimitive()
        && t.getType(0).asGroupType().getFieldCount() == 2) {
      ObjectNode o = NODES.objectNode();
      GroupType kv = t.getType(0).asGroupType();
      for (int j = 0; j < g.getFieldRepetitionCount(0); j++) {
        Group entry = g.getGroup(0, j);
        String key = text(entry, kv, 0);
        o.set(String.valueOf(key), field(entry, kv, 1));
      }
      return o;
    }
    return object(g, t);
  }

  /**
   * A LIST group, in either layout Parquet writers use: a repeated group holding the element
   * ({@code list.element}), or, in older files, the repeated field being the element itself.
   */
  private static JsonNode list(Group g, GroupType t) {
    Type repeated = t.getType(0);
    ArrayNode out = NODES.arrayNode();
    int n = g.getFieldRepetitionCount(0);
    boolean wrapped = !repeated.isPrimitive() && repeated.asGroupType().getFieldCount() == 1
        && !repeated.getName().equals("array") && !repeated.getName().endsWith("_tuple");
    for (int j = 0; j < n; j++) {
      if (wrapped) {
        Group holder = g.getGroup(0, j);
        out.add(field(holder, repeated.asGroupType(), 0));
      } else {
        out.add(value(g, 0, j, repeated));
      }
    }
    return out;
  }
}
