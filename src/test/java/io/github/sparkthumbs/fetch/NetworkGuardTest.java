package io.github.sparkthumbs.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Address classification on literals: no DNS, no network. */
class NetworkGuardTest {

  /**
   * One row per range of the guard's tables, both sides of each boundary: the first and last
   * address inside, the neighbours outside.
   */
  @ParameterizedTest(name = "{0} internal={1} ({2})")
  @CsvSource(delimiter = '|', textBlock = """
      0.0.0.0           | true  | this network
      0.255.255.255     | true  | this network, last
      1.0.0.0           | false | after this network
      9.255.255.255     | false | before 10/8
      10.0.0.0          | true  | private 10/8
      10.255.255.255    | true  | private 10/8, last
      11.0.0.0          | false | after 10/8
      100.63.255.255    | false | before shared 100.64/10
      100.64.0.0        | true  | shared address space
      100.127.255.255   | true  | shared address space, last
      100.128.0.0       | false | after 100.64/10
      126.255.255.255   | false | before loopback
      127.0.0.0         | true  | loopback
      127.0.0.1         | true  | loopback
      127.255.255.255   | true  | loopback, last
      128.0.0.0         | false | after loopback
      169.253.255.255   | false | before link local
      169.254.0.0       | true  | link local
      169.254.169.254   | true  | cloud metadata
      169.254.255.255   | true  | link local, last
      169.255.0.0       | false | after link local
      172.15.255.255    | false | before 172.16/12
      172.16.0.0        | true  | private 172.16/12
      172.31.255.255    | true  | private 172.16/12, last
      172.32.0.0        | false | after 172.16/12
      191.255.255.255   | false | before 192.0.0/24
      192.0.0.0         | true  | IETF protocol assignments
      192.0.0.255       | true  | IETF protocol assignments, last
      192.0.1.0         | false | between 192.0.0/24 and TEST-NET-1
      192.0.1.255       | false | before TEST-NET-1
      192.0.2.0         | true  | TEST-NET-1
      192.0.2.255       | true  | TEST-NET-1, last
      192.0.3.0         | false | after TEST-NET-1
      192.88.98.255     | false | before 6to4 relay anycast
      192.88.99.0       | true  | 6to4 relay anycast
      192.88.99.255     | true  | 6to4 relay anycast, last
      192.88.100.0      | false | after 6to4 relay anycast
      192.167.255.255   | false | before 192.168/16
      192.168.0.0       | true  | private 192.168/16
      192.168.255.255   | true  | private 192.168/16, last
      192.169.0.0       | false | after 192.168/16
      198.17.255.255    | false | before benchmarking
      198.18.0.0        | true  | benchmarking
      198.19.255.255    | true  | benchmarking, last
      198.20.0.0        | false | after benchmarking
      198.51.99.255     | false | before TEST-NET-2
      198.51.100.0      | true  | TEST-NET-2
      198.51.100.255    | true  | TEST-NET-2, last
      198.51.101.0      | false | after TEST-NET-2
      203.0.112.255     | false | before TEST-NET-3
      203.0.113.0       | true  | TEST-NET-3
      203.0.113.255     | true  | TEST-NET-3, last
      203.0.114.0       | false | after TEST-NET-3
      223.255.255.255   | false | last unicast
      224.0.0.0         | true  | multicast
      239.255.255.255   | true  | multicast, last
      240.0.0.0         | true  | reserved
      255.255.255.254   | true  | reserved
      255.255.255.255   | true  | limited broadcast
      8.8.8.8           | false | public
      93.184.216.34     | false | public
      ::                | true  | unspecified
      ::1               | true  | loopback
      ::2               | true  | IPv4-compatible 0.0.0.2
      1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | true  | before global unicast
      2000::            | false | global unicast, first
      2a00:1450:4001::1 | false | global unicast
      4000::            | true  | after global unicast
      100::1            | true  | discard-only
      5f00::1           | true  | SRv6 SIDs
      fbff:ffff::1      | true  | before unique local, outside 2000::/3
      fc00::            | true  | unique local
      fd12:3456::1      | true  | unique local
      fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff | true  | unique local, last
      fe80::1           | true  | link local
      febf::1           | true  | link local, last /16
      fec0::1           | true  | old site local
      ff02::1           | true  | multicast
      2000:ffff:ffff:ffff:ffff:ffff:ffff:ffff | false | before IETF protocol assignments
      2001::            | true  | Teredo, first
      2001:0:4136:e378:8000:63bf:3fff:fdd2    | true  | Teredo
      2001:2::1         | true  | benchmarking
      2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff  | true  | IETF protocol assignments, last
      2001:200::        | false | after IETF protocol assignments
      2001:db7:ffff:ffff:ffff:ffff:ffff:ffff  | false | before documentation
      2001:db8::        | true  | documentation
      2001:db8:ffff:ffff:ffff:ffff:ffff:ffff  | true  | documentation, last
      2001:db9::        | false | after documentation
      3ffe:ffff:ffff:ffff:ffff:ffff:ffff:ffff | false | before 3fff::/20
      3fff::            | true  | documentation 3fff::/20
      3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff  | true  | documentation 3fff::/20, last
      3fff:1000::       | false | after 3fff::/20
      2001:4860:4860::8888 | false | public
      2606:4700::1111   | false | public
      ::ffff:127.0.0.1  | true  | IPv4-mapped loopback
      ::ffff:169.254.169.254 | true | IPv4-mapped metadata
      ::ffff:10.0.0.1   | true  | IPv4-mapped private
      ::ffff:8.8.8.8    | false | IPv4-mapped public
      ::127.0.0.1       | true  | IPv4-compatible loopback
      ::8.8.8.8         | false | IPv4-compatible public
      ::ffff:0:7f00:1   | true  | SIIT 127.0.0.1
      ::ffff:0:a9fe:a9fe | true | SIIT 169.254.169.254
      ::ffff:0:808:808  | false | SIIT 8.8.8.8
      64:ff9b::7f00:1   | true  | NAT64 127.0.0.1
      64:ff9b::a9fe:a9fe | true | NAT64 169.254.169.254
      64:ff9b::808:808  | false | NAT64 8.8.8.8
      64:ff9b:1::808:808 | true | NAT64 local-use, refused outright
      2002:7f00:1::     | true  | 6to4 of 127.0.0.1
      2002:a9fe:a9fe::1 | true  | 6to4 of 169.254.169.254
      2002:c0a8:101::   | true  | 6to4 of 192.168.1.1
      2002:808:808::1   | false | 6to4 of 8.8.8.8
      """)
  void classifies(String literal, boolean internal, String range) throws UnknownHostException {
    InetAddress a = InetAddress.getByName(literal); // literals only: no DNS
    assertEquals(internal, NetworkGuard.isInternal(a), literal + " (" + range + ")");
    assertEquals(!internal, new NetworkGuard(false).allows(a), literal);
    assertTrue(new NetworkGuard(true).allows(a), literal);
  }

