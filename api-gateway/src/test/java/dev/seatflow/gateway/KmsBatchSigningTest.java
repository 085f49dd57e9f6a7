package dev.seatflow.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.kms.v1.CryptoKeyVersion.CryptoKeyVersionAlgorithm;
import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.IndependentLicenseCheck;
import dev.seatflow.testkit.RealServices;
import dev.seatflow.testkit.kms.FakeKms;
import io.grpc.Server;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Batch signing end to end: a gateway whose Cloud KMS client (the real one) talks to the test
 * kit's fake KMS over gRPC, a real seat processor deciding every acquire.
 */
@RealServices
@ExtendWith(GatewayPlatformExtension.class)
class KmsBatchSigningTest {

    private static final String VERSION =
            "projects/seatflow/locations/global/keyRings/licenses/cryptoKeys/license-signing/cryptoKeyVersions/1";
    private static final int ACQUIRES = 1000;

    private record Answer(int status, Map<String, Object> body) {
    }

    @Test
    @SuppressWarnings("unchecked")
    void aThousandConcurrentAcquiresCostAtMostAHundredAsymmetricSignCalls(GatewayPlatform platform) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(4096);
        KeyPair key = generator.generateKeyPair();
        FakeKms kms = new FakeKms().add(VERSION, key, CryptoKeyVersionAlgorithm.RSA_SIGN_PKCS1_4096_SHA256);
        String tenant = GatewayPlatform.newTenant();
        new TenantApi(platform, tenant, "olga", Role.OWNER).configure(Map.of("plan", "ENTERPRISE", "max_seats", ACQUIRES));
        String licenseKey = (String) new TenantApi(platform, tenant, "ada", Role.ADMIN).createLicense().get("key");

        Server server = kms.serveOnLoopback();
        ConnectionProvider connections = ConnectionProvider.builder("kms-batch-test").maxConnections(ACQUIRES).build();
        List<Answer> answers;
        try (ConfigurableApplicationContext gateway = GatewayPlatform.startGateway(platform.services(),
                "--seatflow.gateway.reply-partitions=1",
                "--seatflow.gateway.signing.provider=kms",
                "--seatflow.gateway.signing.kms-key-versions=" + VERSION,
                "--seatflow.gateway.signing.kms-endpoint=127.0.0.1:" + server.getPort(),
                "--seatflow.gateway.signing.kms-plaintext=true",
                // A thousand decisions at once take longer than the default wait on a busy machine, and every
                // request then waits for the held first signature: none may give up meanwhile.
                "--seatflow.gateway.decision-timeout=2m",
                "--seatflow.gateway.signing.timeout=3m",
                "--seatflow.gateway.in-flight.max=" + 2 * ACQUIRES,
                "--seatflow.gateway.in-flight.per-tenant=" + 2 * ACQUIRES)) {
            String base = GatewayPlatform.baseUrl(gateway);
            WebClient http = WebClient.builder().baseUrl(base)
                    .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections).responseTimeout(Duration.ofMinutes(3))))
                    .build();
            // AsymmetricSign calls are held until every license waits, whatever the scheduling: the count
            // then depends on the batching rule only (a first license alone, a second call once 256 queue,
            // then the rest by 256: 5 calls).
            kms.holdSignatures();
            AtomicInteger answered = new AtomicInteger();
            CompletableFuture<List<Answer>> all = Flux.range(0, ACQUIRES)
                    .flatMap(i -> http.post().uri("api/v1/licenses/acquire")
                            .header(HttpHeaders.AUTHORIZATION, "Bearer " + platform.token(tenant, "user-" + i, Role.MEMBER))
                            .bodyValue(Map.of("license_key", licenseKey, "hardware_id", "hw-" + i))
                            .exchangeToMono(response -> response.bodyToMono(Map.class)
                                    .map(body -> new Answer(response.statusCode().value(), (Map<String, Object>) body)))
                            .doOnNext(answer -> answered.incrementAndGet()), ACQUIRES)
                    .collectList()
                    .toFuture();
            assertThat(kms.awaitHeldSignature(Duration.ofMinutes(2))).as("a first signature reached the fake KMS").isTrue();
            MeterRegistry meters = gateway.getBean(MeterRegistry.class);
            // Any answer before the release is a failure (none can be signed yet): stop waiting and show it.
            Awaitility.await().atMost(2, TimeUnit.MINUTES).untilAsserted(() -> {
                double waiting = meters.get("seatflow.gateway.signing.waiting").gauge().value();
                assertThat(waiting == ACQUIRES || answered.get() > 0)
                        .as("licenses waiting for a signature: %s; answers: %s", waiting, answered.get()).isTrue();
            });
            kms.releaseSignatures();
            answers = all.get(3, TimeUnit.MINUTES);
        } finally {
            kms.releaseSignatures();
            connections.dispose();
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }

        assertThat(answers).hasSize(ACQUIRES).allSatisfy(answer -> assertThat(answer.status()).as("%s", answer.body()).isEqualTo(201));
        assertThat(kms.signRequests()).hasSizeLessThanOrEqualTo(100);
        for (Answer answer : answers) {
            assertThat(IndependentLicenseCheck.verifies((Map<String, Object>) answer.body().get("signed_license"), key.getPublic()))
                    .isTrue();
        }
    }
}
