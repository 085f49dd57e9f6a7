package dev.seatflow.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.seatflow.schemas.command.AcquireSeat;
import dev.seatflow.schemas.command.SeatCommand;
import dev.seatflow.schemas.decision.Outcome;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DecisionTracingTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String GATEWAY_SPAN = "00f067aa0ba902b7";

    private final SeatTopologyHarness harness = new SeatTopologyHarness();

    @BeforeEach
    void license() {
        harness.createLicense("acme", "KEY-1");
        harness.newEvents();
        harness.spans.clear();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void theDecisionSpanContinuesTheCommandsTraceAndParentsTheReplyAndEveryEvent() {
        SeatCommand command = harness.command("acme", SeatTopologyHarness.member("alice"), new AcquireSeat("KEY-1", "hw-1"));

        SeatTopologyHarness.Outputs outputs = harness.sendWithHeaders(command, traceparent("00-" + TRACE_ID + "-" + GATEWAY_SPAN + "-01"));

        assertThat(harness.spans).singleElement().satisfies(span -> {
            assertThat(span.getName()).isEqualTo("decide AcquireSeat");
            assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
            assertThat(span.getParentSpanId()).isEqualTo(GATEWAY_SPAN);
            assertThat(span.getAttributes().get(AttributeKey.stringKey("seatflow.tenant_id"))).isEqualTo("acme");
            assertThat(span.getAttributes().get(AttributeKey.stringKey("seatflow.outcome"))).isEqualTo(Outcome.GRANTED.name());
        });
        String expected = "00-" + TRACE_ID + "-" + harness.spans.get(0).getSpanId() + "-01";
        assertThat(outputs.replies()).singleElement().satisfies(reply -> assertThat(traceparentOf(reply)).isEqualTo(expected));
        assertThat(outputs.events()).isNotEmpty().allSatisfy(event -> assertThat(traceparentOf(event)).isEqualTo(expected));
    }

    @Test
    void aMalformedTraceContextStartsANewTraceAndTheCommandIsStillDecided() {
        SeatCommand command = harness.command("acme", SeatTopologyHarness.member("alice"), new AcquireSeat("KEY-1", "hw-1"));

        SeatTopologyHarness.Outputs outputs = harness.sendWithHeaders(command, traceparent("00-not-a-trace"));

        assertThat(outputs.replies()).singleElement().satisfies(reply -> assertThat(reply.value().getOutcome()).isEqualTo(Outcome.GRANTED));
        SpanData span = harness.spans.get(0);
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(traceparentOf(outputs.replies().get(0))).isEqualTo("00-" + span.getTraceId() + "-" + span.getSpanId() + "-01");
    }

    private static Headers traceparent(String value) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("traceparent", value.getBytes(StandardCharsets.US_ASCII));
        return headers;
    }

    private static String traceparentOf(TestRecord<?, ?> record) {
        var header = record.headers().lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }
}
