package dev.seatflow.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.common.Role;
import dev.seatflow.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T09:00:00Z"));
    private final VerifiedTokens tokens = new VerifiedTokens(clock);
    private final Caller alice = new Caller("acme", "alice", Role.MEMBER);

    @Test
    void knowsAnAcceptedTokenUntilItExpires() {
        tokens.remember("token-a", alice, clock.instant().plus(Duration.ofMinutes(2)));

        clock.advance(Duration.ofMinutes(2).minusMillis(1));
        assertThat(tokens.caller("token-a")).contains(alice);

        clock.advance(Duration.ofMillis(1));
        assertThat(tokens.caller("token-a")).isEmpty();
    }

    @Test
    void checksATokenAgainAfterTheMaximumAgeEvenIfItIsStillValid() {
        tokens.remember("token-a", alice, clock.instant().plus(Duration.ofHours(1)));

        clock.advance(VerifiedTokens.MAX_AGE.minusSeconds(1));
        assertThat(tokens.caller("token-a")).contains(alice);

        clock.advance(Duration.ofSeconds(1));
        assertThat(tokens.caller("token-a")).isEmpty();
    }

    @Test
    void neverRemembersAnExpiredTokenNorAnotherOne() {
        tokens.remember("token-old", alice, clock.instant());

        assertThat(tokens.caller("token-old")).isEmpty();
        assertThat(tokens.caller("token-never-seen")).isEmpty();
    }

    @Test
    void aRevocationCheckIsDueAfterItsIntervalAndNeverExtendsTheMaximumAge() {
        VerifiedTokens.Verified entry = tokens.remember("token-a", alice, clock.instant().plus(Duration.ofHours(1)));
        assertThat(entry.revocationCheckDue(clock.instant(), Duration.ofSeconds(30))).isTrue();

        clock.advance(VerifiedTokens.MAX_AGE.minusSeconds(10));
        tokens.revocationChecked("token-a", entry, false);
        VerifiedTokens.Verified checked = tokens.entry("token-a").orElseThrow();
        assertThat(checked.revocationCheckDue(clock.instant(), Duration.ofSeconds(30))).isFalse();
        assertThat(checked.revocationCheckDue(clock.instant().plusSeconds(30), Duration.ofSeconds(30))).isTrue();

        // Rewritten by the check, the entry still ends MAX_AGE after the token's verification.
        clock.advance(Duration.ofSeconds(10));
        assertThat(tokens.entry("token-a")).isEmpty();
    }

    @Test
    void remembersWhatFirebaseSaidAboutRevocation() {
        VerifiedTokens.Verified entry = tokens.remember("token-a", alice, clock.instant().plus(Duration.ofHours(1)));
        tokens.revocationChecked("token-a", entry, true);

        assertThat(tokens.entry("token-a")).hasValueSatisfying(known -> assertThat(known.revoked()).isTrue());
    }
}
