package io.github.sparkthumbs.fetch;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves a host for HttpClient and drops the addresses the {@link NetworkGuard} refuses. The
 * connection is made only to the addresses returned here, so the check happens at connect time
 * on the very address used: a DNS name that resolves to 127.0.0.1 (or re-resolves to it after
 * a first, public answer) cannot get through, and every redirect hop connects through here too.
 */
final class GuardedDnsResolver implements DnsResolver {
  private final NetworkGuard guard;

  GuardedDnsResolver(NetworkGuard guard) {
    this.guard = guard;
  }

  @Override
  public InetAddress[] resolve(String host) throws UnknownHostException {
    guard.checkHost(host); // checked per URL already; here too, for any name HttpClient resolves
    InetAddress[] all = SystemDefaultDnsResolver.INSTANCE.resolve(host);
    InetAddress[] allowed = Arrays.stream(all).filter(guard::allows).toArray(InetAddress[]::new);
    if (allowed.length == 0) {
      throw new NetworkGuard.Blocked(host + " resolves to " + Arrays.toString(all)
          + ": internal network address refused (--allow-private-network to permit)");
    }
    return allowed;
  }

  /** HttpClient 5.6 calls this one; it must go through the filter above. */
  @Override
  public List<InetSocketAddress> resolve(String host, int port) throws UnknownHostException {
    List<InetSocketAddress> out = new ArrayList<>();
    for (InetAddress a : resolve(host)) {
      out.add(new InetSocketAddress(a, port));
    }
    return out;
  }

  @Override
  public String resolveCanonicalHostname(String host) throws UnknownHostException {
    return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
  }
}