  /** Java parses ::ffff:a.b.c.d into an Inet4Address; a real Inet6Address must be caught too. */
  @Test
  void ipv4MappedInet6AddressIsJudgedByItsIpv4() throws UnknownHostException {
    byte[] mapped = new byte[16];
    mapped[10] = (byte) 0xFF;
    mapped[11] = (byte) 0xFF;
    mapped[12] = 127;
    mapped[15] = 1;
    Inet6Address a = Inet6Address.getByAddress(null, mapped, -1);
    assertTrue(NetworkGuard.isInternal(a));
    mapped[12] = 8;
    mapped[13] = 8;
    mapped[14] = 8;
    mapped[15] = 8;
    assertFalse(NetworkGuard.isInternal(Inet6Address.getByAddress(null, mapped, -1)));
  }

  @Test
  void onlyHttpAndHttpsSchemes() throws Exception {
    NetworkGuard g = new NetworkGuard(true);
    g.checkUrl(new URI("http://example.com/a.jpg"));
    g.checkUrl(new URI("HTTPS://example.com/a.jpg"));
    for (String u : new String[] {"file:///etc/passwd", "ftp://example.com/a.jpg",
        "gopher://127.0.0.1:6379/_", "jar:file:/x.jar!/a", "http:///nohost"}) {
      NetworkGuard.Blocked b = assertThrows(NetworkGuard.Blocked.class,
          () -> g.checkUrl(new URI(u)), u);
      assertTrue(b.getMessage().contains(u.substring(0, 4)) || b.getMessage().contains("host"),
          b.getMessage());
    }
  }

