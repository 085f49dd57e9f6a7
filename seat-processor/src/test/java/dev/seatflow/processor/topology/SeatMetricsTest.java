package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SeatMetricsTest {

    private final SeatTopologyHarness harness = new SeatTopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void countsDecisionsByOutcomeAndReportsLiveSessionsAndStoreSizes() {
        harness.createLicense("acme", "KEY-1");
        harness.acquire("acme", "alice", "KEY-1", "hw-1");
        harness.acquire("acme", "bob", "KEY-1", "hw-2");

        harness.advance(Duration.ofSeconds(16));

        assertThat(harness.meters.get("seatflow.decisions").tag("outcome", "GRANTED").counter().count()).isEqualTo(1);
        assertThat(harness.meters.get("seatflow.decisions").tag("outcome", "SEATS_EXHAUSTED").counter().count()).isEqualTo(1);
        assertThat(harness.meters.get("seatflow.decisions").tag("outcome", "CREATED").counter().count()).isEqualTo(1);
        assertThat(harness.meters.get("seatflow.decision.latency").timer().count()).isEqualTo(3);
        assertThat(harness.meters.get("seatflow.sessions.live").gauge().value()).isEqualTo(1);
        assertThat(harness.meters.get("seatflow.store.entries").tag("store", SeatTopology.SESSIONS_STORE).gauge().value()).isEqualTo(1);
    }
}
