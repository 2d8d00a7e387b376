package io.github.sparkthumbs.fetch;

import java.io.Serializable;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;

/**
 * The SSRF guard: which URLs and addresses a fetch may reach. A URL list is user input, often
 * from strangers (a CSV of avatar links); without the guard one line can make every executor
 * read a cloud metadata service (169.254.169.254) or an admin page on localhost. Addresses are
 * judged after DNS resolution, by {@link GuardedDnsResolver}, so that a name pointing at
 * 127.0.0.1 is refused like the literal.
 */
public final class NetworkGuard implements Serializable {
  private final boolean allowPrivateNetwork;
  /** Addresses let through despite being internal: a seam for tests, empty in production. */
  private final Set<InetAddress> exempt;

  public NetworkGuard(boolean allowPrivateNetwork) {
    this(allowPrivateNetwork, Set.of());
  }

  NetworkGuard(boolean allowPrivateNetwork, Set<InetAddress> exempt) {
    this.allowPrivateNetwork = allowPrivateNetwork;
    this.exempt = Set.copyOf(exempt);
  }

  /** A URL refused before or while connecting; never retried. */
  public static final class Blocked extends UnknownHostException {
    Blocked(String message) {
      super(message);
    }
  }

  /** Refuses every scheme but http and https (a redirect to file: or gopher: included). */
  public void checkScheme(URI url) throws Blocked {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new Blocked("scheme '" + scheme + "' is not allowed, only http and https: " + url);
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new Blocked("no host in " + url);
    }
  }

  /** Whether a connection to {@code address} is allowed. */
  public boolean allows(InetAddress address) {
    return allowPrivateNetwork || exempt.contains(address) || !isInternal(address);
  }

  /**
   * Loopback, private, link-local, unique-local, multicast, unspecified and other non-public
   * ranges, for IPv4, IPv6 and IPv4 embedded in IPv6 (mapped {@code ::ffff:a.b.c.d}, compatible
   * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}), which reach the IPv4 host.
   */
  public static boolean isInternal(InetAddress a) {
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return isInternalV4(b);
    }
    if (a instanceof Inet6Address) {
      byte[] v4 = embeddedV4(b);
      if (v4 != null) {
        return isInternalV4(v4);
      }
      int first = b[0] & 0xFF;
      int second = b[1] & 0xFF;
      return a.isAnyLocalAddress() // ::
          || a.isLoopbackAddress() // ::1
          || (first & 0xFE) == 0xFC // fc00::/7 unique local
          || (first == 0xFE && (second & 0xC0) == 0x80) // fe80::/10 link local
          || (first == 0xFE && (second & 0xC0) == 0xC0) // fec0::/10 old site local
          || first == 0xFF; // ff00::/8 multicast
    }
    return true; // an address family we do not know is not one we connect to
  }

  private static boolean isInternalV4(byte[] b) {
    int o0 = b[0] & 0xFF;
    int o1 = b[1] & 0xFF;
    return o0 == 0 // 0.0.0.0/8 "this network", incl. unspecified 0.0.0.0
        || o0 == 10 // private
        || o0 == 127 // loopback
        || (o0 == 100 && (o1 & 0xC0) == 64) // 100.64.0.0/10 carrier-grade NAT
        || (o0 == 169 && o1 == 254) // link local, incl. 169.254.169.254 cloud metadata
        || (o0 == 172 && (o1 & 0xF0) == 16) // private 172.16.0.0/12
        || (o0 == 192 && o1 == 168) // private
        || (o0 == 192 && o1 == 0 && (b[2] & 0xFF) == 0) // 192.0.0.0/24 protocol assignments
        || (o0 == 198 && (o1 & 0xFE) == 18) // 198.18.0.0/15 benchmarking
        || o0 >= 224; // multicast 224/4, reserved 240/4, broadcast
  }

  /** The IPv4 address inside an IPv4-mapped, -compatible or NAT64 IPv6 address, or null. */
  private static byte[] embeddedV4(byte[] b) {
    boolean zero80 = true;
    for (int i = 0; i < 10; i++) {
      zero80 &= b[i] == 0;
    }
    boolean mapped = zero80 && (b[10] & 0xFF) == 0xFF && (b[11] & 0xFF) == 0xFF;
    boolean compatible = zero80 && b[10] == 0 && b[11] == 0
        && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] == 0 || b[15] == 1)); // not :: or ::1
    boolean nat64 = b[0] == 0 && b[1] == 0x64 && (b[2] & 0xFF) == 0xFF && (b[3] & 0xFF) == 0x9B;
    for (int i = 4; nat64 && i < 12; i++) {
      nat64 = b[i] == 0;
    }
    if (!mapped && !compatible && !nat64) {
      return null;
    }
    return new byte[] {b[12], b[13], b[14], b[15]};
  }
}
