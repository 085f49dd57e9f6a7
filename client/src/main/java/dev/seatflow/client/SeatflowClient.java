package dev.seatflow.client;

import dev.seatflow.signing.LicenseVerificationException;
import dev.seatflow.signing.LicenseVerifier;
import dev.seatflow.signing.PublicKeyInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * The Seatflow API for a desktop app: take a floating seat that keeps itself alive, verify its
 * lease offline, give it back.
 *
 * <pre>{@code
 * SeatflowClient client = SeatflowClient.builder(URI.create("https://licenses.example.com/"))
 *         .tokens(() -> firebaseUser.getIdToken())
 *         .build();
 * try (Seat seat = client.acquire(licenseKey, machineId, (s, state, reason) -> ui.show(state))) {
 *     if (seat.license().features().contains("export")) { ... }
 * }
 * }</pre>
 */
public final class SeatflowClient implements AutoCloseable {

    private final Api api;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final List<PublicKeyInfo> pinnedKeys;
    private final Duration clockSkew;
    private volatile LicenseVerifier verifier;

    private SeatflowClient(Builder builder) {
        this.api = new Api(builder.baseUrl, builder.tokens, builder.http, builder.retries);
        this.clock = builder.clock;
        this.pinnedKeys = builder.pinnedKeys;
        this.clockSkew = builder.clockSkew;
        this.verifier = pinnedKeys == null ? null : LicenseVerifier.withKeys(pinnedKeys).allowingClockBehindBy(clockSkew);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "seatflow-heartbeats");
            thread.setDaemon(true);   // never keeps the app alive
            return thread;
        });
    }

    public static Builder builder(URI baseUrl) {
        return new Builder(baseUrl);
    }

    /** Takes a seat of the license for this machine (or gets back the one this user holds on it). */
    public Seat acquire(String licenseKey, String hardwareId) {
        return acquire(licenseKey, hardwareId, (seat, state, reason) -> { });
    }

    /**
     * @throws SeatflowException refused ({@code seats_exhausted}, {@code license_expired}, ...) or
     *     unreachable after the retries; the lease is verified before the seat is handed out
     */
    public Seat acquire(String licenseKey, String hardwareId, SeatListener listener) {
        Map<String, Object> session = api.write("POST", "api/v1/licenses/acquire",
                Map.of("license_key", licenseKey, "hardware_id", hardwareId), UUID.randomUUID().toString());
        UUID id = UUID.fromString((String) session.get("id"));
        VerifiedLicense lease;
        try {
            lease = verifyLease(session.get("signed_license"), id, hardwareId);
        } catch (RuntimeException e) {
            // The seat is taken on the server: give it back rather than hold it until it lapses.
            try {
                release(id);
            } catch (RuntimeException releaseFailed) {
                e.addSuppressed(releaseFailed);
            }
            throw e;
        }
        return new Seat(this, session, lease, listener, scheduler, clock);
    }

    /**
     * Verifies a lease offline and checks that it is this seat's: a lease of another session or
     * machine (or an offline license document) is not, however well signed.
     */
    VerifiedLicense verifyLease(Object signedLease, UUID session, String hardwareId) {
        VerifiedLicense lease = verify(signedLease);
        if (!"lease".equals(lease.type()) || !session.equals(lease.sessionId()) || !hardwareId.equals(lease.hardwareId())) {
            throw new LicenseVerificationException("the lease is not for session " + session + " on " + hardwareId);
        }
        return lease;
    }

    /** Verifies a signed license or lease offline and returns its terms. */
    @SuppressWarnings("unchecked")
    public VerifiedLicense verify(Object signedLicense) {
        if (!(signedLicense instanceof Map<?, ?> document)) {
            throw new LicenseVerificationException("the answer carries no signed license");
        }
        try {
            return VerifiedLicense.of(verifier().verify((Map<String, ?>) document, clock.instant()));
        } catch (LicenseVerificationException e) {
            if (pinnedKeys != null || !e.getMessage().startsWith("unknown key id")) {
                throw e;
            }
            // Keys rotate: fetch them once more before refusing.
            verifier = null;
            return VerifiedLicense.of(verifier().verify((Map<String, ?>) document, clock.instant()));
        }
    }

    /**
     * One heartbeat, one try: the seat's keepalive decides when to try again.
     *
     * @return the renewed lease, verified, when one was asked for
     */
    VerifiedLicense heartbeat(UUID session, String hardwareId, boolean lease) {
        Map<String, Object> answer = api.tryOnce("PATCH", "api/v1/licenses/sessions/" + session + "/heartbeat" + (lease ? "?lease=true" : ""),
                null, UUID.randomUUID().toString());
        return answer.get("signed_license") == null ? null : verifyLease(answer.get("signed_license"), session, hardwareId);
    }

    /** One try: a release that does not get through leaves the seat to lapse by its TTL. */
    void release(UUID session) {
        api.tryOnce("DELETE", "api/v1/licenses/sessions/" + session, null, UUID.randomUUID().toString());
    }

    @SuppressWarnings("unchecked")
    private LicenseVerifier verifier() {
        LicenseVerifier current = verifier;
        if (current == null) {
            Map<String, Object> keys = api.getPublic("api/v1/licenses/public-key");
            current = LicenseVerifier.fromJwks((Map<String, ?>) keys.get("jwks")).allowingClockBehindBy(clockSkew);
            verifier = current;
        }
        return current;
    }

    /** Stops the heartbeat thread; seats not closed lapse on the server after their TTL. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    public static final class Builder {
        private final URI baseUrl;
        private Supplier<String> tokens;
        private HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private RetryPolicy retries = RetryPolicy.defaults();
        private List<PublicKeyInfo> pinnedKeys;
        private Clock clock = Clock.systemUTC();
        private Duration clockSkew = Duration.ofMinutes(5);

        private Builder(URI baseUrl) {
            this.baseUrl = baseUrl;
        }

        /** Where bearer tokens come from; asked again when the API says a token expired. */
        public Builder tokens(Supplier<String> tokens) {
            this.tokens = tokens;
            return this;
        }

        public Builder httpClient(HttpClient http) {
            this.http = http;
            return this;
        }

        public Builder retries(RetryPolicy retries) {
            this.retries = retries;
            return this;
        }

        /** Trust only these keys (shipped with the app) instead of those the server publishes. */
        public Builder pinnedKeys(Collection<PublicKeyInfo> keys) {
            this.pinnedKeys = List.copyOf(keys);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How far behind the server this machine's clock may be for a just-issued lease to verify (5 minutes). */
        public Builder clockSkew(Duration skew) {
            this.clockSkew = skew;
            return this;
        }

        public SeatflowClient build() {
            Objects.requireNonNull(tokens, "tokens");
            return new SeatflowClient(this);
        }
    }
}
