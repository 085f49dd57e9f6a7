package dev.seatflow.gateway.signing;

import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.signing.CanonicalJson;
import dev.seatflow.signing.LicenseSigner;
import dev.seatflow.signing.Signature;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Signs license payloads without holding an event-loop thread (RSA-4096 costs milliseconds; KMS a round trip). */
@Service
public class LicenseSigning {

    private final LicenseSigner signer;

    public LicenseSigning(LicenseSigner signer) {
        this.signer = signer;
    }

    public Mono<SignedLicense> sign(Map<String, Object> payload) {
        return Mono.fromCallable(() -> {
                    Signature signature = signer.sign(CanonicalJson.canonicalBytes(payload));
                    return new SignedLicense(payload, signature.base64(), signature.algorithm(), signature.keyId());
                })
                .subscribeOn(Schedulers.boundedElastic())
                .onErrorMap(e -> !(e instanceof ApiException), e -> new ApiException(ErrorCode.SIGNING_UNAVAILABLE,
                        "the license could not be signed: " + e.getMessage(), e).retryAfter(Duration.ofSeconds(2)));
    }
}
