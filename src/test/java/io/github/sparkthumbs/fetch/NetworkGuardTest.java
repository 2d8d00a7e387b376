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
import org.junit.jupiter.params.provider.ValueSource;

/** Address classification on literals: no DNS, no network. */
class NetworkGuardTest {

  @ParameterizedTest(name = "{0} is internal")
  @ValueSource(strings = {
    "127.0.0.1", "127.255.255.254", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
    "169.254.169.254", "169.254.0.1", "0.0.0.0", "0.1.2.3", "100.64.0.1", "224.0.0.1",
    "239.255.255.250", "255.255.255.255", "240.0.0.1", "198.18.0.1",
    "::1", "::", "fc00::1", "fd12:3456::1", "fe80::1", "febf::1", "ff02::1", "fec0::1",
    "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::127.0.0.1",
    "64:ff9b::a9fe:a9fe"
  })
  void internal(String literal) throws UnknownHostException {
    assertTrue(NetworkGuard.isInternal(InetAddress.getByName(literal)), literal);
    assertFalse(new NetworkGuard(false).allows(InetAddress.getByName(literal)), literal);
    assertTrue(new NetworkGuard(true).allows(InetAddress.getByName(literal)), literal);
  }

  @ParameterizedTest(name = "{0} is public")
  @ValueSource(strings = {
    "8.8.8.8", "1.1.1.1", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.128.0.1",
    "169.253.0.1", "192.169.0.1", "223.255.255.255", "2001:4860:4860::8888",
    "2606:4700::1111", "fbff::1", "fe7f::1", "::ffff:8.8.8.8"
  })
  void external(String literal) throws UnknownHostException {
    assertFalse(NetworkGuard.isInternal(InetAddress.getByName(literal)), literal);
    assertTrue(new NetworkGuard(false).allows(InetAddress.getByName(literal)), literal);
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
    g.checkScheme(new URI("http://example.com/a.jpg"));
    g.checkScheme(new URI("HTTPS://example.com/a.jpg"));
    for (String u : new String[] {"file:///etc/passwd", "ftp://example.com/a.jpg",
        "gopher://127.0.0.1:6379/_", "jar:file:/x.jar!/a", "http:///nohost"}) {
      NetworkGuard.Blocked b = assertThrows(NetworkGuard.Blocked.class,
          () -> g.checkScheme(new URI(u)), u);
      assertTrue(b.getMessage().contains(u.substring(0, 4)) || b.getMessage().contains("host"),
          b.getMessage());
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
