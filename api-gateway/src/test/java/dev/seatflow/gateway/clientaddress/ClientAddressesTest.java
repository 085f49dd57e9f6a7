package dev.seatflow.gateway.clientaddress;

import com.google.common.net.InetAddresses;
import dev.seatflow.support.net.Cidr;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressesTest {

    private static final InetAddress LOAD_BALANCER = ip("10.0.0.5");

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddresses none = new ClientAddresses(List.of(), 0);

        assertThat(none.readsForwardedFor()).isFalse();
        assertThat(none.resolve(ip("198.51.100.4"), List.of("203.0.113.9"))).isEqualTo(ip("198.51.100.4"));
    }

    @Test
    void aTrustedProxyNamesTheClientAndTheClientWrittenPartIsSkipped() {
        ClientAddresses trusted = new ClientAddresses(List.of("10.0.0.0/8"), 0);

        // The client wrote 6.6.6.6; the load balancer appended the address it saw.
        assertThat(trusted.resolve(LOAD_BALANCER, List.of("6.6.6.6, 203.0.113.9"))).isEqualTo(ip("203.0.113.9"));
        // Several trusted proxies in a row are walked past, in one header or several.
        assertThat(trusted.resolve(LOAD_BALANCER, List.of("6.6.6.6, 203.0.113.9", "10.1.2.3"))).isEqualTo(ip("203.0.113.9"));
        // Every hop trusted: the leftmost is the client (an internal caller).
        assertThat(trusted.resolve(LOAD_BALANCER, List.of("10.9.9.9"))).isEqualTo(ip("10.9.9.9"));
        assertThat(trusted.resolve(LOAD_BALANCER, List.of())).isEqualTo(LOAD_BALANCER);
    }

    @Test
    void aPeerOutsideTheTrustedBlocksCannotNameAnotherClient() {
        ClientAddresses trusted = new ClientAddresses(List.of("10.0.0.0/8"), 0);

        assertThat(trusted.resolve(ip("198.51.100.4"), List.of("203.0.113.9"))).isEqualTo(ip("198.51.100.4"));
    }

    @Test
    void anEntryThatIsNotAnAddressEndsTheWalkAtTheLastTrustedAddress() {
        ClientAddresses trusted = new ClientAddresses(List.of("10.0.0.0/8"), 0);

        assertThat(trusted.resolve(LOAD_BALANCER, List.of("unknown"))).isEqualTo(LOAD_BALANCER);
        assertThat(trusted.resolve(LOAD_BALANCER, List.of("203.0.113.9, evil.example, 10.1.2.3"))).isEqualTo(ip("10.1.2.3"));
        assertThat(trusted.resolve(LOAD_BALANCER, List.of(""))).isEqualTo(LOAD_BALANCER);
    }

    @Test
    void trustedHopsCountProxiesFromTheRightAsGooglesLoadBalancerAppendsClientAndItself() {
        ClientAddresses google = new ClientAddresses(List.of(), 2);

        assertThat(google.resolve(ip("35.191.0.1"), List.of("6.6.6.6,203.0.113.9,34.120.0.1"))).isEqualTo(ip("203.0.113.9"));
        assertThat(google.resolve(ip("35.191.0.1"), List.of("203.0.113.9,34.120.0.1"))).isEqualTo(ip("203.0.113.9"));
        assertThat(google.resolve(ip("35.191.0.1"), List.of("34.120.0.1")))
                .as("fewer entries than proxies: the request did not come through them").isEqualTo(ip("35.191.0.1"));
    }

    @Test
    void portsBracketsAndMappedAddressesAreUnderstoodWithoutAnyNameLookup() {
        ClientAddresses trusted = new ClientAddresses(List.of("10.0.0.0/8", "2001:db8::/32"), 0);

        assertThat(trusted.resolve(LOAD_BALANCER, List.of("203.0.113.9:4711"))).isEqualTo(ip("203.0.113.9"));
        assertThat(trusted.resolve(LOAD_BALANCER, List.of("[2001:db9::7]:443"))).isEqualTo(ip("2001:db9::7"));
        assertThat(trusted.resolve(LOAD_BALANCER, List.of("2001:db9::7, 2001:db8::1"))).isEqualTo(ip("2001:db9::7"));
        assertThat(trusted.resolve(ip("::ffff:10.0.0.5"), List.of("::ffff:203.0.113.9"))).isEqualTo(ip("203.0.113.9"));
        assertThat(ClientAddresses.literal("localhost")).isEmpty();
    }

    @Test
    void refusesAnUnusableTrustSetting() {
        assertThatThrownBy(() -> new ClientAddresses(List.of("proxy.internal"), 0)).hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> new ClientAddresses(List.of("10.0.0.0/33"), 0)).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> new ClientAddresses(List.of(), -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blocksMatchOnTheirPrefixBitsOnly() {
        Cidr block = Cidr.parse("192.168.4.0/22");

        assertThat(block.contains(ip("192.168.7.255"))).isTrue();
        assertThat(block.contains(ip("192.168.8.0"))).isFalse();
        assertThat(Cidr.parse("0.0.0.0/0").contains(ip("203.0.113.9"))).isTrue();
        assertThat(Cidr.parse("10.0.0.0/8").contains(ip("2001:db8::1"))).isFalse();
    }

    private static InetAddress ip(String literal) {
        return InetAddresses.forString(literal);
    }
}
