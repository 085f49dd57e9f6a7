package dev.seatflow.expiry.webhook;

import dev.seatflow.support.net.Cidr;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WebhookTargetPolicyTest {

    /** DNS as the test says it is; names it does not know do not resolve. */
    static HostResolver dns(Map<String, List<String>> answers, List<String> asked) {
        return host -> {
            asked.add(host);
            List<String> addresses = answers.get(host);
            if (addresses == null) {
                throw new UnknownHostException(host);
            }
            List<InetAddress> resolved = new ArrayList<>();
            for (String address : addresses) {
                resolved.add(InetAddress.getByAddress(host, InetAddress.getByName(address).getAddress()));
            }
            return resolved;
        };
    }

    private final List<String> asked = new ArrayList<>();
    private final HostResolver dns = dns(Map.of(
            "hooks.acme.test", List.of("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"),
            "rebind.acme.test", List.of("93.184.215.14", "169.254.169.254"),
            "nat64.acme.test", List.of("64:ff9b::a9fe:a9fe"),
            "receiver.dev.test", List.of("10.1.2.3"),
            "localhost", List.of("127.0.0.1", "::1")), asked);

    private WebhookTargetPolicy policy(String... allowed) {
        return new WebhookTargetPolicy(false, WebhookAllowList.parse(List.of(allowed)), dns);
    }

    @Test
    void checksEveryAddressOnceAndKeepsThemForTheConnection() throws Exception {
        WebhookTarget target = policy().check(URI.create("https://hooks.acme.test/seatflow"));

        assertThat(target.host()).isEqualTo("hooks.acme.test");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.secure()).isTrue();
        assertThat(target.addresses()).extracting(InetAddress::getHostAddress).containsExactly("93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c");
        assertThat(asked).containsExactly("hooks.acme.test");
    }

    @Test
    void refusesAHostWithOneInternalAddressAmongPublicOnes() {
        assertThatThrownBy(() -> policy().check(URI.create("https://rebind.acme.test/")))
                .isInstanceOf(RefusedWebhookTargetException.class)
                .hasMessage("host rebind.acme.test resolves to 169.254.169.254, link-local (cloud metadata)");
    }

    @Test
    void refusesWebhookResolvingToMetadataAddressThroughNat64() {
        assertThatThrownBy(() -> policy().check(URI.create("https://nat64.acme.test/")))
                .hasMessageContaining("NAT64 form of a link-local (cloud metadata) address");
    }

    @Test
    void refusesInternalNamesWithoutAskingDns() {
        assertThatThrownBy(() -> policy().check(URI.create("https://metadata.google.internal/computeMetadata/v1/")))
                .hasMessage("host metadata.google.internal is an internal name");
        assertThatThrownBy(() -> policy().check(URI.create("https://payments.prod.svc.cluster.local/")))
                .hasMessageContaining("internal name");
        assertThat(asked).isEmpty();
    }

    @Test
    void refusesInternalAddressLiterals() {
        assertThatThrownBy(() -> policy().check(URI.create("https://169.254.169.254/latest/meta-data/"))).hasMessageContaining("link-local");
        assertThatThrownBy(() -> policy().check(URI.create("https://[::ffff:127.0.0.1]:8443/"))).hasMessageContaining("loopback");
        assertThatThrownBy(() -> policy().check(URI.create("https://[fd00::1]/"))).hasMessageContaining("unique local");
    }

    @Test
    void theAllowListLetsNamedBlocksAndHostsThrough() throws Exception {
        assertThat(policy("10.1.2.0/24").check(URI.create("http://receiver.dev.test:8099/hook")).port()).isEqualTo(8099);
        assertThat(policy("127.0.0.0/8", "::1/128").check(URI.create("http://localhost/")).addresses()).hasSize(2);
        assertThat(policy("localhost").check(URI.create("http://localhost/")).addresses()).hasSize(2);
        assertThatThrownBy(() -> policy("127.0.0.0/8").check(URI.create("http://localhost/")))
                .as("an internal name passes only when all its addresses are allowed: ::1 is not").hasMessage("host localhost is an internal name");
        assertThatThrownBy(() -> policy("10.9.0.0/16").check(URI.create("http://receiver.dev.test/"))).hasMessageContaining("10.1.2.3");
    }

    @Test
    void acceptsUnresolvableNamesAtSaveButNotAtSend() {
        URI unknown = URI.create("https://not-yet.acme.test/");
        assertThat(policy().problemAtSave(unknown)).isEmpty();
        assertThatThrownBy(() -> policy().check(unknown)).hasMessage("host not-yet.acme.test does not resolve");
        assertThat(policy().problemAtSave(URI.create("https://rebind.acme.test/"))).hasValueSatisfying(why -> assertThat(why).contains("169.254.169.254"));
    }

    @Test
    void parsesAllowListEntriesAndRefusesNonsense() {
        WebhookAllowList list = WebhookAllowList.parse(List.of("127.0.0.0/8", " ::1/128 ", "[fd00::]/8", "10.0.0.7", "Receiver.Local", ""));

        assertThat(list.blocks()).extracting(Cidr::toString).containsExactly("127.0.0.0/8", "0:0:0:0:0:0:0:1/128", "fd00:0:0:0:0:0:0:0/8", "10.0.0.7/32");
        assertThat(list.names()).containsExactly("receiver.local");
        assertThat(WebhookAllowList.parse(List.of("")).isEmpty()).isTrue();
        assertThat(WebhookAllowList.isValid(List.of("10.0.0.0/33"))).isFalse();
        assertThat(WebhookAllowList.isValid(List.of("http://x"))).isFalse();
        assertThat(WebhookAllowList.isValid(List.of("10.0.0.0/x"))).isFalse();
    }
}
