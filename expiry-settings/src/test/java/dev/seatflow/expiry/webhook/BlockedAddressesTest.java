package dev.seatflow.expiry.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockedAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "0.0.0.0", "0.1.2.3",                                  // 'this network'
            "10.0.0.1", "10.255.255.255",                          // RFC 1918
            "172.16.0.1", "172.31.255.255",
            "192.168.0.1", "192.168.255.255",
            "100.64.0.1", "100.127.255.255",                       // CGNAT
            "127.0.0.1", "127.255.255.254",                        // loopback
            "169.254.0.1", "169.254.169.254",                      // link-local, cloud metadata
            "192.0.0.1", "192.0.0.170",                            // IETF protocol assignments
            "198.18.0.1", "198.19.255.255",                        // benchmarking
            "224.0.0.1", "239.255.255.250",                        // multicast
            "240.0.0.1", "255.255.255.255"})                       // reserved, broadcast
    void refusesInternalAndNonUnicastIpv4(String address) throws UnknownHostException {
        assertThat(BlockedAddresses.reason(InetAddress.getByName(address))).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "::", "::1",                                           // unspecified, loopback
            "fc00::1", "fd12:3456:789a::1",                        // unique local
            "fe80::1", "febf:ffff::1",                             // link-local
            "fec0::1",                                             // site-local
            "ff02::1", "ff05::1:3",                                // multicast
            "::127.0.0.1", "::169.254.169.254", "::10.0.0.1",      // IPv4-compatible
            "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::192.168.1.1", // NAT64 of blocked IPv4
            "64:ff9b:1::8.8.8.8",                                  // local-use NAT64
            "2002:7f00:1::1", "2002:a9fe:a9fe::", "2002:0a00:0001::1",       // 6to4 of blocked IPv4
            "2001:0:4136:e378:8000:63bf:3fff:fdd2",                // Teredo
            "100::1"})                                             // discard-only
    void refusesInternalIpv6AndIpv6FormsOfInternalIpv4(String address) throws UnknownHostException {
        assertThat(BlockedAddresses.reason(InetAddress.getByName(address))).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.1.2.3", "::ffff:192.168.0.1", "::ffff:0.0.0.0"})
    void refusesIpv4MappedFormsOfInternalIpv4(String address) throws UnknownHostException {
        // The JVM turns mapped text into an IPv4 address; the raw 16 bytes are judged the same way.
        assertThat(BlockedAddresses.reason(InetAddress.getByName(address))).as(address).isPresent();
        assertThat(BlockedAddresses.reason(mapped(InetAddress.getByName(address).getAddress()))).as(address + " as 16 bytes")
                .hasValueSatisfying(why -> assertThat(why).startsWith("IPv4-mapped form of"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "8.8.8.8", "1.1.1.1", "93.184.215.14", "100.63.255.255", "100.128.0.0", "172.15.255.255", "172.32.0.0",
            "169.253.255.255", "192.0.1.1", "198.17.255.255", "198.20.0.0", "223.255.255.255", "11.0.0.1",
            "2606:4700:4700::1111", "2001:4860:4860::8888", "2a00:1450:4001:82a::200e",
            "64:ff9b::808:808", "2002:808:808::1", "::ffff:8.8.8.8"})
    void allowsPublicAddressesIncludingIpv6FormsOfPublicIpv4(String address) throws UnknownHostException {
        assertThat(BlockedAddresses.reason(InetAddress.getByName(address))).as(address).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST.", "api.localhost", "metadata.google.internal", "metadata", "instance-data",
            "kubernetes.default.svc", "payments.prod.svc.cluster.local", "printer.local", "router.home.arpa", "intranet"})
    void refusesInternalNames(String host) {
        assertThat(BlockedAddresses.nameReason(host)).as(host).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"hooks.acme.test", "example.com", "internal.example.com", "local.example.org", "[2001:db8::1]", "8.8.8.8"})
    void leavesPublicLookingNamesAndLiteralsToTheAddressCheck(String host) {
        assertThat(BlockedAddresses.nameReason(host)).as(host).isEmpty();
    }

    private static byte[] mapped(byte[] ipv4) {
        byte[] address = new byte[16];
        address[10] = (byte) 0xff;
        address[11] = (byte) 0xff;
        System.arraycopy(ipv4, 0, address, 12, 4);
        return address;
    }
}
