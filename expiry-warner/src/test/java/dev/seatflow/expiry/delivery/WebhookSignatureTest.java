package dev.seatflow.expiry.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    @Test
    void signsTimestampDotBodyWithHmacSha256AsOpensslDoes() {
        // printf '%s' '1767225600.{"id":"00000000-0000-0000-0000-000000000001"}' | openssl dgst -sha256 -hmac 'whsec-0123456789abcdef'
        byte[] body = "{\"id\":\"00000000-0000-0000-0000-000000000001\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookSignature.header("whsec-0123456789abcdef", 1_767_225_600L, body))
                .isEqualTo("t=1767225600,v1=681ab6528f76eff0070310790995f38954449b79dbd181bcbde1a162f6c6afec");
    }
}
