package dev.seatflow.gateway.signing;

import dev.seatflow.gateway.config.GatewaySettings;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import dev.seatflow.signing.CanonicalJson;
import dev.seatflow.signing.LicenseBatchSigner;
import dev.seatflow.signing.LicenseSigner;
import dev.seatflow.signing.SignedLicense;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Signs licenses without holding an event-loop thread: by default in batches, one signature per
 * batch ({@link LicenseBatchSigner}, signed_license version 2); with batching off, one signature
 * per license (version 1). Either way {@code seatflow.gateway.signing.batch_size} counts signatures
 * (its count) and licenses (its total).
 */
@Service
public class LicenseSigning implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LicenseSigning.class);

    private final LicenseSigner signer;
    private final LicenseBatchSigner batches;
    private final DistributionSummary batchSize;
    private final Duration timeout;

    public LicenseSigning(LicenseSigner signer, GatewaySettings settings, Clock clock, MeterRegistry meters) {
        GatewaySettings.Signing signing = settings.signing();
        this.signer = signer;
        this.timeout = signing.timeout();
        this.batchSize = DistributionSummary.builder("seatflow.gateway.signing.batch_size")
                .description("Licenses per signature (count: signatures made, total: licenses signed)")
                .register(meters);
        this.batches = signing.batching() == GatewaySettings.Batching.OFF ? null
                : new LicenseBatchSigner(signer, new LicenseBatchSigner.Settings(signing.batchMax(), signing.maxInFlight()),
                        clock, batchSize::record);
        if (batches != null) {
            Gauge.builder("seatflow.gateway.signing.waiting", batches, LicenseBatchSigner::waiting)
                    .description("Licenses waiting for their signature (queued or in a batch being signed)")
                    .register(meters);
        }
    }

    public Mono<SignedLicense> sign(Map<String, Object> payload) {
        Mono<SignedLicense> signed = batches != null
                ? Mono.fromFuture(() -> batches.sign(payload))
                : Mono.fromCallable(() -> {
                    SignedLicense license = SignedLicense.single(payload, signer.sign(CanonicalJson.canonicalBytes(payload)));
                    batchSize.record(1);
                    return license;
                }).subscribeOn(Schedulers.boundedElastic());
        return signed.timeout(timeout).onErrorMap(e -> !(e instanceof ApiException), e -> {
            log.warn("a license could not be signed: {}", e.toString());
            return new ApiException(ErrorCode.SIGNING_UNAVAILABLE, "the license could not be signed; retry shortly", e)
                    .retryAfter(Duration.ofSeconds(2));
        });
    }

    @Override
    public void destroy() {
        if (batches != null) {
            batches.close();
        }
    }
}
