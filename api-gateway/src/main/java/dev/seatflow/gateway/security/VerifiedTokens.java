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
 * longer than {@link #MAX_AGE} after its verification, so that a key Google withdraws stops being
 * trusted soon. Only accepted tokens are remembered; a refused one is checked again every time.
 *
 * <p>The revocation check (a call to Firebase per check) has no such shortcut: an entry also
 * says when Firebase last said the token was not revoked, and whether it said it was, so that
 * callers who need the check ask again only after an interval (see {@link FirebaseTokenVerifier}).
 */
final class VerifiedTokens {

    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final long MAX_ENTRIES = 50_000;

    /**
     * @param revocationCheckedAt when Firebase last answered about revocation; null if never asked
     * @param revoked Firebase's last answer: the token is revoked (or its user disabled or deleted)
     */
    record Verified(Caller caller, Instant expiresAt, Instant verifiedAt, Instant revocationCheckedAt, boolean revoked) {

        boolean revocationCheckDue(Instant now, Duration interval) {
            return revocationCheckedAt == null || !now.isBefore(revocationCheckedAt.plus(interval));
        }
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
        return entry(token).map(Verified::caller);
    }

    /** A token verified earlier that has not expired since; its age is checked here too, as a revocation check rewrites the entry. */
    Optional<Verified> entry(String token) {
        Verified verified = cache.getIfPresent(token);
        if (verified == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (!now.isBefore(verified.expiresAt()) || !now.isBefore(verified.verifiedAt().plus(MAX_AGE))) {
            cache.invalidate(token);
            return Optional.empty();
        }
        return Optional.of(verified);
    }

    /** Remembers an accepted token (unless already expired) and returns its entry. */
    Verified remember(String token, Caller caller, Instant expiresAt) {
        Verified verified = new Verified(caller, expiresAt, clock.instant(), null, false);
        if (clock.instant().isBefore(expiresAt)) {
            cache.put(token, verified);
        }
        return verified;
    }

    /** Records Firebase's answer about the token's revocation, now; returns the updated entry. */
    Verified revocationChecked(String token, Verified checked, boolean revoked) {
        Verified updated = new Verified(checked.caller(), checked.expiresAt(), checked.verifiedAt(), clock.instant(), revoked);
        cache.asMap().replace(token, checked, updated);
        return updated;
    }

    Instant now() {
        return clock.instant();
    }
}
