package io.github.sparkthumbs.fetch;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of address ranges in CIDR notation, all of one family, that answers "is this address in
 * one of them". A table rather than a chain of ifs so that each range reads as written in the
 * registry it comes from, and a reviewer can check the rows one by one.
 */
final class CidrList {
  private final List<Cidr> ranges;
  private final int length;

  private record Cidr(byte[] prefix, int bits, String text) {
    boolean contains(byte[] address) {
      int whole = bits / 8;
      for (int i = 0; i < whole; i++) {
        if (address[i] != prefix[i]) {
          return false;
        }
      }
      int rest = bits % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xFF << (8 - rest)) & 0xFF;
      return (address[whole] & mask) == (prefix[whole] & mask);
    }
  }

  private CidrList(List<Cidr> ranges, int length) {
    this.ranges = ranges;
    this.length = length;
  }

  /**
   * @param cidrs address literals with a prefix length, {@code "10.0.0.0/8"} or
   *     {@code "2001:db8::/32"}, all IPv4 or all IPv6; host bits must be zero
   */
  static CidrList of(String... cidrs) {
    List<Cidr> out = new ArrayList<>();
    int length = -1;
    for (String c : cidrs) {
      int slash = c.indexOf('/');
      byte[] prefix = literal(c.substring(0, slash));
      int bits = Integer.parseInt(c.substring(slash + 1));
      if (length != -1 && prefix.length != length) {
        throw new IllegalArgumentException("mixed address families: " + c);
      }
      length = prefix.length;
      if (bits < 0 || bits > length * 8) {
        throw new IllegalArgumentException("bad prefix length: " + c);
      }
      if (!hostBitsZero(prefix, bits)) {
        throw new IllegalArgumentException("host bits set in " + c);
      }
      out.add(new Cidr(prefix, bits, c));
    }
    return new CidrList(List.copyOf(out), length);
  }

  /** Whether {@code address} (4 or 16 bytes, the family of this list) is in a range. */
  boolean contains(byte[] address) {
    return match(address) != null;
  }

  /** The first range holding {@code address} as written in the table, or null. */
  String match(byte[] address) {
    if (address.length != length) {
      return null;
    }
    for (Cidr c : ranges) {
      if (c.contains(address)) {
        return c.text();
      }
    }
    return null;
  }

  /**
   * The bytes of an address literal. Java turns {@code ::ffff:a.b.c.d} into an IPv4 address; a
   * literal with a colon is kept at 16 bytes so that IPv6 tables can hold such prefixes.
   */
  private static byte[] literal(String s) {
    if (s.indexOf(':') < 0 && !s.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
      throw new IllegalArgumentException("not an address literal: " + s); // never a DNS name
    }
    byte[] b;
    try {
      b = InetAddress.getByName(s).getAddress(); // a literal: no DNS lookup
    } catch (UnknownHostException e) {
      throw new UncheckedIOException("not an address literal: " + s, e);
    }
    if (s.indexOf(':') >= 0 && b.length == 4) {
      byte[] mapped = new byte[16];
      mapped[10] = (byte) 0xFF;
      mapped[11] = (byte) 0xFF;
      System.arraycopy(b, 0, mapped, 12, 4);
      return mapped;
    }
    return b;
  }

  private static boolean hostBitsZero(byte[] prefix, int bits) {
    for (int i = 0; i < prefix.length * 8; i++) {
      if (i >= bits && (prefix[i / 8] & (0x80 >>> (i % 8))) != 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return ranges.stream().map(Cidr::text).toList().toString();
  }
}