  /** Refused before any lookup, private networks allowed or not: readers disagree on them. */
  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "0x7f000001", "0X7F000001", "017700000001", "2130706433", "127.1", "127.0.1", "0177.0.0.1",
    "0x7f.0.0.1", "127.0.0.01", "127.000.000.001", "127.0.0.1.", "256.0.0.1", "1.2.3.4.5",
    "8.8.8.8.", "08.8.8.8", "example.123", "example.0x1"
  })
  void nonCanonicalIpv4HostsAreRefused(String host) {
    for (boolean allowPrivate : new boolean[] {false, true}) {
      NetworkGuard.Blocked b = assertThrows(NetworkGuard.Blocked.class,
          () -> new NetworkGuard(allowPrivate).checkHost(host), host);
      assertTrue(b.getMessage().contains("four decimal octets"), b.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"8.8.8.8", "127.0.0.1", "0.0.0.0", "255.255.255.255", "10.0.0.1",
      "example.com", "example.com.", "cafe.be", "add.bad.cafe", "x0x1.com", "1example.com",
      "123.example", "[::1]", "::ffff:127.0.0.1"})
  void canonicalHostsPassTheSpellingCheck(String host) throws Exception {
    new NetworkGuard(false).checkHost(host); // addresses are judged after resolution
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"localhost", "LOCALHOST", "localhost.", "a.localhost", "x.y.localhost.",
      "Foo.LocalHost"})
  void localhostNamesAreRefusedBeforeLookup(String host) throws Exception {
    NetworkGuard.Blocked b = assertThrows(NetworkGuard.Blocked.class,
        () -> new NetworkGuard(false).checkHost(host), host);
    assertTrue(b.getMessage().contains("--allow-private-network"), b.getMessage());
    new NetworkGuard(true).checkHost(host);
    new NetworkGuard(false).checkHost("notlocalhost"); // a label, not the name
    new NetworkGuard(false).checkHost("localhost.example.com");
  }

  @Test
  void credentialsInUrlsAreRefused() throws Exception {
    for (String u : new String[] {"http://user:pw@example.com/a.jpg", "https://user@example.com/",
        "http://:@example.com/"}) {
      NetworkGuard.Blocked b = assertThrows(NetworkGuard.Blocked.class,
          () -> new NetworkGuard(true).checkUrl(new URI(u)), u);
      assertTrue(b.getMessage().contains("credentials in URLs are not sent"), b.getMessage());
      assertFalse(b.getMessage().contains("pw"), b.getMessage());
    }
  }

  @Test
  void resolverRefusesNamesThatPointInside() {
    GuardedDnsResolver r = new GuardedDnsResolver(new NetworkGuard(false));
    NetworkGuard.Blocked b = assertThrows(NetworkGuard.Blocked.class, () -> r.resolve("localhost"));
    assertTrue(b.getMessage().contains("localhost"), b.getMessage());
    assertThrows(NetworkGuard.Blocked.class, () -> r.resolve("127.0.0.1", 80));
    assertThrows(NetworkGuard.Blocked.class, () -> r.resolve("[::1]", 80));
  }

  @Test
  void exemptionIsByExactAddress() throws Exception {
    InetAddress loop = InetAddress.getByName("127.0.0.1");
    NetworkGuard g = new NetworkGuard(false, Set.of(loop));
    assertTrue(g.allows(loop));
    assertFalse(g.allows(InetAddress.getByName("127.0.0.2")));
    assertFalse(g.allows(InetAddress.getByName("::1")));
    assertEquals(1, new GuardedDnsResolver(g).resolve("127.0.0.1").length);
  }
}
