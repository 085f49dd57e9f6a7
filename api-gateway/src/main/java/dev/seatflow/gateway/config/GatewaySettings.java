package dev.seatflow.gateway.config;

import dev.seatflow.expiry.webhook.WebhookAllowList;
import dev.seatflow.expiry.webhook.WebhookTargetPolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the gateway ({@code seatflow.gateway.*}).
 *
 * @param replyPartitions partitions of the reply topic this instance reads; every instance needs
 *     its own (see README: running several gateways)
 * @param decisionTimeout how long a request waits for the processor's decision before answering
 *     503 (the command may still be decided: retry with the same Idempotency-Key)
 * @param kafkaSendTimeout how long publishing a command may take before the gateway reports Kafka
 *     unavailable
 * @param heartbeatPath {@code decided}: a heartbeat is answered with the processor's
 *     decision; {@code accepted}: answered once the command is durably in Kafka, after checking the
 *     session in the Redis mirror (see README: Performance, heartbeat path)
 * @param allowInsecureWebhooks accept http:// expiry webhooks (local development only)
 * @param allowedWebhookHosts internal expiry webhook receivers tenants may nevertheless save
 *     (address blocks, addresses or host names; the same rules as the warner's
 *     {@code seatflow.expiry.webhook.allowed-hosts}, see {@link WebhookAllowList}); empty by default
 * @param replyIsolation {@code early}: a request is answered from the processor's reply as soon as
 *     it is written, before its transaction commits (safe because a replay decides the same; see
 *     README: Early replies); {@code committed}: only from committed replies
 * @param inFlight bounds on commands written and not yet answered (admission control)
 * @param clientAddress which proxies may name the client in {@code X-Forwarded-For}
 * @param exports limits on audit exports and chain verifications (their own connection pool)
 */
