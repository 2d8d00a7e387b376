package io.github.sparkthumbs.fetch;

import java.io.Serializable;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

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

  /**
   * Refuses what no fetch may ask for, before any DNS lookup: every scheme but http and https (a
   * redirect to file: or gopher: included), a missing host, credentials in the URL, an IPv4 host
   * in a spelling other than four decimal octets, and the localhost names. Called for the first
   * URL and for every redirect hop.
   */
  public void checkUrl(URI url) throws Blocked {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new Blocked("scheme '" + scheme + "' is not allowed, only http and https: " + url);
    }
    String authority = url.getRawAuthority();
    if (authority != null && authority.indexOf('@') >= 0) {
      // Not repeated here: the message must not copy a password into the manifest once more.
      throw new Blocked("the URL carries a user name or password before its host; credentials"
          + " in URLs are not sent");
    }
    if (url.getHost() == null && authority != null && !authority.startsWith("[")) {
      // URI finds no host in "127.1:80" or "1.2.3.4.5": say why rather than "no host".
      int colon = authority.lastIndexOf(':');
      checkHost(colon < 0 ? authority : authority.substring(0, colon));
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new Blocked("no host in " + url);
    }
    checkHost(url.getHost());
  }

  /**
   * Refuses a host name that is an IPv4 address in a non-canonical spelling, or a localhost name,
   * before it is looked up. Programs disagree on what {@code 0177.0.0.1} is (curl and glibc read
   * octal, 127.0.0.1; Java reads 177.0.0.1) and Java reads {@code 127.1} and {@code 2130706433}
   * as 127.0.0.1: no image URL needs such a spelling, and refusing them keeps what we judge and
   * what any other reader of the URL connects to the same address.
   */
  void checkHost(String host) throws Blocked {
    if (host.indexOf(':') >= 0) {
      return; // an IPv6 literal ([::1] in a URL): judged as an address after "resolution"
    }
    String lower = host.toLowerCase(Locale.ROOT);
    // One trailing dot names the same host, fully qualified ("localhost." resolves where DNS
    // answers for localhost, and URI keeps the dot in getHost()).
    String name = lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    String last = name.substring(name.lastIndexOf('.') + 1);
    // A host whose last label is a number is an IPv4 address to URL parsers (WHATWG URL, "ends
    // in a number"), whatever else it holds.
    if (NUMBER.matcher(last).matches() && !(name.equals(lower) && CANONICAL_V4.matcher(name)
        .matches())) {
      throw new Blocked("host '" + host + "' is an IPv4 address spelled other than as four"
          + " decimal octets (octal, hex, one number or fewer parts), which programs read"
          + " differently: refused");
    }
    if (!allowPrivateNetwork && (name.equals("localhost") || name.endsWith(".localhost"))) {
      throw new Blocked("host '" + host + "' is a loopback name (RFC 6761): internal network"
          + " address refused (--allow-private-network to permit)");
    }
  }

  private static final Pattern NUMBER = Pattern.compile("[0-9]+|0x[0-9a-f]*");
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern CANONICAL_V4 =
      Pattern.compile(OCTET + "\\." + OCTET + "\\." + OCTET + "\\." + OCTET);

  /** Whether a connection to {@code address} is allowed. */
  public boolean allows(InetAddress address) {
    return allowPrivateNetwork || exempt.contains(address) || !isInternal(address);
  }

  /**
   * The IPv4 ranges not globally reachable: the rows of the IANA IPv4 Special-Purpose Address
   * Registry (RFC 6890) whose "Globally Reachable" is False or N/A, plus multicast and reserved
   * space from the IANA IPv4 Address Space Registry. 192.0.0.0/24 is refused whole though its
   * anycast rows 192.0.0.9/32 (PCP) and 192.0.0.10/32 (TURN) are global: they serve no images.
   */
  private static final CidrList V4_INTERNAL = CidrList.of(
      "0.0.0.0/8", // "This network", RFC 791 section 3.2 (0.0.0.0 reaches the local host)
      "10.0.0.0/8", // Private-Use, RFC 1918
      "100.64.0.0/10", // Shared Address Space (carrier-grade NAT), RFC 6598
      "127.0.0.0/8", // Loopback, RFC 1122 section 3.2.1.3
      "169.254.0.0/16", // Link Local, RFC 3927 (169.254.169.254: cloud metadata)
      "172.16.0.0/12", // Private-Use, RFC 1918
      "192.0.0.0/24", // IETF Protocol Assignments, RFC 6890 section 2.1
      "192.0.2.0/24", // Documentation (TEST-NET-1), RFC 5737
      "192.88.99.0/24", // Deprecated (6to4 Relay Anycast), RFC 7526
      "192.168.0.0/16", // Private-Use, RFC 1918
      "198.18.0.0/15", // Benchmarking, RFC 2544
      "198.51.100.0/24", // Documentation (TEST-NET-2), RFC 5737
      "203.0.113.0/24", // Documentation (TEST-NET-3), RFC 5737
      "224.0.0.0/4", // Multicast, RFC 5771 (IANA IPv4 Address Space Registry)
      "240.0.0.0/4", // Reserved, RFC 1112 section 4
      "255.255.255.255/32"); // Limited Broadcast, RFC 8190 and RFC 919 section 7 (inside 240/4)

  /**
   * IPv6 global unicast, RFC 4291 section 2.4 and the IANA IPv6 Address Space Registry: nothing
   * outside it is ever fetched. That refuses ::, ::1, fc00::/7 unique local, fe80::/10 link local,
   * fec0::/10 old site local, ff00::/8 multicast, 100::/64 discard (RFC 6666), 5f00::/16 SRv6 SIDs
   * (RFC 9602) and 64:ff9b:1::/48 local-use NAT64 (RFC 8215) without a row each.
   */
  private static final CidrList V6_GLOBAL_UNICAST = CidrList.of("2000::/3");

  /** The IANA IPv6 Special-Purpose Address Registry rows inside 2000::/3 not globally reachable. */
  private static final CidrList V6_INTERNAL = CidrList.of(
      // IETF Protocol Assignments, RFC 2928: holds TEREDO 2001::/32 (RFC 4380, its addresses
      // hide a client IPv4), Benchmarking 2001:2::/48 (RFC 5180) and ORCHID 2001:10::/28.
      // Refused whole though a few anycast rows in it are global: they serve no images.
      "2001::/23",
      "2001:db8::/32", // Documentation, RFC 3849
      "3fff::/20"); // Documentation, RFC 9637

  /**
   * IPv6 prefixes whose last 32 bits are an IPv4 address that the packets reach (through the
   * host's own stack or a translator): such an address is judged by that IPv4 address.
   */
  private static final CidrList V6_EMBEDDING_V4_AT_END = CidrList.of(
      "::ffff:0:0/96", // IPv4-mapped Address, RFC 4291 section 2.5.5.2
      "::/96", // IPv4-compatible, RFC 4291 section 2.5.5.1 (deprecated); :: and ::1 judge as 0/8
      "::ffff:0:0:0/96", // IPv4-translated (SIIT), RFC 2765 section 2.1
      "64:ff9b::/96"); // IPv4-IPv6 Translation (NAT64 well-known prefix), RFC 6052

  /** 6to4, RFC 3056 (IANA registry: 2002::/16): the IPv4 address of the relay is bytes 2..5. */
  private static final CidrList V6_6TO4 = CidrList.of("2002::/16");

  /**
   * Whether {@code a} is not globally reachable, per the tables above; an IPv6 address with an
   * IPv4 address inside (mapped, compatible, SIIT, NAT64, 6to4) is judged by that IPv4 address.
   */
  public static boolean isInternal(InetAddress a) {
    byte[] b = a.getAddress();
    if (a instanceof Inet4Address) {
      return V4_INTERNAL.contains(b);
    }
    if (a instanceof Inet6Address) {
      if (V6_EMBEDDING_V4_AT_END.contains(b)) {
        return V4_INTERNAL.contains(Arrays.copyOfRange(b, 12, 16));
      }
      if (V6_6TO4.contains(b)) {
        return V4_INTERNAL.contains(Arrays.copyOfRange(b, 2, 6));
      }
      return !V6_GLOBAL_UNICAST.contains(b) || V6_INTERNAL.contains(b);
    }
    return true; // an address family we do not know is not one we connect to
  }
}
