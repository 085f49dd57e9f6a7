package dev.seatflow.gateway.commands;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.seatflow.gateway.web.ApiException;
import dev.seatflow.gateway.web.ErrorCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Admission admission = new Admission(3, 2, meters);

    @Test
    void refusesATenantBeyondItsBoundWhileOthersStillGetIn() {
        admission.enter("acme");
        admission.enter("acme");

        assertThatThrownBy(() -> admission.enter("acme")).isInstanceOfSatisfying(ApiException.class, refused -> {
            assertThat(refused.code()).isEqualTo(ErrorCode.OVERLOADED);
            assertThat(refused.retryAfter()).hasSeconds(1);
        });
        admission.enter("globex");
        assertThat(admission.inFlight()).isEqualTo(3);
        assertThat(meters.get("seatflow.gateway.commands.refused").tag("limit", "tenant").counter().count()).isEqualTo(1);
    }

    @Test
    void refusesEveryoneBeyondTheInstanceBoundUntilASlotIsFreed() {
        Admission.Ticket first = admission.enter("acme");
        admission.enter("globex");
        admission.enter("initech");

        assertThatThrownBy(() -> admission.enter("umbrella")).isInstanceOf(ApiException.class);
        first.close();
        admission.enter("umbrella");
        assertThat(meters.get("seatflow.gateway.commands.refused").tag("limit", "instance").counter().count()).isEqualTo(1);
    }

    @Test
    void aSlotClosedTwiceIsFreedOnce() {
        Admission.Ticket ticket = admission.enter("acme");
        admission.enter("acme");

        ticket.close();
        ticket.close();

        assertThat(admission.inFlight()).isEqualTo(1);
        assertThatThrownBy(() -> {
            admission.enter("acme");
            admission.enter("acme");
        }).isInstanceOf(ApiException.class);
        assertThat(meters.get("seatflow.gateway.commands.in_flight").gauge().value()).isEqualTo(2);
    }
}