@Validated
@ConfigurationProperties("seatflow.gateway")
public record GatewaySettings(
        @DefaultValue("0") @NotEmpty List<@NotNull @Min(0) Integer> replyPartitions,
        @DefaultValue("5s") @NotNull Duration decisionTimeout,
        @DefaultValue("3s") @NotNull Duration kafkaSendTimeout,
        @DefaultValue("decided") @NotNull HeartbeatPath heartbeatPath,
        @Valid @DefaultValue Auth auth,
        @Valid @DefaultValue RateLimit rateLimit,
        @Valid @DefaultValue Signing signing,
        @DefaultValue("false") boolean allowInsecureWebhooks,
        @DefaultValue("") List<String> allowedWebhookHosts,
        @DefaultValue("early") @NotNull ReplyIsolation replyIsolation,
        @Valid @DefaultValue InFlight inFlight,
        @Valid @DefaultValue ClientAddress clientAddress,
        @Valid @DefaultValue Exports exports) {

    @AssertTrue(message = "seatflow.gateway.allowed-webhook-hosts entries must be address blocks (10.1.2.0/24), addresses or host names")
    public boolean isAllowedWebhookHostsValid() {
        return WebhookAllowList.isValid(allowedWebhookHosts);
    }

    /** Which expiry webhook receivers tenants may save (checked again by the warner at every send). */
    public WebhookTargetPolicy webhookTargetPolicy() {
        return WebhookTargetPolicy.of(allowInsecureWebhooks, allowedWebhookHosts);
    }

    /**
     * Whose word about the client's address counts (none by default: the socket's peer is the
     * client). See {@code ClientAddresses}.
     *
     * @param trustedProxies address blocks (CIDR) of the proxies in front of the gateway
     * @param trustedHops number of proxies in front of the gateway, each appending to X-Forwarded-For
     */
    public record ClientAddress(
            @DefaultValue("") List<String> trustedProxies,
            @DefaultValue("0") @Min(0) int trustedHops) {
    }

    /**
     * Admission control: beyond either bound a write is answered 503 {@code overloaded} at once,
     * with nothing written. A queue of {@code max} commands waits {@code max} over the processor's
     * decision rate, so the bound also caps the wait of every admitted command under overload.
     *
     * @param max commands this instance has in flight, all tenants together
     * @param perTenant commands one tenant has in flight on this instance
     * @param targetDelay with at least {@code queueFloor} in flight, refuse while even the fastest
     *     answer of an interval took longer than this (a standing queue); 0, the default, keeps the
     *     fixed bounds only (on a machine the load saturates, refusing after the request was read
     *     and authenticated cost more goodput than it saved: README, Performance)
     * @param interval how long an interval of answers is
     * @param queueFloor fewer commands in flight than this are never refused for their delay
     */
    public record InFlight(
            @DefaultValue("1024") @Min(1) int max,
            @DefaultValue("256") @Min(1) int perTenant,
            @DefaultValue("0ms") @NotNull Duration targetDelay,
            @DefaultValue("100ms") @NotNull Duration interval,
            @DefaultValue("64") @Min(1) int queueFloor) {

        public InFlight {
            if (targetDelay.isNegative() || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("seatflow.gateway.in-flight.target-delay must not be negative, and interval must be positive");
            }
        }
    }

    /**
     * Audit exports and chain verifications read a tenant's whole log (or a year of it) for as long
     * as the client takes to download it; on the pool that queries and the readiness check share, a
     * few slow readers would leave them no connection. They get a pool of their own, one at a time
     * per tenant (a second answers 429 {@code export_in_progress}) and {@code poolSize} at a time in
     * all (then 503 {@code exports_busy}), so each always finds its connection at once.
     *
     * @param poolSize connections of the export pool: exports and verifications under way at once
     * @param maxRange longest {@code from}..{@code to} one export may span
     * @param statementTimeout Postgres {@code statement_timeout} on the export pool's connections
     * @param idleTimeout an export connection unused this long is closed
     * @param writeTimeout an export that sends nothing for this long (its client stopped reading)
     *     is cut off, so its connection goes back to the pool
     */
    public record Exports(
            @DefaultValue("2") @Min(1) @Max(50) int poolSize,
            @DefaultValue("366d") @NotNull Duration maxRange,
            @DefaultValue("60s") @NotNull Duration statementTimeout,
            @DefaultValue("60s") @NotNull Duration idleTimeout,
            @DefaultValue("30s") @NotNull Duration writeTimeout) {
    }

    public enum ReplyIsolation {
        /** Answer from a reply as soon as it is written; committed replies confirm each answer. */
        EARLY,
        /** Answer from committed replies only: every answer waits for the processor's commit. */
        COMMITTED
    }

    public enum HeartbeatPath {
        /** Wait for the processor's decision (exact: the answer is the decision). */
        DECIDED,
        /**
         * Answer when the command is written (acks=all) if the mirror shows the caller's live
         * session; the processor still decides it in order. A heartbeat racing a release or lapse
         * by milliseconds may be answered 200 and then refused (audited); the next one gets the 410.
         */
        ACCEPTED
    }

    /**
     * @param projectId Firebase project whose ID tokens are accepted; no default, since any
     *     Google-signed token for a project of that name would be accepted (whoever owns a project
     *     named like the default could mint tokens); with the local issuer, its own name if empty
     * @param localIssuer run a local token issuer (development only): tokens are minted and
     *     verified with a local key, and {@code POST /dev/tokens} is exposed
     * @param localIssuerKeyDir where the local issuer keeps its key
     * @param emulator accept the Firebase Auth emulator's unsigned tokens when
     *     {@code FIREBASE_AUTH_EMULATOR_HOST} is set (development only); without it that variable
     *     stops the gateway from starting instead of silently turning off signature checks
     * @param revocationCheckInterval how long a token that claims owner or admin counts as not
     *     revoked after firebase-admin last asked Firebase (members' tokens are never asked about)
     * @param endpoint base URL that every request firebase-admin makes (Google's certificates, user
     *     lookups) goes to instead of Google, with a fixed access token: an in-test stand-in of
     *     Google's endpoints (development and tests only; not with the local issuer)
     */
    public record Auth(
            @DefaultValue("") String projectId,
            @DefaultValue("false") boolean localIssuer,
            @DefaultValue("${java.io.tmpdir}/seatflow-dev-issuer") String localIssuerKeyDir,
            @DefaultValue("false") boolean emulator,
            @DefaultValue("30s") @NotNull Duration revocationCheckInterval,
            @DefaultValue("") String endpoint) {

        /** The audience of the local issuer's tokens when no project is named. */
        public static final String LOCAL_PROJECT_ID = "seatflow-local";

        /** The project whose tokens are accepted; fails when none is named and the local issuer is off. */
        public String acceptedProjectId() {
            if (!projectId.isBlank()) {
                return projectId;
            }
            if (localIssuer) {
                return LOCAL_PROJECT_ID;
            }
            throw new IllegalStateException("seatflow.gateway.auth.project-id must name the Firebase project whose ID tokens "
                    + "the gateway accepts (there is no default: any project of a default name could mint tokens)");
        }
    }

    /**
     * Token buckets shared by all gateway instances through Redis; while Redis cannot be asked, each
     * instance judges by buckets of its own (see {@code RateLimiter}).
     *
     * @param perTenant requests a tenant may make per period (also the burst)
     * @param perClientIp requests one client IP may make per period, counted before its token is
     *     verified, so that a flood of bad tokens is refused without the signature checks
     * @param redisTimeout longest a request waits for Redis's answer before this instance's own
     *     buckets judge it
     * @param fallbackInstances while Redis is away each instance allows the limits divided by this,
     *     rounded up. 1 (the default) keeps the shared limits on every instance: a client on one
     *     keep-alive connection sees the limit it sees with Redis, one spread over n instances gets
     *     at most n times as much; the replica count keeps the fleet-wide total instead, at the cost
     *     of that client getting a 1/n share
     * @param fallbackMaxBuckets buckets of each kind (client IPs, tenants) an instance keeps while
     *     Redis is away; past that the least recently used is dropped (and comes back full)
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("500") @Min(1) int perTenant,
            @DefaultValue("100") @Min(1) int perClientIp,
            @DefaultValue("1s") @NotNull Duration period,
            @DefaultValue("200ms") @NotNull Duration redisTimeout,
            @DefaultValue("1") @Min(1) int fallbackInstances,
            @DefaultValue("100000") @Min(1) int fallbackMaxBuckets) {
    }

    /**
     * @param provider {@code local} (key files in {@code localKeyDir}) or {@code kms}
     * @param localAlgorithm RSA_4096 or ED25519
     * @param kmsKeyVersions Cloud KMS CryptoKeyVersion names; the first signs, all are published
     * @param kmsEndpoint {@code host:port} of the KMS API; empty for Google's
     * @param kmsPlaintext reach {@code kmsEndpoint} without TLS or credentials (an emulator or a test's fake only)
     * @param batching {@code adaptive}: one signature per batch of licenses (signed_license version 2);
     *                 {@code off}: one signature per license (version 1)
     * @param batchMax licenses per signature at most
     * @param maxInFlight signatures under way at once at most (another starts only when a full batch waits)
     * @param timeout longest a request waits for its license's signature before a 503
     */
    public record Signing(
            @DefaultValue("local") String provider,
            @DefaultValue("RSA_4096") String localAlgorithm,
            @DefaultValue("${java.io.tmpdir}/seatflow-signing") String localKeyDir,
            @DefaultValue("") List<String> kmsKeyVersions,
            @DefaultValue("") String kmsEndpoint,
            @DefaultValue("false") boolean kmsPlaintext,
            @DefaultValue("adaptive") @NotNull Batching batching,
            @DefaultValue("256") @Min(1) int batchMax,
            @DefaultValue("2") @Min(1) int maxInFlight,
            @DefaultValue("10s") @NotNull Duration timeout) {
    }

    public enum Batching {
        ADAPTIVE, OFF
    }
}
