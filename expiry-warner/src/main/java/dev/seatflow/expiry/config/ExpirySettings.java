package dev.seatflow.expiry.config;

import dev.seatflow.expiry.webhook.WebhookAllowList;
import dev.seatflow.expiry.webhook.WebhookTargetPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the expiry warner ({@code seatflow.expiry.*}).
 *
 * @param groupId consumer group of the license view (prefixed with the topic prefix)
 * @param checkInterval pause between scans for due warnings
 * @param defaultThresholds thresholds of tenants that configured none (ISO-8601, e.g. P30D; PT0S = at expiry)
 * @param grace how long after expiry a warning still goes out (a warner that was down still warns,
 *              a long-expired license is not warned about on first start)
 * @param maxAttempts sends of one warning before it is dead-lettered
 * @param giveUpAfter time after the claim after which a warning that still fails is dead-lettered
 * @param lease how long a send in flight keeps its warning from other scans (and other instances)
 * @param batchSize most warnings claimed, sent or recorded per scan step
 * @param consumerMaxBackoff longest pause of the license view while Postgres is unavailable
 * @param delivery how many sends run at once
 */
@Validated
@ConfigurationProperties("seatflow.expiry")
public record ExpirySettings(
        @DefaultValue("seatflow-expiry-warner") @NotBlank String groupId,
        @DefaultValue("30s") @NotNull Duration checkInterval,
        @DefaultValue({"P30D", "P7D", "P1D", "PT0S"}) @NotEmpty List<Duration> defaultThresholds,
        @DefaultValue("1d") @NotNull Duration grace,
        @DefaultValue("50") @Min(1) @Max(1000) int maxAttempts,
        @DefaultValue("24h") @NotNull Duration giveUpAfter,
        @DefaultValue("5m") @NotNull Duration lease,
        @DefaultValue("200") @Min(1) @Max(10_000) int batchSize,
        @DefaultValue("10s") @NotNull Duration consumerMaxBackoff,
        @DefaultValue @Valid Backoff backoff,
        @DefaultValue @Valid Delivery delivery,
        @DefaultValue @Valid Webhook webhook,
        @DefaultValue @Valid Email email,
        @DefaultValue @Valid Fcm fcm) {

    /** Delay before retry n: min(cap, base * 2^(n-1)), half of it random (jitter). */
    public record Backoff(@DefaultValue("30s") @NotNull Duration base, @DefaultValue("1h") @NotNull Duration cap) {
    }

    /**
     * Sends run on a pool of their own, a few per tenant at a time, so that one tenant's slow or
     * black-holed receiver holds at most {@code perTenant} of the pool and others' warnings go on.
     *
     * @param concurrency sends under way at once, all tenants together
     * @param perTenant sends of one tenant under way at once
     */
    public record Delivery(@DefaultValue("16") @Min(1) @Max(256) int concurrency, @DefaultValue("2") @Min(1) @Max(64) int perTenant) {
    }

    /**
     * @param allowInsecure accept http:// webhook URLs (local development and tests only)
     * @param timeout connect and response timeout of one delivery (all of it: connect, TLS, answer)
     * @param allowedHosts internal receivers webhooks may reach nevertheless: address blocks
     *     ({@code 127.0.0.0/8}), addresses or host names; see {@link WebhookAllowList}
     */
    public record Webhook(@DefaultValue("false") boolean allowInsecure, @DefaultValue("10s") @NotNull Duration timeout,
                          @DefaultValue("") List<String> allowedHosts) {

        @AssertTrue(message = "seatflow.expiry.webhook.allowed-hosts entries must be address blocks (10.1.2.0/24), addresses or host names")
        public boolean isAllowedHostsValid() {
            return WebhookAllowList.isValid(allowedHosts);
        }

        /** Which receivers the warner calls, resolving with system DNS. */
        public WebhookTargetPolicy policy() {
            return WebhookTargetPolicy.of(allowInsecure, allowedHosts);
        }
    }

    /** @param from sender of warning e-mails; SMTP itself is {@code spring.mail.*} */
    public record Email(@DefaultValue("Seatflow <no-reply@seatflow.dev>") @NotBlank String from) {
    }

    /**
     * Firebase Cloud Messaging.
     *
     * @param enabled send push warnings (needs a project id and Google application default credentials)
     * @param projectId Firebase project
     * @param endpoint base URL that replaces https://fcm.googleapis.com (a local FCM stand-in); blank in production
     */
    public record Fcm(@DefaultValue("false") boolean enabled, String projectId, String endpoint) {

        @AssertTrue(message = "seatflow.expiry.fcm.project-id must be set when seatflow.expiry.fcm.enabled=true")
        public boolean isProjectIdSetWhenEnabled() {
            return !enabled || (projectId != null && !projectId.isBlank());
        }
    }

    @AssertTrue(message = "seatflow.expiry.default-thresholds must lie between PT0S and P365D")
    public boolean isDefaultThresholdsInRange() {
        return defaultThresholds == null || defaultThresholds.stream().allMatch(t -> !t.isNegative() && t.compareTo(Duration.ofDays(365)) <= 0);
    }

    @AssertTrue(message = "seatflow.expiry durations must be positive (check-interval, lease, give-up-after, backoff)")
    public boolean isDurationsPositive() {
        return positive(checkInterval) && positive(lease) && positive(giveUpAfter) && positive(consumerMaxBackoff)
                && (backoff == null || positive(backoff.base()) && positive(backoff.cap()));
    }

    private static boolean positive(Duration duration) {
        return duration == null || (!duration.isNegative() && !duration.isZero());
    }
}
