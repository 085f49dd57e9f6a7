package dev.seatflow.gateway.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.gateway.security.Caller;
import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.schemas.common.Role;
import org.junit.jupiter.api.Test;

class CommandIdsTest {

    @Test
    void aRetryWithTheSameKeyIsTheSameCommandAndAnythingElseIsAnother() {
        Caller alice = new Caller("acme", "alice", Role.MEMBER);

        assertThat(CommandIds.of(alice, "acquire", "k-1")).isEqualTo(CommandIds.of(alice, "acquire", "k-1"));
        assertThat(CommandIds.of(alice, "acquire", "k-1").id()).isNotEqualTo(CommandIds.of(alice, "release", "k-1").id())
                .isNotEqualTo(CommandIds.of(new Caller("acme", "bob", Role.MEMBER), "acquire", "k-1").id())
                .isNotEqualTo(CommandIds.of(new Caller("other", "alice", Role.MEMBER), "acquire", "k-1").id());
    }

    @Test
    void aSeparatorInsideAUserIdOrKeyCannotMakeTwoUsersCommandsOne() {
        // Joined with "|" alone, both would read "acme|x|release|acquire|k".
        Caller first = new Caller("acme", "x|release", Role.MEMBER);
        Caller second = new Caller("acme", "x", Role.MEMBER);

        assertThat(CommandIds.of(first, "acquire", "k").id()).isNotEqualTo(CommandIds.of(second, "release", "acquire|k").id());
    }

    @Test
    void aRequestWithoutAKeyGetsOneItCanRetryWith() {
        Caller alice = new Caller("acme", "alice", Role.MEMBER);
        CommandIds.CommandId made = CommandIds.of(alice, "acquire", null);

        assertThat(CommandIds.of(alice, "acquire", made.idempotencyKey())).isEqualTo(made);
        assertThatThrownBy(() -> CommandIds.of(alice, "acquire", "has spaces")).isInstanceOf(ApiException.class);
    }
}
