package io.github.sparkthumbs.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic TIFF of one IFD, entry by entry, for tests of the code that walks TIFF headers: the
 * header, the IFD at offset 8 (entries in the order added), the values too long for their entry,
 * then the strips, the last one ending the file. Every count, type and offset can be made to lie.
 */
public final class TiffBuilder {
  public static final int SHORT = 3;
  public static final int LONG = 4;

  private final ByteOrder order;
  private final List<long[]> entries = new ArrayList<>(); // tag, type, count, values...
  private final List<byte[]> strips = new ArrayList<>();
  private int stripType = -1;
  private int declared = -1;

  public TiffBuilder(ByteOrder order) {
    this.order = order;
  }

  /** An entry of {@code values} (type SHORT or LONG, or any other type number). */
  public TiffBuilder add(int tag, int type, long... values) {
    return addCounted(tag, type, values.length, values);
  }

  /**
   * An entry whose count says {@code count}; as many of {@code values} as that count's place
   * holds are written (in the entry when {@code count} values fit 4 bytes).
   */
  public TiffBuilder addCounted(int tag, int type, int count, long... values) {
    long[] e = new long[3 + values.length];
    e[0] = tag;
    e[1] = type;
    e[2] = count;
    System.arraycopy(values, 0, e, 3, values.length);
    entries.add(e);
    return this;
  }

  /**
   * {@code strips} at the end of the file, with StripOffsets and StripByteCounts entries of
   * {@code type} added here (their values are known when the file is built).
   */
  public TiffBuilder strips(int type, byte[]... strips) {
    stripType = type;
    this.strips.addAll(List.of(strips));
    entries.add(new long[] {273, type, strips.length});
    entries.add(new long[] {279, type, strips.length});
    return this;
  }

  /** The entry count the IFD states, when it should differ from the entries written. */
  public TiffBuilder declare(int count) {
    declared = count;
    return this;
  }

  private static int size(long type) {
    return type == SHORT ? 2 : 4;
  }

  public byte[] build() {
    int ifdEnd = 8 + 2 + 12 * entries.size() + 4;
    int extra = 0;
    for (long[] e : entries) {
      extra += e[2] * size(e[1]) > 4 ? (int) e[2] * size(e[1]) : 0;
    }
    int stripsAt = ifdEnd + extra;
    long[] offsets = new long[strips.size()];
    long[] lengths = new long[strips.size()];
    int total = stripsAt;
    for (int i = 0; i < strips.size(); i++) {
      offsets[i] = total;
      lengths[i] = strips.get(i).length;
      total += strips.get(i).length;
    }
    ByteBuffer b = ByteBuffer.allocate(total).order(order);
    b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
    b.put(b.get(0)).putShort((short) 42).putInt(8);
    b.putShort((short) (declared >= 0 ? declared : entries.size()));
    int next = ifdEnd;
    for (long[] e : entries) {
      long[] values = new long[e.length - 3];
      System.arraycopy(e, 3, values, 0, values.length);
      if (e[0] == 273 && e[1] == stripType && values.length == 0) {
        values = offsets;
      } else if (e[0] == 279 && e[1] == stripType && values.length == 0) {
        values = lengths;
      }
      int size = size(e[1]);
      int at = b.position();
      b.putShort((short) e[0]).putShort((short) e[1]).putInt((int) e[2]);
      int valuesAt = at + 8;
      int room = 4;
      if (e[2] * size > 4) {
        b.putInt(next);
        valuesAt = next;
        room = (int) e[2] * size;
        next += room;
      } else {
        b.putInt(0);
      }
      for (int i = 0; i < values.length && (i + 1) * size <= room; i++) {
        if (size == 2) {
          b.putShort(valuesAt + 2 * i, (short) values[i]);
        } else {
          b.putInt(valuesAt + 4 * i, (int) values[i]);
        }
      }
    }
    b.putInt(0); // no next IFD
    b.position(stripsAt);
    for (byte[] s : strips) {
      b.put(s);
    }
    return b.array();
  }
}
