package dev.seatflow.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * ID tokens this gateway has verified, with their callers. A desktop app sends the same ID token
 * for up to an hour, a heartbeat every few minutes and more; checking its RSA signature each
 * time was about a twentieth of the gateway's CPU at 500 heartbeats/s. Verifying a Firebase ID
 * token (without the revocation check) reads nothing but the token and Google's public keys, so
 * a token verified once stays valid until its {@code exp}: it is remembered until then, but never
 * longer than {@link #MAX_AGE}, so that a key Google withdraws stops being trusted soon. Only
 * accepted tokens are remembered; a refused one is checked again every time.
 */
final class VerifiedTokens {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final long MAX_ENTRIES = 50_000;

    private record Verified(Caller caller, Instant expiresAt) {
    }

    private final Clock clock;
    private final Cache<String, Verified> cache;

    VerifiedTokens(Clock clock) {
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumSize(MAX_ENTRIES)
                .expireAfterWrite(MAX_AGE)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /** The caller of a token verified earlier that has not expired since. */
    Optional<Caller> caller(String token) {
        Verified verified = cache.getIfPresent(token);
        if (verified == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(verified.expiresAt())) {
            cache.invalidate(token);
            return Optional.empty();
        }
        return Optional.of(verified.caller());
    }

    void remember(String token, Caller caller, Instant expiresAt) {
        if (clock.instant().isBefore(expiresAt)) {
            cache.put(token, new Verified(caller, expiresAt));
        }
    }
}
