package dev.seatflow.expiry.channels;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FcmTopicsTest {

    @Test
    void aTenantsTopicIsSentInsideItsOwnNamespace() {
        assertThat(FcmTopics.forTenant("acme", "licenses")).isEqualTo("t.acme.licenses");
        assertThat(FcmTopics.forTenant("globex", "licenses")).isEqualTo("t.globex.licenses");
    }

    @Test
    void noTenantCanNameAnotherTenantsTopic() {
        // Setting the other tenant's full name only nests it one level deeper in one's own namespace.
        assertThat(FcmTopics.forTenant("mallory", "t.acme.licenses")).isEqualTo("t.mallory.t.acme.licenses");
        // A dot in a tenant id would blur where the tenant ends: it is encoded.
        assertThat(FcmTopics.forTenant("a.b", "c")).isEqualTo("t.a%2Eb.c").isNotEqualTo(FcmTopics.forTenant("a", "b.c"));
        assertThat(FcmTopics.forTenant("a-b", "c")).isNotEqualTo(FcmTopics.forTenant("a", "b-c"));
        assertThat(FcmTopics.forTenant("ä", "x")).isEqualTo("t.%C3%A4.x").matches("[a-zA-Z0-9\\-_.~%]+");
    }

    @Test
    void theNamespaceTakesItsShareOfFcmsLimit() {
        assertThat(FcmTopics.maxTopicLength("acme")).isEqualTo(900 - "t.acme.".length());
        assertThat(FcmTopics.forTenant("acme", "x".repeat(FcmTopics.maxTopicLength("acme")))).hasSize(FcmTopics.MAX_LENGTH);
    }
}
