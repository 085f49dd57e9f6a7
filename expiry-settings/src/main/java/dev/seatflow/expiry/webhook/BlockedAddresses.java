package dev.seatflow.expiry.webhook;

import dev.seatflow.support.net.Cidr;
import dev.seatflow.support.net.IpLiterals;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Addresses and names a webhook must not reach: this host, private and cluster networks, cloud
 * metadata, and ranges that are not unicast on the internet. IPv6 forms that carry an IPv4
 * address (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address they carry, since
 * that is where the packets end up.
 */
public final class BlockedAddresses {

    private record Range(Cidr block, String why) {
    }

    private static final List<Range> IPV4 = List.of(
            range("0.0.0.0/8", "'this network' (0.0.0.0/8)"),
            range("10.0.0.0/8", "private (RFC 1918)"),
            range("100.64.0.0/10", "shared carrier-grade NAT (100.64.0.0/10)"),
            range("127.0.0.0/8", "loopback"),
            range("169.254.0.0/16", "link-local (cloud metadata)"),
            range("172.16.0.0/12", "private (RFC 1918)"),
            range("192.0.0.0/24", "IETF protocol assignments (192.0.0.0/24)"),
            range("192.168.0.0/16", "private (RFC 1918)"),
            range("198.18.0.0/15", "benchmarking (198.18.0.0/15)"),
            range("224.0.0.0/4", "multicast"),
            range("240.0.0.0/4", "reserved or broadcast (240.0.0.0/4)"));

    private static final List<Range> IPV6 = List.of(
            range("::/128", "unspecified (::)"),
            range("::1/128", "loopback"),
            range("64:ff9b:1::/48", "local-use NAT64 (64:ff9b:1::/48)"),
            range("100::/64", "discard-only (100::/64)"),
            // Teredo hides its IPv4 endpoints (one of them XOR-ed); nothing legitimate sends webhooks there.
            range("2001::/32", "Teredo (2001::/32)"),
            range("fc00::/7", "unique local (fc00::/7)"),
            range("fe80::/10", "link-local (fe80::/10)"),
            range("fec0::/10", "site-local (fec0::/10)"),
            range("ff00::/8", "multicast"));

    // Built from bytes: the JVM turns the text ::ffff:a.b.c.d into an IPv4 address.
    private static final Cidr MAPPED = new Cidr(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0}, 96);
    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    // Names that point inside: this host, mDNS and Kubernetes (*.local, *.svc), cloud-internal
    // DNS (metadata.google.internal and the like). Single-label names are completed with the
    // resolver's search domains, which inside a cluster means cluster services.
    private static final List<String> NAMES = List.of("localhost", "metadata", "instance-data");
    private static final List<String> SUFFIXES = List.of(".localhost", ".local", ".internal", ".svc", ".home.arpa", ".in-addr.arpa", ".ip6.arpa");

    private BlockedAddresses() {
    }

    /** Why a webhook must not go to this address; empty when it may. */
    public static Optional<String> reason(InetAddress address) {
        return reason(address.getAddress());
    }

    /** Why a webhook must not go to a host of this name (before resolving it); empty when it may. */
    public static Optional<String> nameReason(String host) {
        String name = normalizedName(host);
        if (IpLiterals.isLiteral(name)) {
            return Optional.empty();
        }
        if (NAMES.contains(name) || SUFFIXES.stream().anyMatch(name::endsWith)) {
            return Optional.of("an internal name");
        }
        if (!name.contains(".")) {
            return Optional.of("a single-label name (completed with internal search domains)");
        }
        return Optional.empty();
    }

    /** Lower case, without brackets and the trailing dot of a fully qualified name. */
    public static String normalizedName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** The raw form, for 16-byte forms the JVM would otherwise turn into IPv4 addresses. */
    static Optional<String> reason(byte[] address) {
        if (address.length == 4) {
            return match(IPV4, address);
        }
        if (MAPPED.contains(address)) {
            return embedded(address, 12, "IPv4-mapped");
        }
        if (COMPATIBLE.contains(address) && !Arrays.equals(address, new byte[16]) && !isLoopback6(address)) {
            return embedded(address, 12, "IPv4-compatible");
        }
        if (NAT64.contains(address)) {
            return embedded(address, 12, "NAT64");
        }
        if (SIX_TO_FOUR.contains(address)) {
            return embedded(address, 2, "6to4");
        }
        return match(IPV6, address);
    }

    private static Optional<String> embedded(byte[] address, int offset, String form) {
        return match(IPV4, Arrays.copyOfRange(address, offset, offset + 4)).map(why -> form + " form of a " + why + " address");
    }

    private static boolean isLoopback6(byte[] address) {
        byte[] loopback = new byte[16];
        loopback[15] = 1;
        return Arrays.equals(address, loopback);
    }

    private static Optional<String> match(List<Range> ranges, byte[] address) {
        return ranges.stream().filter(range -> range.block().contains(address)).map(Range::why).findFirst();
    }

    private static Range range(String block, String why) {
        return new Range(Cidr.parse(block), why);
    }
}
