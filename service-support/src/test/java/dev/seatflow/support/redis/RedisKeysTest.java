package dev.seatflow.support.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.cluster.SlotHash;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key layout: one slot per tenant on a Redis Cluster. */
class RedisKeysTest {

    private final RedisKeys keys = new RedisKeys("env:");

    @Test
    void everyKeyOfATenantLiesInTheSlotOfItsHashTag() {
        for (String tenant : List.of("acme", "t-1f3a9c2e", "a}b", "ünï")) {
            List<String> all = List.of(keys.seatCount(tenant), keys.activeSessions(tenant), keys.session(tenant, "s-1"),
                    keys.settings(tenant), keys.licenses(tenant), keys.license(tenant, "l-1"), keys.licensesByCreation(tenant),
                    keys.sessionsByStart(tenant), keys.userSessionsByStart(tenant, "user{x}"), keys.sequence(tenant));
            assertThat(all.stream().map(SlotHash::getSlot).distinct()).as(tenant).hasSize(1);
        }
        assertThat(keys.seatCount("acme")).isEqualTo("env:tenant:{acme}:seat_count");
        assertThat(keys.session("acme", "s-1")).isEqualTo("env:tenant:{acme}:session:s-1");
        assertThat(SlotHash.getSlot(keys.seatCount("acme"))).isNotEqualTo(SlotHash.getSlot(keys.seatCount("hooli")));
    }

    @Test
    void refusesWhatWouldBreakTheHashTag() {
        assertThatThrownBy(() -> new RedisKeys("env{1}:")).hasMessageContaining("must not contain braces");
        assertThatThrownBy(() -> keys.seatCount("")).hasMessageContaining("tenant id is required");
    }

    @Test
    void timeIndexMembersSortByTimeThenId() {
        assertThat(RedisKeys.ordered(1_000, "b")).isLessThan(RedisKeys.ordered(1_000, "c")).isLessThan(RedisKeys.ordered(10_000, "a"));
        assertThat(RedisKeys.idOf(RedisKeys.ordered(42, "7f1c|x"))).isEqualTo("7f1c|x");
    }
}
