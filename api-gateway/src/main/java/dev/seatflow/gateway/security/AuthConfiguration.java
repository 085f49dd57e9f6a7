package dev.seatflow.gateway.security;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.firebase.FirebaseApp;
import com.google.firebase.FirebaseOptions;
import com.google.firebase.auth.FirebaseAuth;
import dev.seatflow.gateway.config.GatewaySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Date;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Identity: firebase-admin verifies every token. Its certificates come from Google in production,
 * from the Firebase Auth emulator when {@code FIREBASE_AUTH_EMULATOR_HOST} is set and
 * {@code seatflow.gateway.auth.emulator=true} (the SDK then skips signature checks, as the
 * emulator's tokens are unsigned), or from the local issuer when
 * {@code seatflow.gateway.auth.local-issuer=true}. Both development modes are asked for by name and
 * log a WARN banner; without either, a project id must be named. {@code seatflow.gateway.auth.endpoint}
 * sends everything firebase-admin asks Google (certificates, user lookups for revocation checks) to
 * a stand-in instead: how tests exercise the real SDK against a fake of Google's endpoints.
 */
@Configuration(proxyBeanMethods = false)
public class AuthConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuthConfiguration.class);
    private static final String EMULATOR_HOST = "FIREBASE_AUTH_EMULATOR_HOST";
    /** A user lookup (the revocation check) that hangs must not hold an admin's request for ever. */
    private static final int FIREBASE_TIMEOUT_MILLIS = 5_000;

    @Bean
    @ConditionalOnProperty(name = "seatflow.gateway.auth.local-issuer", havingValue = "true")
    LocalTokenIssuer localTokenIssuer(GatewaySettings settings) {
        log.warn("LOCAL TOKEN ISSUER ENABLED: POST /dev/tokens mints valid tokens for any tenant. Development only.");
        return LocalTokenIssuer.open(Path.of(settings.auth().localIssuerKeyDir()), settings.auth().acceptedProjectId());
    }

    @Bean(destroyMethod = "delete")
    FirebaseApp firebaseApp(GatewaySettings settings, ObjectProvider<LocalTokenIssuer> localIssuer) {
        FirebaseOptions.Builder options = FirebaseOptions.builder().setProjectId(settings.auth().acceptedProjectId())
                .setConnectTimeout(FIREBASE_TIMEOUT_MILLIS).setReadTimeout(FIREBASE_TIMEOUT_MILLIS);
        LocalTokenIssuer issuer = localIssuer.getIfAvailable();
        String endpoint = settings.auth().endpoint();
        if (issuer != null && !endpoint.isBlank()) {
            throw new IllegalStateException("seatflow.gateway.auth.endpoint and seatflow.gateway.auth.local-issuer exclude each other: "
                    + "the local issuer answers firebase-admin's requests itself");
        }
        String emulatorHost = System.getenv(EMULATOR_HOST);
        if (emulatorHost != null && !settings.auth().emulator()) {
            // The SDK would silently stop checking signatures: refuse unless development mode is asked for.
            throw new IllegalStateException(EMULATOR_HOST + " is set, which makes firebase-admin accept unsigned tokens; "
                    + "set seatflow.gateway.auth.emulator=true to run against the emulator (development only), else unset it");
        }
        if (issuer != null) {
            options.setHttpTransport(new CertificateMapTransport(issuer.certificateMap())).setCredentials(offlineCredentials());
        } else if (!endpoint.isBlank()) {
            log.warn("FIREBASE REQUESTS GO TO {} instead of Google: certificates and user lookups come from there. "
                    + "Development and tests only.", endpoint);
            options.setHttpTransport(RedirectedTransport.to(URI.create(endpoint))).setCredentials(offlineCredentials());
        } else if (emulatorHost != null) {
            log.warn("FIREBASE AUTH EMULATOR at {}: tokens are NOT signature-checked. Development only.", emulatorHost);
            options.setCredentials(offlineCredentials());
        } else {
            options.setCredentials(applicationDefaultCredentials());
        }
        // A name of its own: several gateways may share a JVM (the local launcher, tests).
        return FirebaseApp.initializeApp(options.build(), "seatflow-gateway-" + UUID.randomUUID());
    }

    @Bean
    TokenVerifier tokenVerifier(FirebaseApp app, Clock clock, GatewaySettings settings) {
        return new FirebaseTokenVerifier(FirebaseAuth.getInstance(app), clock, settings.auth().revocationCheckInterval());
    }

    /** Verifying ID tokens needs no Google credentials; the SDK only insists on having some. */
    private static GoogleCredentials offlineCredentials() {
        return GoogleCredentials.create(new AccessToken("offline", new Date(Long.MAX_VALUE)));
    }

    private static GoogleCredentials applicationDefaultCredentials() {
        try {
            return GoogleCredentials.getApplicationDefault();
        } catch (IOException e) {
            throw new UncheckedIOException("no Google application default credentials for Firebase token verification "
                    + "(set them up, or use the local issuer / FIREBASE_AUTH_EMULATOR_HOST in development)", e);
        }
    }
}
