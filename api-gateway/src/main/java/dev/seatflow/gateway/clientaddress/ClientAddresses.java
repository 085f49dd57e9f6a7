package dev.seatflow.gateway.clientaddress;

import com.google.common.net.InetAddresses;
import dev.seatflow.support.net.Cidr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Who sent a request: the socket's peer, unless configured proxies vouch for another address in
 * {@code X-Forwarded-For}.
 *
 * <p>A proxy appends the address it received the request from, so only entries on the right, added
 * by proxies we trust, mean anything; the leftmost is whatever the client wrote. Two ways to say
 * which proxies are trusted (as nginx's {@code set_real_ip_from} and Envoy's
 * {@code xff_num_trusted_hops} do): address blocks of the proxies ({@code trustedProxies}; the
 * header counts only when the peer is one of them, and the client is the first address from the
 * right that is not), or a count of proxies ({@code trustedHops}: the client is that many entries
 * from the right; for load balancers whose addresses are not known, such as Google's, which appends
 * the client and its own address). An entry that is not an address literal ends the walk at the
 * last trusted address: the result is never a value the client chose, and never null.
 */
public final class ClientAddresses {

    private final List<Cidr> trustedProxies;
    private final int trustedHops;

    public ClientAddresses(List<String> trustedProxies, int trustedHops) {
        if (trustedHops < 0) {
            throw new IllegalArgumentException("trusted hops must be 0 or more");
        }
        this.trustedProxies = trustedProxies.stream().filter(text -> !text.isBlank()).map(Cidr::parse).toList();
        this.trustedHops = trustedHops;
    }

    /** Whether X-Forwarded-For is read at all (no proxies configured: never). */
    public boolean readsForwardedFor() {
        return trustedHops > 0 || !trustedProxies.isEmpty();
    }

    /**
     * @param peer the socket's remote address
     * @param forwardedFor every {@code X-Forwarded-For} header value, in order
     */
    public InetAddress resolve(InetAddress peer, List<String> forwardedFor) {
        if (!readsForwardedFor() || (!trustedProxies.isEmpty() && !trusted(peer))) {
            return peer;
        }
        List<String> entries = entries(forwardedFor);
        if (trustedHops > 0 && entries.size() < trustedHops) {
            // Fewer entries than proxies: the request did not come the way it should; its header proves nothing.
            return peer;
        }
        InetAddress client = peer;
        for (int i = entries.size() - 1, hop = 1; i >= 0; i--, hop++) {
            Optional<InetAddress> entry = literal(entries.get(i));
            if (entry.isEmpty()) {
                return client;
            }
            client = entry.get();
            boolean vouchedFor = trustedHops > 0 ? hop < trustedHops : trusted(client);
            if (!vouchedFor) {
                return client;
            }
        }
        return client;
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(block -> block.contains(address));
    }

    private static List<String> entries(List<String> headers) {
        List<String> entries = new ArrayList<>();
        for (String header : headers) {
            for (String entry : header.split(",")) {
                entries.add(entry.trim());
            }
        }
        return entries;
    }

    /** {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code 2001:db8::1} or {@code [2001:db8::1]:4711}; never a name lookup. */
    static Optional<InetAddress> literal(String entry) {
        String address = entry;
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0) {
                return Optional.empty();
            }
            address = address.substring(1, close);
        } else if (address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':')) {
            address = address.substring(0, address.indexOf(':'));
        }
        if (!InetAddresses.isInetAddress(address)) {
            return Optional.empty();
        }
        // The JDK turns an IPv4-mapped IPv6 literal (::ffff:a.b.c.d) into that IPv4 address, for trust and the audit row alike.
        return Optional.of(InetAddresses.forString(address));
    }
}
