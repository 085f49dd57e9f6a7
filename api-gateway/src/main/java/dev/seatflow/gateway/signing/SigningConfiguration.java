package dev.seatflow.gateway.signing;

import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.signing.KeyAlgorithm;
import dev.seatflow.signing.KmsLicenseSigner;
import dev.seatflow.signing.LicenseSigner;
import dev.seatflow.signing.LocalKeySigner;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The license signer: Cloud KMS in production, a local key file (created on first start) otherwise. */
@Configuration(proxyBeanMethods = false)
public class SigningConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SigningConfiguration.class);

    @Bean
    LicenseSigner licenseSigner(GatewaySettings settings) {
        GatewaySettings.Signing signing = settings.signing();
        LicenseSigner signer = switch (signing.provider().toLowerCase(Locale.ROOT)) {
            case "kms" -> {
                if (signing.kmsKeyVersions().isEmpty()) {
                    throw new IllegalStateException("seatflow.gateway.signing.kms-key-versions must name at least one CryptoKeyVersion");
                }
                // A KMS call outliving the requests that wait for it would only hold a batch slot.
                yield KmsLicenseSigner.create(signing.kmsKeyVersions(),
                        new KmsLicenseSigner.Endpoint(signing.kmsEndpoint(), signing.kmsPlaintext()), signing.timeout());
            }
            case "local" -> LocalKeySigner.open(Path.of(signing.localKeyDir()),
                    KeyAlgorithm.valueOf(signing.localAlgorithm().toUpperCase(Locale.ROOT)));
            default -> throw new IllegalStateException("seatflow.gateway.signing.provider must be 'local' or 'kms', not '" + signing.provider() + "'");
        };
        log.info("license signer: {} ({}, key {})", signer.describe(), signer.algorithm(), signer.keyId());
        return signer;
    }
}
