package dev.seatflow.gateway.clientaddress;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;

/**
 * An address block such as {@code 10.0.0.0/8} or {@code 2001:db8::/32} (a bare address is a block
 * of one). Parsed as a literal only: a host name is refused rather than resolved.
 */
record Cidr(byte[] network, int prefix) {

    static Cidr parse(String text) {
        String value = text.trim();
        int slash = value.indexOf('/');
        String address = slash < 0 ? value : value.substring(0, slash);
        if (!InetAddresses.isInetAddress(address)) {
            throw new IllegalArgumentException("'" + text + "' is not an address or address block (CIDR)");
        }
        byte[] network = InetAddresses.forString(address).getAddress();
        int prefix;
        try {
            prefix = slash < 0 ? network.length * 8 : Integer.parseInt(value.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
        }
        if (prefix < 0 || prefix > network.length * 8) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + network.length * 8);
        }
        return new Cidr(network, prefix);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = 0xff << (8 - rest);
        return (bytes[full] & mask) == (network[full] & mask);
    }
}
