package dev.seatflow.gateway.signing;

import dev.seatflow.signing.LicenseSigner;
import dev.seatflow.signing.PublicKeyInfo;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** The keys that verify signed licenses, as PEM and as a JWKS; during a rotation several are listed. */
@RestController
@Tag(name = "licenses")
public class PublicKeyController {

    private final LicenseSigner signer;

    public PublicKeyController(LicenseSigner signer) {
        this.signer = signer;
    }

    public record PublicKey(String keyId, String algorithm, String pem) {
    }

    public record PublicKeys(String activeKeyId, List<PublicKey> keys, Map<String, Object> jwks) {
    }

    @GetMapping("/api/v1/licenses/public-key")
    @Operation(summary = "Public keys that verify signed licenses (PEM and JWKS); public, no token needed")
    public Mono<PublicKeys> publicKeys() {
        return Mono.fromCallable(() -> {
            List<PublicKeyInfo> keys = signer.publicKeys();
            return new PublicKeys(signer.keyId(),
                    keys.stream().map(key -> new PublicKey(key.keyId(), key.algorithm(), key.pem())).toList(),
                    Map.of("keys", keys.stream().map(PublicKeyInfo::jwk).toList()));
        }).subscribeOn(Schedulers.boundedElastic());
    }
}
