package dev.seatflow.expiry.delivery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The webhook client's DNS: none. Every request names the address its host was checked with (see
 * {@link WebhookHttpClient}), so HttpClient never needs to resolve; should it ever try (a code path
 * that loses the pinned address), the delivery fails instead of connecting to a fresh, unchecked answer.
 */
final class NoDnsLookups implements DnsResolver {

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        throw new UnknownHostException(host + " (webhook hosts are resolved only by the target check)");
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        throw new UnknownHostException(host + " (webhook hosts are resolved only by the target check)");
    }
}
