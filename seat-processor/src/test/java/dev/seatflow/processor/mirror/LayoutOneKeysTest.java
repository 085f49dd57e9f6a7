package dev.seatflow.processor.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.support.redis.RedisKeys;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Layout 1's key shapes: exactly what its mirror wrote, nothing of layout 2 or of anyone else. */
class LayoutOneKeysTest {

    private final LayoutOneKeys layoutOne = new LayoutOneKeys("env:");
    private final RedisKeys keys = new RedisKeys("env:");

    @Test
    void matchesOnlyTheKeysLayoutOneWrote() {
        assertThat(List.of("env:tenant:acme:seat_count", "env:tenant:acme:license:l-1", "env:tenant:a:b:user_sessions:bob",
                "env:session:7f1c9a2e-0b3d-4c5e-9f60-1a2b3c4d5e6f", "env:seatflow:mirror:offset:events:0",
                "env:seatflow:mirror:indexes")).allMatch(this::isLayoutOne);
        assertThat(List.of(keys.seatCount("acme"), keys.license("acme", "l-1"), keys.session("acme", "s-1"),
                keys.mirrorOffset("events", 0), keys.mirrorLayout(), "env:ratelimit:tenant:acme", "env:session:s-1",
                "env:tenant:acme:cart", "other:tenant:acme:seat_count")).noneMatch(this::isLayoutOne);
    }

    @Test
    void scanPatternsEscapeThePrefixesGlobCharacters() {
        LayoutOneKeys odd = new LayoutOneKeys("a*b?:");
        assertThat(LayoutOneKeys.SHAPES.stream().map(odd::pattern)).containsExactly("a\\*b\\?:tenant:*", "a\\*b\\?:session:*",
                "a\\*b\\?:seatflow:mirror:offset:*", "a\\*b\\?:seatflow:mirror:indexes");
    }

    private boolean isLayoutOne(String key) {
        return LayoutOneKeys.SHAPES.stream().anyMatch(shape -> layoutOne.matches(shape, key));
    }
}
