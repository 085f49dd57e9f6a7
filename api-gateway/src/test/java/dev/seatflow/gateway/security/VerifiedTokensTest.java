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
}
